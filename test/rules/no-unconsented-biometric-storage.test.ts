/**
 * Rule `no-unconsented-biometric-storage` (issue #5): invalid and valid cases as small, real-looking projects
 * (showroom analytics, access-control and compound-gate enrolment, browser enrolment, kiosks, in-cabin driver ID).
 * Each invalid case has one finding; its line is marked `// expect: no-unconsented-biometric-storage` and compared
 * with the scan, together with the message id and, where it matters, what the message says (why the value is
 * biometric, why a check does not count). Cross-file projects live in
 * test/fixtures/no-unconsented-biometric-storage/<case>/. The fixes are applied to the text, which must still
 * parse; after the guard fix the finding must be gone.
 * A case the engine cannot handle yet is marked `knownGap` and runs as an expected failure (`it.fails`), so it is
 * kept (STYLE: mark a known gap, never delete it) and the suite tells when the engine learns it. None is open now.
 * Refs #5.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import { biometricStorageRule } from '../../rules/no-unconsented-biometric-storage/rule';
import type { BiometricStorageMessageId } from '../../rules/no-unconsented-biometric-storage/messages';
import { enclosingListedStatement, innermostNodeContaining } from '../../rules/shared/syntax';
import { expectedLines, findingLines, readFixtureFiles, relativeToScan, scanSources } from '../support/scan-sources';

const RULE = 'no-unconsented-biometric-storage';
const FIXTURES = path.join(__dirname, '..', 'fixtures', RULE);

interface InvalidCase {
  readonly name: string;
  /** Inline project files, or `fixture` for a folder under test/fixtures/no-unconsented-biometric-storage/. */
  readonly files?: Record<string, string>;
  readonly fixture?: string;
  readonly config?: object;
  readonly messageId: BiometricStorageMessageId;
  /** Parts of the English message: why the value is biometric, the store, why a check does not count. */
  readonly mentions?: readonly string[];
  /** Parts of the finding's detail: the legal basis and what to do. */
  readonly details?: readonly string[];
  /** What the engine lacks for this case; the case fails until the engine is fixed. */
  readonly knownGap?: string;
}

interface ValidCase {
  readonly name: string;
  /** Safe because of a consent check: without the rule's guard models the same project must have a finding. */
  readonly guarded?: boolean;
  readonly files?: Record<string, string>;
  readonly fixture?: string;
  readonly config?: object;
  readonly knownGap?: string;
}

type Scan = Awaited<ReturnType<typeof scanSources>>;

const readFixture = (name: string) => readFixtureFiles(path.join(FIXTURES, name));

function filesOf(testCase: { files?: Record<string, string>; fixture?: string }): Record<string, string> {
  if (testCase.fixture !== undefined) return readFixture(testCase.fixture);
  if (testCase.files === undefined) throw new Error('a case needs files or a fixture');
  return testCase.files;
}

async function scanRule(files: Record<string, string>, config?: object): Promise<{ result: Scan; findings: Finding[] }> {
  const result = await scanSources(files, [biometricStorageRule], config);
  const parseErrors = result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.message);
  expect(parseErrors, 'the case parses').toEqual([]);
  return { result, findings: result.findings.filter((finding) => finding.ruleId === RULE) };
}

function ruleLines(result: Scan): string[] {
  return findingLines(result).filter((line) => line.endsWith(` ${RULE}`)).sort();
}


/** Applies a fix's edits (offsets into the analysed text) to the files they touch; returns the new texts. */
function applyFix(result: Scan, files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  const byFile = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const edit of fix.edits) {
    const name = relativeToScan(result, edit.file);
    byFile.set(name, [...(byFile.get(name) ?? []), edit]);
  }
  for (const [name, edits] of byFile) {
    let text = files[name];
    if (text === undefined) throw new Error(`the fix edits ${name}, which is not in the project`);
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    out[name] = text;
  }
  return out;
}

/** Text the fix selects for the user to review (the person's id, the reason placeholder). */
function selectedText(result: Scan, fixed: Record<string, string>, fix: Fix): string | undefined {
  if (!fix.selection) return undefined;
  return fixed[relativeToScan(result, fix.selection.file)]?.slice(fix.selection.start, fix.selection.end);
}

