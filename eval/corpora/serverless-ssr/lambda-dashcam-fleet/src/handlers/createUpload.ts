import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomUUID } from 'node:crypto';
import { s3, CLIP_BUCKET, logger, getVehicleByDevice, json } from '../lib/aws';

/** Body the dashcam (or the in-vehicle gateway) posts before uploading a clip or still. */
interface DashcamUploadRequest {
  deviceSn: string;
  vin: string;
  plateNo: string;
  eventType: 'HARSH_BRAKE' | 'COLLISION' | 'MANUAL' | 'DMS_ALERT';
  capturedAt: string;
  durationMs: number;
  contentType: 'video/mp4' | 'image/jpeg';
}

const EVENT_TYPES = new Set(['HARSH_BRAKE', 'COLLISION', 'MANUAL', 'DMS_ALERT']);

/** POST /uploads: returns a presigned PUT URL for one clip. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  let request: DashcamUploadRequest;
  try {
    request = JSON.parse(event.body ?? '{}');
  } catch {
    return json(400, { error: 'invalid_json' });
  }
  console.log('presign request', JSON.stringify(request));

  if (!request.deviceSn || !EVENT_TYPES.has(request.eventType)) {
    return json(400, { error: 'invalid_request' });
  }

  const vehicle = await getVehicleByDevice(request.deviceSn);
  if (!vehicle || vehicle.vin !== request.vin) {
    console.warn(`rejecting upload: device ${request.deviceSn} is not paired with ${request.plateNo}`);
    return json(403, { error: 'device_not_paired' });
  }

  const eventId = randomUUID();
  const extension = request.contentType === 'image/jpeg' ? 'jpg' : 'mp4';
  const key = `${vehicle.fleetNo}/${request.capturedAt.slice(0, 10)}/${eventId}.${extension}`;
  const uploadUrl = await getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket: CLIP_BUCKET,
      Key: key,
      ContentType: request.contentType,
      Metadata: { 'device-sn': request.deviceSn, 'event-type': request.eventType },
    }),
    { expiresIn: 300 },
  );

  const vinHash = createHash('sha256').update(vehicle.vin).digest('hex');
  logger.info('upload url issued', { eventId, fleetNo: vehicle.fleetNo, vinHash, eventType: request.eventType });

  return json(200, { eventId, key, uploadUrl, expiresIn: 300 });
};
