/**
 * `no-unanonymized-camera-egress`: camera frames, images and video must not leave the vehicle or device before
 * every face and plate is anonymised. Detect: the models (camera sources, network and cloud sinks with
 * `urlArgument`, anonymisers; consent guards only with `allowWithConsent`). Describe: raw egress, an anonymiser
 * on another branch, or a consent-like check that does not count. Fix: wrap the payload
 * in the project's anonymiser (suggestion), or suppress with a reason.
 */
import type { Description, Reach, RuleModule } from '../../server/src/engine/rule-api';
import { NOT_SANITIZER_REASONS, WEAK_GUARD_REASONS } from '../shared/reasons';
import { createFixes } from './fixes';
import { type CameraEgressMessageId, details, messages } from './messages';
import { translations } from './translations';
import { meta } from './meta';
import { createModels } from './models';
import { type CameraEgressOptions, defaultOptions, optionsSchema } from './options';

function describe(reach: Reach, options: CameraEgressOptions): Description<CameraEgressMessageId> {
  const source = reach.source.description;
  const sink = reach.sink.description;
  const otherBranch = reach.notSanitizers.find((n) => n.reason === NOT_SANITIZER_REASONS.otherBranch);
  if (otherBranch !== undefined) {
    return { messageId: 'anonymizerOnOneBranch', data: { source, sink, anonymizer: otherBranch.description } };
  }
  if (options.allowWithConsent) {
    const osPermission = reach.weakGuards.find((g) => g.reason === WEAK_GUARD_REASONS.osPermission);
    if (osPermission !== undefined) return { messageId: 'osPermissionOnly', data: { source, sink, check: osPermission.description } };
    const privacyPolicy = reach.weakGuards.find((g) => g.reason === WEAK_GUARD_REASONS.privacyPolicy);
    if (privacyPolicy !== undefined) return { messageId: 'privacyPolicyOnly', data: { source, sink, check: privacyPolicy.description } };
    const other = reach.weakGuards[0];
    if (other !== undefined) {
      return { messageId: 'weakConsentOnly', data: { source, sink, check: other.description, reason: other.reason } };
    }
  }
  return { messageId: 'rawFrameEgress', data: { source, sink } };
}

/**
 * `requiresGuard` is read by the engine as "a dominating guard of this rule protects the sink": with
 * `allowWithConsent` a separate-consent check protects as well as an anonymiser; without it only anonymisers do.
 */
export const cameraEgressRule: RuleModule<CameraEgressMessageId, CameraEgressOptions> = {
  meta,
  optionsSchema,
  defaultOptions,
  messages,
  details,
  translations,
  createModels,
  requiresGuard: (options) => options.allowWithConsent,
  describe,
  fixes: createFixes,
};
