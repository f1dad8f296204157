/**
 * Implicit globals (issue #16 §2): in a script, `portraitSrc = canvas.toDataURL()` with nothing declaring
 * `portraitSrc` makes a global variable that every other function reads. A browser page script and a Node script,
 * invalid cases and valid twins.
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

describe('an undeclared name assigned in a script is a global other functions read', () => {
  const counterPage = (keep: string) => `// Rental counter kiosk page (plain <script>): the customer takes a portrait, then signs the contract.
function snapPortrait() {
  var cameraCanvas = document.getElementById('camera-canvas');
${keep}
  document.getElementById('portrait').src = portraitSrc;
}

function submitCheckIn(contractNo) {
  var xhr = new XMLHttpRequest();
  xhr.open('POST', 'https://rental.autocounter.cn/api/checkin');
  xhr.send(JSON.stringify({ contract: contractNo, portrait: portraitSrc }));
}
`;

  it('browser script: the portrait kept in an implicit global by one function is sent by another', async () => {
    const page = counterPage(`  portraitSrc = cameraCanvas.toDataURL('image/jpeg');`);
    expect(await linesOf({ 'public/js/counter.js': page })).toEqual([lineWith('public/js/counter.js', page, 'xhr.send', CAMERA)]);
  });

  it('browser script: the valid twin keeps the portrait only after it is anonymised', async () => {
    const page = counterPage(`  portraitSrc = anonymisePortrait(cameraCanvas.toDataURL('image/jpeg'));`);
    expect(await linesOf({ 'public/js/counter.js': page })).toEqual([]);
  });

  const bumpRelay = (keep: string) => `const NodeWebcam = require('node-webcam');
const mqtt = require('mqtt');

// Parking-bump relay of a dashcam box: the last frame is kept until the insurer's broker is reachable.
function onParkingBump() {
  NodeWebcam.capture('bump', { callbackReturn: 'buffer' }, function (err, data) {
    if (err) return;
${keep}
  });
}

function flushToInsurer() {
  insurer = mqtt.connect('mqtts://claims.insure-auto.cn:8883');
  insurer.publish('claims/parking-bump', lastBumpFrame);
}

module.exports = { onParkingBump, flushToInsurer };
`;

  it('Node script: a webcam frame kept in an implicit global is published on a client also kept in one', async () => {
    const relay = bumpRelay(`    lastBumpFrame = data;`);
    expect(await linesOf({ 'bin/bump-relay.js': relay })).toEqual([lineWith('bin/bump-relay.js', relay, 'insurer.publish', CAMERA)]);
  });

  it('Node script: the valid twin keeps the frame after blurring faces and plates', async () => {
    const relay = bumpRelay(`    lastBumpFrame = blurFacesAndPlates(data);`);
    expect(await linesOf({ 'bin/bump-relay.js': relay })).toEqual([]);
  });
});
