/**
 * Framework state as stores (issue #16 §2): data that one handler of a component writes into the state its
 * framework keeps, and another handler reads. The `this` of an object-literal component (a mini-program page, a
 * Vue options component, a Pinia store), React's `useState`, Vue's `ref`/`reactive`, and variables that two
 * closures of one function share. Each class is tested in two ecosystems, with an invalid case and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { lineWith } from '../support/marked-lines';
import { ruleFindingLines } from '../support/scan-sources';

const CAMERA = 'no-unanonymized-camera-egress';
const BIOMETRIC = 'no-unconsented-biometric-storage';
const ID_LOGGING = 'no-id-number-logging';

const linesOf = (files: Record<string, string>, rule = CAMERA): Promise<string[]> => ruleFindingLines(files, rule);

function at(file: string, text: string, marker: string, rule = CAMERA): string {
  return lineWith(file, text, marker, rule);
}

describe('the `this` of an object-literal component is a store', () => {
  const inspectionPage = (upload: string) => `const PDI_API = 'https://pdi.dealer-cloud.cn/api/inspections';

Page({
  data: { vin: '', photos: [], inspector: '' },

  onReady() {
    this.cameraCtx = wx.createCameraContext();
  },

  capturePanel() {
    const that = this;
    this.cameraCtx.takePhoto({
      quality: 'high',
      success(res) {
        that.setData({ photos: that.data.photos.concat(res.tempImagePath) });
      },
    });
  },

  submitInspection() {
    this.data.photos.forEach((photo) => {
${upload}
    });
  },
});
`;

  it('WeChat mini-program: a photo taken with the context kept in `this`, put in `data` with setData, uploaded by another handler', async () => {
    const page = inspectionPage(`      wx.uploadFile({ url: PDI_API, filePath: photo, name: 'panel', formData: { vin: this.data.vin } });`);
    expect(await linesOf({ 'pages/inspection/inspection.js': page })).toEqual([at('pages/inspection/inspection.js', page, 'wx.uploadFile')]);
  });

  it('WeChat mini-program: the valid twin uploads the photo after mosaicking faces and plates', async () => {
    const page = inspectionPage(`      const masked = mosaicFacesAndPlates(photo);
      wx.uploadFile({ url: PDI_API, filePath: masked, name: 'panel', formData: { vin: this.data.vin } });`);
    expect(await linesOf({ 'pages/inspection/inspection.js': page })).toEqual([]);
  });

  const handoverPage = (send: string) => `const HANDOVER_API = 'https://handover.autohall.cn/api/photos';

export default {
  data() {
    return { orderNo: '', handoverShot: '' };
  },
  onLoad(query) {
    this.orderNo = query.orderNo;
  },
  methods: {
    shoot() {
      const ctx = uni.createCameraContext();
      ctx.takePhoto({
        quality: 'normal',
        success: (res) => {
          this.handoverShot = res.tempImagePath;
          this.confirm();
        },
      });
    },
    confirm() {
${send}
    },
  },
};
`;

  it('uni-app (Vue options API): a photo kept in a field of `this` and sent by a method that `this.confirm()` calls', async () => {
    const page = handoverPage(`      uni.uploadFile({ url: HANDOVER_API, filePath: this.handoverShot, name: 'photo', formData: { orderNo: this.orderNo } });`);
    expect(await linesOf({ 'src/pages/delivery/handover.js': page })).toEqual([at('src/pages/delivery/handover.js', page, 'uni.uploadFile')]);
  });

  it('uni-app (Vue options API): the valid twin sends only the order number kept in `this`', async () => {
    const page = handoverPage(`      uni.request({ url: HANDOVER_API, method: 'POST', data: { orderNo: this.orderNo, shotTaken: true } });`);
    expect(await linesOf({ 'src/pages/delivery/handover.js': page })).toEqual([]);
  });

  const lockerStore = (post: string) => ({
    'src/stores/keyLocker.ts': `import { defineStore } from 'pinia';

export const useKeyLockerStore = defineStore('keyLocker', {
  state: () => ({ lockerId: 'L-07', lastHandover: null as Blob | null }),
  actions: {
    async captureHandover(track: MediaStreamTrack) {
      this.lastHandover = await new ImageCapture(track).takePhoto();
    },
  },
});
`,
    'src/services/handoverLog.ts': `import { useKeyLockerStore } from '../stores/keyLocker';

export async function reportHandover(auditUrl: string): Promise<void> {
  const locker = useKeyLockerStore();
${post}
}
`,
  });

  it('Pinia: an action keeps a camera photo in the state; a service reads it from `useKeyLockerStore()` and posts it', async () => {
    const files = lockerStore(`  await fetch(auditUrl, { method: 'POST', body: locker.lastHandover });`);
    expect(await linesOf(files)).toEqual([at('src/services/handoverLog.ts', files['src/services/handoverLog.ts'], 'fetch(')]);
  });

  it('Pinia: the valid twin posts the locker id only', async () => {
    const files = lockerStore(`  await fetch(auditUrl, { method: 'POST', body: JSON.stringify({ lockerId: locker.lockerId }) });`);
    expect(await linesOf(files)).toEqual([]);
  });
});

describe('React state and Vue refs: one closure writes, another reads', () => {
  const testDriveCheckIn = (send: string) => `import React, { useRef, useState } from 'react';

export function TestDriveCheckIn({ dealerApi, bookingId }) {
  const cameraRef = useRef(null);
  const [licenceShot, setLicenceShot] = useState(null);

  const onCapture = async () => {
    const shot = await cameraRef.current.takePictureAsync({ quality: 0.6 });
    setLicenceShot(shot.uri);
  };

  const onConfirm = async () => {
${send}
  };

  return <CheckInView camera={cameraRef} onCapture={onCapture} onConfirm={onConfirm} />;
}
`;

  it('React (Expo camera): the photo is set with `setLicenceShot` in one handler and uploaded from the state in another', async () => {
    const component = testDriveCheckIn(`    await fetch(\`\${dealerApi}/test-drives/\${bookingId}/licence\`, { method: 'POST', body: licenceShot });`);
    expect(await linesOf({ 'src/screens/TestDriveCheckIn.jsx': component })).toEqual([at('src/screens/TestDriveCheckIn.jsx', component, 'await fetch')]);
  });

  it('React (Expo camera): the valid twin uploads the state after blurring it', async () => {
    const component = testDriveCheckIn(`    await fetch(\`\${dealerApi}/test-drives/\${bookingId}/licence\`, { method: 'POST', body: await blurFacesAndPlates(licenceShot) });`);
    expect(await linesOf({ 'src/screens/TestDriveCheckIn.jsx': component })).toEqual([]);
  });

  const parkingComposable = (upload: string) => `import { ref, reactive } from 'vue';
import mqtt from 'mqtt';

export function useBarrierCamera(video: { captureFrame(): Promise<Blob> }) {
  const lastFrame = ref<Blob | null>(null);
  const gate = reactive({ id: 'B2-north', plateFrame: null as Blob | null });
  const client = mqtt.connect('mqtts://iot.parking-ops.cn:8883');

  async function grab() {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    lastFrame.value = await new ImageCapture(stream.getVideoTracks()[0]).grabFrame();
    gate.plateFrame = lastFrame.value;
  }

  function report() {
${upload}
  }

  return { grab, report };
}
`;

  it('Vue composable (.ts): a `ref` and a `reactive` written by one function and published by another', async () => {
    const composable = parkingComposable(`    client.publish(\`barrier/\${gate.id}/frame\`, gate.plateFrame);`);
    expect(await linesOf({ 'src/composables/useBarrierCamera.ts': composable })).toEqual([at('src/composables/useBarrierCamera.ts', composable, 'client.publish')]);
  });

  it('Vue composable (.ts): the valid twin publishes the gate id only', async () => {
    const composable = parkingComposable(`    client.publish(\`barrier/\${gate.id}/status\`, JSON.stringify({ gate: gate.id, at: Date.now() }));`);
    expect(await linesOf({ 'src/composables/useBarrierCamera.ts': composable })).toEqual([]);
  });

  const lobbyKiosk = (store: string) => `import * as faceapi from 'face-api.js';

/** The lobby kiosk's buttons: the page binds \`scan\` and \`save\` to its buttons. */
export function createLobbyKiosk(video: HTMLVideoElement, resident: { unit: string; faceConsent: boolean }) {
  let descriptor: Float32Array | undefined;

  const scan = async () => {
    const detection = await faceapi.detectSingleFace(video).withFaceLandmarks().withFaceDescriptor();
    descriptor = detection?.descriptor;
  };

  const save = () => {
${store}
  };

  return { scan, save };
}
`;

  it('browser: of two handlers nothing in the project calls, one keeps a face descriptor in a shared variable, the other stores it', async () => {
    const kiosk = lobbyKiosk(`    localStorage.setItem(\`face:\${resident.unit}\`, JSON.stringify(Array.from(descriptor ?? [])));`);
    expect(await linesOf({ 'src/kiosk/lobby.ts': kiosk }, BIOMETRIC)).toEqual([at('src/kiosk/lobby.ts', kiosk, 'localStorage.setItem', BIOMETRIC)]);
  });

  it('browser: the valid twin stores it only with the resident’s face consent', async () => {
    const kiosk = lobbyKiosk(`    if (!resident.faceConsent) return;
    localStorage.setItem(\`face:\${resident.unit}\`, JSON.stringify(Array.from(descriptor ?? [])));`);
    expect(await linesOf({ 'src/kiosk/lobby.ts': kiosk }, BIOMETRIC)).toEqual([]);
  });
});

