/**
 * Long-lived AWS IoT Greengrass (v1) Lambda on the in-vehicle gateway.
 * The MCU bridge invokes it on a G-sensor event; it cuts the clip from the front dashcam's RTSP stream,
 * keeps a copy on the gateway's SD card service and uploads the clip to the fleet bucket.
 */
import ffmpeg from 'fluent-ffmpeg';
import { PassThrough } from 'node:stream';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';

const RTSP_URL = process.env.DASHCAM_RTSP ?? 'rtsp://192.168.10.20:554/stream1';
const THING = process.env.AWS_IOT_THING_NAME ?? 'unknown-gateway';
const CLIP_BUCKET = process.env.CLIP_BUCKET ?? 'fleet-dashcam-clips';

const s3 = new S3Client({ region: process.env.AWS_REGION });
const iot = new IoTDataPlaneClient({ region: process.env.AWS_REGION, endpoint: process.env.IOT_DATA_ENDPOINT });

interface GSensorEvent {
  eventType: 'HARSH_BRAKE' | 'COLLISION';
  peakG: number;
  at: string;
  speedKmh: number;
}

function recordClip(seconds: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    out.on('end', () => resolve(Buffer.concat(chunks)));
    ffmpeg(RTSP_URL)
      .inputOptions(['-rtsp_transport tcp'])
      .outputOptions(['-t', String(seconds), '-c:v copy', '-an', '-movflags frag_keyframe+empty_moov'])
      .format('mp4')
      .on('error', reject)
      .pipe(out, { end: true });
  });
}

export const handler = async (event: GSensorEvent): Promise<{ clipKey: string }> => {
  const dashcamClip = await recordClip(event.eventType === 'COLLISION' ? 30 : 15);
  const clipKey = `${THING}/${event.at.slice(0, 10)}/${Date.now()}.mp4`;

  // on-board retention service (SD card), reached over loopback on the gateway
  await fetch('http://127.0.0.1:9010/retain', {
    method: 'POST',
    headers: { 'Content-Type': 'video/mp4', 'X-Clip-Key': clipKey },
    body: dashcamClip,
  });

  await s3.send(new PutObjectCommand({ Bucket: CLIP_BUCKET, Key: clipKey, Body: dashcamClip, ContentType: 'video/mp4' }));

  // the fleet dashboard only needs the event summary; the clip is fetched from S3 on demand
  const summary = { eventType: event.eventType, peakG: event.peakG, speedKmh: event.speedKmh, at: event.at, clipKey, clipBytes: dashcamClip.length };
  await iot.send(new PublishCommand({ topic: `fleet/${THING}/events`, qos: 1, payload: Buffer.from(JSON.stringify(summary)) }));

  return { clipKey };
};
