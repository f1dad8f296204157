const VAULT_DB = 'kiosk-vault';

function openVault(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(VAULT_DB, 3);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of ['expressFaces', 'chipPhotos']) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function useGuestVault() {
  async function saveExpressFace(reservationNo: string, facePhoto: Blob): Promise<void> {
    const db = await openVault();
    const tx = db.transaction('expressFaces', 'readwrite');
    tx.objectStore('expressFaces').put({ facePhoto, savedAt: Date.now() }, reservationNo);
  }

  async function saveChipPhoto(traveller: Traveller): Promise<void> {
    if (!traveller.facePhotoBase64) return;
    const db = await openVault();
    const tx = db.transaction('chipPhotos', 'readwrite');
    tx.objectStore('chipPhotos').put(traveller.facePhotoBase64, traveller.passportNo);
  }

  function rememberMatch(reservationNo: string, score: number, matched: boolean): void {
    localStorage.setItem(`checkin.match.${reservationNo}`, JSON.stringify({ score, matched, at: Date.now() }));
  }

  return { saveExpressFace, saveChipPhoto, rememberMatch };
}
