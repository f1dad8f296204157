'use strict';

const config = require('./lib/config');
const { CameraPoller } = require('./lib/camera');
const garage = require('./lib/garage');
const lobby = require('./lib/lobby');
const faceSync = require('./lib/face-sync');

const logger = config.getLogger('main');

const SNAPSHOT_EVERY_MS = 5 * 60 * 1000;
const lastSnapshot = new Map();

function guard(fn) {
  return (jpeg, meta) =>
    Promise.resolve(fn(jpeg, meta)).catch((err) => logger.error(`${meta.cameraId}: ${err.stack || err.message}`));
}

for (const camera of config.cameras) {
  const poller = new CameraPoller(camera, camera.role === 'anpr' ? 500 : 1000);

  if (camera.role === 'anpr') {
    poller.on('frame', guard(garage.onEntryFrame));
    poller.on('frame', (jpeg, meta) => {
      if (meta.at - (lastSnapshot.get(camera.id) || 0) < SNAPSHOT_EVERY_MS) return;
      lastSnapshot.set(camera.id, meta.at);
      guard(garage.publishOccupancySnapshot)(jpeg, meta);
    });
    garage.startLiveRelay(camera);
  } else if (camera.role === 'firelane') {
    poller.on('frame', guard(garage.onFireLaneFrame));
  } else if (camera.role === 'lobby') {
    poller.on('frame', guard(lobby.onLobbyFrame));
  }

  poller.start();
  logger.info(`camera ${camera.id} (${camera.role}) started`);
}

faceSync.start();
logger.info(`gateway ${config.gatewayId} up, project ${config.projectCode}`);

process.on('SIGTERM', () => {
  logger.info('shutting down');
  process.exit(0);
});
