/**
 * Fixes of `no-unanonymized-camera-egress` that are right by construction (issue #18): the anonymiser is applied to
 * the camera frame before it is encoded (never to the base64 text it becomes), only when its parameter type fits,
 * and in a function that is not `async` a synchronous anonymiser is used, or the fix is listed as not offered with
 * the reason. Refs #18.
 */
import { describe } from 'vitest';
import type { CameraEgressMessageId } from '../../rules/no-unanonymized-camera-egress/messages';
import { cameraEgressRule } from '../../rules/no-unanonymized-camera-egress/rule';
import { runRuleTester } from '../support/rule-case-tester';

const RULE = 'no-unanonymized-camera-egress';
const SUPPRESS = `Suppress ${RULE} on this line and state the reason`;

const syncAnonymiser = `import cv from '@u4/opencv4nodejs';

const plates = new cv.CascadeClassifier(cv.HAAR_RUSSIAN_PLATE_NUMBER);

export function blurPlates(frame: cv.Mat): cv.Mat {
  const output = frame.copy();
  for (const region of plates.detectMultiScale(frame.bgrToGray()).objects) {
    output.getRegion(region).gaussianBlur(new cv.Size(31, 31), 0).copyTo(output.getRegion(region));
  }
  return output;
}
`;

const asyncAnonymiser = `import type cv from '@u4/opencv4nodejs';

export async function blurFacesRemote(frame: cv.Mat): Promise<cv.Mat> {
  const { blurAll } = await import('@oem/vision-privacy');
  return blurAll(frame);
}
`;

const gateCamera = (sample: string) => `import cv from '@u4/opencv4nodejs';
import axios from 'axios';
import { blurPlates } from './plate-blur';

const gate = new cv.VideoCapture('rtsp://192.168.20.5:554/gate');

export function sendTollPlaza(): void {
  const still = gate.read();
  void axios.post('https://plaza.example-tolls.com/api/stills', { image: cv.imencode('.jpg', blurPlates(still)).toString('base64') });
}

${sample}
`;

const encodedSample = `export async function reportGateVisitor(gateId: string): Promise<void> {
  const frame = gate.read();
  const snapshot = cv.imencode('.jpg', frame).toString('base64');
  await axios.post(\`https://visitors.example-parking.com/api/gates/\${gateId}/snapshots\`, { image: snapshot }); // expect: ${RULE}
}`;

const timerCamera = (anonymiserImport: string, call: string) => `import cv from '@u4/opencv4nodejs';
import mqtt from 'mqtt';
${anonymiserImport}

const client = mqtt.connect('mqtts://iot.example-oem.com:8883');
const cabin = new cv.VideoCapture(0);

export async function uploadCabinCheck(vin: string): Promise<void> {
  const safe = ${call}(cabin.read());
  client.publish(\`vehicles/\${vin}/cabin-check\`, cv.imencode('.jpg', safe));
}

export function uploadRoadSample(vin: string): void {
  const frame = cabin.read();
  client.publish(\`vehicles/\${vin}/road-samples\`, cv.imencode('.jpg', frame)); // expect: ${RULE}
}
`;

describe(`${RULE} fixes right by construction`, () => {
  runRuleTester<CameraEgressMessageId>(cameraEgressRule, {
    valid: [],
    invalid: [
      {
        name: 'the frame is blurred before it is JPEG- and base64-encoded, never the base64 text',
        files: { 'src/gate/plate-blur.ts': syncAnonymiser, 'src/gate/gate-camera.ts': gateCamera(encodedSample) },
        findings: [{ file: 'src/gate/gate-camera.ts', line: 15, messageId: 'rawFrameEgress' }],
        fixes: [
          {
            title: 'Anonymise with blurPlates() before sending',
            output: { 'src/gate/gate-camera.ts': gateCamera(encodedSample.replace("cv.imencode('.jpg', frame)", "cv.imencode('.jpg', blurPlates(frame))")) },
          },
          {
            title: SUPPRESS,
            output: { 'src/gate/gate-camera.ts': gateCamera(encodedSample.replace('  await axios.post(', `  // piilint-disable-next-line ${RULE} -- <reason>\n  await axios.post(`)) },
          },
        ],
      },
      {
        name: 'a function that is not async, with only an async anonymiser: the fix is not offered, and says why',
        files: {
          'src/privacy/blur-remote.ts': asyncAnonymiser,
          'src/tbox/uplink.ts': timerCamera("import { blurFacesRemote } from '../privacy/blur-remote';", 'await blurFacesRemote'),
        },
        findings: [{ file: 'src/tbox/uplink.ts', line: 15, messageId: 'rawFrameEgress' }],
        fixes: [
          {
            title: SUPPRESS,
            output: {
              'src/tbox/uplink.ts': timerCamera("import { blurFacesRemote } from '../privacy/blur-remote';", 'await blurFacesRemote').replace(
                '  client.publish(`vehicles/${vin}/road-samples`',
                `  // piilint-disable-next-line ${RULE} -- <reason>\n  client.publish(\`vehicles/\${vin}/road-samples\``,
              ),
            },
          },
        ],
        fixesNotOffered: [
          {
            title: 'Anonymise with blurFacesRemote() before sending',
            notOffered: 'blurFacesRemote() is async and uploadRoadSample() is not, and the project has no synchronous anonymiser: make uploadRoadSample() async to anonymise here',
          },
        ],
      },
      {
        name: 'a function that is not async uses the project\'s synchronous anonymiser',
        files: {
          'src/privacy/plate-blur.ts': syncAnonymiser,
          'src/tbox/uplink.ts': timerCamera("import { blurPlates } from '../privacy/plate-blur';", 'blurPlates'),
        },
        findings: [{ file: 'src/tbox/uplink.ts', line: 15, messageId: 'rawFrameEgress' }],
        fixes: [
          {
            title: 'Anonymise with blurPlates() before sending',
            output: {
              'src/tbox/uplink.ts': timerCamera("import { blurPlates } from '../privacy/plate-blur';", 'blurPlates').replace(
                "cv.imencode('.jpg', frame)",
                "cv.imencode('.jpg', blurPlates(frame))",
              ),
            },
          },
          {
            title: SUPPRESS,
            output: {
              'src/tbox/uplink.ts': timerCamera("import { blurPlates } from '../privacy/plate-blur';", 'blurPlates').replace(
                '  client.publish(`vehicles/${vin}/road-samples`',
                `  // piilint-disable-next-line ${RULE} -- <reason>\n  client.publish(\`vehicles/\${vin}/road-samples\``,
              ),
            },
          },
        ],
      },
    ],
  });
});
