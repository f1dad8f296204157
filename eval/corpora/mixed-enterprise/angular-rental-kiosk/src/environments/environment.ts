export const environment = {
  name: 'production',
  version: '4.3.0',
  kioskId: 'PVG-T2-K03',
  apiBase: 'https://kiosk-api.rentwell-mobility.com/v2',
  sentryDsn: 'https://4f1c9a0d2b7e4e0f9c3a@o482113.ingest.sentry.io/5533012',
  posthogKey: 'phc_Qw3kZp0L8yT2mV6rN1sD4fH7jX9bC5aG',
};
