import * as Sentry from '@sentry/vue';
import mixpanel from 'mixpanel-browser';
import type { App } from 'vue';

export function initTelemetry(app: App): void {
  Sentry.init({
    app,
    dsn: import.meta.env.VITE_SENTRY_DSN,
    environment: import.meta.env.MODE,
    tracesSampleRate: 0.05,
  });
  mixpanel.init(import.meta.env.VITE_MIXPANEL_TOKEN, { persistence: 'localStorage', ip: false });
}

export function identifyGuest(reservation: Reservation, lead: Traveller): void {
  Sentry.setUser({ id: reservation.guestId, username: `${lead.surname}/${lead.passportNo}` });
}

export function tagReservation(reservation: Reservation): void {
  Sentry.setTag('room_type', reservation.roomType);
  Sentry.setTag('reservation', reservation.reservationNo);
}

export function trackCheckinCompleted(reservation: Reservation, matchScore: number, travellers: Traveller[]): void {
  mixpanel.track('checkin_completed', {
    roomType: reservation.roomType,
    nights: reservation.nights,
    travellers: travellers.length,
    nationalities: [...new Set(travellers.map((t) => t.nationality))],
    matchScore: Math.round(matchScore * 100) / 100,
  });
}

export function warnPassportMismatch(reservation: Reservation, passportNo: string): void {
  const hint = '*'.repeat(Math.max(0, passportNo.length - 3)) + passportNo.slice(-3);
  console.warn(`passport ${hint} does not match reservation ${reservation.reservationNo}`);
}
