import { Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { IdCardInfo } from '../models';

/** Desktop service of the ID-card reader (runs on the kiosk PC). */
@Injectable({ providedIn: 'root' })
export class IdReaderService {
  private readonly url = 'ws://127.0.0.1:19196/cardreader';

  readCard(timeoutSec = 15): Observable<IdCardInfo> {
    return new Observable<IdCardInfo>((subscriber) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => ws.send(JSON.stringify({ cmd: 'ReadCard', timeout: timeoutSec }));
      ws.onmessage = (ev: MessageEvent<string>) => {
        const msg = JSON.parse(ev.data);
        if (msg.resultFlag !== 0) {
          subscriber.error(new Error(msg.errorMsg || 'card read failed'));
          return;
        }
        const info = msg.resultContent as IdCardInfo;
        console.log('[IdReader] card read', info);
        // kept so that the licence step can be retried without re-reading the card
        sessionStorage.setItem('rk.lastCard', JSON.stringify(info));
        subscriber.next(info);
        subscriber.complete();
      };
      ws.onerror = () => subscriber.error(new Error('card reader not connected'));
      return () => ws.close();
    });
  }
}

export interface Capture {
  canvas: HTMLCanvasElement;
  dataUrl: string;
}

@Injectable({ providedIn: 'root' })
export class CameraService {
  private stream?: MediaStream;

  /** The kiosk has two USB cameras: "Face" above the screen and "Bay" facing the return lane. */
  async start(video: HTMLVideoElement, labelContains: 'Face' | 'Bay'): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const device = devices.find((d) => d.kind === 'videoinput' && d.label.includes(labelContains));
    this.stream = await navigator.mediaDevices.getUserMedia({
      video: { deviceId: device?.deviceId, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    video.srcObject = this.stream;
    await video.play();
  }

  get mediaStream(): MediaStream | undefined {
    return this.stream;
  }

  capture(video: HTMLVideoElement): Capture {
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    return { canvas, dataUrl: canvas.toDataURL('image/jpeg', 0.92) };
  }

  toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('empty canvas'))), 'image/jpeg', 0.9),
    );
  }

  stop(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
  }
}
