/**
 * Closures that leave the function that made them (issue #16 §2): the methods of an object a factory returns, and
 * the functions a Vue composable returns, run where they are called, with the variables they captured (the
 * connection the factory was given), the caller's arguments, and the caller's guards. Two ecosystems, invalid cases
 * and valid twins.
 */
import { describe, expect, it } from 'vitest';
import { lineWith } from '../support/marked-lines';
import { ruleFindingLines as linesOf } from '../support/scan-sources';

const CAMERA = 'no-unanonymized-camera-egress';
const BIOMETRIC = 'no-unconsented-biometric-storage';

describe('a factory returns an object whose methods use what the factory was given', () => {
  const uplink = `function createUplink(connection, vin) {
  return {
    async tamperSnapshot(jpeg) {
      await connection.publish(\`vehicles/\${vin}/tamper\`, jpeg, { qos: 1 });
    },
    heartbeat() {
      connection.publish(\`vehicles/\${vin}/heartbeat\`, JSON.stringify({ at: Date.now() }));
    },
  };
}

module.exports = { createUplink };
`;
  const alarm = (snapshot: string) => `const mqtt = require('mqtt');
const cv = require('opencv4nodejs');
const { createUplink } = require('./uplink');

async function onTamperAlarm(vin) {
  const conn = mqtt.connect('mqtts://telematics.autoparts-cloud.cn:8883');
  const cabin = new cv.VideoCapture(0);
  const frame = cv.imencode('.jpg', cabin.read());
${snapshot}
}

module.exports = { onTamperAlarm };
`;

  it('Node (T-Box agent): `createUplink(conn, vin).tamperSnapshot(frame)` publishes the raw cabin frame on the caller’s MQTT connection', async () => {
    const files = { 'src/uplink.js': uplink, 'src/alarm.js': alarm(`  await createUplink(conn, vin).tamperSnapshot(frame);`) };
    expect(await linesOf(files, CAMERA)).toEqual([lineWith('src/uplink.js', uplink, 'tamper`', CAMERA)]);
  });

  it('Node (T-Box agent): the valid twin hands the factory’s method a blurred frame', async () => {
    const files = { 'src/uplink.js': uplink, 'src/alarm.js': alarm(`  await createUplink(conn, vin).tamperSnapshot(blurFacesAndPlates(frame));`) };
    expect(await linesOf(files, CAMERA)).toEqual([]);
  });

  const vault = `import * as faceapi from 'face-api.js';
import { ref } from 'vue';

export function useGuestVault(unit: string) {
  const enrolled = ref(0);

  async function enrol(video: HTMLVideoElement) {
    const detection = await faceapi.detectSingleFace(video).withFaceLandmarks().withFaceDescriptor();
    if (!detection) return;
    localStorage.setItem(\`guest-face:\${unit}\`, JSON.stringify(Array.from(detection.descriptor)));
    enrolled.value++;
  }

  return { enrolled, enrol };
}
`;
  const registration = (register: string) => `import { useGuestVault } from '../composables/useGuestVault';

export function setupGuestRegistration(unit: string, guest: { name: string; faceConsent: boolean }, video: HTMLVideoElement) {
  const vault = useGuestVault(unit);

  async function onRegister() {
${register}
  }

  return { vault, onRegister };
}
`;

  it('Vue composable (.ts): a registration view calls `vault.enrol(video)` of `useGuestVault()` without the guest’s consent', async () => {
    const files = {
      'src/composables/useGuestVault.ts': vault,
      'src/views/guestRegistration.ts': registration(`    await vault.enrol(video);`),
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual([lineWith('src/composables/useGuestVault.ts', vault, 'localStorage.setItem', BIOMETRIC)]);
  });

  it('Vue composable (.ts): the valid twin checks the guest’s face consent before calling `vault.enrol(video)`', async () => {
    const files = {
      'src/composables/useGuestVault.ts': vault,
      'src/views/guestRegistration.ts': registration(`    if (!guest.faceConsent) return;
    await vault.enrol(video);`),
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual([]);
  });
});
