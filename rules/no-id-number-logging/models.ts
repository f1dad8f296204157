/**
 * Models of `no-id-number-logging` (DOMAIN.md §2–§4): what an ID number looks like (names and literals with
 * check digits), where it must not arrive unmasked (logs and telemetry, §4.4), and what masks it (§4.6). Each part
 * lives in its own module; this one puts them together.
 */
import type { RuleModels } from '../../server/src/engine/rule-api';
import { commonSteps } from '../shared/common-steps';
import { literalSources } from './id-literals';
import { nameSources } from './id-names';
import { logSinks } from './log-sinks';
import { notSanitizerModels, redactions, sanitizers } from './masking-models';
import type { IdNumberLoggingOptions } from './options';
import { telemetrySinks, telemetrySteps } from './telemetry-sinks';

export { literalSources } from './id-literals';
export { notSanitizerModels } from './masking-models';

export function createModels(options: IdNumberLoggingOptions): RuleModels {
  return {
    sources: [...nameSources(options), ...literalSources()],
    sinks: [...logSinks(options), ...telemetrySinks()],
    sanitizers: sanitizers(options),
    notSanitizers: notSanitizerModels,
    redactions: redactions(),
    steps: [...commonSteps(), ...telemetrySteps()],
    barrierProperties: [
      'length',
      'size',
      'count',
      'type',
      'idType',
      'valid',
      'isValid',
      'verified',
      'status',
      'issuer',
      'issuedAt',
      'expiresAt',
      'timestamp',
      'createdAt',
      'updatedAt',
    ],
  };
}
