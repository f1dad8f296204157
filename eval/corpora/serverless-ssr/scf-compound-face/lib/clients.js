'use strict';

const tencentcloud = require('tencentcloud-sdk-nodejs');
const COS = require('cos-nodejs-sdk-v5');
const mysql = require('mysql2/promise');

const IaiClient = tencentcloud.iai.v20200303.Client;

const REGION = process.env.TENCENTCLOUD_REGION || 'ap-guangzhou';
const GROUP_ID = process.env.IAI_GROUP_ID || 'jinxiu-garden-residents';
const FACE_BUCKET = process.env.FACE_BUCKET || 'compound-faces-1250000000';
const CAPTURE_BUCKET = process.env.CAPTURE_BUCKET || 'gate-captures-1250000000';
const SECURITY_BUCKET = process.env.SECURITY_BUCKET || 'security-review-1250000000';

// SCF injects temporary credentials of the function's execution role.
const credential = {
  secretId: process.env.TENCENTCLOUD_SECRETID,
  secretKey: process.env.TENCENTCLOUD_SECRETKEY,
  token: process.env.TENCENTCLOUD_SESSIONTOKEN,
};

const iai = new IaiClient({
  credential,
  region: REGION,
  profile: { httpProfile: { endpoint: 'iai.tencentcloudapi.com', reqTimeout: 10 } },
});

const cos = new COS({
  SecretId: credential.secretId,
  SecretKey: credential.secretKey,
  SecurityToken: credential.token,
});

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT || 3306),
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'property',
  connectionLimit: 4,
});

/** Latest separate face-recognition authorisation signed in the property app; revocation wins. */
async function hasFaceConsent(residentId) {
  const [rows] = await pool.execute(
    'SELECT face_consent_at, face_consent_revoked_at FROM resident_face_consents WHERE resident_id = ? ORDER BY id DESC LIMIT 1',
    [residentId],
  );
  return rows.length > 0 && rows[0].face_consent_at != null && rows[0].face_consent_revoked_at == null;
}

function maskIdCard(sfzh) {
  return String(sfzh || '').replace(/^(.{6}).*(.{4})$/, '$1********$2');
}

function reply(statusCode, body) {
  return {
    isBase64Encoded: false,
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

module.exports = {
  iai,
  cos,
  pool,
  REGION,
  GROUP_ID,
  FACE_BUCKET,
  CAPTURE_BUCKET,
  SECURITY_BUCKET,
  hasFaceConsent,
  maskIdCard,
  reply,
};
