'use strict';

const express = require('express');
const multer = require('multer');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const db = require('../db');
const { requireFaceConsent, requireFleetManager } = require('../middleware/consent');

const router = express.Router();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 4 * 1024 * 1024 } });
const s3 = new S3Client({ region: process.env.AWS_REGION || 'eu-central-1' });
const FACE_BUCKET = process.env.DMS_FACE_BUCKET || 'fleet-dms-enrolment';

router.post('/', requireFleetManager, async (req, res, next) => {
  const { name, driverLicenseNo, phone, depotId } = req.body;
  try {
    const [result] = await db.execute(
      'INSERT INTO drivers (name, driver_license_no, phone, depot_id) VALUES (?, ?, ?, ?)',
      [name, driverLicenseNo, phone, depotId],
    );
    req.log.info({ name, driverLicenseNo, depotId }, 'driver created');
    return res.status(201).json({ id: result.insertId });
  } catch (err) {
    if (err.code === 'ER_DUP_ENTRY') {
      req.log.warn({ driver: { driverLicenseNo, depotId } }, 'duplicate driver licence');
      return res.status(409).json({ error: 'driver_exists' });
    }
    return next(err);
  }
});

router.post('/:driverId/face', requireFaceConsent, upload.single('face'), async (req, res, next) => {
  if (!req.file) return res.status(400).json({ error: 'face_missing' });
  const faceImage = req.file.buffer;
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: FACE_BUCKET,
        Key: `drivers/${req.params.driverId}/face.jpg`,
        Body: faceImage,
        ContentType: req.file.mimetype,
        ServerSideEncryption: 'aws:kms',
      }),
    );
    await db.execute('UPDATE drivers SET face_enrolled_at = NOW() WHERE id = ?', [req.params.driverId]);
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

router.post('/:driverId/face/refresh', upload.single('face'), async (req, res, next) => {
  if (!req.file) return res.status(400).json({ error: 'face_missing' });
  if (req.body.faceConsent !== 'true') {
    return res.status(403).json({ error: 'face_consent_required' });
  }
  const faceImage = req.file.buffer;
  try {
    await db.execute('UPDATE driver_faces SET face_image = ?, updated_at = NOW() WHERE driver_id = ?', [
      faceImage,
      req.params.driverId,
    ]);
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

router.post('/:driverId/verification', upload.single('face'), async (req, res, next) => {
  try {
    const { similarity, vehicleId } = req.body;
    await db.execute(
      'INSERT INTO driver_verifications (driver_id, vehicle_id, matched, similarity) VALUES (?, ?, ?, ?)',
      [req.params.driverId, vehicleId, Number(similarity) >= 0.8, Number(similarity)],
    );
    return res.sendStatus(201);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
