'use strict';

const express = require('express');
const tracer = require('dd-trace');
const db = require('../db');
const { logger, auditLog } = require('../logger');
const { requireFleetManager } = require('../middleware/consent');

const router = express.Router();

router.get('/:vehicleId', async (req, res, next) => {
  try {
    const [rows] = await db.execute(
      'SELECT id, vin, plate_no AS plateNo, model, odometer_km AS odometerKm FROM vehicles WHERE id = ?',
      [req.params.vehicleId],
    );
    if (!rows.length) return res.sendStatus(404);
    req.log.info({ vehicle: rows[0] }, 'vehicle loaded');
    return res.json(rows[0]);
  } catch (err) {
    return next(err);
  }
});

router.put('/:vehicleId/plate', requireFleetManager, async (req, res, next) => {
  const span = tracer.scope().active();
  if (span) span.setTag('fleet.vehicle_id', req.params.vehicleId);
  const { plateNo } = req.body;
  try {
    const [[before]] = await db.execute('SELECT plate_no AS plateNo FROM vehicles WHERE id = ?', [req.params.vehicleId]);
    await db.execute('UPDATE vehicles SET plate_no = ? WHERE id = ?', [plateNo, req.params.vehicleId]);
    req.log.info(`plate changed from ${before.plateNo} to ${plateNo}`);
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

router.post('/:vehicleId/assign', requireFleetManager, async (req, res, next) => {
  const { driverId } = req.body;
  try {
    const [[vehicle]] = await db.execute('SELECT id, vin, plate_no AS plateNo FROM vehicles WHERE id = ?', [
      req.params.vehicleId,
    ]);
    await db.execute('INSERT INTO assignments (vehicle_id, driver_id, assigned_by) VALUES (?, ?, ?)', [
      vehicle.id,
      driverId,
      req.user.id,
    ]);
    auditLog.info({ plateNo: vehicle.plateNo, driverId, by: req.user.id }, 'vehicle reassigned');
    return res.status(201).json({ vehicleId: vehicle.id, driverId });
  } catch (err) {
    return next(err);
  }
});

router.post('/:vehicleId/service-visits', requireFleetManager, async (req, res, next) => {
  const { workshopId, odometerKm, items } = req.body;
  try {
    const [[vehicle]] = await db.execute('SELECT id, vin FROM vehicles WHERE id = ?', [req.params.vehicleId]);
    const visitLog = logger.child({ vin: vehicle.vin, workshopId });
    const [result] = await db.execute(
      'INSERT INTO service_visits (vehicle_id, workshop_id, odometer_km, items) VALUES (?, ?, ?, ?)',
      [vehicle.id, workshopId, odometerKm, JSON.stringify(items || [])],
    );
    visitLog.info({ visitId: result.insertId, items: (items || []).length }, 'service visit recorded');
    return res.status(201).json({ id: result.insertId });
  } catch (err) {
    return next(err);
  }
});

router.get('/:vehicleId/trace', async (req, res, next) => {
  try {
    const [[vehicle]] = await db.execute('SELECT vin FROM vehicles WHERE id = ?', [req.params.vehicleId]);
    const span = tracer.scope().active();
    if (span) span.setTag('fleet.vin', vehicle.vin);
    const [points] = await db.execute(
      'SELECT ts, lat, lon, speed_kmh FROM positions WHERE vin = ? AND ts > NOW() - INTERVAL 1 DAY ORDER BY ts',
      [vehicle.vin],
    );
    return res.json(points);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
