import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, ScheduledEvent } from 'aws-lambda';
import { IndexFacesCommand } from '@aws-sdk/client-rekognition';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  rekognition,
  ddb,
  logger,
  getDriver,
  json,
  CLIP_BUCKET,
  ENROL_BUCKET,
  DRIVER_COLLECTION,
  DRIVER_TABLE,
  DMS_TABLE,
} from '../lib/aws';

interface EnrolRequest {
  driverId: string;
  photoKey: string;
}

/** POST /drivers/{driverId}/face: the depot manager enrols a driver from the badge photo booth. */
export const enrol = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const body: EnrolRequest = JSON.parse(event.body ?? '{}');
  const driver = await getDriver(event.pathParameters?.driverId ?? body.driverId);
  if (!driver) return json(404, { error: 'driver_not_found' });
  if (!driver.biometricConsentAt || driver.biometricConsentRevokedAt) {
    return json(403, { error: 'biometric_consent_required' });
  }

  const indexed = await rekognition.send(
    new IndexFacesCommand({
      CollectionId: DRIVER_COLLECTION,
      ExternalImageId: driver.driverId,
      Image: { S3Object: { Bucket: ENROL_BUCKET, Name: body.photoKey } },
      MaxFaces: 1,
      QualityFilter: 'HIGH',
    }),
  );
  const faceId = indexed.FaceRecords?.[0]?.Face?.FaceId;
  if (!faceId) return json(422, { error: 'no_usable_face' });

  await ddb.send(
    new UpdateCommand({
      TableName: DRIVER_TABLE,
      Key: { driverId: driver.driverId },
      UpdateExpression: 'SET rekognitionFaceId = :faceId, enrolledAt = :now',
      ExpressionAttributeValues: { ':faceId': faceId, ':now': new Date().toISOString() },
    }),
  );
  logger.info('driver enrolled', { driverId: driver.driverId, fleetNo: driver.fleetNo });
  return json(201, { driverId: driver.driverId, enrolled: true });
};

/**
 * Nightly (EventBridge schedule): adds yesterday's best-matching cabin still to each driver's face set,
 * so that matching keeps up with glasses, beards and night-time IR images.
 */
export const refreshFromCabin = async (_event: ScheduledEvent): Promise<void> => {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const { Items = [] } = await ddb.send(
    new QueryCommand({
      TableName: DMS_TABLE,
      IndexName: 'byAnalysedDay',
      KeyConditionExpression: 'analysedDay = :day',
      ExpressionAttributeValues: { ':day': day },
    }),
  );

  for (const item of Items) {
    if (!item.matchedDriverId || (item.similarity ?? 0) < 97) continue;
    await rekognition.send(
      new IndexFacesCommand({
        CollectionId: DRIVER_COLLECTION,
        ExternalImageId: item.matchedDriverId,
        Image: { S3Object: { Bucket: CLIP_BUCKET, Name: item.eventKey } },
        MaxFaces: 1,
        QualityFilter: 'HIGH',
      }),
    );
  }
  logger.info('cabin refresh done', { day, candidates: Items.length });
};
