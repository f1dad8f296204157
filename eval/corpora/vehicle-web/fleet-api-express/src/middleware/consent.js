'use strict';

const db = require('../db');

async function requireFaceConsent(req, res, next) {
  try {
    const [rows] = await db.execute(
      'SELECT face_consent_at, face_consent_revoked_at FROM biometric_consents WHERE driver_id = ?',
      [req.params.driverId],
    );
    const consent = rows[0];
    if (!consent || !consent.face_consent_at || consent.face_consent_revoked_at) {
      return res.status(403).json({ error: 'face_consent_required' });
    }
    return next();
  } catch (err) {
    return next(err);
  }
}

function requireFleetManager(req, res, next) {
  if (!req.user || !req.user.roles.includes('fleet_manager')) {
    return res.status(403).json({ error: 'forbidden' });
  }
  return next();
}

module.exports = { requireFaceConsent, requireFleetManager };
