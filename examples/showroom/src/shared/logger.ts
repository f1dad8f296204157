import { createLogger, format, transports } from 'winston';

/** Application log: JSON lines to stdout, collected by the dealer group's log platform. */
export const appLogger = createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: format.combine(format.timestamp(), format.json()),
  defaultMeta: { service: 'showroom-platform' },
  transports: [new transports.Console()],
});

/** Audit trail of customer-facing actions; kept for three years for the brand's dealer audits. */
export const auditLogger = appLogger.child({ channel: 'audit' });

export function audit(action: string, details: Record<string, unknown>): void {
  auditLogger.info(action, details);
}
