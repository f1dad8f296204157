import { ref, onBeforeUnmount } from 'vue';
import SparkMD5 from 'spark-md5';

interface QualityResult {
  ok: boolean;
  reason?: 'NO_FACE' | 'MULTIPLE_FACES' | 'BLURRY' | 'TOO_DARK';
  score: number;
}

/** Kiosk-side helper: the face-quality SDK runs as a local service on the lobby kiosk itself. */
const LOCAL_QUALITY_URL = 'http://127.0.0.1:18080/face-quality';

function base64ToArrayBuffer(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function useVisitorCamera() {
  const video = ref<HTMLVideoElement | null>(null);
  const error = ref<string | null>(null);
  let stream: MediaStream | null = null;

  async function start(): Promise<void> {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: 640, height: 480 } });
    if (!video.value) return;
    video.value.srcObject = stream;
    await video.value.play();
  }

  function grab(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.width = video.value?.videoWidth ?? 640;
    canvas.height = video.value?.videoHeight ?? 480;
    canvas.getContext('2d')?.drawImage(video.value as HTMLVideoElement, 0, 0);
    return canvas;
  }

  async function checkQuality(canvas: HTMLCanvasElement): Promise<QualityResult> {
    const jpeg = canvas.toDataURL('image/jpeg', 0.85);
    const res = await fetch(LOCAL_QUALITY_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ image: jpeg.split(',')[1] }),
    });
    return (await res.json()) as QualityResult;
  }

  async function notifyFrontDesk(canvas: HTMLCanvasElement, visitorId: number, reason?: string): Promise<void> {
    const { frontDeskWebhook } = useRuntimeConfig().public;
    const snapshot = canvas.toDataURL('image/jpeg', 0.7).split(',')[1];
    const md5 = SparkMD5.ArrayBuffer.hash(base64ToArrayBuffer(snapshot));
    await fetch(frontDeskWebhook, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ msgtype: 'image', image: { base64: snapshot, md5 } }),
    });
    console.warn(`visitor #${visitorId} needs help at the kiosk: ${reason ?? 'unknown'}`);
  }

  async function registerFace(visitorId: number): Promise<boolean> {
    error.value = null;
    const canvas = grab();
    const quality = await checkQuality(canvas);
    if (!quality.ok) {
      await notifyFrontDesk(canvas, visitorId, quality.reason);
      error.value = '人脸照片不合格，请联系前台';
      return false;
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    if (!blob) return false;
    const form = new FormData();
    form.append('face', blob, 'face.jpg');
    await $fetch(`/api/visitors/${visitorId}/face`, { method: 'POST', body: form });
    return true;
  }

  onBeforeUnmount(() => stream?.getTracks().forEach((track) => track.stop()));

  return { video, error, start, registerFace };
}
