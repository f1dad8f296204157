import Human from '@vladmandic/human';
import type { ProfileStore } from './profile-store';

const human = new Human({
  backend: 'tensorflow',
  modelBasePath: 'file://models/',
  face: {
    enabled: true,
    detector: { maxDetected: 1, rotation: false },
    mesh: { enabled: true },
    description: { enabled: true },
    emotion: { enabled: false },
    iris: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
});

const MATCH_MIN = 0.6;
const REFRESH_BELOW = 0.75;

export function assertBiometricConsent(
  driver: Pick<DriverProfile, 'biometricConsentAt' | 'biometricConsentRevokedAt'>,
): asserts driver is Pick<DriverProfile, 'biometricConsentAt' | 'biometricConsentRevokedAt'> & { biometricConsentAt: string } {
  if (!driver.biometricConsentAt || driver.biometricConsentRevokedAt) {
    throw new Error('Driver has not given separate consent to face identification');
  }
}

export class DriverIdentifier {
  constructor(private readonly store: ProfileStore) {}

  async load(): Promise<void> {
    await human.load();
    await human.warmup();
  }

  private async embed(frame: CabinFrame): Promise<number[] | null> {
    const tensor = human.tf.node.decodeJpeg(frame.jpeg, 3);
    try {
      const result = await human.detect(tensor);
      return result.face[0]?.embedding ?? null;
    } finally {
      human.tf.dispose(tensor);
    }
  }

  async identify(frame: CabinFrame): Promise<{ driverId: string; similarity: number } | null> {
    const faceEmbedding = await this.embed(frame);
    if (!faceEmbedding) return null;
    const profiles = this.store.all();
    if (profiles.length === 0) return null;
    const best = human.match.find(faceEmbedding, profiles.map((p) => p.faceEmbedding), { threshold: 0 });
    if (best.index < 0 || best.similarity < MATCH_MIN) return null;
    const profile = profiles[best.index];
    this.store.recordRecognition(profile.driverId, best.similarity);
    if (best.similarity < REFRESH_BELOW) {
      this.store.refreshEmbedding(profile.driverId, faceEmbedding);
    }
    return { driverId: profile.driverId, similarity: best.similarity };
  }

  async enrol(driver: Omit<DriverProfile, 'faceEmbedding'>, frame: CabinFrame): Promise<void> {
    assertBiometricConsent(driver);
    const faceEmbedding = await this.embed(frame);
    if (!faceEmbedding) throw new Error('No face found in the enrolment frame');
    this.store.insert({ ...driver, faceEmbedding });
  }
}
