/**
 * Fixes of `no-id-number-logging` that are right by construction (issue #18): the mask fix calls the project's
 * helper for that kind of ID (`maskPlate` for a plate, never the resident-ID mask), and leaving a field out of a
 * logged parameter with a rest pattern really removes it, so a fresh scan no longer reports it. Refs #18.
 */
import { describe } from 'vitest';
import type { IdNumberLoggingMessageId } from '../../rules/no-id-number-logging/messages';
import { idNumberLoggingRule } from '../../rules/no-id-number-logging/rule';
import { runRuleTester } from '../support/rule-case-tester';

const RULE = 'no-id-number-logging';
const SUPPRESS = `Suppress ${RULE} on this line and state the reason`;

const masking = `export function maskIdNumber(idNumber: string): string {
  return \`\${idNumber.slice(0, 3)}\${'*'.repeat(Math.max(0, idNumber.length - 7))}\${idNumber.slice(-4)}\`;
}

export function maskPlate(plateNo: string): string {
  return \`\${plateNo.slice(0, 2)}\${'*'.repeat(Math.max(0, plateNo.length - 4))}\${plateNo.slice(-2)}\`;
}
`;

const appraisal = (plate: string) => `import { createLogger } from 'winston';
import { maskIdNumber, maskPlate } from './masking';

const logger = createLogger();

export interface TradeInRequest {
  customerId: string;
  ownerIdCardNo: string;
  tradeInPlateNo?: string;
}

export function requestAppraisal(request: TradeInRequest): void {
  logger.info('appraisal for owner', { owner: maskIdNumber(request.ownerIdCardNo) });
  if (request.tradeInPlateNo) {
    logger.info('trade-in appraisal requested', { customerId: request.customerId, plate: ${plate} }); // expect: ${RULE}
    logger.info('trade-in appraisal queued', { plate: maskPlate(request.tradeInPlateNo) });
  }
}
`;

const audit = (body: string) => `import { createLogger } from 'winston';

const auditLogger = createLogger();

export function audit(action: string, details: Record<string, unknown>): void {
${body}
}
`;

const auditSink = `  auditLogger.info(action, details); // expect: ${RULE}`;

const identityCheck = `import { audit } from './audit';

export function verifyIdentity(customerId: string, idCardNo: string): void {
  audit('customer.identity-verified', { customerId, idCardNo });
}
`;

describe(`${RULE} fixes right by construction`, () => {
  runRuleTester<IdNumberLoggingMessageId>(idNumberLoggingRule, {
    valid: [
      {
        name: 'a field left out of a logged parameter by a rest pattern is not logged',
        files: {
          'src/crm/audit.ts': audit(`  const { idCardNo: _idCardNo, ...detailsForLog } = details;\n  auditLogger.info(action, detailsForLog);`),
          'src/crm/identity.ts': identityCheck,
        },
      },
    ],
    invalid: [
      {
        name: 'a plate is masked with the project\'s maskPlate, not the resident-ID mask, once checked present',
        files: { 'src/crm/masking.ts': masking, 'src/crm/trade-in.ts': appraisal('request.tradeInPlateNo') },
        findings: [{ file: 'src/crm/trade-in.ts', line: 15, messageId: 'idFieldLogged' }],
        fixes: [
          { title: 'Mask the ID number with maskPlate()', output: { 'src/crm/trade-in.ts': appraisal('maskPlate(request.tradeInPlateNo)') } },
          {
            title: 'Leave `plate` out of the logged object',
            output: { 'src/crm/trade-in.ts': appraisal('request.tradeInPlateNo').replace(', plate: request.tradeInPlateNo', '') },
          },
          {
            title: SUPPRESS,
            output: {
              'src/crm/trade-in.ts': appraisal('request.tradeInPlateNo').replace(
                "    logger.info('trade-in appraisal requested'",
                `    // piilint-disable-next-line ${RULE} -- <reason>\n    logger.info('trade-in appraisal requested'`,
              ),
            },
          },
        ],
      },
      {
        name: 'leaving the field out of a logged parameter removes it for every caller',
        files: { 'src/crm/audit.ts': audit(auditSink), 'src/crm/identity.ts': identityCheck },
        findings: [{ file: 'src/crm/audit.ts', line: 6, messageId: 'idFieldLogged' }],
        fixes: [
          {
            title: 'Leave `idCardNo` out of the logged object',
            output: {
              'src/crm/audit.ts': audit(`  const { idCardNo: _idCardNo, ...detailsForLog } = details;\n${auditSink.replace('details)', 'detailsForLog)')}`),
            },
          },
          { title: SUPPRESS, output: { 'src/crm/audit.ts': audit(`  // piilint-disable-next-line ${RULE} -- <reason>\n${auditSink}`) } },
        ],
      },
    ],
  });
});
