/**
 * The catalogue of reasons the engine can give a rule, in `Reach.weakGuards[].reason` and
 * `Reach.notSanitizers[].reason`: why a check that was seen does not protect, and why a call that looks like
 * protection is none. The dataflow can emit only these (its facts are typed by them), and each rule maps every
 * one of them to a message id (a `Record` over the union), so a reason added here fails to compile until every
 * rule says what it means (issue #18).
 */

export const WEAK_GUARD_REASONS = {
  /** A general privacy-policy or terms flag (`agreedPrivacy`, `wx.getPrivacySetting`); from a guard model. */
  privacyPolicy: 'privacyPolicy',
  /** An OS or browser permission (camera permission, `wx.authorize`, an OS biometric prompt); from a guard model. */
  osPermission: 'osPermission',
  /** A cookie consent banner / CMP (OneTrust, Cookiebot, TCF) that names no biometric or camera purpose; from a guard model. */
  cookieBanner: 'cookieBanner',
  /** A real consent check that does not dominate the sink (checked on one branch only, or after the write). */
  notDominating: 'notDominating',
  /** A consent value that defaults to true (`?? true`, `|| true`, `= true`, a constant). */
  defaultTrue: 'defaultTrue',
  /** A consent flag read straight from the client's request (`req.body.faceConsent`). */
  clientInput: 'clientInput',
  /** A consent check of another person's record than the one whose data reaches the sink (issue #4). */
  otherPerson: 'otherPerson',
} as const;

export type WeakGuardReason = (typeof WEAK_GUARD_REASONS)[keyof typeof WEAK_GUARD_REASONS];

export const NOT_SANITIZER_REASONS = {
  /** A plain, unkeyed hash (`createHash('sha256').update(id)`): ID numbers are enumerable, so it is not masking. */
  plainHash: 'plainHash',
  /** The rule's sanitizer is applied to the value on another branch, but not on the path that reaches the sink. */
  otherBranch: 'otherBranch',
} as const;

export type NotSanitizerReason = (typeof NOT_SANITIZER_REASONS)[keyof typeof NOT_SANITIZER_REASONS];

export const WEAK_GUARD_REASON_LIST: readonly WeakGuardReason[] = Object.values(WEAK_GUARD_REASONS);
export const NOT_SANITIZER_REASON_LIST: readonly NotSanitizerReason[] = Object.values(NOT_SANITIZER_REASONS);
