import { readFileSync } from 'node:fs';
import { concatMap, from, sampleTime, tap } from 'rxjs';
import WebSocket from 'ws';
import { openCabinCamera } from './camera';
import { EventReporter } from './events';
import { DriverIdentifier } from './identify';
import { consola, maskLicence, profileLog } from './logging';
import { ProfileStore } from './profile-store';

type PerceptionMessage =
  | ({ type: 'alert' } & DmsAlert)
  | { type: 'enrol'; driverId: string };

async function main(): Promise<void> {
  const vin = process.env.VEHICLE_VIN ?? readFileSync('/etc/vehicle/vin', 'utf8').trim();
  consola.start(`DMS agent starting on vehicle ${vin}`);

  const store = new ProfileStore();
  const identifier = new DriverIdentifier(store);
  await identifier.load();
  const reporter = new EventReporter(vin, {
    target: process.env.DMS_CLOUD,
    trace: consola.withTag('grpc').debug,
    consents: store,
  });

  reporter.syncProfiles((profile) => {
    profileLog.debug('profile provisioned', profile);
    if (!profile.biometricConsentAt || profile.biometricConsentRevokedAt) {
      store.revoke(profile.driverId);
      return;
    }
    store.insert(profile);
  });

  const ring: CabinFrame[] = [];
  let currentDriver: string | null = null;

  openCabinCamera()
    .pipe(
      tap((frame) => {
        ring.push(frame);
        if (ring.length > 50) ring.shift();
      }),
      sampleTime(2000),
      concatMap((frame) => from(identifier.identify(frame))),
    )
    .subscribe({
      next: (match) => {
        if (match && match.driverId !== currentDriver) {
          currentDriver = match.driverId;
          profileLog.info(`driver ${match.driverId} recognised, similarity ${match.similarity.toFixed(2)}`);
        }
      },
      error: (err) => consola.error('cabin camera stopped', err),
    });

  const perception = new WebSocket('ws://127.0.0.1:8788/perception');
  perception.on('message', async (data) => {
    const msg = JSON.parse(data.toString()) as PerceptionMessage;
    const frame = ring[ring.length - 1];
    if (msg.type === 'enrol') {
      const driver = await reporter.getDriver(msg.driverId);
      if (!frame) return;
      await identifier.enrol(driver, frame);
      consola.success(`driver ${driver.driverId} enrolled, licence ${maskLicence(driver.licenseNo)}`);
      return;
    }
    reporter.reportAlert(msg, currentDriver);
    if (!frame) return;
    await reporter.showOnHmi(msg, frame);
    if (msg.level >= 2) reporter.reportEvidence(msg, frame, currentDriver);
    if (msg.level === 3 && currentDriver) await reporter.uploadClip(ring.slice(), currentDriver);
  });
}

main().catch((err) => {
  consola.fatal('DMS agent crashed', err);
  process.exit(1);
});
