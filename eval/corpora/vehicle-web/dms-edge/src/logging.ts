import { createConsola } from 'consola';
import log from 'loglevel';

export const consola = createConsola({ level: Number(process.env.DMS_LOG_LEVEL ?? 3) }).withTag('dms');

log.setLevel((process.env.DMS_PROFILE_LOG as log.LogLevelDesc | undefined) ?? 'info');
export const profileLog = log.getLogger('profiles');

export function maskLicence(licenseNo: string): string {
  return licenseNo.replace(/^(.{4}).*(.{4})$/, '$1**********$2');
}
