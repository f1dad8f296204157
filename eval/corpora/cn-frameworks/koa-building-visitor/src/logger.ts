import tracer from 'tracer'
import SLS from '@alicloud/log'

export const logger = tracer.dailyfile({
  root: process.env.LOG_DIR ?? './logs',
  maxLogFiles: 30,
  allLogsFileName: 'visitor',
  format: '{{timestamp}} <{{title}}> {{file}}:{{line}} {{message}}',
  dateformat: 'yyyy-mm-dd HH:MM:ss.L',
  level: process.env.LOG_LEVEL ?? 'info',
})

const sls = new SLS({
  accessKeyId: process.env.SLS_AK!,
  accessKeySecret: process.env.SLS_SK!,
  endpoint: 'cn-shanghai.log.aliyuncs.com',
})

/** 访客审计日志，写入 SLS（物业监管平台要求留存 180 天） */
export async function auditLog(event: string, fields: Record<string, string | number | boolean | undefined>): Promise<void> {
  const content: Record<string, string> = { event }
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) content[k] = String(v)
  }
  try {
    await sls.postLogStoreLogs('tower-visitor', 'audit', {
      logs: [{ timestamp: Math.floor(Date.now() / 1000), content }],
      topic: 'visitor',
      source: process.env.HOSTNAME ?? 'visitor-svc',
    })
  } catch (err) {
    logger.warn('audit log failed: %s', (err as Error).message)
  }
}
