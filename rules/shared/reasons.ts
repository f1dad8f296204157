/**
 * Reason codes the rules understand in `Reach.weakGuards[].reason` and `Reach.notSanitizers[].reason`.
 * The first three weak reasons come from the rules' own guard models (`GuardModel.weakReason`); the others name
 * situations the dataflow detects itself and reports with these codes so that `describe` can explain them.
 */

export const WEAK_GUARD_REASONS = {
  /** A general privacy-policy or terms flag (`agreedPrivacy`, `wx.getPrivacySetting`). */
  privacyPolicy: 'privacyPolicy',
  /** An OS or browser permission (camera permission, `wx.authorize`, an OS biometric prompt). */
  osPermission: 'osPermission',
  /** A cookie consent banner / CMP (OneTrust, Cookiebot, TCF) that names no biometric or camera purpose. */
  cookieBanner: 'cookieBanner',
  /** A real consent check that does not dominate the sink (checked on one branch only, or after the write). */
  notDominating: 'notDominating',
  /** A consent value that defaults to true (`?? true`, `|| true`, `= true`, a constant). */
  defaultTrue: 'defaultTrue',
  /** A consent flag read straight from the client's request (`req.body.faceConsent`). */
  clientInput: 'clientInput',
} as const;

export type WeakGuardReason = (typeof WEAK_GUARD_REASONS)[keyof typeof WEAK_GUARD_REASONS];

export const NOT_SANITIZER_REASONS = {
  /** A plain, unkeyed hash (`createHash('sha256').update(id)`): ID numbers are enumerable, so it is not masking. */
  plainHash: 'plainHash',
  /** The rule's sanitizer is applied to the value on another branch, but not on the path that reaches the sink. */
  otherBranch: 'otherBranch',
  /** Only part of the data was anonymised (one face box of many, one region of the frame). */
  partial: 'partial',
} as const;

export type NotSanitizerReason = (typeof NOT_SANITIZER_REASONS)[keyof typeof NOT_SANITIZER_REASONS];
