import cv from '@u4/opencv4nodejs';
import mqtt, { MqttClient } from 'mqtt';
import { blurFacesAndPlates } from '../shared/anonymizer';
import { appLogger } from '../shared/logger';
import { captureDashcamFrame } from './dashcam';

const TSP_BROKER_URL = process.env.TSP_BROKER_URL ?? 'mqtts://tsp.example-oem.com:8883';

/**
 * Runs on the demo cars' T-Boxes: road samples for the map team, collision evidence for the insurer, camera
 * health for the service department.
 */
export class TboxUploader {
  private readonly mqttClient: MqttClient;
  private readonly tboxLogger = appLogger.child({ component: 'tbox-uploader' });

  constructor(private readonly vin: string) {
    this.mqttClient = mqtt.connect(TSP_BROKER_URL, { clientId: `tbox-${vin}`, clean: false });
  }

  /** Road-condition sample: faces and plates are blurred on the vehicle first. */
  uploadRoadSample(): void {
    const frame = captureDashcamFrame();
    const anonymised = blurFacesAndPlates(frame);
    this.mqttClient.publish(`vehicles/${this.vin}/road-samples`, cv.imencode('.jpg', anonymised), { qos: 1 });
  }

  /** Collision evidence: the insurer asked for the unedited frame. */
  uploadCollisionEvidence(deltaV: number): void {
    const frame = captureDashcamFrame();
    this.tboxLogger.warn(`collision (delta-v ${deltaV} km/h), uploading evidence for ${this.vin}`);
    this.mqttClient.publish(`vehicles/${this.vin}/collisions`, cv.imencode('.jpg', frame), { qos: 1 });
  }

  /** Camera health: metadata only. */
  publishCameraHealth(): void {
    const frame = captureDashcamFrame();
    const health = { width: frame.cols, height: frame.rows, capturedAt: Date.now() };
    this.mqttClient.publish(`vehicles/${this.vin}/camera-health`, JSON.stringify(health), { qos: 0 });
  }

  close(): void {
    this.mqttClient.end();
  }
}
