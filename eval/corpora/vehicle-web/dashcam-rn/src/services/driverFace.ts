import AsyncStorage from '@react-native-async-storage/async-storage';
import RNFS from 'react-native-fs';
import { Camera } from 'react-native-vision-camera';

const API = 'https://dashcam.example-oem.com/api/v2';

interface ConsentRecord {
  grantedAt: string | null;
  revokedAt: string | null;
}

async function fetchBiometricConsent(driverId: string): Promise<ConsentRecord> {
  const res = await fetch(`${API}/drivers/${driverId}/consents/dms-face`);
  if (!res.ok) return { grantedAt: null, revokedAt: null };
  return (await res.json()) as ConsentRecord;
}

export async function enrolDriverFace(camera: Camera, driverId: string): Promise<void> {
  const consent = await fetchBiometricConsent(driverId);
  if (!consent.grantedAt || consent.revokedAt) {
    throw new Error('Face enrolment needs the driver’s consent in the app settings');
  }
  const photo = await camera.takePhoto({ flash: 'off', enableShutterSound: false });
  const facePhotoBase64 = await RNFS.readFile(photo.path, 'base64');
  await AsyncStorage.setItem(`dms.face.${driverId}`, facePhotoBase64);
  await RNFS.unlink(photo.path);
}

export async function addSecondDriver(camera: Camera, driverId: string): Promise<void> {
  const permission = await Camera.requestCameraPermission();
  if (permission !== 'granted') return;
  const photo = await camera.takePhoto({ flash: 'off', enableShutterSound: false });
  const facePhotoBase64 = await RNFS.readFile(photo.path, 'base64');
  await AsyncStorage.multiSet([
    [`dms.face.${driverId}`, facePhotoBase64],
    ['dms.activeDriver', driverId],
  ]);
  await RNFS.unlink(photo.path);
}

export async function rememberDrowsinessBaseline(driverId: string, baseline: { perclos: number; blinkRate: number }) {
  await AsyncStorage.setItem(`dms.baseline.${driverId}`, JSON.stringify({ ...baseline, at: Date.now() }));
}
