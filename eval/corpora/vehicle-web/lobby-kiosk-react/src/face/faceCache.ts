import * as faceapi from '@vladmandic/face-api';

const DB_NAME = 'lobby-faces';
const DB_VERSION = 2;

function openFaceDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('descriptors')) db.createObjectStore('descriptors', { keyPath: 'personId' });
      if (!db.objectStoreNames.contains('recognitions')) db.createObjectStore('recognitions', { autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export async function cacheResidentDescriptor(residentId: string, faceDescriptor: Float32Array): Promise<void> {
  const db = await openFaceDb();
  const tx = db.transaction('descriptors', 'readwrite');
  tx.objectStore('descriptors').put({ personId: residentId, kind: 'resident', faceDescriptor: Array.from(faceDescriptor) });
  await done(tx);
}

export async function cacheGuestDescriptor(
  hostResidentId: string,
  guestName: string,
  faceDescriptor: Float32Array,
): Promise<void> {
  const db = await openFaceDb();
  const tx = db.transaction('descriptors', 'readwrite');
  tx.objectStore('descriptors').put({
    personId: `guest:${hostResidentId}:${guestName}`,
    kind: 'guest',
    faceDescriptor: Array.from(faceDescriptor),
    validUntil: Date.now() + 24 * 3600 * 1000,
  });
  await done(tx);
}

export async function recordRecognition(label: string, distance: number): Promise<void> {
  const db = await openFaceDb();
  const tx = db.transaction('recognitions', 'readwrite');
  tx.objectStore('recognitions').add({ label, distance, at: Date.now() });
  await done(tx);
}

export async function loadCachedDescriptors(): Promise<faceapi.LabeledFaceDescriptors[]> {
  const db = await openFaceDb();
  const tx = db.transaction('descriptors', 'readonly');
  const all = await new Promise<Array<{ personId: string; faceDescriptor: number[] }>>((resolve, reject) => {
    const req = tx.objectStore('descriptors').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return all.map((row) => new faceapi.LabeledFaceDescriptors(row.personId, [new Float32Array(row.faceDescriptor)]));
}
