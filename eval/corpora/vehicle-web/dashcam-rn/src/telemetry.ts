import { createClient } from '@segment/analytics-react-native';
import * as Sentry from '@sentry/react-native';
import type { IncidentMeta, Vehicle } from './types';

export const segment = createClient({
  writeKey: process.env.SEGMENT_WRITE_KEY ?? '',
  trackAppLifecycleEvents: true,
});

export function setVehicleContext(vehicle: Vehicle): void {
  Sentry.setTag('vehicle_id', vehicle.id);
  Sentry.setTag('vehicle_model', vehicle.model);
}

export function setVehicleDetails(vehicle: Vehicle): void {
  Sentry.setContext('vehicle', { model: vehicle.model, plate: vehicle.plateNumber });
}

export function identifyOwner(ownerId: string, vehicle: Vehicle): void {
  segment.identify(ownerId, { vehicleModel: vehicle.model, vin: vehicle.vin });
}

export function trackIncidentUploaded(meta: IncidentMeta): void {
  segment.track('Incident Uploaded', { vehicleId: meta.vehicleId, kind: meta.kind, gForce: meta.gForce });
}