function syntaxErrors(name: string, text: string): string[] {
  const output = ts.transpileModule(text, { fileName: name, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

async function checkInvalid(testCase: InvalidCase): Promise<void> {
  const files = filesOf(testCase);
  const { result, findings } = await scanRule(files, testCase.config);
  expect(ruleLines(result)).toEqual(expectedLines(files));
  expect(findings.map((finding) => finding.messageId)).toEqual([testCase.messageId]);
  for (const part of testCase.mentions ?? []) expect(findings[0]?.message).toContain(part);
  for (const part of testCase.details ?? []) expect(findings[0]?.detail).toContain(part);
}

async function checkValid(testCase: ValidCase): Promise<void> {
  const files = filesOf(testCase);
  const { findings } = await scanRule(files, testCase.config);
  expect(findings.map((finding) => `${finding.range.line}: ${finding.message}`)).toEqual([]);
  expect(expectedLines(files)).toEqual([]);
}
// ─── invalid: biometric sources (one per API family) ──────────────────────────────────────────────────────────

const invalidSources: InvalidCase[] = [
  {
    name: 'face-api.js descriptor from a kiosk photo into Prisma (browser enrolment)',
    files: {
      'src/kiosk/enrol-visitor.ts': `import * as faceapi from 'face-api.js';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function enrolVisitor(visitorId: string, photo: HTMLImageElement): Promise<void> {
  const detection = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();
  if (!detection) return;
  await prisma.faceTemplate.create({ data: { visitorId, descriptor: Array.from(detection.descriptor) } }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face descriptor from face-api.js', 'Prisma write'],
    details: ['PIPL 28, 29'],
  },
  {
    name: '@vladmandic/face-api descriptor with detector options into a JSON file (Node kiosk)',
    files: {
      'src/kiosk/offline-enrolment.ts': `import * as faceapi from '@vladmandic/face-api';
import { writeFile } from 'node:fs/promises';

export async function enrolOffline(memberNo: string, input: faceapi.TNetInput): Promise<void> {
  const result = await faceapi
    .detectSingleFace(input, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.6 }))
    .withFaceLandmarks()
    .withFaceDescriptor();
  if (!result) throw new Error('no face in frame');
  const payload = JSON.stringify({ memberNo, descriptor: Array.from(result.descriptor) });
  await writeFile(\`/var/lib/kiosk/members/\${memberNo}.json\`, payload); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face descriptor from @vladmandic/face-api', 'file write (fs/promises)'],
  },
  {
    name: 'face-api.js computeFaceDescriptor cached in localStorage (dealer web app)',
    files: {
      'src/web/quick-login.ts': `import * as faceapi from 'face-api.js';

export async function rememberFaceForQuickLogin(memberId: string, canvas: HTMLCanvasElement): Promise<void> {
  const descriptor = (await faceapi.computeFaceDescriptor(canvas)) as Float32Array;
  localStorage.setItem(\`quick-login:\${memberId}\`, JSON.stringify(Array.from(descriptor))); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face descriptor from face-api.js', 'localStorage'],
  },
  {
    name: 'face-api.js extractFaces crops kept in IndexedDB through idb (showroom tablet)',
    files: {
      'src/tablet/visit-gallery.ts': `import * as faceapi from 'face-api.js';
import { openDB } from 'idb';

export async function keepVisitCrop(visitId: string, video: HTMLVideoElement): Promise<void> {
  const detection = await faceapi.detectSingleFace(video);
  if (!detection) return;
  const [crop] = await faceapi.extractFaces(video, [detection]);
  const db = await openDB('showroom-tablet', 3);
  await db.put('visit-crops', { visitId, dataUrl: crop.toDataURL('image/jpeg') }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face crops from face-api.js', 'IndexedDB'],
  },
  {
    name: '@vladmandic/human face embedding into Mongoose (in-cabin driver ID)',
    files: {
      'src/cabin/driver-profile.ts': `import Human from '@vladmandic/human';
import mongoose from 'mongoose';

const human = new Human({ face: { enabled: true, description: { enabled: true } } });
const DriverProfile = mongoose.model('DriverProfile', new mongoose.Schema({ vehicleId: String, seat: String, embedding: [Number] }));

export async function rememberDriver(vehicleId: string, cabinFrame: ImageData): Promise<void> {
  const result = await human.detect(cabinFrame);
  const embedding = result.face[0]?.embedding;
  if (!embedding) return;
  await DriverProfile.create({ vehicleId, seat: 'driver', embedding }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face embedding from @vladmandic/human', 'Mongoose'],
  },
  {
    name: 'TensorFlow.js face mesh keypoints into an IndexedDB object store (virtual try-on)',
    files: {
      'src/web/helmet-fitting.ts': `import * as faceLandmarksDetection from '@tensorflow-models/face-landmarks-detection';

export async function saveHeadShape(db: IDBDatabase, fittingId: string, video: HTMLVideoElement): Promise<void> {
  const detector = await faceLandmarksDetection.createDetector(faceLandmarksDetection.SupportedModels.MediaPipeFaceMesh, {
    runtime: 'tfjs',
    refineLandmarks: true,
  });
  const faces = await detector.estimateFaces(video);
  const tx = db.transaction('fittings', 'readwrite');
  tx.objectStore('fittings').put({ fittingId, keypoints: faces[0]?.keypoints }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face mesh (face geometry) from TensorFlow.js', 'IndexedDB object store write'],
  },
  {
    name: 'MediaPipe FaceLandmarker landmarks in sessionStorage (cabin camera calibration)',
    files: {
      'src/cabin/calibration.ts': `import { FaceLandmarker, FilesetResolver } from '@mediapipe/tasks-vision';

export async function calibrateCabinCamera(video: HTMLVideoElement): Promise<void> {
  const vision = await FilesetResolver.forVisionTasks('/wasm');
  const landmarker = await FaceLandmarker.createFromOptions(vision, {
    baseOptions: { modelAssetPath: '/models/face_landmarker.task' },
    runningMode: 'VIDEO',
  });
  const result = landmarker.detectForVideo(video, performance.now());
  sessionStorage.setItem('driver-face-landmarks', JSON.stringify(result.faceLandmarks)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face landmarks from MediaPipe', 'sessionStorage'],
  },
  {
    name: 'Baidu AI face detection result kept in Redis (residential compound gate)',
    files: {
      'src/gate/recognition-cache.js': `const AipFace = require('baidu-aip-sdk').face;
const Redis = require('ioredis');

const client = new AipFace(process.env.BAIDU_APP_ID, process.env.BAIDU_API_KEY, process.env.BAIDU_SECRET_KEY);
const redis = new Redis(process.env.REDIS_URL);

async function recogniseAtGate(gateId, snapshotBase64) {
  const detected = await client.detect(snapshotBase64, 'BASE64', { face_field: 'quality' });
  const face = detected.result.face_list[0];
  await redis.set(\`gate:\${gateId}:last\`, JSON.stringify(face), 'EX', 600); // expect: ${RULE}
}

module.exports = { recogniseAtGate };
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face data from Baidu AI', 'Redis write (ioredis)'],
  },
  {
    name: 'Tencent Cloud IAI search result persisted with TypeORM (access-control audit)',
    files: {
      'src/access/door-events.ts': `import * as tencentcloud from 'tencentcloud-sdk-nodejs';
import { DataSource } from 'typeorm';

const IaiClient = tencentcloud.iai.v20200303.Client;
const iai = new IaiClient({ credential: { secretId: process.env.TC_ID, secretKey: process.env.TC_KEY }, region: 'ap-shanghai' });
export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function recordDoorEvent(doorId: string, snapshotBase64: string): Promise<void> {
  const response = await iai.SearchFaces({ GroupIds: ['hq-staff'], Image: snapshotBase64, MaxFaceNum: 1 });
  await dataSource.getRepository('DoorEvent').save({ doorId, candidates: response.Results }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face data from Tencent Cloud IAI', 'TypeORM repository write'],
  },
  {
    name: 'Alibaba Cloud facebody recognizeFace result in MongoDB (showroom footfall)',
    files: {
      'src/showroom/footfall.ts': `import Facebody, * as $Facebody from '@alicloud/facebody20191230';
import { MongoClient } from 'mongodb';

const facebody = new Facebody({ accessKeyId: process.env.ALI_AK, accessKeySecret: process.env.ALI_SK, endpoint: 'facebody.cn-shanghai.aliyuncs.com' });
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');

export async function countVisitor(storeId: string, frameUrl: string): Promise<void> {
  const response = await facebody.recognizeFace(new $Facebody.RecognizeFaceRequest({ imageURL: frameUrl, age: true, gender: true }));
  await mongo.db('showroom').collection('visits').insertOne({ storeId, faces: response.body.data }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face data from Alibaba Cloud facebody', 'MongoDB collection write'],
  },
  {
    name: 'Azure Face (legacy SDK) detection with face IDs and landmarks written to a file',
    files: {
      'src/access/visitor-badge.ts': `import { FaceClient } from '@azure/cognitiveservices-face';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { writeFileSync } from 'fs';

const face = new FaceClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': process.env.FACE_KEY } }), process.env.FACE_ENDPOINT!);

export async function printVisitorBadge(badgeNo: string, photoUrl: string): Promise<void> {
  const detected = await face.face.detectWithUrl(photoUrl, { returnFaceId: true, returnFaceLandmarks: true });
  writeFileSync(\`/srv/badges/\${badgeNo}.json\`, JSON.stringify(detected)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face IDs and landmarks from Azure Face', 'file write (fs)'],
  },
  {
    name: 'Amazon Rekognition (SDK v2) face matches kept with each turnstile passage (Sequelize)',
    files: {
      'src/access/turnstile.ts': `import AWS from 'aws-sdk';
import { Sequelize, DataTypes } from 'sequelize';

const rekognition = new AWS.Rekognition({ region: 'eu-central-1' });
const sequelize = new Sequelize(process.env.DATABASE_URL!);
const Passage = sequelize.define('Passage', { turnstileId: DataTypes.STRING, matches: DataTypes.JSON });

export async function recordPassage(turnstileId: string, frame: Buffer): Promise<void> {
  const search = await rekognition.searchFacesByImage({ CollectionId: 'plant-staff', Image: { Bytes: frame }, MaxFaces: 1 }).promise();
  await Passage.create({ turnstileId, matches: search.FaceMatches }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face data from Amazon Rekognition', 'Sequelize model write'],
  },
  {
    name: 'fingerprint template from a reader SDK configured as a user model (kiosk)',
    config: {
      models: {
        [RULE]: {
          sources: [{ kind: 'api', module: '@acme/fingerprint-reader', path: 'Reader.new().capture', description: 'fingerprint template from the kiosk reader' }],
        },
      },
    },
    files: {
      'src/kiosk/key-handover.ts': `import { Reader } from '@acme/fingerprint-reader';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const reader = new Reader({ port: '/dev/ttyUSB0' });

export async function registerKeyPickup(customerId: string): Promise<void> {
  const scan = await reader.capture({ timeoutMs: 8000 });
  await prisma.keyPickup.create({ data: { customerId, scan } }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['fingerprint template from the kiosk reader'],
  },
  {
    name: 'Rekognition SDK v3 DetectFaces landmarks written to a JSON file (the command object is the source)',
    files: {
      'src/showroom/visit-analytics.ts': `import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { writeFile } from 'node:fs/promises';

const rekognition = new RekognitionClient({ region: 'eu-central-1' });

export async function analyseVisit(visitId: string, frame: Uint8Array): Promise<void> {
  const response = await rekognition.send(new DetectFacesCommand({ Image: { Bytes: frame }, Attributes: ['ALL'] }));
  await writeFile(\`/data/visits/\${visitId}.json\`, JSON.stringify(response.FaceDetails)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['face data from Amazon Rekognition', 'file write (fs/promises)'],
  },
];

// ─── invalid: biometric names (English and pinyin) ────────────────────────────────────────────────────────────

const invalidNames: InvalidCase[] = [
  {
    name: 'faceSnapshot from a showroom camera uploaded to S3 (the 2021 customer-flow case)',
    files: {
      'src/showroom/customer-flow.ts': `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: 'cn-north-1' });

export async function archiveEntrance(storeId: string, cameraId: string, faceSnapshot: Buffer): Promise<void> {
  const key = \`\${storeId}/\${cameraId}/\${Date.now()}.jpg\`;
  await s3.send(new PutObjectCommand({ Bucket: 'store-traffic', Key: key, Body: faceSnapshot, ContentType: 'image/jpeg' })); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["face image, named 'faceSnapshot'", 'Amazon S3 PutObject'],
  },
  {
    name: 'faceImage uploaded to Aliyun OSS (after-sales reception)',
    files: {
      'src/aftersales/reception-photo.ts': `import OSS from 'ali-oss';

const oss = new OSS({ region: 'oss-cn-shanghai', bucket: 'aftersales', accessKeyId: process.env.OSS_AK!, accessKeySecret: process.env.OSS_SK! });

export async function keepReceptionPhoto(repairOrderNo: string, faceImage: Buffer): Promise<string> {
  const stored = await oss.put(\`reception/\${repairOrderNo}.jpg\`, faceImage); // expect: ${RULE}
  return stored.name;
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImage'", 'Alibaba Cloud OSS upload'],
  },
  {
    name: 'facePhoto uploaded to Tencent COS (test-drive check-in)',
    files: {
      'src/test-drive/check-in.ts': `import COS from 'cos-nodejs-sdk-v5';

const cos = new COS({ SecretId: process.env.COS_ID, SecretKey: process.env.COS_KEY });

export function uploadCheckInPhoto(bookingNo: string, facePhoto: Buffer): Promise<unknown> {
  return cos.putObject({
    Bucket: 'test-drive-1250000000',
    Region: 'ap-guangzhou',
    Key: \`check-in/\${bookingNo}.jpg\`,
    Body: facePhoto, // expect: ${RULE}
  });
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePhoto'", 'Tencent Cloud COS upload'],
  },
  {
    name: 'faceCrop stored in MinIO (on-premise smart-building server)',
    files: {
      'src/building/lobby-archive.ts': `import * as Minio from 'minio';

const minio = new Minio.Client({ endPoint: 'minio.local', port: 9000, useSSL: false, accessKey: 'lobby', secretKey: process.env.MINIO_SECRET! });

export async function archiveLobbyCrop(floor: number, faceCrop: Buffer): Promise<void> {
  await minio.putObject('lobby-crops', \`floor-\${floor}/\${Date.now()}.jpg\`, faceCrop, faceCrop.length); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceCrop'", 'MinIO upload'],
  },
  {
    name: 'faceEmbedding saved to Google Cloud Storage (fleet driver app)',
    files: {
      'src/fleet/driver-enrolment.ts': `import { Storage } from '@google-cloud/storage';

const storage = new Storage();

export async function backupDriverEmbedding(driverId: string, faceEmbedding: number[]): Promise<void> {
  await storage.bucket('fleet-drivers').file(\`\${driverId}/face.json\`).save(JSON.stringify(faceEmbedding)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceEmbedding'", 'Google Cloud Storage upload'],
  },
  {
    name: 'faceTemplate uploaded to Azure Blob Storage (campus access control)',
    files: {
      'src/access/template-backup.ts': `import { BlobServiceClient } from '@azure/storage-blob';

const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);

export async function backupTemplate(employeeNo: string, faceTemplate: Uint8Array): Promise<void> {
  const blob = blobs.getContainerClient('templates').getBlockBlobClient(\`\${employeeNo}.bin\`);
  await blob.uploadData(faceTemplate); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceTemplate'", 'Azure Blob Storage upload'],
  },
  {
    name: 'faceFeature inserted with knex (dealer CRM)',
    files: {
      'src/crm/vip-recognition.ts': `import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function addVipFeature(customerId: string, faceFeature: number[]): Promise<void> {
  await db('vip_faces').insert({ customer_id: customerId, feature: JSON.stringify(faceFeature) }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceFeature'", 'knex insert/update'],
  },
  {
    name: 'faceVector in a pg INSERT (showroom re-identification)',
    files: {
      'src/showroom/reid-store.ts': `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function storeVector(visitId: string, faceVector: number[]): Promise<void> {
  await pool.query('INSERT INTO visit_vectors (visit_id, vector) VALUES ($1, $2)', [visitId, faceVector]); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceVector'", 'PostgreSQL INSERT/UPDATE (pg)'],
  },
  {
    name: 'voiceprint in a mysql2 UPDATE (in-cabin voice assistant)',
    files: {
      'src/cabin/voice-profile.ts': `import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db.internal', user: 'ivi', database: 'profiles' });

export async function updateVoiceProfile(accountId: string, voiceprint: Buffer): Promise<void> {
  await pool.execute('UPDATE voice_profiles SET voiceprint = ? WHERE account_id = ?', [voiceprint, accountId]); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'voiceprint'", 'MySQL INSERT/UPDATE (mysql2/promise)'],
  },
  {
    name: 'fingerprintTemplate in better-sqlite3 (offline key cabinet)',
    files: {
      'src/kiosk/key-cabinet.ts': `import Database from 'better-sqlite3';

const db = new Database('/var/lib/key-cabinet/cabinet.db');

export function enrolTechnician(technicianNo: string, fingerprintTemplate: Buffer): void {
  db.prepare('INSERT INTO technicians (no, template) VALUES (?, ?)').run(technicianNo, fingerprintTemplate); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["fingerprint template, named 'fingerprintTemplate'", 'SQLite statement run (better-sqlite3)'],
  },
  {
    name: 'irisCode written to a file (high-security parts store)',
    files: {
      'src/warehouse/iris-enrolment.ts': `import * as fs from 'fs';

export function enrolStorekeeper(staffNo: string, irisCode: Uint8Array): void {
  fs.writeFileSync(\`/secure/iris/\${staffNo}.iris\`, irisCode); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["iris code or image, named 'irisCode'"],
  },
  {
    name: 'palmVein template in Redis (smart-building lift access)',
    files: {
      'src/building/lift-access.ts': `import { createClient } from 'redis';

const redis = createClient({ url: process.env.REDIS_URL });

export async function cachePalmVein(residentId: string, palmVeinTemplate: string): Promise<void> {
  await redis.hSet(\`resident:\${residentId}\`, 'palm', palmVeinTemplate); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["palm print or palm vein template, named 'palmVeinTemplate'", 'Redis write'],
  },
  {
    name: 'pinyin rlzp (人脸照片) in WeChat mini-program storage (property app)',
    files: {
      'src/miniprogram/owner-face.ts': `export function cacheOwnerFace(yezhuId: string, rlzp: string): void {
  wx.setStorageSync(\`rlzp_\${yezhuId}\`, rlzp); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'rlzp'", 'WeChat mini-program storage'],
  },
  {
    name: 'pinyin zhiwen (指纹) and renlian tezheng via Sequelize (gate console, CommonJS)',
    files: {
      'src/gate/owner-register.js': `const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Yezhu = sequelize.define('Yezhu', { fangjianHao: DataTypes.STRING, zhiwenMoban: DataTypes.BLOB });

async function dengjiZhiwen(fangjianHao, zhiwenMoban) {
  await Yezhu.create({ fangjianHao, zhiwenMoban }); // expect: ${RULE}
}

module.exports = { dengjiZhiwen };
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'zhiwenMoban'"],
  },
  {
    name: 'face image in the Cache API (PWA for the sales floor)',
    files: {
      'src/pwa/offline-faces.ts': `export async function cacheGreetingPhoto(customerId: string, faceImageBlob: Blob): Promise<void> {
  const cache = await caches.open('greeting-photos');
  await cache.put(\`/greeting/\${customerId}.jpg\`, new Response(faceImageBlob)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImageBlob'", 'Cache Storage'],
  },
  {
    name: 'a TypeORM Active Record entity that saves itself (after-sales face check-in)',
    files: {
      'src/aftersales/check-in.entity.ts': `import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class CheckIn extends BaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() repairOrderNo!: string;
  @Column('bytea') photo!: Buffer;
}

export async function checkInWithFace(repairOrderNo: string, facePhoto: Buffer): Promise<void> {
  const checkIn = new CheckIn();
  checkIn.repairOrderNo = repairOrderNo;
  checkIn.photo = facePhoto;
  await checkIn.save(); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePhoto'", 'TypeORM Active Record save'],
  },
  {
    name: 'a whole entity whose type declares a face embedding, saved through a repository',
    files: {
      'src/cabin/driver-profile.store.ts': `import type { Collection } from 'mongodb';

export interface DriverProfile {
  vehicleId: string;
  displayName: string;
  seatPosition: number;
  faceEmbedding: number[];
}

export class DriverProfileStore {
  constructor(private readonly profiles: Collection<DriverProfile>) {}

  async saveProfile(profile: DriverProfile): Promise<void> {
    await this.profiles.insertOne(profile); // expect: ${RULE}
  }
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["field 'faceEmbedding' of 'DriverProfile'"],
  },
];
// ─── invalid: enrolment into a cloud face library (the provider keeps the face vector) ───────────────────────

const invalidEnrolment: InvalidCase[] = [
  {
    name: 'Rekognition IndexFacesCommand (SDK v3) for staff badges',
    files: {
      'src/access/badge-enrolment.ts': `import { IndexFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';

const rekognition = new RekognitionClient({ region: 'eu-central-1' });

export async function enrolEmployee(employeeId: string, faceImage: Uint8Array): Promise<string | undefined> {
  const response = await rekognition.send(
    new IndexFacesCommand({ CollectionId: 'plant-badges', ExternalImageId: employeeId, Image: { Bytes: faceImage } }), // expect: ${RULE}
  );
  return response.FaceRecords?.[0]?.Face?.FaceId;
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImage'", 'Amazon Rekognition IndexFaces (stores face vectors)'],
  },
  {
    name: 'Rekognition indexFaces (SDK v2) from a kiosk snapshot named as a face photo',
    files: {
      'src/kiosk/member-enrolment.js': `const AWS = require('aws-sdk');

const rekognition = new AWS.Rekognition({ region: 'us-east-1' });

async function enrolMember(memberNo, facePhoto) {
  await rekognition
    .indexFaces({ CollectionId: 'dealer-members', ExternalImageId: memberNo, Image: { Bytes: facePhoto } }) // expect: ${RULE}
    .promise();
}

module.exports = { enrolMember };
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePhoto'", 'Amazon Rekognition IndexFaces'],
  },
  {
    name: 'Baidu addUser: the compound makes face enrolment the only way in',
    files: {
      'src/gate/resident-enrolment.js': `const AipFace = require('baidu-aip-sdk').face;

const client = new AipFace(process.env.BAIDU_APP_ID, process.env.BAIDU_API_KEY, process.env.BAIDU_SECRET_KEY);

async function registerResident(residentId, buildingNo, faceBase64) {
  const result = await client.addUser(faceBase64, 'BASE64', \`building_\${buildingNo}\`, residentId); // expect: ${RULE}
  return result.error_code === 0;
}

module.exports = { registerResident };
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceBase64'", 'Baidu AI face library (addUser)'],
  },
  {
    name: 'Tencent CreatePerson for a compound owner',
    files: {
      'src/gate/owner-enrolment.ts': `import * as tencentcloud from 'tencentcloud-sdk-nodejs-iai';

const IaiClient = tencentcloud.iai.v20200303.Client;
const iai = new IaiClient({ credential: { secretId: process.env.TC_ID, secretKey: process.env.TC_KEY }, region: 'ap-shanghai' });

export async function enrolOwner(ownerId: string, ownerName: string, facePicBase64: string): Promise<void> {
  await iai.CreatePerson({ GroupId: 'sunny-garden', PersonId: ownerId, PersonName: ownerName, Image: facePicBase64 }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePicBase64'", 'Tencent Cloud IAI person library (CreatePerson/CreateFace)'],
  },
  {
    name: 'Tencent CreateFace adds more photos to an existing person',
    files: {
      'src/gate/add-photos.ts': `import * as tencentcloud from 'tencentcloud-sdk-nodejs';

const iai = new tencentcloud.iai.v20200303.Client({ credential: { secretId: process.env.TC_ID, secretKey: process.env.TC_KEY }, region: 'ap-beijing' });

export async function addOwnerPhotos(ownerId: string, faceImages: string[]): Promise<void> {
  await iai.CreateFace({ PersonId: ownerId, Images: faceImages }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImages'", 'CreatePerson/CreateFace'],
  },
  {
    name: 'Aliyun facebody addFace for the VIP face database',
    files: {
      'src/showroom/vip-enrolment.ts': `import Facebody, * as $Facebody from '@alicloud/facebody20191230';

const facebody = new Facebody({ accessKeyId: process.env.ALI_AK, accessKeySecret: process.env.ALI_SK, endpoint: 'facebody.cn-shanghai.aliyuncs.com' });

export async function addVipFace(customerId: string, faceImageUrl: string): Promise<void> {
  await facebody.addFace(new $Facebody.AddFaceRequest({ dbName: 'vip', entityId: customerId, imageUrl: faceImageUrl })); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImageUrl'", 'Alibaba Cloud facebody AddFace'],
  },
  {
    name: 'Azure Face (legacy SDK) personGroupPerson.addFaceFromStream with the uploaded photo',
    files: {
      'src/access/azure-enrolment.ts': `import { FaceClient } from '@azure/cognitiveservices-face';
import { ApiKeyCredentials } from '@azure/ms-rest-js';

const client = new FaceClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': process.env.FACE_KEY } }), process.env.FACE_ENDPOINT!);

export async function enrolContractor(personId: string, facePhoto: Buffer): Promise<void> {
  await client.personGroupPerson.addFaceFromStream('contractors', personId, facePhoto, { detectionModel: 'detection_03' }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePhoto'", 'Azure Face persisted face'],
  },
  {
    name: 'Azure Face (legacy SDK) faceList.addFaceFromUrl for a VIP list',
    files: {
      'src/showroom/azure-vip-list.ts': `import { FaceClient } from '@azure/cognitiveservices-face';
import { ApiKeyCredentials } from '@azure/ms-rest-js';

const client = new FaceClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': process.env.FACE_KEY } }), process.env.FACE_ENDPOINT!);

export async function addVip(customerId: string, faceImageUrl: string): Promise<void> {
  await client.faceList.addFaceFromUrl('vip-customers', faceImageUrl, { userData: customerId }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImageUrl'", 'Azure Face list persisted face'],
  },
  {
    name: 'Face++ faceset/addface by URL with a face token',
    files: {
      'src/showroom/facepp-enrolment.ts': `import axios from 'axios';

const FACESET_ADD = 'https://api-cn.faceplusplus.com/facepp/v3/faceset/addface';

export async function addToFaceset(facesetToken: string, faceToken: string): Promise<void> {
  const form = new URLSearchParams({ api_key: process.env.FACEPP_KEY!, api_secret: process.env.FACEPP_SECRET!, faceset_token: facesetToken, face_tokens: faceToken });
  await axios.post(FACESET_ADD, form); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceToken'", 'Face++ faceset/addface'],
  },
];

// ─── invalid: checks that do not count ────────────────────────────────────────────────────────────────────────

const customerType = `export interface ShowroomCustomer {
  id: string;
  name: string;
  agreedPrivacyPolicy: boolean;
  faceConsent?: boolean;
  faceConsentRevoked?: boolean;
}
`;

const invalidChecks: InvalidCase[] = [
  {
    name: 'accepting the privacy policy is not separate consent',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/greeting-photo.ts': `import { writeFile } from 'node:fs/promises';
import type { ShowroomCustomer } from './customer';

export async function saveGreetingPhoto(customer: ShowroomCustomer, faceImage: Buffer): Promise<void> {
  if (!customer.agreedPrivacyPolicy) return;
  await writeFile(\`/data/greeting/\${customer.id}.jpg\`, faceImage); // expect: ${RULE}
}
`,
    },
    messageId: 'privacyPolicyOnly',
    mentions: ["named 'faceImage'", 'privacy-policy', 'line 5'],
    details: ['bundled consent is no defence'],
  },
  {
    name: 'the uni-app privacy agreement is not separate consent (app face login)',
    files: {
      'src/app/face-login.ts': `export function saveLoginFace(yonghuId: string, faceImageBase64: string): void {
  if (!plus.runtime.isAgreePrivacy()) return;
  uni.setStorage({ key: \`face_\${yonghuId}\`, data: faceImageBase64 }); // expect: ${RULE}
}
`,
    },
    messageId: 'privacyPolicyOnly',
    mentions: ["named 'faceImageBase64'", 'uni-app storage', 'line 2'],
  },
  {
    name: 'a camera permission is not consent to store the face (browser enrolment)',
    files: {
      'src/web/self-enrolment.ts': `import * as faceapi from 'face-api.js';

export async function selfEnrol(memberId: string, video: HTMLVideoElement, store: IDBObjectStore): Promise<void> {
  const permission = await navigator.permissions.query({ name: 'camera' as PermissionName });
  if (permission.state !== 'granted') return;
  const detection = await faceapi.detectSingleFace(video).withFaceLandmarks().withFaceDescriptor();
  if (!detection) return;
  store.put({ memberId, descriptor: Array.from(detection.descriptor) }); // expect: ${RULE}
}
`,
    },
    messageId: 'osPermissionOnly',
    mentions: ['after only an OS permission check'],
    details: ['OS or browser permission', 'not the person\'s consent to have their biometrics stored'],
  },
  {
    name: 'wx.authorize for the camera scope is not consent (mini-program)',
    files: {
      'src/miniprogram/visitor-pass.ts': `export async function saveVisitorFace(fangkeId: string, facePhotoPath: string): Promise<void> {
  const cameraAuthorized = await new Promise<boolean>((resolve) => wx.authorize({ scope: 'scope.camera', success: () => resolve(true), fail: () => resolve(false) }));
  if (!cameraAuthorized) return;
  wx.setStorageSync(\`visitor_face_\${fangkeId}\`, facePhotoPath); // expect: ${RULE}
}
`,
    },
    messageId: 'osPermissionOnly',
    mentions: ["named 'facePhotoPath'"],
  },
  {
    name: 'a cookie banner (OneTrust) is not consent to biometrics',
    files: {
      'src/web/try-on.ts': `declare const OnetrustActiveGroups: string;

export function rememberTryOnFace(sessionKey: string, faceImageDataUrl: string): void {
  if (!OnetrustActiveGroups.includes('C0004')) return;
  localStorage.setItem(\`try-on:\${sessionKey}\`, faceImageDataUrl); // expect: ${RULE}
}
`,
    },
    messageId: 'cookieBannerOnly',
    mentions: ['after only a cookie-consent check'],
    details: ['cookie consent that names no biometric purpose'],
  },
  {
    name: 'a consent flag that defaults to true',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/vip-greeting.ts': `import { PrismaClient } from '@prisma/client';
import type { ShowroomCustomer } from './customer';

const prisma = new PrismaClient();

export async function enrolVipGreeting(customer: ShowroomCustomer, faceDescriptor: number[]): Promise<void> {
  const faceConsent = customer.faceConsent ?? true;
  if (!faceConsent) return;
  await prisma.vipGreeting.create({ data: { customerId: customer.id, faceDescriptor } }); // expect: ${RULE}
}
`,
    },
    messageId: 'consentDefaultsToTrue',
    mentions: ["named 'faceDescriptor'", 'defaults to true', 'line 7'],
  },
  {
    name: 'a consent flag that defaults to true, kept in a neutral variable',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/legacy-greeting.ts': `import { PrismaClient } from '@prisma/client';
import type { ShowroomCustomer } from './customer';

const prisma = new PrismaClient();

export async function greetLegacyCustomer(customer: ShowroomCustomer, faceDescriptor: number[]): Promise<void> {
  const allowed = customer.faceConsent ?? true;
  if (allowed) {
    await prisma.vipGreeting.create({ data: { customerId: customer.id, faceDescriptor } }); // expect: ${RULE}
  }
}
`,
    },
    messageId: 'consentDefaultsToTrue',
    mentions: ['defaults to true', 'line 7'],
  },
  {
    name: 'a consent flag read from the request body (Express route)',
    files: {
      'src/api/enrolment.route.ts': `import { Router, type Request, type Response } from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const enrolmentRouter = Router();

enrolmentRouter.post('/members/:memberId/face', async (req: Request, res: Response) => {
  if (!req.body.faceConsent) {
    res.status(400).json({ error: 'consent required' });
    return;
  }
  await prisma.memberFace.create({ data: { memberId: req.params.memberId, faceImage: req.body.faceImage } }); // expect: ${RULE}
  res.status(201).end();
});
`,
    },
    messageId: 'consentFromClientInput',
    mentions: ['consent read from the client\'s request', 'line 8'],
    details: ['comes straight from the client\'s request'],
  },
  {
    name: "the manager's consent does not cover the visitor",
    files: {
      'src/showroom/lobby-enrolment.ts': `import * as faceapi from 'face-api.js';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

interface Person {
  id: string;
  faceConsent: boolean;
}

export async function enrolVisitorAtLobby(manager: Person, visitor: Person, frame: HTMLVideoElement): Promise<void> {
  if (!manager.faceConsent) throw new Error('manager must consent to face login');
  const face = await faceapi.detectSingleFace(frame).withFaceLandmarks().withFaceDescriptor();
  if (!face) return;
  await prisma.faceTemplate.create({ data: { visitorId: visitor.id, descriptor: Array.from(face.descriptor) } }); // expect: ${RULE}
}
`,
    },
    messageId: 'consentOfAnotherPerson',
    mentions: ['another person', 'line 12'],
  },
  {
    name: 'a check on the revocation flag alone is not affirmative consent',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/returning-customer.ts': `import { writeFile } from 'node:fs/promises';
import type { ShowroomCustomer } from './customer';

export async function keepReturningFace(customer: ShowroomCustomer, faceImage: Buffer): Promise<void> {
  if (customer.faceConsentRevoked) return;
  await writeFile(\`/data/returning/\${customer.id}.jpg\`, faceImage); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImage'"],
  },
  {
    name: 'consent checked on one branch only',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/channel-enrolment.ts': `import { PrismaClient } from '@prisma/client';
import type { ShowroomCustomer } from './customer';

const prisma = new PrismaClient();

export async function enrolFromChannel(customer: ShowroomCustomer, channel: 'app' | 'kiosk', faceImage: Buffer): Promise<void> {
  if (channel === 'app') {
    if (!customer.faceConsent) return;
  }
  await prisma.customerFace.create({ data: { customerId: customer.id, faceImage } }); // expect: ${RULE}
}
`,
    },
    messageId: 'consentNotOnEveryPath',
    mentions: ['skips', 'line 8'],
  },
  {
    name: 'consent checked after the write',
    files: {
      'src/showroom/customer.ts': customerType,
      'src/showroom/kiosk-registration.ts': `import { PrismaClient } from '@prisma/client';
import type { ShowroomCustomer } from './customer';

const prisma = new PrismaClient();

export async function registerAtKiosk(customer: ShowroomCustomer, faceImage: Buffer): Promise<void> {
  await prisma.customerFace.create({ data: { customerId: customer.id, faceImage } }); // expect: ${RULE}
  if (!customer.faceConsent) throw new Error('face recognition needs separate consent');
}
`,
    },
    messageId: 'consentNotOnEveryPath',
    mentions: ['skips the consent check on line 8'],
    details: ['or after the write'],
  },
];
// ─── valid: a separate, biometric-specific consent check dominates the write ─────────────────────────────────

const consentModule = `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

/** Separate consent to face recognition, recorded per person on the consent screen and not withdrawn since. */
export async function hasFaceConsent(personId: string): Promise<boolean> {
  const record = await prisma.biometricConsent.findUnique({ where: { personId } });
  return !!record?.faceConsentAt && !record.faceConsentRevokedAt;
}

export async function assertBiometricConsent(personId: string): Promise<void> {
  if (!(await hasFaceConsent(personId))) throw new Error('Separate consent to biometric processing is missing');
}
`;

const validGuards: ValidCase[] = [
  {
    name: 'early return on the project consent function',
    files: {
      'src/consent/biometric-consent.ts': consentModule,
      'src/kiosk/enrol-visitor.ts': `import * as faceapi from 'face-api.js';
import { PrismaClient } from '@prisma/client';
import { hasFaceConsent } from '../consent/biometric-consent';

const prisma = new PrismaClient();

export async function enrolVisitor(visitorId: string, photo: HTMLImageElement): Promise<void> {
  if (!(await hasFaceConsent(visitorId))) return;
  const detection = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();
  if (!detection) return;
  await prisma.faceTemplate.create({ data: { visitorId, descriptor: Array.from(detection.descriptor) } });
}
`,
    },
  },
  {
    name: 'an asserting consent function called as a statement',
    files: {
      'src/consent/biometric-consent.ts': consentModule,
      'src/access/badge-enrolment.ts': `import { IndexFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { assertBiometricConsent } from '../consent/biometric-consent';

const rekognition = new RekognitionClient({ region: 'eu-central-1' });

export async function enrolEmployee(employeeId: string, faceImage: Uint8Array): Promise<void> {
  await assertBiometricConsent(employeeId);
  await rekognition.send(new IndexFacesCommand({ CollectionId: 'plant-badges', ExternalImageId: employeeId, Image: { Bytes: faceImage } }));
}
`,
    },
  },
  {
    name: 'an enclosing if on the person\'s consent flag',
    files: {
      'src/showroom/returning-customer.ts': `import { writeFile } from 'node:fs/promises';

interface ShowroomCustomer {
  id: string;
  faceConsent: boolean;
}

export async function keepReturningFace(customer: ShowroomCustomer, faceImage: Buffer): Promise<void> {
  if (customer.faceConsent === true) {
    await writeFile(\`/data/returning/\${customer.id}.jpg\`, faceImage);
  }
}
`,
    },
  },
  {
    name: 'consent timestamp present and not revoked, checked with a throw',
    files: {
      'src/cabin/driver-profile.ts': `import Human from '@vladmandic/human';
import mongoose from 'mongoose';

const human = new Human();
const DriverProfile = mongoose.model('DriverProfile', new mongoose.Schema({ vehicleId: String, embedding: [Number] }));

interface Driver {
  vehicleId: string;
  biometricConsentAt?: Date;
  biometricConsentRevokedAt?: Date;
}

export async function rememberDriver(driver: Driver, cabinFrame: ImageData): Promise<void> {
  if (!driver.biometricConsentAt || driver.biometricConsentRevokedAt) {
    throw new Error('driver has not agreed to face recognition');
  }
  const result = await human.detect(cabinFrame);
  await DriverProfile.create({ vehicleId: driver.vehicleId, embedding: result.face[0]?.embedding });
}
`,
    },
  },
  {
    name: 'a consent registry asked for the purpose face_enrolment',
    files: {
      'src/consent/registry.ts': `export interface ConsentRegistry {
  has(personId: string, purpose: string): Promise<boolean>;
}
`,
      'src/gate/resident-enrolment.ts': `import * as tencentcloud from 'tencentcloud-sdk-nodejs-iai';
import type { ConsentRegistry } from '../consent/registry';

const iai = new tencentcloud.iai.v20200303.Client({ credential: { secretId: process.env.TC_ID, secretKey: process.env.TC_KEY }, region: 'ap-shanghai' });

export async function enrolResident(consents: ConsentRegistry, residentId: string, facePicBase64: string): Promise<void> {
  if (!(await consents.has(residentId, 'face_enrolment'))) return;
  await iai.CreatePerson({ GroupId: 'sunny-garden', PersonId: residentId, PersonName: residentId, Image: facePicBase64 });
}
`,
    },
  },
  {
    name: 'a consent record whose purpose names face recognition',
    files: {
      'src/gate/owner-enrolment.js': `const AipFace = require('baidu-aip-sdk').face;

const client = new AipFace(process.env.BAIDU_APP_ID, process.env.BAIDU_API_KEY, process.env.BAIDU_SECRET_KEY);

async function registerOwner(consent, ownerId, faceBase64) {
  if (consent.ownerId !== ownerId || consent.purpose !== 'face_recognition' || !consent.agreedAt) {
    throw new Error('owner has not agreed to face recognition');
  }
  await client.addUser(faceBase64, 'BASE64', 'owners', ownerId);
}

module.exports = { registerOwner };
`,
    },
  },
  {
    name: 'a BIPA written release for biometric data',
    files: {
      'src/plant/time-clock.ts': `import { writeFileSync } from 'fs';

interface Employee {
  employeeNo: string;
  biometricReleaseSignedAt?: Date;
}

export function enrolAtTimeClock(employee: Employee, fingerprintTemplate: Buffer): void {
  if (!employee.biometricReleaseSignedAt) throw new Error('written biometric release missing (BIPA 15(b))');
  writeFileSync(\`/var/lib/time-clock/\${employee.employeeNo}.tpl\`, fingerprintTemplate);
}
`,
    },
  },
  {
    name: 'pinyin consent field (renlian tongyi 人脸同意)',
    files: {
      'src/miniprogram/owner-face.ts': `interface Yezhu {
  id: string;
  renlianTongyi: boolean;
}

export function cacheOwnerFace(yezhu: Yezhu, rlzp: string): void {
  if (!yezhu.renlianTongyi) return;
  wx.setStorageSync(\`rlzp_\${yezhu.id}\`, rlzp);
}
`,
    },
  },
  {
    name: 'a consent service injected into a NestJS service',
    files: {
      'src/consent/consent.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class ConsentService {
  private readonly prisma = new PrismaClient();

  async hasBiometricConsent(customerId: string): Promise<boolean> {
    const consent = await this.prisma.consentRecord.findFirst({ where: { customerId, purpose: 'face_recognition', withdrawnAt: null } });
    return consent !== null;
  }
}
`,
      'src/visitors/face-enrolment.service.ts': `import { ForbiddenException, Injectable } from '@nestjs/common';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConsentService } from '../consent/consent.service';

@Injectable()
export class FaceEnrolmentService {
  private readonly s3 = new S3Client({ region: 'cn-north-1' });

  constructor(private readonly consents: ConsentService) {}

  async enrol(customerId: string, faceImage: Buffer): Promise<void> {
    if (!(await this.consents.hasBiometricConsent(customerId))) {
      throw new ForbiddenException('separate consent to face recognition is missing');
    }
    await this.s3.send(new PutObjectCommand({ Bucket: 'enrolment', Key: \`\${customerId}.jpg\`, Body: faceImage }));
  }
}
`,
    },
  },
  {
    name: 'a short-circuit && on the consent flag',
    files: {
      'src/kiosk/member-photo.ts': `import OSS from 'ali-oss';

const oss = new OSS({ region: 'oss-cn-shanghai', bucket: 'members', accessKeyId: process.env.OSS_AK!, accessKeySecret: process.env.OSS_SK! });

interface Member {
  memberNo: string;
  faceConsent: boolean;
}

export async function keepMemberPhoto(member: Member, faceImage: Buffer): Promise<void> {
  member.faceConsent && (await oss.put(\`members/\${member.memberNo}.jpg\`, faceImage));
}
`,
    },
  },
  {
    name: 'the consent check stored in a boolean and tested before the write',
    files: {
      'src/consent/biometric-consent.ts': consentModule,
      'src/building/lift-access.ts': `import { createClient } from 'redis';
import { hasFaceConsent } from '../consent/biometric-consent';

const redis = createClient({ url: process.env.REDIS_URL });

export async function cachePalmVein(residentId: string, palmVeinTemplate: string): Promise<void> {
  const consented = await hasFaceConsent(residentId);
  if (!consented) return;
  await redis.hSet(\`resident:\${residentId}\`, 'palm', palmVeinTemplate);
}
`,
    },
  },
  {
    name: 'a configured consent function (consentFunctions option)',
    config: { rules: { [RULE]: { options: { consentFunctions: ['checkKioskOptIn'] } } } },
    files: {
      'src/kiosk/opt-in.ts': `export async function checkKioskOptIn(memberNo: string): Promise<boolean> {
  const response = await fetch(\`https://crm.internal/opt-ins/\${memberNo}/kiosk-face\`);
  return response.ok;
}
`,
      'src/kiosk/key-cabinet.ts': `import Database from 'better-sqlite3';
import { checkKioskOptIn } from './opt-in';

const db = new Database('/var/lib/key-cabinet/cabinet.db');

export async function enrolTechnician(technicianNo: string, faceTemplate: Buffer): Promise<void> {
  if (!(await checkKioskOptIn(technicianNo))) return;
  db.prepare('INSERT INTO technicians (no, template) VALUES (?, ?)').run(technicianNo, faceTemplate);
}
`,
    },
  },
  {
    name: 'a configured consent field (consentFields option)',
    config: { rules: { [RULE]: { options: { consentFields: ['rlsbTongyiAt'] } } } },
    files: {
      'src/gate/owner-register.js': `const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Yezhu = sequelize.define('Yezhu', { fangjianHao: DataTypes.STRING, zhiwenMoban: DataTypes.BLOB });

async function dengjiZhiwen(yezhu, zhiwenMoban) {
  if (!yezhu.rlsbTongyiAt) return;
  await Yezhu.create({ fangjianHao: yezhu.fangjianHao, zhiwenMoban });
}

module.exports = { dengjiZhiwen };
`,
    },
  },
  {
    name: 'every caller checks consent before the shared store (guards in callers, cross-file)',
    fixture: 'guard-in-all-callers',
  },
  {
    name: 'the consent check in the route handler, the write two calls below',
    files: {
      'src/consent/biometric-consent.ts': consentModule,
      'src/visitors/template.repository.ts': `import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function insertTemplate(visitorId: string, faceDescriptor: number[]): Promise<void> {
  await db('face_templates').insert({ visitor_id: visitorId, descriptor: JSON.stringify(faceDescriptor) });
}
`,
      'src/visitors/enrolment.service.ts': `import { insertTemplate } from './template.repository';

export async function enrol(visitorId: string, faceDescriptor: number[]): Promise<void> {
  await insertTemplate(visitorId, faceDescriptor);
}
`,
      'src/visitors/enrolment.route.ts': `import { Router } from 'express';
import { hasFaceConsent } from '../consent/biometric-consent';
import { enrol } from './enrolment.service';

export const router = Router();

router.post('/visitors/:visitorId/face', async (req, res) => {
  const visitorId = req.params.visitorId;
  if (!(await hasFaceConsent(visitorId))) {
    res.status(403).json({ error: 'separate consent to face recognition is missing' });
    return;
  }
  await enrol(visitorId, req.body.descriptor);
  res.status(201).end();
});
`,
    },
  },
];

// ─── valid: only derived, non-biometric results are stored ───────────────────────────────────────────────────

const validDerived: ValidCase[] = [
  {
    name: 'a match boolean from euclideanDistance',
    files: {
      'src/showroom/returning-visit.ts': `import * as faceapi from 'face-api.js';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function recordReturningVisit(visitId: string, photo: HTMLImageElement, enrolled: Float32Array): Promise<void> {
  const detection = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();
  if (!detection) return;
  const distance = faceapi.euclideanDistance(detection.descriptor, enrolled);
  await prisma.visit.update({ where: { id: visitId }, data: { recognised: distance < 0.5 } });
}
`,
    },
  },
  {
    name: 'the best-match label of a FaceMatcher',
    files: {
      'src/access/door-log.ts': `import * as faceapi from 'face-api.js';
import { writeFile } from 'node:fs/promises';

export async function logDoorOpening(doorId: string, frame: HTMLVideoElement, staff: faceapi.LabeledFaceDescriptors[]): Promise<void> {
  const detection = await faceapi.detectSingleFace(frame).withFaceLandmarks().withFaceDescriptor();
  if (!detection) return;
  const match = new faceapi.FaceMatcher(staff, 0.55).findBestMatch(detection.descriptor);
  await writeFile(\`/var/log/doors/\${doorId}.log\`, \`\${new Date().toISOString()} \${match.label}\\n\`, { flag: 'a' });
}
`,
    },
  },
  {
    name: 'a similarity score from @vladmandic/human',
    files: {
      'src/cabin/driver-match.ts': `import { Human } from '@vladmandic/human';
import Redis from 'ioredis';

const human = new Human();
const redis = new Redis();

export async function scoreDriver(vehicleId: string, frame: ImageData, enrolled: number[]): Promise<void> {
  const result = await human.detect(frame);
  const similarity = human.match.similarity(result.face[0]?.embedding ?? [], enrolled);
  await redis.set(\`vehicle:\${vehicleId}:driver-similarity\`, String(similarity));
}
`,
    },
  },
  {
    name: 'a face count for footfall statistics (TensorFlow.js face detection)',
    files: {
      'src/showroom/footfall.ts': `import * as faceDetection from '@tensorflow-models/face-detection';

export async function countFaces(storeId: string, video: HTMLVideoElement, store: IDBObjectStore): Promise<void> {
  const detector = await faceDetection.createDetector(faceDetection.SupportedModels.MediaPipeFaceDetector, { runtime: 'tfjs' });
  const faces = await detector.estimateFaces(video);
  store.put({ storeId, at: Date.now(), count: faces.length });
}
`,
    },
  },
  {
    name: 'the similarity of a Rekognition comparison (SDK v2)',
    files: {
      'src/access/visitor-check.ts': `import AWS from 'aws-sdk';
import { PrismaClient } from '@prisma/client';

const rekognition = new AWS.Rekognition({ region: 'eu-central-1' });
const prisma = new PrismaClient();

export async function verifyVisitor(visitId: string, idPhoto: Buffer, liveFrame: Buffer): Promise<void> {
  const comparison = await rekognition.compareFaces({ SourceImage: { Bytes: idPhoto }, TargetImage: { Bytes: liveFrame } }).promise();
  const similarity = comparison.FaceMatches?.[0]?.Similarity ?? 0;
  await prisma.visit.update({ where: { id: visitId }, data: { similarity, verified: similarity > 95 } });
}
`,
    },
  },
  {
    name: 'estimated age and gender for showroom statistics',
    files: {
      'src/showroom/audience.ts': `import Human from '@vladmandic/human';
import { MongoClient } from 'mongodb';

const human = new Human();
const mongo = new MongoClient('mongodb://localhost:27017');

export async function recordAudience(screenId: string, frame: ImageData): Promise<void> {
  const result = await human.detect(frame);
  const face = result.face[0];
  if (!face) return;
  await mongo.db('showroom').collection('audience').insertOne({ screenId, age: face.age, gender: face.gender });
}
`,
    },
  },
  {
    name: 'face image size and a detected flag',
    files: {
      'src/kiosk/quality-report.ts': `import { writeFileSync } from 'fs';

export function reportCaptureQuality(kioskId: string, faceImage: Buffer, faceDetected: boolean): void {
  writeFileSync(\`/var/log/kiosk/\${kioskId}.json\`, JSON.stringify({ faceImageSize: faceImage.length, faceDetected }));
}
`,
    },
  },
  {
    name: 'deleting a face template is not storing it',
    files: {
      'src/privacy/erasure.ts': `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function eraseFaceData(customerId: string): Promise<void> {
  await prisma.faceTemplate.deleteMany({ where: { customerId } });
}
`,
    },
  },
  {
    name: 'a face image shown on screen only',
    files: {
      'src/kiosk/preview.ts': `export function showPreview(canvas: HTMLCanvasElement, faceImage: ImageBitmap): void {
  const ctx = canvas.getContext('2d');
  ctx?.drawImage(faceImage, 0, 0, canvas.width, canvas.height);
}
`,
    },
  },
];

// ─── valid: look-alike names and APIs that are not biometric ─────────────────────────────────────────────────

const validLookAlikes: ValidCase[] = [
  {
    name: 'interfaceId of a CAN gateway',
    files: {
      'src/telematics/gateway.ts': `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function registerGateway(vin: string, interfaceId: string): Promise<void> {
  await prisma.gateway.create({ data: { vin, interfaceId } });
}
`,
    },
  },
  {
    name: 'a paint surface and finish',
    files: {
      'src/configurator/paint.ts': `import { writeFile } from 'node:fs/promises';

export async function savePaintChoice(orderNo: string, surface: string, surfaceFinish: 'matte' | 'gloss'): Promise<void> {
  await writeFile(\`/orders/\${orderNo}/paint.json\`, JSON.stringify({ surface, surfaceFinish }));
}
`,
    },
  },
  {
    name: 'a typeface and font face for the infotainment theme',
    files: {
      'src/ivi/theme.ts': `export function saveTheme(typeface: string, fontFaceData: string): void {
  localStorage.setItem('ivi-theme', JSON.stringify({ typeface, fontFaceData }));
}
`,
    },
  },
  {
    name: 'FingerprintJS visitorId (browser fingerprinting, not a fingerprint)',
    files: {
      'src/web/lead-tracking.ts': `import FingerprintJS from '@fingerprintjs/fingerprintjs';

export async function rememberBrowser(): Promise<void> {
  const agent = await FingerprintJS.load();
  const { visitorId } = await agent.get();
  localStorage.setItem('visitor-id', visitorId);
}
`,
    },
  },
  {
    name: 'a device fingerprint and a TLS certificate fingerprint',
    files: {
      'src/telematics/device-registry.ts': `import Redis from 'ioredis';

const redis = new Redis();

export async function registerTbox(vin: string, deviceFingerprint: string, certFingerprint: string): Promise<void> {
  await redis.hset(\`tbox:\${vin}\`, 'device', deviceFingerprint, 'cert', certFingerprint);
}
`,
    },
  },
  {
    name: 'passport.authenticate (Passport.js login, not a passport)',
    files: {
      'src/api/login.ts': `import express from 'express';
import passport from 'passport';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = express();

app.post('/login', passport.authenticate('local'), async (req, res) => {
  await prisma.loginEvent.create({ data: { userId: (req.user as { id: string }).id, at: new Date() } });
  res.redirect('/dashboard');
});
`,
    },
  },
  {
    name: 'a WebAuthn credential (the biometric stays in the authenticator)',
    files: {
      'src/web/passkey.ts': `export async function registerPasskey(userId: string, challenge: ArrayBuffer, store: IDBObjectStore): Promise<void> {
  const credential = (await navigator.credentials.create({
    publicKey: {
      challenge,
      rp: { name: 'Dealer Portal' },
      user: { id: new TextEncoder().encode(userId), name: userId, displayName: userId },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { userVerification: 'required' },
    },
  })) as PublicKeyCredential;
  store.put({ userId, credentialId: Array.from(new Uint8Array(credential.rawId)) });
}
`,
    },
  },
  {
    name: 'the result of an OS biometric prompt and the Face ID flag (React Native)',
    files: {
      'src/app/unlock.ts': `import * as LocalAuthentication from 'expo-local-authentication';
import AsyncStorage from '@react-native-async-storage/async-storage';

export async function unlockDigitalKey(faceIdEnabled: boolean): Promise<void> {
  const result = await LocalAuthentication.authenticateAsync({ promptMessage: 'Unlock your car' });
  await AsyncStorage.setItem('digital-key', JSON.stringify({ unlocked: result.success, faceIdEnabled, at: Date.now() }));
}
`,
    },
  },
  {
    name: 'a text embedding for the dealer FAQ search',
    files: {
      'src/assistant/faq-index.ts': `import { Pool } from 'pg';

const pool = new Pool();

export async function indexAnswer(answerId: string, embedding: number[], descriptor: string): Promise<void> {
  await pool.query('INSERT INTO faq_vectors (answer_id, embedding, descriptor) VALUES ($1, $2, $3)', [answerId, embedding, descriptor]);
}
`,
    },
  },
  {
    name: 'an HTML template, search facets and a PaLM answer',
    files: {
      'src/crm/mailing.ts': `import { writeFileSync } from 'fs';

export function saveMailing(campaignId: string, template: string, facets: string[], palmAnswer: string, iris: string): void {
  writeFileSync(\`/campaigns/\${campaignId}.json\`, JSON.stringify({ template, facets, palmAnswer, theme: iris }));
}
`,
    },
  },
  {
    name: 'a watch face and a FaceTime link',
    files: {
      'src/app/companion.ts': `import AsyncStorage from '@react-native-async-storage/async-storage';

export async function saveCompanionSettings(watchFace: string, faceTimeLink: string): Promise<void> {
  await AsyncStorage.setItem('companion', JSON.stringify({ watchFace, faceTimeLink }));
}
`,
    },
  },
];

// ─── valid: guarded writes to the remaining stores, and reads that are not writes ────────────────────────────

const validMoreStores: ValidCase[] = [
  {
    name: 'an asserting consent check before a pg INSERT',
    guarded: true,
    files: {
      'src/consent/biometric-consent.ts': consentModule,
      'src/showroom/reid-store.ts': `import { Pool } from 'pg';
import { assertBiometricConsent } from '../consent/biometric-consent';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function storeVector(customerId: string, faceVector: number[]): Promise<void> {
  await assertBiometricConsent(customerId);
  await pool.query('INSERT INTO customer_vectors (customer_id, vector) VALUES ($1, $2)', [customerId, faceVector]);
}
`,
    },
  },
  {
    name: 'a SELECT with a voiceprint parameter is a read, not a write',
    files: {
      'src/cabin/voice-login.ts': `import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db.internal', user: 'ivi', database: 'profiles' });

export async function findSpeaker(voiceprintHash: string): Promise<unknown> {
  const [rows] = await pool.execute('SELECT account_id FROM voice_profiles WHERE voiceprint_hash = ?', [voiceprintHash]);
  return rows;
}
`,
    },
  },
  {
    name: 'Aliyun addFace after a throw on missing face consent',
    guarded: true,
    files: {
      'src/showroom/vip-enrolment.ts': `import Facebody, * as $Facebody from '@alicloud/facebody20191230';

const facebody = new Facebody({ accessKeyId: process.env.ALI_AK, accessKeySecret: process.env.ALI_SK, endpoint: 'facebody.cn-shanghai.aliyuncs.com' });

interface VipCustomer {
  id: string;
  faceConsent: boolean;
}

export async function addVipFace(customer: VipCustomer, faceImageUrl: string): Promise<void> {
  if (!customer.faceConsent) throw new Error('VIP greeting needs separate consent to face recognition');
  await facebody.addFace(new $Facebody.AddFaceRequest({ dbName: 'vip', entityId: customer.id, imageUrl: faceImageUrl }));
}
`,
    },
  },
  {
    name: 'Azure persisted face after a face-enrolment agreement timestamp',
    guarded: true,
    files: {
      'src/access/azure-enrolment.ts': `import { FaceClient } from '@azure/cognitiveservices-face';
import { ApiKeyCredentials } from '@azure/ms-rest-js';

const client = new FaceClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': process.env.FACE_KEY } }), process.env.FACE_ENDPOINT!);

interface Contractor {
  personId: string;
  faceEnrolmentAgreedAt?: Date;
}

export async function enrolContractor(contractor: Contractor, facePhoto: Buffer): Promise<void> {
  if (!contractor.faceEnrolmentAgreedAt) return;
  await client.personGroupPerson.addFaceFromStream('contractors', contractor.personId, facePhoto);
}
`,
    },
  },
  {
    name: 'Face++ search (not faceset/addface) with a face token',
    files: {
      'src/showroom/facepp-search.ts': `import axios from 'axios';

const SEARCH = 'https://api-cn.faceplusplus.com/facepp/v3/search';

export async function searchVip(facesetToken: string, faceToken: string): Promise<unknown> {
  const form = new URLSearchParams({ api_key: process.env.FACEPP_KEY!, api_secret: process.env.FACEPP_SECRET!, faceset_token: facesetToken, face_token: faceToken });
  const response = await axios.post(SEARCH, form);
  return response.data;
}
`,
    },
  },
  {
    name: 'a car photo uploaded to Google Cloud Storage',
    files: {
      'src/used-cars/listing-photos.ts': `import { Storage } from '@google-cloud/storage';

const storage = new Storage();

export async function uploadListingPhoto(listingId: string, carPhoto: Buffer): Promise<void> {
  await storage.bucket('used-car-listings').file(\`\${listingId}/front.jpg\`).save(carPhoto);
}
`,
    },
  },
  {
    name: 'an entity without biometric fields saved through a repository',
    files: {
      'src/cabin/driver-preferences.store.ts': `import type { Collection } from 'mongodb';

export interface DriverPreferences {
  vehicleId: string;
  seatPosition: number;
  mirrorAngle: number;
  favouriteStation: string;
}

export class DriverPreferencesStore {
  constructor(private readonly preferences: Collection<DriverPreferences>) {}

  async save(preferences: DriverPreferences): Promise<void> {
    await this.preferences.insertOne(preferences);
  }
}
`,
    },
  },
  {
    name: 'in-cabin driver ID with the driver\'s DMS face consent checked first',
    guarded: true,
    files: {
      'src/cabin/driver-id.ts': `import Human from '@vladmandic/human';
import { writeFile } from 'node:fs/promises';

const human = new Human();

interface CabinDriver {
  profileId: string;
  dmsFaceConsentAt?: number;
}

export async function enrolDriverProfile(driver: CabinDriver, cabinFrame: ImageData): Promise<void> {
  if (!driver.dmsFaceConsentAt) return;
  const result = await human.detect(cabinFrame);
  await writeFile(\`/data/driver-profiles/\${driver.profileId}.json\`, JSON.stringify(result.face[0]?.embedding ?? []));
}
`,
    },
  },
];

// ─── invalid: cases that need the engine (kept; they fail until the engine supports them) ────────────────────

const invalidEngineGaps: InvalidCase[] = [
  {
    name: 'a Sequelize model class: a static create inherited from Model',
    files: {
      'src/gate/resident-face.model.ts': `import { DataTypes, Model, Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL!);

export class ResidentFace extends Model {
  declare residentId: string;
  declare image: Buffer;
}
ResidentFace.init({ residentId: DataTypes.STRING, image: DataTypes.BLOB }, { sequelize, tableName: 'resident_faces' });

export async function storeResidentFace(residentId: string, faceImage: Buffer): Promise<void> {
  await ResidentFace.create({ residentId, image: faceImage }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'faceImage'", 'Sequelize model write'],
  },
  {
    name: 'Azure Face (legacy SDK) addFaceFromStream with a stream factory for the face photo file',
    files: {
      'src/access/azure-file-enrolment.ts': `import { FaceClient } from '@azure/cognitiveservices-face';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { createReadStream } from 'fs';

const client = new FaceClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': process.env.FACE_KEY } }), process.env.FACE_ENDPOINT!);

export async function enrolContractor(personId: string, facePhotoPath: string): Promise<void> {
  await client.personGroupPerson.addFaceFromStream('contractors', personId, () => createReadStream(facePhotoPath)); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ["named 'facePhotoPath'", 'Azure Face persisted face'],
  },
  {
    name: 'Azure Face REST client: POST to …/persistedfaces stores the face',
    files: {
      'src/access/azure-rest-enrolment.ts': `import createFaceClient from '@azure-rest/ai-vision-face';
import { AzureKeyCredential } from '@azure/core-auth';

const client = createFaceClient(process.env.FACE_ENDPOINT!, new AzureKeyCredential(process.env.FACE_KEY!));

export async function enrolStaff(groupId: string, personId: string, faceImage: Buffer): Promise<void> {
  await client
    .path('/largepersongroups/{largePersonGroupId}/persons/{personId}/persistedfaces', groupId, personId)
    .post({ contentType: 'application/octet-stream', body: faceImage }); // expect: ${RULE}
}
`,
    },
    messageId: 'unconsentedStorage',
    mentions: ['Azure Face'],
  },
];

// ─── cross-file projects ─────────────────────────────────────────────────────────────────────────────────────

const invalidCrossFile: InvalidCase[] = [
  {
    name: 'capture, service and repository in three files, no check anywhere',
    fixture: 'cross-file-flow',
    messageId: 'unconsentedStorage',
    mentions: ['face descriptor from face-api.js', 'Prisma write'],
  },
  {
    name: 'one of two callers of the shared store checks consent (guards in callers)',
    fixture: 'guard-in-one-caller',
    messageId: 'unconsentedStorage',
    mentions: ['face descriptor from face-api.js', 'file write (fs/promises)'],
  },
];

const invalidCases: readonly InvalidCase[] = [
  ...invalidSources,
  ...invalidNames,
  ...invalidEnrolment,
  ...invalidChecks,
  ...invalidCrossFile,
  ...invalidEngineGaps,
];
const validCases: readonly ValidCase[] = [
  ...validGuards.map((testCase) => ({ ...testCase, guarded: true })),
  ...validDerived,
  ...validLookAlikes,
  ...validMoreStores,
];

/** The rule without its consent checks: what a guarded valid case would be without its check. */
const unguardedRule: typeof biometricStorageRule = {
  ...biometricStorageRule,
  createModels: (options) => ({ ...biometricStorageRule.createModels(options), guards: [] }),
};

const label = (testCase: { name: string; knownGap?: string }): string =>
  testCase.knownGap ? `${testCase.name} [known gap: ${testCase.knownGap}]` : testCase.name;

describe(RULE, () => {
  it('has at least 40 invalid and 40 valid cases', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(40);
    expect(validCases.length).toBeGreaterThanOrEqual(40);
  });

  describe('invalid', () => {
    for (const testCase of invalidCases) (testCase.knownGap ? it.fails : it)(label(testCase), () => checkInvalid(testCase));
  });

  describe('valid', () => {
    for (const testCase of validCases) (testCase.knownGap ? it.fails : it)(label(testCase), () => checkValid(testCase));
  });

  describe('valid because of the check alone (the same project without the checks has a finding)', () => {
    for (const testCase of validCases.filter((candidate) => candidate.guarded)) {
      it(testCase.name, async () => {
        const result = await scanSources(filesOf(testCase), [unguardedRule], testCase.config);
        expect(result.findings.filter((finding) => finding.ruleId === RULE).length).toBeGreaterThan(0);
      });
    }
  });
});

// ─── messages ────────────────────────────────────────────────────────────────────────────────────────────────

describe(`${RULE} messages`, () => {
  it('says in Chinese why the value is biometric and why the check does not count', async () => {
    const files = {
      'src/showroom/customer.ts': customerType,
      'src/showroom/greeting-photo.ts': `import { writeFile } from 'node:fs/promises';
import type { ShowroomCustomer } from './customer';

export async function saveGreetingPhoto(customer: ShowroomCustomer, faceImage: Buffer): Promise<void> {
  if (!customer.agreedPrivacyPolicy) return;
  await writeFile(\`/data/greeting/\${customer.id}.jpg\`, faceImage);
}
`,
    };
    const { findings } = await scanRule(files, { locale: 'zh-CN' });
    expect(findings.map((finding) => finding.messageId)).toEqual(['privacyPolicyOnly']);
    const message = findings[0]?.message ?? '';
    expect(message).toContain('隐私政策');
    expect(message).toContain("名称 'faceImage'");
    const detail = findings[0]?.detail ?? '';
    expect(detail).toContain('单独同意');
    expect(detail).toContain('《个人信息保护法》第二十九条');
  });

  it('names the API a value came from, and the path starts at it', async () => {
    const files = filesOf(invalidSources[0]!);
    const { result, findings } = await scanRule(files);
    const finding = findings[0];
    expect(finding?.path[0]).toMatchObject({ kind: 'source', message: 'face descriptor from face-api.js' });
    expect(finding?.path.at(-1)?.kind).toBe('sink');
    expect(relativeToScan(result, finding!.path[0]!.range.file)).toBe('src/kiosk/enrol-visitor.ts');
    expect(finding?.path[0]?.range.line).toBe(7);
  });

  it('leads the path of a guards-in-callers finding through the unguarded call', async () => {
    const { result, findings } = await scanRule(readFixture('guard-in-one-caller'));
    const steps = findings[0]?.path.map((step) => `${step.kind}:${relativeToScan(result, step.range.file)}:${step.range.line}`) ?? [];
    const through = ['source:src/recognition/capture.ts:4', 'call:src/showroom/service-reception.ts:6', 'sink:src/recognition/template-store.ts:6'];
    expect(steps.filter((step) => through.includes(step))).toEqual(through);
    expect(steps.at(-1)).toBe(through.at(-1));
  });
});

// ─── fixes ───────────────────────────────────────────────────────────────────────────────────────────────────

function fixesOf(finding: Finding | undefined): { guard?: Fix; suppress: Fix } {
  expect(finding, 'a finding').toBeDefined();
  const suppress = finding!.fixes.find((fix) => fix.title.startsWith('Suppress') || fix.title.startsWith('在此行抑制'));
  expect(suppress, 'the suppress fix').toBeDefined();
  const guard = finding!.fixes.find((fix) => fix !== suppress);
  for (const fix of finding!.fixes) expect(fix.isSafe, fix.title).toBe(false);
  return { guard, suppress: suppress! };
}

async function expectParses(fixed: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(fixed)) expect(syntaxErrors(name, text), name).toEqual([]);
}

describe(`${RULE} fixes`, () => {
  it('inserts the project consent check seen in another caller, with its import, and the finding is gone', async () => {
    const files = readFixture('guard-in-one-caller');
    const { result, findings } = await scanRule(files);
    const { guard, suppress } = fixesOf(findings[0]);
    expect(guard?.title).toBe('Check separate consent with hasFaceConsent() before storing');
    const fixed = applyFix(result, files, guard!);
    expect(fixed['src/recognition/template-store.ts']).toBe(`import { writeFile } from 'node:fs/promises';
import { hasFaceConsent } from '../consent/face-consent';

const FACE_DIR = '/var/lib/showroom/faces';

export async function storeTemplate(customerId: string, descriptor: Float32Array): Promise<void> {
  if (!(await hasFaceConsent(customerId))) {
    throw new Error('Separate consent to biometric processing is missing');
  }
  await writeFile(\`\${FACE_DIR}/\${customerId}.bin\`, Buffer.from(descriptor.buffer)); // expect: ${RULE}
}
`);
    expect(selectedText(result, fixed, guard!)).toBe('customerId');
    await expectParses(fixed);
    expect((await scanRule(fixed)).findings).toEqual([]);

    const suppressed = applyFix(result, files, suppress);
    expect(suppressed['src/recognition/template-store.ts']).toContain(
      `Promise<void> {\n  // piilint-disable-next-line ${RULE} -- <reason>\n  await writeFile(`,
    );
    expect(selectedText(result, suppressed, suppress)).toBe('<reason>');
    await expectParses(suppressed);
    // The placeholder is no reason (#18): the finding stays, next to invalid-suppression, until one is written.
    const rescanned = await scanRule(suppressed);
    expect(rescanned.findings.map((finding) => finding.suppression?.justification)).toEqual([undefined]);
    expect(rescanned.result.findings.map((finding) => finding.ruleId)).toContain('invalid-suppression');
    const reasoned = { ...suppressed, 'src/recognition/template-store.ts': suppressed['src/recognition/template-store.ts']!.replace('<reason>', 'templates of staff test accounts only') };
    expect((await scanRule(reasoned)).findings.map((finding) => finding.suppression?.justification)).toEqual(['templates of staff test accounts only']);
  });

  const sameFileAssert = `import { IndexFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { consentApi } from './consent-api';

const rekognition = new RekognitionClient({ region: 'eu-central-1' });

export async function assertFaceConsent(personId: string): Promise<void> {
  const consent = await consentApi.find(personId, 'face_enrolment');
  if (!consent?.faceConsentAt || consent.faceConsentRevokedAt) throw new Error('no separate consent to face enrolment');
}

export async function enrolContractor(contractorId: string, faceImage: Uint8Array): Promise<void> {
  await assertFaceConsent(contractorId);
  await rekognition.send(new IndexFacesCommand({ CollectionId: 'contractors', ExternalImageId: contractorId, Image: { Bytes: faceImage } }));
}

export async function enrolEmployee(employeeId: string, faceImage: Uint8Array): Promise<string | undefined> {
  const response = await rekognition.send(
    new IndexFacesCommand({ CollectionId: 'plant-badges', ExternalImageId: employeeId, Image: { Bytes: faceImage } }), // expect: ${RULE}
  );
  return response.FaceRecords?.[0]?.Face?.FaceId;
}
`;
  const consentApi = `export const consentApi = {
  async find(personId: string, purpose: string): Promise<{ faceConsentAt?: Date; faceConsentRevokedAt?: Date } | undefined> {
    const response = await fetch(\`https://hr.internal/consents/\${personId}/\${purpose}\`);
    return response.ok ? response.json() : undefined;
  },
};
`;

  it('calls an asserting check of the same file before the statement that holds the store, not inside its arguments', async () => {
    const files = { 'src/access/badge-enrolment.ts': sameFileAssert, 'src/access/consent-api.ts': consentApi };
    const { result, findings } = await scanRule(files);
    expect(ruleLines(result)).toEqual(expectedLines(files));
    const { guard, suppress } = fixesOf(findings[0]);
    expect(guard?.title).toBe('Check separate consent with assertFaceConsent() before storing');
    const fixed = applyFix(result, files, guard!);
    expect(fixed['src/access/badge-enrolment.ts']).toBe(
      sameFileAssert.replace(
        '  const response = await rekognition.send(\n',
        '  await assertFaceConsent(employeeId);\n  const response = await rekognition.send(\n',
      ),
    );
    expect(selectedText(result, fixed, guard!)).toBe('employeeId');
    await expectParses(fixed);
    expect((await scanRule(fixed)).findings).toEqual([]);

    const suppressed = applyFix(result, files, suppress);
    expect(suppressed['src/access/badge-enrolment.ts']).toBe(
      sameFileAssert.replace(
        '    new IndexFacesCommand({ CollectionId: \'plant-badges\'',
        `    // piilint-disable-next-line ${RULE} -- <reason>\n    new IndexFacesCommand({ CollectionId: 'plant-badges'`,
      ),
    );
    await expectParses(suppressed);
  });

  it('offers the check in Chinese', async () => {
    const files = { 'src/access/badge-enrolment.ts': sameFileAssert, 'src/access/consent-api.ts': consentApi };
    const { findings } = await scanRule(files, { locale: 'zh-CN' });
    const { guard, suppress } = fixesOf(findings[0]);
    expect(guard?.title).toBe('存储前使用 assertFaceConsent() 校验单独同意');
    expect(suppress.title).toBe(`在此行抑制 ${RULE} 并写明理由`);
  });

  it('uses the configured consent function when the file already imports it', async () => {
    const optIn = `export async function checkKioskOptIn(memberNo: string): Promise<boolean> {
  const response = await fetch(\`https://crm.internal/opt-ins/\${memberNo}/kiosk-face\`);
  return response.ok;
}
`;
    const cabinet = `import Database from 'better-sqlite3';
import { checkKioskOptIn } from './opt-in';

const db = new Database('/var/lib/key-cabinet/cabinet.db');

export async function enrolTechnician(technicianNo: string, faceTemplate: Buffer): Promise<void> {
  if (!(await checkKioskOptIn(technicianNo))) return;
  db.prepare('INSERT INTO technicians (no, template) VALUES (?, ?)').run(technicianNo, faceTemplate);
}

export async function reEnrolTechnician(memberNo: string, faceTemplate: Buffer): Promise<void> {
  db.prepare('UPDATE technicians SET template = ? WHERE no = ?').run(faceTemplate, memberNo); // expect: ${RULE}
}
`;
    const files = { 'src/kiosk/opt-in.ts': optIn, 'src/kiosk/key-cabinet.ts': cabinet };
    const config = { rules: { [RULE]: { options: { consentFunctions: ['checkKioskOptIn'] } } } };
    const { result, findings } = await scanRule(files, config);
    expect(ruleLines(result)).toEqual(expectedLines(files));
    const { guard } = fixesOf(findings[0]);
    expect(guard?.title).toBe('Check separate consent with checkKioskOptIn() before storing');
    const fixed = applyFix(result, files, guard!);
    expect(fixed['src/kiosk/key-cabinet.ts']).toBe(
      cabinet.replace(
        "  db.prepare('UPDATE",
        "  if (!(await checkKioskOptIn(memberNo))) {\n    throw new Error('Separate consent to biometric processing is missing');\n  }\n  db.prepare('UPDATE",
      ),
    );
    await expectParses(fixed);
    expect((await scanRule(fixed, config)).findings).toEqual([]);
  });

  it('offers a consent check recognised by its name at the call site', async () => {
    const kiosk = `import { writeFile } from 'node:fs/promises';

export async function assertKioskFaceConsent(memberNo: string): Promise<void> {
  const response = await fetch(\`https://crm.internal/consents/\${memberNo}/kiosk-face\`);
  if (!response.ok) throw new Error('no separate consent to face recognition at the kiosk');
}

export async function enrolAtKiosk(memberNo: string, faceImage: Buffer): Promise<void> {
  await assertKioskFaceConsent(memberNo);
  await writeFile(\`/var/lib/kiosk/faces/\${memberNo}.jpg\`, faceImage);
}

export async function reEnrolAtKiosk(memberNo: string, faceImage: Buffer): Promise<void> {
  await writeFile(\`/var/lib/kiosk/faces/\${memberNo}-new.jpg\`, faceImage); // expect: ${RULE}
}
`;
    const files = { 'src/kiosk/enrolment.ts': kiosk };
    const { result, findings } = await scanRule(files);
    expect(ruleLines(result)).toEqual(expectedLines(files));
    const { guard } = fixesOf(findings[0]);
    expect(guard?.title).toBe('Check separate consent with assertKioskFaceConsent() before storing');
    const fixed = applyFix(result, files, guard!);
    expect(fixed['src/kiosk/enrolment.ts']).toBe(
      kiosk.replace('  await writeFile(\`/var/lib/kiosk/faces/\${memberNo}-new', '  await assertKioskFaceConsent(memberNo);\n  await writeFile(\`/var/lib/kiosk/faces/\${memberNo}-new'),
    );
    expect((await scanRule(fixed)).findings).toEqual([]);
  });

  it('offers only the suppression when the project has no consent check', async () => {
    const files = filesOf(invalidNames[0]!);
    const { result, findings } = await scanRule(files);
    expect(findings[0]?.fixes.map((fix) => fix.title)).toEqual([`Suppress ${RULE} on this line and state the reason`]);
    const suppressed = applyFix(result, files, findings[0]!.fixes[0]!);
    expect(suppressed['src/showroom/customer-flow.ts']).toContain(
      `  // piilint-disable-next-line ${RULE} -- <reason>\n  await s3.send(new PutObjectCommand(`,
    );
    await expectParses(suppressed);
  });
});

// ─── where the guard fix inserts ─────────────────────────────────────────────────────────────────────────────

describe(`${RULE} statement start (where the consent check goes)`, () => {
  /** `▸` marks the expected statement start, `store(` the store call; both are removed before the lookup. */
  const cases: readonly (readonly [string, string])[] = [
    ['a statement of its own', 'async function f(x: Buffer) {\n  const a = 1;\n  ▸await store(x);\n}'],
    ['a store inside another call\'s arguments', 'async function f() {\n  ▸const response = await client.send(\n    store({ a: 1 }),\n  );\n}'],
    ['an if without braces', 'function f(x?: Buffer) {\n  ▸if (x) store(x);\n}'],
    ['the innermost block', 'function f(a: boolean, x: Buffer) {\n  if (a) {\n    log(a);\n  } else {\n    ▸store(x);\n  }\n}'],
    ['else without braces continues the if', 'function f(a: boolean, x: Buffer) {\n  ▸if (a) {\n    log(a);\n  } else store(x);\n}'],
    ['a case clause', "function f(kind: string, x: Buffer) {\n  switch (kind) {\n    case 'kiosk':\n      ▸store(x);\n      break;\n  }\n}"],
    ['a type annotation is not a label', 'async function f(x: Buffer): Promise<void> {\n  ▸const saved: { id: string } = await store(x);\n}'],
    ['an expression-bodied arrow', 'function f(xs: Buffer[]) {\n  ▸xs.forEach((x) => store(x));\n}'],
    ['braces in strings, templates, comments and regexes', "function f(x: Buffer) {\n  const a = '}{';\n  const b = `${'{'}}`; // }\n  const c = /[}{]/g; /* { */\n  ▸store(x);\n}"],
    ['an object literal is not a block', 'function f(x: Buffer) {\n  ▸const row = {\n    id: 1,\n    face: store(x),\n  };\n}'],
    ['a method body after a return type', 'class A {\n  save(x: Buffer): void {\n    ▸store(x);\n  }\n}'],
  ];
  it.each(cases)('%s', (_name, marked) => {
    const expected = marked.indexOf('▸');
    const text = marked.replace('▸', '');
    const tree = ts.createSourceFile('case.ts', text, ts.ScriptTarget.Latest, true);
    const call = innermostNodeContaining(tree, text.indexOf('store('), 'store('.length);
    expect(call && enclosingListedStatement(call)?.getStart(tree)).toBe(expected);
  });
});
