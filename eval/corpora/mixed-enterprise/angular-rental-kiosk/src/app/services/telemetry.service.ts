import { Injectable } from '@angular/core';
import posthog from 'posthog-js';
import { environment } from '../../environments/environment';

@Injectable({ providedIn: 'root' })
export class TelemetryService {
  constructor() {
    posthog.init(environment.posthogKey, {
      api_host: 'https://eu.i.posthog.com',
      autocapture: false,
      capture_pageview: false,
      persistence: 'memory',
    });
  }

  /** funnel step of the check-in flow */
  step(name: string, props: Record<string, unknown> = {}): void {
    posthog.capture(`kiosk_${name}`, { kioskId: environment.kioskId, ...props });
  }
}

/** Masks for anything shown on the receipt printer or sent to telemetry. */
@Injectable({ providedIn: 'root' })
export class Desensitizer {
  idNumber(value: string): string {
    return value ? `${value.slice(0, 1)}${'*'.repeat(Math.max(value.length - 5, 0))}${value.slice(-4)}` : '';
  }

  plate(value: string): string {
    return value && value.length > 4 ? `${value.slice(0, 2)}***${value.slice(-2)}` : '***';
  }
}
