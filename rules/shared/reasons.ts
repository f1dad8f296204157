/**
 * Reason codes the rules understand in `Reach.weakGuards[].reason` and `Reach.notSanitizers[].reason`: the
 * engine's catalogue (server/src/engine/reasons.ts), re-exported through the rule API.
 */
export { NOT_SANITIZER_REASONS, WEAK_GUARD_REASONS } from '../../server/src/engine/rule-api';
export type { NotSanitizerReason, WeakGuardReason } from '../../server/src/engine/rule-api';
