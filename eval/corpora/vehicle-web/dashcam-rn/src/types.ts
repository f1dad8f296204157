export interface Vehicle {
  id: string;
  model: string;
  plateNumber: string;
  vin: string;
}

export interface IncidentMeta {
  vehicleId: string;
  kind: 'harsh_brake' | 'collision' | 'manual';
  gForce: number;
  lat: number | null;
  lon: number | null;
  at: number;
}
