/**
 * Callbacks of external higher-order functions (issue #16 §6): lodash `_.forEach`/`_.map`, async `eachSeries`,
 * `p-map` and rxjs operators enter their callback with the elements of the data they are given (or of the stream an
 * operator is piped into), as the array methods do. Node and browser code, invalid cases and valid twins.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { lineWith } from '../support/marked-lines';
import { findingLines, scanSources } from '../support/scan-sources';

const CAMERA = 'no-unanonymized-camera-egress';

async function linesOf(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${CAMERA}`)).sort();
}

describe('library callbacks entered with the elements of the data', () => {
  const bayArchive = (send: string) => `const _ = require('lodash');
const axios = require('axios');
const cv = require('opencv4nodejs');

/** Service bays of the dealership: one frame of each bay camera goes to the cloud archive every night. */
async function archiveBayCameras(bays) {
  const frames = bays.map((bay) => new cv.VideoCapture(bay.rtspUrl).read());
  _.forEach(frames, (frame, index) => {
${send}
  });
}

module.exports = { archiveBayCameras };
`;

  it('Node, lodash: `_.forEach(frames, (frame) => axios.post(…))` posts each raw bay frame', async () => {
    const job = bayArchive(`    axios.post(\`https://archive.dealer-ops.cn/bays/\${index}\`, cv.imencode('.jpg', frame));`);
    expect(await linesOf({ 'jobs/bayArchive.js': job })).toEqual([lineWith('jobs/bayArchive.js', job, 'axios.post', CAMERA)]);
  });

  it('Node, lodash: the valid twin blurs each frame in the callback', async () => {
    const job = bayArchive(`    axios.post(\`https://archive.dealer-ops.cn/bays/\${index}\`, cv.imencode('.jpg', blurFacesAndPlates(frame)));`);
    expect(await linesOf({ 'jobs/bayArchive.js': job })).toEqual([]);
  });

  const gateUplink = (publish: string) => `const { eachSeries } = require('async');
const mqtt = require('mqtt');
const NodeWebcam = require('node-webcam');

const client = mqtt.connect('mqtts://gate.fleet-yard.cn:8883');
const webcam = NodeWebcam.create({ width: 1280, height: 720, callbackReturn: 'buffer' });

function shootGateBurst(count, done) {
  const shots = [];
  for (let i = 0; i < count; i++) {
    webcam.capture(\`gate-\${i}\`, (error, shot) => shots.push(shot));
  }
  eachSeries(shots, (shot, next) => {
${publish}
  }, done);
}

module.exports = { shootGateBurst };
`;

  it('Node, async: `eachSeries(shots, (shot, next) => client.publish(…))` publishes each webcam shot of the yard gate', async () => {
    const uplink = gateUplink(`    client.publish('yard/gate/burst', shot, next);`);
    expect(await linesOf({ 'src/gate.js': uplink })).toEqual([lineWith('src/gate.js', uplink, 'client.publish', CAMERA)]);
  });

  it('Node, async: the valid twin publishes the number of shots only', async () => {
    const uplink = gateUplink(`    client.publish('yard/gate/burst', JSON.stringify({ count: shots.length }), next);`);
    expect(await linesOf({ 'src/gate.js': uplink })).toEqual([]);
  });

  const laneBurst = (pipeline: string) => `import { from } from 'rxjs';
import { concatMap, map } from 'rxjs/operators';

/** Car park lane kiosk: three photos of the lane when a car stops at the barrier. */
export async function uploadLaneBurst(laneId: string): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const capture = new ImageCapture(stream.getVideoTracks()[0]);
  const shots = [await capture.takePhoto(), await capture.takePhoto(), await capture.takePhoto()];
  from(shots)
${pipeline}
    .subscribe();
}
`;

  it('browser, rxjs: a `concatMap` callback uploads each photo piped into it', async () => {
    const kiosk = laneBurst(`    .pipe(concatMap((shot) => fetch(\`https://lanes.parking-ops.cn/\${laneId}/burst\`, { method: 'POST', body: shot })))`);
    expect(await linesOf({ 'src/lane/burst.ts': kiosk })).toEqual([lineWith('src/lane/burst.ts', kiosk, 'fetch(', CAMERA)]);
  });

  it('browser, rxjs: the valid twin maps each photo through the anonymiser before the upload', async () => {
    const kiosk = laneBurst(`    .pipe(
      map((shot) => blurFacesAndPlates(shot)),
      concatMap((clean) => fetch(\`https://lanes.parking-ops.cn/\${laneId}/burst\`, { method: 'POST', body: clean })),
    )`);
    expect(await linesOf({ 'src/lane/burst.ts': kiosk })).toEqual([]);
  });

  const showroomSync = (mapper: string) => `import pMap from 'p-map';

/** Showroom kiosk: sends the photos the lobby camera took today to the dealer group's CRM. */
export async function syncLobbyPhotos(crmUrl: string): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  const capture = new ImageCapture(stream.getVideoTracks()[0]);
  const photos = [await capture.takePhoto(), await capture.takePhoto()];
  await pMap(photos, ${mapper}, { concurrency: 2 });
}
`;

  it('browser, p-map: the mapper posts each lobby photo', async () => {
    const sync = showroomSync(`async (photo) => fetch(\`\${crmUrl}/lobby\`, { method: 'POST', body: photo })`);
    expect(await linesOf({ 'src/kiosk/sync.ts': sync })).toEqual([lineWith('src/kiosk/sync.ts', sync, 'fetch(', CAMERA)]);
  });

  it('browser, p-map: the valid twin posts the photo count only', async () => {
    const sync = showroomSync(`async (photo, index) => fetch(\`\${crmUrl}/lobby\`, { method: 'POST', body: JSON.stringify({ index, bytes: photo.size }) })`);
    expect(await linesOf({ 'src/kiosk/sync.ts': sync })).toEqual([]);
  });
});
