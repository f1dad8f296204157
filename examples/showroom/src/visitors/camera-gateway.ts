import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import cv from '@u4/opencv4nodejs';
import axios from 'axios';

const STORE_ID = process.env.STORE_ID ?? 'SH-XH-001';
const entranceRtspUrl = process.env.ENTRANCE_CAMERA_RTSP ?? 'rtsp://192.168.10.21:554/Streaming/Channels/101';
/** The footfall-analytics supplier's cloud (the kind of service in the 2021 XPeng case). */
const FOOTFALL_API = process.env.FOOTFALL_API ?? 'https://api.footfall-insights.example.com';
/** The edge box in the showroom's server cabinet runs the people counter locally. */
const EDGE_ANALYTICS_URL = 'http://127.0.0.1:8090/edge/frames';
const SAMPLE_INTERVAL_MS = 5_000;

/** Samples the entrance camera for visitor counts. */
@Injectable()
export class CameraGateway implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CameraGateway.name);
  private readonly entrance = new cv.VideoCapture(entranceRtspUrl);
  private readonly faceDetector = new cv.CascadeClassifier(cv.HAAR_FRONTALFACE_ALT2);
  private timer: NodeJS.Timeout | undefined;

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sample().catch((error: unknown) => this.logger.warn(`entrance sample failed: ${String(error)}`));
    }, SAMPLE_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.entrance.release();
  }

  async sample(): Promise<void> {
    const frame = this.entrance.read();
    if (frame.empty) return;
    const faces = this.faceDetector.detectMultiScale(frame.bgrToGray()).objects;
    const capturedAt = new Date().toISOString();

    // Counting happens on the edge box next to the camera: the frame stays in the showroom.
    await axios.post(EDGE_ANALYTICS_URL, cv.imencode('.jpg', frame), { headers: { 'Content-Type': 'image/jpeg' } });

    // The supplier's dashboard only needs counts.
    await axios.post(`${FOOTFALL_API}/v2/stores/${STORE_ID}/counts`, { capturedAt, visitors: faces.length });

    if (faces.length > 0) {
      // The supplier's "visitor profile" feature wants the snapshot itself.
      const snapshot = cv.imencode('.jpg', frame).toString('base64');
      await axios.post(`${FOOTFALL_API}/v2/stores/${STORE_ID}/snapshots`, { capturedAt, image: snapshot });
    }
  }
}
