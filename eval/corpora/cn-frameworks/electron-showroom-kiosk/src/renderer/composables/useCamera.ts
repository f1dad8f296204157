import { ref, onBeforeUnmount } from 'vue'
import * as faceapi from '@vladmandic/face-api'
import type { KioskApi } from '../../preload'

declare global {
  interface Window {
    kiosk: KioskApi
  }
}

export function useCamera() {
  const video = ref<HTMLVideoElement | null>(null)
  let stream: MediaStream | null = null
  let flowTimer: number | undefined

  async function start(): Promise<void> {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { width: 1280, height: 720, facingMode: 'user' },
      audio: false,
    })
    video.value!.srcObject = stream
    await video.value!.play()
  }

  function stop(): void {
    if (flowTimer) window.clearInterval(flowTimer)
    stream?.getTracks().forEach(t => t.stop())
    stream = null
  }

  function drawFrame(): HTMLCanvasElement {
    const v = video.value!
    const canvas = document.createElement('canvas')
    canvas.width = v.videoWidth
    canvas.height = v.videoHeight
    canvas.getContext('2d')!.drawImage(v, 0, 0)
    return canvas
  }

  function toJpeg(canvas: HTMLCanvasElement, quality = 0.85): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      canvas.toBlob(b => (b ? b.arrayBuffer().then(resolve) : reject(new Error('toBlob failed'))), 'image/jpeg', quality)
    })
  }

  function captureDataUrl(): string {
    return drawFrame().toDataURL('image/jpeg', 0.9)
  }

  function captureJpeg(): Promise<ArrayBuffer> {
    return toJpeg(drawFrame())
  }

  /** 整图马赛克：缩到 32x18 再放大，任何人脸都不可辨认 */
  function captureMosaicJpeg(): Promise<ArrayBuffer> {
    const v = video.value!
    const small = document.createElement('canvas')
    small.width = 32
    small.height = 18
    small.getContext('2d')!.drawImage(v, 0, 0, 32, 18)
    const out = document.createElement('canvas')
    out.width = 640
    out.height = 360
    const ctx = out.getContext('2d')!
    ctx.imageSmoothingEnabled = false
    ctx.drawImage(small, 0, 0, 640, 360)
    return toJpeg(out, 0.7)
  }

  async function takeHighResPhoto(): Promise<ArrayBuffer> {
    const track = stream!.getVideoTracks()[0]
    const capture = new ImageCapture(track)
    const blob = await capture.takePhoto({ imageWidth: 3840, imageHeight: 2160 })
    return blob.arrayBuffer()
  }

  // 空闲时客流统计：本地检测人数，只上报数量和框
  function startFlowCounter(intervalMs = 2000): void {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 320, scoreThreshold: 0.4 })
    flowTimer = window.setInterval(async () => {
      if (!video.value || video.value.readyState < 2) return
      const detections = await faceapi.detectAllFaces(video.value, options)
      const boxes = detections.map(d => [d.box.x, d.box.y, d.box.width, d.box.height] as [number, number, number, number])
      window.kiosk.sendFlowStats({ ts: Date.now(), count: detections.length, boxes })
      window.kiosk.sendFlowFrame(await captureJpeg(), Date.now())
      window.kiosk.publishLiveWall(await captureMosaicJpeg())
    }, intervalMs)
  }

  onBeforeUnmount(stop)

  return { video, start, stop, drawFrame, captureDataUrl, captureJpeg, captureMosaicJpeg, takeHighResPhoto, startFlowCounter }
}
