import axios from 'axios'
import OSS from 'ali-oss'
import { io } from 'socket.io-client'
import { promises as fs } from 'fs'
import { join } from 'path'
import { createHash } from 'crypto'
import { app } from 'electron'
import log from 'electron-log/main'
import type { FlowStats, Visitor } from '../preload'

export const STORE_CODE = process.env.KIOSK_STORE_CODE ?? 'SH0217'
const CRM_BASE = 'https://crm.example-dealer.com'

const crm = axios.create({ baseURL: CRM_BASE, timeout: 10_000 })

// 客流服务商（按店铺维度统计）
const flowSocket = io('wss://flow.example-vendor.com', {
  path: '/kiosk/ws',
  transports: ['websocket'],
  auth: { storeCode: STORE_CODE, token: process.env.FLOW_TOKEN },
})

const liveOss = new OSS({
  region: 'oss-cn-shanghai',
  bucket: 'showroom-live-wall',
  accessKeyId: process.env.OSS_AK!,
  accessKeySecret: process.env.OSS_SK!,
})

export async function uploadSnapshot(faceSnapshot: string): Promise<void> {
  try {
    await crm.post('/api/showroom/visitors/snapshot', {
      storeCode: STORE_CODE,
      snapshot: faceSnapshot,
      takenAt: Date.now(),
    })
  } catch (err) {
    log.warn('[uploader] snapshot upload failed, queued', (err as Error).message)
    await queueOffline(faceSnapshot)
  }
}

// 断网时先落盘，网络恢复后补传
async function queueOffline(faceSnapshot: string): Promise<void> {
  const dir = join(app.getPath('userData'), 'pending-snapshots')
  await fs.mkdir(dir, { recursive: true })
  const base64 = faceSnapshot.replace(/^data:image\/\w+;base64,/, '')
  await fs.writeFile(join(dir, `${Date.now()}.jpg`), Buffer.from(base64, 'base64'))
}

export async function syncVisitor(visitor: Visitor): Promise<{ visitId: string }> {
  const { data } = await crm.post<{ visitId: string }>('/api/showroom/visitors', { ...visitor, storeCode: STORE_CODE })
  return data
}

export function forwardFlowFrame(jpeg: Buffer, ts: number): void {
  flowSocket.emit('frame', { storeCode: STORE_CODE, ts, jpeg })
}

export function reportFrameDigest(jpeg: Buffer, ts: number): void {
  const sha1 = createHash('sha1').update(jpeg).digest('hex')
  flowSocket.emit('frame-digest', { storeCode: STORE_CODE, ts, sha1, size: jpeg.length })
}

export function publishFlowStats(stats: FlowStats): void {
  flowSocket.emit('stats', { storeCode: STORE_CODE, ts: stats.ts, count: stats.count, boxes: stats.boxes })
}

// 本机边缘分析服务（同一台工控机）
export async function analyseOnEdge(jpeg: Buffer): Promise<{ count: number }> {
  const { data } = await axios.post<{ count: number }>('http://127.0.0.1:18080/v1/analyse', jpeg, {
    headers: { 'Content-Type': 'image/jpeg' },
    timeout: 3000,
  })
  return data
}

// 展厅大屏"实时人气"画面：渲染进程已做整图马赛克
export async function publishLiveWall(mosaicJpeg: Buffer): Promise<void> {
  await liveOss.put(`live/${STORE_CODE}.jpg`, mosaicJpeg, { headers: { 'Cache-Control': 'no-cache' } })
}
