import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import ffmpeg from 'fluent-ffmpeg';
import { pixelateFacesAndPlates, type Detector } from './anonymise.js';

const s3 = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });
const EVIDENCE_BUCKET = process.env.EVIDENCE_BUCKET ?? 'chargehub-idle-evidence';
const OCCUPANCY_BUCKET = process.env.OCCUPANCY_BUCKET ?? 'chargehub-bay-thumbnails';
const API = process.env.CHARGEHUB_API ?? 'https://api.chargehub.example.net/v1';

export function captureBaySnapshot(rtspUrl: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = ffmpeg(rtspUrl)
      .inputOptions(['-rtsp_transport tcp'])
      .frames(1)
      .outputOptions(['-vcodec mjpeg', '-q:v 3'])
      .format('image2pipe')
      .on('error', reject)
      .pipe();
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function uploadIdleEvidence(bayId: string, rtspUrl: string, sessionId: string): Promise<string> {
  const jpeg = await captureBaySnapshot(rtspUrl);
  const key = `${bayId}/${sessionId}/${Date.now()}.jpg`;
  await s3.send(new PutObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: key, Body: jpeg, ContentType: 'image/jpeg' }));
  return key;
}

export async function uploadBayThumbnail(bayId: string, rtspUrl: string, detect: Detector): Promise<void> {
  const jpeg = await captureBaySnapshot(rtspUrl);
  const safe = await pixelateFacesAndPlates(jpeg, detect);
  await s3.send(
    new PutObjectCommand({ Bucket: OCCUPANCY_BUCKET, Key: `${bayId}/latest.jpg`, Body: safe, ContentType: 'image/jpeg' }),
  );
}

export async function reportBayHealth(bayId: string, rtspUrl: string): Promise<void> {
  const started = Date.now();
  const jpeg = await captureBaySnapshot(rtspUrl);
  await fetch(`${API}/bays/${bayId}/camera-health`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bytes: jpeg.length, latencyMs: Date.now() - started, at: new Date().toISOString() }),
  });
}

export async function analyseOnController(bayId: string, rtspUrl: string): Promise<{ occupied: boolean }> {
  const jpeg = await captureBaySnapshot(rtspUrl);
  const res = await fetch(`http://127.0.0.1:9310/occupancy?bay=${encodeURIComponent(bayId)}`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg' },
    body: jpeg,
  });
  return (await res.json()) as { occupied: boolean };
}

export function streamToOperator(bayId: string, rtspUrl: string): ffmpeg.FfmpegCommand {
  const command = ffmpeg(rtspUrl).inputOptions(['-rtsp_transport tcp']).videoCodec('libx264').noAudio();
  command.outputOptions(['-preset veryfast', '-tune zerolatency', '-g 50']).format('flv');
  command.output(`rtmp://live.chargehub.example.net/bays/${bayId}`).run();
  return command;
}
