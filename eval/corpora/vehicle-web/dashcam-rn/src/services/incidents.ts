import RNFS from 'react-native-fs';
import type { PhotoFile } from 'react-native-vision-camera';
import type { IncidentMeta } from '../types';
import { anonymizePhoto, blurFacesAndPlates } from './privacy';

const API = 'https://dashcam.example-oem.com/api/v2';

async function authHeaders(): Promise<Record<string, string>> {
  const token = await RNFS.readFile(`${RNFS.DocumentDirectoryPath}/session.token`, 'utf8').catch(() => '');
  return { authorization: `Bearer ${token}` };
}

export async function uploadCollision(photoPath: string, meta: IncidentMeta): Promise<void> {
  const safePath = await blurFacesAndPlates(photoPath);
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append('photo', { uri: `file://${safePath}`, type: 'image/jpeg', name: 'incident.jpg' } as unknown as Blob);
  await fetch(`${API}/incidents`, { method: 'POST', headers: await authHeaders(), body: form });
}

export async function reportHarshBrake(meta: IncidentMeta, photo: PhotoFile): Promise<void> {
  await fetch(`${API}/events`, {
    method: 'POST',
    headers: { ...(await authHeaders()), 'content-type': 'application/json' },
    body: JSON.stringify({ ...meta, frameWidth: photo.width, frameHeight: photo.height, orientation: photo.orientation }),
  });
}

export async function shareWithInsurer(photoPath: string, claimNo: string): Promise<void> {
  const cleaned = await anonymizePhoto(photoPath);
  const dashcamJpeg = await RNFS.readFile(cleaned, 'base64');
  await fetch(`https://claims.example-insurer.com/v1/claims/${encodeURIComponent(claimNo)}/evidence`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'dashcam', image: dashcamJpeg }),
  });
}

export async function uploadManualClip(videoPath: string, meta: IncidentMeta): Promise<void> {
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append('clip', { uri: `file://${videoPath}`, type: 'video/mp4', name: 'clip.mp4' } as unknown as Blob);
  await fetch(`${API}/clips`, { method: 'POST', headers: await authHeaders(), body: form });
}
