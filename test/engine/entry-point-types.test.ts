/**
 * Root parameters get sources from their declared types (issue #16 §2): an exported function that nothing in the
 * project calls receives what the host page hands it. A parameter declared as one of the web platform's camera types
 * (`HTMLVideoElement`, `MediaStream`, `VideoFrame`…), in TypeScript or by JSDoc in JavaScript, is camera data there;
 * where the project calls the function itself, what it passes decides. Two ecosystems, invalid cases and valid twins.
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

describe('a parameter declared as a camera type, of a function nothing in the project calls', () => {
  const showroomSdk = (body: string) => `/** Showroom widget SDK: the dealer's kiosk hands us each VideoFrame its camera pipeline decodes. */
export async function sendWalkInFrame(frame: VideoFrame, crmUrl: string, visitId: string): Promise<void> {
  const canvas = new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
  canvas.getContext('2d')!.drawImage(frame, 0, 0);
${body}
}
`;

  it('TypeScript browser SDK: a `VideoFrame` parameter is drawn and posted to the CRM', async () => {
    const sdk = showroomSdk(`  const blob = await canvas.convertToBlob({ type: 'image/jpeg' });
  await fetch(\`\${crmUrl}/visits/\${visitId}/frame\`, { method: 'POST', body: blob });`);
    expect(await linesOf({ 'src/sdk/walkIn.ts': sdk })).toEqual([lineWith('src/sdk/walkIn.ts', sdk, 'await fetch', CAMERA)]);
  });

  it('TypeScript browser SDK: the valid twin posts the frame after blurring faces and plates', async () => {
    const sdk = showroomSdk(`  const blob = await canvas.convertToBlob({ type: 'image/jpeg' });
  await fetch(\`\${crmUrl}/visits/\${visitId}/frame\`, { method: 'POST', body: await blurFacesAndPlates(blob) });`);
    expect(await linesOf({ 'src/sdk/walkIn.ts': sdk })).toEqual([]);
  });

  const carParkScript = `/**
 * Car park barrier widget (no bundler): posts one frame of the lane camera's preview for plate reading.
 * @param {HTMLVideoElement} lanePreview
 * @param {string} barrierUrl
 */
function postLaneFrame(lanePreview, barrierUrl) {
  var canvas = document.createElement('canvas');
  canvas.getContext('2d').drawImage(lanePreview, 0, 0);
  var xhr = new XMLHttpRequest();
  xhr.open('POST', barrierUrl);
  xhr.send(canvas.toDataURL('image/jpeg'));
}

module.exports = { postLaneFrame };
`;

  it('JavaScript with JSDoc: an `@param {HTMLVideoElement}` of an exported function is drawn and sent with XMLHttpRequest', async () => {
    expect(await linesOf({ 'public/js/lane.js': carParkScript })).toEqual([lineWith('public/js/lane.js', carParkScript, 'xhr.send', CAMERA)]);
  });

  it('JavaScript with JSDoc: the valid twin is called in the project with the video of a car advert, not a camera', async () => {
    const advertPage = `var laneWidget = require('./lane');

function showAdvert(url) {
  var advert = document.createElement('video');
  advert.src = '/media/ev-launch.mp4';
  laneWidget.postLaneFrame(advert, url);
}

module.exports = { showAdvert };
`;
    expect(await linesOf({ 'public/js/lane.js': carParkScript, 'public/js/advert.js': advertPage })).toEqual([]);
  });
});
