import { datadogLogs } from '@datadog/browser-logs';
import type { VisitorDetails } from './store/visitorSlice';

datadogLogs.init({
  clientToken: import.meta.env.VITE_DD_CLIENT_TOKEN,
  site: 'datadoghq.eu',
  service: 'lobby-kiosk',
  forwardErrorsToLogs: true,
  sessionSampleRate: 100,
});

function maskIdCard(idCardNo: string): string {
  return idCardNo.slice(0, 3) + '*'.repeat(11) + idCardNo.slice(-4);
}

export function logVisitorRegistered(visitId: string, details: VisitorDetails): void {
  datadogLogs.logger.info('visitor registered', { visitId, visitor: details });
}

export function logVisitorCheckedIn(visitId: string, details: VisitorDetails): void {
  datadogLogs.logger.info('visitor checked in', {
    visitId,
    hostResidentId: details.hostResidentId,
    idCardNo: maskIdCard(details.idCardNo),
  });
}

export function logRecognition(residentId: string, distance: number): void {
  datadogLogs.logger.info('resident recognised', { residentId, distance: Number(distance.toFixed(3)) });
}
