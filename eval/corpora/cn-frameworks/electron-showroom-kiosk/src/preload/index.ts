import { contextBridge, ipcRenderer } from 'electron'

export interface Visitor {
  memberId?: string
  name: string
  mobile: string
  /** 试驾需登记驾驶证号（即身份证号） */
  idCardNo?: string
  /** 置换意向车辆车牌 */
  plateNo?: string
  intentModel: string
}

export interface Member {
  memberId: string
  name: string
}

export interface FlowStats {
  ts: number
  count: number
  boxes: Array<[number, number, number, number]>
}

const api = {
  uploadSnapshot: (faceSnapshot: string) => ipcRenderer.invoke('visitor:snapshot', faceSnapshot),
  checkIn: (visitor: Visitor) => ipcRenderer.invoke('visitor:checkin', visitor),
  enrolMember: (memberId: string, faceJpeg: ArrayBuffer) => ipcRenderer.invoke('member:enrol', memberId, faceJpeg),
  enrolFamily: (primary: Member, family: Member, faceJpeg: ArrayBuffer) =>
    ipcRenderer.invoke('member:enrol-family', primary, family, faceJpeg),
  sendFlowFrame: (jpeg: ArrayBuffer, ts: number) => ipcRenderer.send('flow:frame', jpeg, ts),
  sendFlowStats: (stats: FlowStats) => ipcRenderer.send('flow:stats', stats),
  analyseOnEdge: (jpeg: ArrayBuffer) => ipcRenderer.invoke('edge:analyse', jpeg),
  publishLiveWall: (jpeg: ArrayBuffer) => ipcRenderer.send('live:frame', jpeg),
  deliveryPhoto: (jpeg: ArrayBuffer) => ipcRenderer.invoke('delivery:photo', jpeg),
}

contextBridge.exposeInMainWorld('kiosk', api)

export type KioskApi = typeof api
