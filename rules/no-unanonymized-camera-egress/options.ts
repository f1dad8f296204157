/**
 * Options of `no-unanonymized-camera-egress`. Extra camera sources (a vendor SDK, a JS bridge to Android
 * Automotive's CarEvsManager) are not options: add them as user models in the config.
 */

export interface CameraEgressOptions {
  /**
   * Whether a dominating check of the person's separate consent also permits sending raw frames (cabin camera
   * uploads the driver opted into). Off by default: out-of-vehicle footage must be anonymised regardless.
   */
  readonly allowWithConsent: boolean;
  /** Names of the project's anonymisers that blur or fill every face and plate (`blurFacesAndPlates`). */
  readonly anonymizers: readonly string[];
  /** Hosts that are on the vehicle or device (`tbox.local`, `192.168.225.1`, `*.vehicle.internal`). */
  readonly allowedHosts: readonly string[];
}

export const defaultOptions: CameraEgressOptions = {
  allowWithConsent: false,
  anonymizers: [],
  allowedHosts: [],
};

export const optionsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'Options of no-unanonymized-camera-egress.',
  additionalProperties: false,
  properties: {
    allowWithConsent: {
      type: 'boolean',
      description:
        'Also accept a dominating check of the person\'s separate consent (e.g. hasCabinVideoUploadConsent) as protection, not only anonymisation. Keep false for out-of-vehicle cameras: footage of passers-by must be anonymised whatever the driver agreed to (Automotive Data Provisions art. 8).',
      default: false,
    },
    anonymizers: {
      type: 'array',
      description:
        'Names of this project\'s functions that blur, pixelate or fill every face and licence plate in a frame (e.g. "blurFacesAndPlates"). Their results count as anonymised. Names containing blur, pixelate, mosaic, anonymize or redact are recognised without configuration.',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      default: [],
    },
    allowedHosts: {
      type: 'array',
      description:
        'Hosts on the vehicle or device itself (e.g. "tbox.local", "192.168.225.1", "*.vehicle.internal"). Requests to them are not egress. Loopback (localhost, 127.0.0.0/8, ::1) is always allowed.',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      default: [],
    },
  },
} as const;
