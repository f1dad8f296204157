import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'path'
import log from 'electron-log/main'
import type { FlowStats, Member, Visitor } from '../preload'
import {
  analyseOnEdge,
  forwardFlowFrame,
  publishFlowStats,
  publishLiveWall,
  reportFrameDigest,
  syncVisitor,
  uploadSnapshot,
} from './uploader'
import { blurDeliveryPhoto, enrollFamily, enrollMember } from './faceLib'

log.initialize()
log.transports.file.level = 'info'

let flowFrameCounter = 0

function createWindow(): void {
  const win = new BrowserWindow({
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      sandbox: false,
      contextIsolation: true,
    },
  })
  win.webContents.session.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'media'))
  if (process.env.ELECTRON_RENDERER_URL) win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else win.loadFile(join(__dirname, '../renderer/index.html'))
}

ipcMain.handle('visitor:snapshot', async (_e, faceSnapshot: string) => {
  await uploadSnapshot(faceSnapshot)
})

ipcMain.handle('visitor:checkin', async (_e, visitor: Visitor) => {
  log.info('[checkin] visitor registered', visitor)
  const { visitId } = await syncVisitor(visitor)
  log.info('[checkin] visit %s member=%s intent=%s', visitId, visitor.memberId ?? '-', visitor.intentModel)
  return visitId
})

ipcMain.handle('member:enrol', async (_e, memberId: string, faceJpeg: ArrayBuffer) => {
  await enrollMember(memberId, Buffer.from(faceJpeg))
  log.info('[enrol] member %s enrolled', memberId)
})

ipcMain.handle('member:enrol-family', async (_e, primary: Member, family: Member, faceJpeg: ArrayBuffer) => {
  await enrollFamily(primary, family, Buffer.from(faceJpeg))
})

ipcMain.on('flow:frame', (_e, jpeg: ArrayBuffer, ts: number) => {
  const buf = Buffer.from(jpeg)
  flowFrameCounter += 1
  // 每 30 帧抽 1 帧给服务商做模型调优，其余只报摘要
  if (flowFrameCounter % 30 === 0) forwardFlowFrame(buf, ts)
  else reportFrameDigest(buf, ts)
})

ipcMain.on('flow:stats', (_e, stats: FlowStats) => publishFlowStats(stats))

ipcMain.handle('edge:analyse', (_e, jpeg: ArrayBuffer) => analyseOnEdge(Buffer.from(jpeg)))

ipcMain.on('live:frame', (_e, jpeg: ArrayBuffer) => {
  publishLiveWall(Buffer.from(jpeg)).catch(err => log.warn('[live] publish failed', err.message))
})

ipcMain.handle('delivery:photo', (_e, jpeg: ArrayBuffer) => blurDeliveryPhoto(Buffer.from(jpeg)))

app.whenReady().then(createWindow)
app.on('window-all-closed', () => app.quit())