describe('a default or a reset in framework state is no constant data', () => {
  const plateForm = (log: string) => `import { useState } from 'react';

export function ServiceBookingForm({ onBook }) {
  const [licensePlate, setLicensePlate] = useState('');

  const submit = async () => {
${log}
    await onBook(licensePlate);
    setLicensePlate('');
  };

  return <BookingForm plate={licensePlate} onPlate={setLicensePlate} onSubmit={submit} />;
}
`;

  it('React: a plate kept in `useState(\'\')` and reset to it is still a plate when logged', async () => {
    const form = plateForm(`    console.info('service booking for', licensePlate);`);
    expect(await linesOf({ 'src/booking/ServiceBookingForm.jsx': form }, ID_LOGGING)).toEqual([at('src/booking/ServiceBookingForm.jsx', form, 'console.info', ID_LOGGING)]);
  });

  it('React: the valid twin logs the last four characters only', async () => {
    const form = plateForm(`    console.info('service booking for', licensePlate.slice(-4));`);
    expect(await linesOf({ 'src/booking/ServiceBookingForm.jsx': form }, ID_LOGGING)).toEqual([]);
  });

  const visitorStore = (log: string) => `import { defineStore } from 'pinia';

export const useVisitorStore = defineStore('visitor', {
  state: () => ({ form: { idCardNo: '', hostUnit: '' }, submitted: false }),
  actions: {
    async submit(api: { post(url: string, body: unknown): Promise<void> }) {
${log}
      await api.post('/visitors', this.form);
      this.submitted = true;
    },
  },
});
`;

  it('Pinia: an ID number the form fills into a state initialised to \'\' is still one when logged', async () => {
    const store = visitorStore(`      console.log('visitor check-in', this.form.idCardNo);`);
    expect(await linesOf({ 'src/stores/visitor.ts': store }, ID_LOGGING)).toEqual([at('src/stores/visitor.ts', store, 'console.log', ID_LOGGING)]);
  });

  it('Pinia: the valid twin logs the host unit only', async () => {
    const store = visitorStore(`      console.log('visitor check-in for unit', this.form.hostUnit);`);
    expect(await linesOf({ 'src/stores/visitor.ts': store }, ID_LOGGING)).toEqual([]);
  });
});
