interface DriverProfile {
  driverId: string;
  displayName: string;
  licenseNo: string;
  faceEmbedding: number[];
  biometricConsentAt: string | null;
  biometricConsentRevokedAt: string | null;
}

interface CabinFrame {
  jpeg: Buffer;
  width: number;
  height: number;
  ts: number;
}

interface DmsAlert {
  kind: 'drowsy' | 'distracted' | 'phone' | 'no_driver';
  level: 1 | 2 | 3;
  perclos?: number;
  gazeOffRoadMs?: number;
  ts: number;
}

type Trace = (message: string, ...args: unknown[]) => void;
