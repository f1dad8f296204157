import type { S3Event } from 'aws-lambda';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DetectFacesCommand, SearchFacesByImageCommand } from '@aws-sdk/client-rekognition';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHmac } from 'node:crypto';
import {
  s3,
  rekognition,
  ddb,
  logger,
  getVehicleByDevice,
  ANALYSIS_BUCKET,
  DMS_TABLE,
  DRIVER_COLLECTION,
} from '../lib/aws';

const VIN_HMAC_KEY = process.env.VIN_HMAC_KEY ?? '';

/** S3 ObjectCreated on the clip bucket: analyses DMS cabin stills (driver drowsiness / identity). */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    if (!key.endsWith('.jpg')) continue; // video clips are reviewed by the safety team, not analysed

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const cabinFrame = await object.Body!.transformToByteArray();
    const deviceSn = object.Metadata?.['device-sn'] ?? 'unknown';
    const vehicle = await getVehicleByDevice(deviceSn);

    const detected = await rekognition.send(
      new DetectFacesCommand({ Image: { Bytes: cabinFrame }, Attributes: ['ALL'] }),
    );
    const faces = detected.FaceDetails ?? [];

    // Raw Rekognition output (landmarks, pose, bounding boxes) for the DMS model team.
    await s3.send(
      new PutObjectCommand({
        Bucket: ANALYSIS_BUCKET,
        Key: key.replace(/\.jpg$/, '.faces.json'),
        Body: JSON.stringify(faces),
        ContentType: 'application/json',
      }),
    );

    const driverFace = faces[0];
    let matchedDriverId: string | null = null;
    let similarity: number | null = null;
    if (driverFace) {
      const match = await rekognition.send(
        new SearchFacesByImageCommand({
          CollectionId: DRIVER_COLLECTION,
          Image: { Bytes: cabinFrame },
          FaceMatchThreshold: 90,
          MaxFaces: 1,
        }),
      );
      matchedDriverId = match.FaceMatches?.[0]?.Face?.ExternalImageId ?? null;
      similarity = match.FaceMatches?.[0]?.Similarity ?? null;
    }

    await ddb.send(
      new PutCommand({
        TableName: DMS_TABLE,
        Item: {
          eventKey: key,
          fleetNo: vehicle?.fleetNo,
          faceCount: faces.length,
          eyesClosed: driverFace?.EyesOpen?.Value === false,
          eyesConfidence: driverFace?.EyesOpen?.Confidence ?? null,
          matchedDriverId,
          similarity,
          analysedAt: new Date().toISOString(),
          analysedDay: new Date().toISOString().slice(0, 10),
        },
      }),
    );

    const vinRef = vehicle ? createHmac('sha256', VIN_HMAC_KEY).update(vehicle.vin).digest('hex') : null;
    logger.info('cabin frame analysed', { vinRef, faceCount: faces.length, matchedDriverId });
  }
};
