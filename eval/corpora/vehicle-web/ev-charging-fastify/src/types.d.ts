interface StartSessionBody {
  stationId: string;
  connectorId: number;
  plateNo: string;
  rfidUid?: string;
  driverId?: string;
}

interface ChargingSession {
  id: string;
  stationId: string;
  connectorId: number;
  plateNo: string;
  driverId?: string;
  startedAt: string;
  energyKwh: number;
}

interface AnprEvent {
  bayId: string;
  plateNo: string;
  confidence: number;
  direction: 'in' | 'out';
  capturedAt: string;
}

interface EnrolBody {
  faceEmbedding: number[];
  kioskId: string;
}
