/**
 * `no-id-number-logging`: ID-document numbers, plates and VINs must not reach logs or telemetry unmasked.
 * Detect: the models (names, check-digit literals, log and telemetry sinks, masks). Describe: a whole logged
 * object, a plain hash, a real ID number written in the code, or the plain case. Fix: mask the value (safe), leave a
 * field out of a logged object, or suppress with a reason (suggestions).
 */
import type { Description, Reach, RuleModule } from '../../server/src/engine/rule-api';
import { NOT_SANITIZER_REASONS } from '../shared/reasons';
import { createFixes } from './fixes';
import { type IdNumberLoggingMessageId, details, messages } from './messages';
import { translations } from './translations';
import { meta } from './meta';
import { createModels } from './models';
import { type IdNumberLoggingOptions, defaultOptions, optionsSchema } from './options';
import { ID_VALIDATORS } from './validators';

function describe(reach: Reach): Description<IdNumberLoggingMessageId> {
  const source = reach.source.description;
  const sink = reach.sink.description;
  const plainHash = reach.notSanitizers.find((n) => n.reason === NOT_SANITIZER_REASONS.plainHash);
  if (plainHash !== undefined) {
    return { messageId: 'hashIsNotMasking', data: { source, sink, hash: plainHash.description } };
  }
  if (reach.fieldPath !== undefined) {
    return { messageId: 'idFieldLogged', data: { source, sink, field: reach.fieldPath } };
  }
  if (reach.source.kind === 'literal') {
    return { messageId: 'idLiteralLogged', data: { source, sink } };
  }
  return { messageId: 'idLogged', data: { source, sink } };
}

export const idNumberLoggingRule: RuleModule<IdNumberLoggingMessageId, IdNumberLoggingOptions> = {
  meta,
  optionsSchema,
  defaultOptions,
  messages,
  details,
  translations,
  createModels,
  requiresGuard: () => false,
  validators: ID_VALIDATORS,
  describe,
  fixes: createFixes,
};
