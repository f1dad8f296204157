/**
 * Options of `no-unconsented-biometric-storage`. Extra biometric sources and stores are not options: add them as
 * user models in the config, in the same format as the built-in ones.
 */

export interface BiometricStorageOptions {
  /** Names of the project's consent checks for biometric data (`assertKioskFaceOptIn`, `hasRlsbTongyi`). */
  readonly consentFunctions: readonly string[];
  /** Names of fields that record a person's separate consent to biometric processing (`faceEnrolmentAgreedAt`). */
  readonly consentFields: readonly string[];
}

export const defaultOptions: BiometricStorageOptions = {
  consentFunctions: [],
  consentFields: [],
};

export const optionsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'Options of no-unconsented-biometric-storage.',
  additionalProperties: false,
  properties: {
    consentFunctions: {
      type: 'array',
      description:
        'Names of this project\'s functions that check or assert a person\'s separate consent to biometric processing (e.g. "assertKioskFaceOptIn"). A call that dominates the write (an early return or throw, an enclosing if, an asserts function) protects it. Names such as hasFaceConsent or assertBiometricConsent are recognised without configuration.',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      default: [],
    },
    consentFields: {
      type: 'array',
      description:
        'Names of fields that record a person\'s separate, unrevoked consent to biometric processing (e.g. "faceEnrolmentAgreedAt"). A truthy check of such a field that dominates the write protects it.',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      default: [],
    },
  },
} as const;
