import winston from 'winston';
import 'winston-daily-rotate-file';

// 审计日志按 180 天留存，供集团合规抽查
const auditLogger = winston.createLogger({
  level: 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  defaultMeta: { service: 'dealer-crm', dealerCode: process.env.DEALER_CODE },
  transports: [
    new winston.transports.DailyRotateFile({
      dirname: '/var/log/dealer-crm',
      filename: 'audit-%DATE%.log',
      maxFiles: '180d',
    }),
  ],
});

export const audit = {
  record(action: string, detail: Record<string, unknown>, operatorId?: number): void {
    auditLogger.info(action, { ...detail, operatorId, at: new Date().toISOString() });
  },
};
