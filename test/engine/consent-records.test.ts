/**
 * Engine stage: dataflow guards (issue #17 §5). A consent record named only by the call that fetched it:
 * `const consent = await fetchBiometricConsent(driverId); if (!consent.grantedAt || consent.revokedAt) throw …` is a
 * strong check. The purpose is in the callee's name or in the URL it fetched, the condition on the record's fields.
 * A record fetched for another purpose (marketing, a profile) is no consent to biometrics. Each case is an invalid
 * project and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function biometricLines(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort();
}

describe('a consent record named by the function that fetched it (Node telematics backend)', () => {
  const consents = `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.TELEMATICS_DB_URL });

export interface ConsentRecord {
  grantedAt: Date | null;
  revokedAt: Date | null;
}

async function fetchConsent(driverId: string, purpose: string): Promise<ConsentRecord> {
  const { rows } = await pool.query('SELECT granted_at AS "grantedAt", revoked_at AS "revokedAt" FROM consents WHERE driver_id = $1 AND purpose = $2', [driverId, purpose]);
  return rows[0] ?? { grantedAt: null, revokedAt: null };
}

export function fetchBiometricConsent(driverId: string): Promise<ConsentRecord> {
  return fetchConsent(driverId, 'biometric');
}

export function fetchMarketingConsent(driverId: string): Promise<ConsentRecord> {
  return fetchConsent(driverId, 'marketing');
}
`;
  const enrolment = (fetcher: string, check: string) => `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { ${fetcher} } from './consents';

const s3 = new S3Client({ region: 'eu-central-1' });

export async function storeCabinEnrolment(driverId: string, faceImage: Uint8Array): Promise<void> {
${check}
  await s3.send(new PutObjectCommand({ Bucket: 'dms-driver-enrolment', Key: \`\${driverId}/face.jpg\`, Body: faceImage }));
}
`;

  it('the marketing consent record does not allow the face enrolment', async () => {
    const check = "  const consent = await fetchMarketingConsent(driverId);\n  if (!consent.grantedAt || consent.revokedAt) throw new Error('no consent');";
    const files = { 'src/consents.ts': consents, 'src/enrolment.ts': enrolment('fetchMarketingConsent', check) };
    expect(await biometricLines(files)).toEqual([`src/enrolment.ts:9 ${BIOMETRIC}`]);
  });

  it('valid twin: the record from fetchBiometricConsent, granted and not revoked', async () => {
    const check = "  const consent = await fetchBiometricConsent(driverId);\n  if (!consent.grantedAt || consent.revokedAt) throw new Error('no separate biometric consent');";
    const files = { 'src/consents.ts': consents, 'src/enrolment.ts': enrolment('fetchBiometricConsent', check) };
    expect(await biometricLines(files)).toEqual([]);
  });

  it('valid twin: the same fields destructured from the record', async () => {
    const check = "  const { grantedAt, revokedAt } = await fetchBiometricConsent(driverId);\n  if (!grantedAt || revokedAt) throw new Error('no separate biometric consent');";
    const files = { 'src/consents.ts': consents, 'src/enrolment.ts': enrolment('fetchBiometricConsent', check) };
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('a consent record named by the URL it was fetched from (React Native dashcam)', () => {
  const service = (path: string) => `import AsyncStorage from '@react-native-async-storage/async-storage';

const API = 'https://api.example-dashcam.com/v2';

export async function keepDriverFace(driverId: string, facePhotoBase64: string): Promise<void> {
  const response = await fetch(\`\${API}/drivers/\${driverId}/consents/${path}\`);
  const consent = await response.json();
  if (!consent.granted || consent.revokedAt) return;
  await AsyncStorage.setItem(\`driver-face:\${driverId}\`, facePhotoBase64);
}
`;

  it('the record behind /consents/newsletter says nothing about the face', async () => {
    expect(await biometricLines({ 'src/services/driverFace.ts': service('newsletter') })).toEqual([`src/services/driverFace.ts:9 ${BIOMETRIC}`]);
  });

  it('valid twin: the record behind /consents/face-recognition', async () => {
    expect(await biometricLines({ 'src/services/driverFace.ts': service('face-recognition') })).toEqual([]);
  });
});
