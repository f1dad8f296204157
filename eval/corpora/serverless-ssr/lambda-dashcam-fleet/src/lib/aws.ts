import { S3Client } from '@aws-sdk/client-s3';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export const REGION = process.env.AWS_REGION ?? 'ap-southeast-1';
export const CLIP_BUCKET = process.env.CLIP_BUCKET ?? 'fleet-dashcam-clips';
export const ANALYSIS_BUCKET = process.env.ANALYSIS_BUCKET ?? 'fleet-dms-analysis';
export const ENROL_BUCKET = process.env.ENROL_BUCKET ?? 'fleet-driver-enrolment';
export const DRIVER_COLLECTION = process.env.DRIVER_COLLECTION ?? 'fleet-drivers';
export const VEHICLE_TABLE = process.env.VEHICLE_TABLE ?? 'fleet-vehicles';
export const DRIVER_TABLE = process.env.DRIVER_TABLE ?? 'fleet-drivers';
export const DMS_TABLE = process.env.DMS_TABLE ?? 'fleet-dms-events';

export const s3 = new S3Client({ region: REGION });
export const rekognition = new RekognitionClient({ region: REGION });
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: REGION }), {
  marshallOptions: { removeUndefinedValues: true },
});
export const logger = new Logger({ serviceName: 'dashcam-upload' });

export interface Vehicle {
  vin: string;
  plateNo: string;
  fleetNo: string;
  deviceSn: string;
  depotCode: string;
}

export interface Driver {
  driverId: string;
  employeeNo: string;
  fleetNo: string;
  biometricConsentAt?: string;
  biometricConsentRevokedAt?: string;
  rekognitionFaceId?: string;
}

export async function getVehicleByDevice(deviceSn: string): Promise<Vehicle | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: VEHICLE_TABLE, Key: { deviceSn } }));
  return Item as Vehicle | undefined;
}

export async function getDriver(driverId: string): Promise<Driver | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: DRIVER_TABLE, Key: { driverId } }));
  return Item as Driver | undefined;
}

export function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}
