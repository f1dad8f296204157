'use strict';

const fs = require('fs/promises');
const path = require('path');
const db = require('../db');

const CACHE_DIR = process.env.DMS_FACE_CACHE || '/var/cache/fleet/dms-faces';

async function hasFaceConsent(driverId) {
  const [rows] = await db.execute(
    'SELECT face_consent_at, face_consent_revoked_at FROM biometric_consents WHERE driver_id = ?',
    [driverId],
  );
  return rows.length > 0 && !!rows[0].face_consent_at && !rows[0].face_consent_revoked_at;
}

async function cacheFaceForVehicle(driverId, vehicleId, faceImage) {
  await fs.mkdir(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${vehicleId}-${driverId}.jpg`);
  await fs.writeFile(file, faceImage);
  if (!(await hasFaceConsent(driverId))) {
    await fs.unlink(file);
    throw new Error(`driver ${driverId} has no face consent`);
  }
  return file;
}

async function clearVehicleCache(vehicleId) {
  const entries = await fs.readdir(CACHE_DIR).catch(() => []);
  await Promise.all(entries.filter((f) => f.startsWith(`${vehicleId}-`)).map((f) => fs.unlink(path.join(CACHE_DIR, f))));
}

module.exports = { cacheFaceForVehicle, clearVehicleCache, hasFaceConsent };
