import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import path from 'node:path';

const definition = protoLoader.loadSync(path.join(__dirname, '../proto/dms_events.proto'), {
  keepCase: false,
  longs: Number,
  defaults: true,
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const proto = grpc.loadPackageDefinition(definition) as any;

const HMI_ALERT_URL = 'http://127.0.0.1:8787/hmi/driver-alert';

export interface ReporterOptions {
  target?: string;
  trace?: Trace;
  consents: { hasCabinVideoUploadConsent(driverId: string): boolean };
}

export class EventReporter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly client: any;
  private readonly trace: Trace;

  constructor(private readonly vin: string, private readonly opts: ReporterOptions) {
    this.trace = opts.trace ?? console.debug;
    this.client = new proto.dms.v1.DmsEvents(opts.target ?? 'dms.example-oem.com:443', grpc.credentials.createSsl());
  }

  reportAlert(alert: DmsAlert, driverId: string | null): void {
    this.client.reportAlert(
      { vin: this.vin, driverId: driverId ?? '', kind: alert.kind, level: alert.level, perclos: alert.perclos ?? 0, ts: alert.ts },
      (err: grpc.ServiceError | null) => {
        if (err) this.trace('alert upload failed for %s: %s', this.vin, err.message);
      },
    );
  }

  reportEvidence(alert: DmsAlert, frame: CabinFrame, driverId: string | null): void {
    this.client.reportEvidence(
      { vin: this.vin, driverId: driverId ?? '', kind: alert.kind, cabinSnapshot: frame.jpeg, ts: frame.ts },
      (err: grpc.ServiceError | null) => {
        if (err) this.trace('evidence upload failed: %s', err.message);
      },
    );
  }

  uploadClip(frames: CabinFrame[], driverId: string): Promise<void> {
    if (!this.opts.consents.hasCabinVideoUploadConsent(driverId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const call = this.client.uploadClip((err: grpc.ServiceError | null) => (err ? reject(err) : resolve()));
      for (const { jpeg, ts } of frames) {
        call.write({ driverId, jpeg, ts });
      }
      call.end();
    });
  }

  async showOnHmi(alert: DmsAlert, frame: CabinFrame): Promise<void> {
    await fetch(HMI_ALERT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: alert.kind, level: alert.level, snapshot: frame.jpeg.toString('base64') }),
    });
  }

  getDriver(driverId: string): Promise<Omit<DriverProfile, 'faceEmbedding'>> {
    return new Promise((resolve, reject) =>
      this.client.getDriver({ driverId }, (err: grpc.ServiceError | null, driver: DriverProfile) =>
        err ? reject(err) : resolve(driver),
      ),
    );
  }

  syncProfiles(onProfile: (p: DriverProfile) => void): grpc.ClientReadableStream<DriverProfile> {
    const stream = this.client.syncProfiles({ vin: this.vin });
    stream.on('data', onProfile);
    return stream;
  }
}
