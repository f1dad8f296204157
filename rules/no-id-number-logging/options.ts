/** Options of `no-id-number-logging`. Sources and sinks beyond these are added as user models in the config. */

export interface IdNumberLoggingOptions {
  /** Extra field or variable names that hold ID numbers in this project (`kehuZjhm`, `ownerDocNo`). */
  readonly idFieldNames: readonly string[];
  /** Extra receiver names of the project's loggers (`audit`, `tboxLog`), matched exactly. */
  readonly loggerNames: readonly string[];
  /** Names of the project's own masking functions (`maskIdNumber`, `Desensitizer.idCard`'s method name). */
  readonly maskFunctions: readonly string[];
}

export const defaultOptions: IdNumberLoggingOptions = {
  idFieldNames: [],
  loggerNames: [],
  maskFunctions: [],
};

const stringList = (description: string) => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
  default: [],
});

export const optionsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'Options of no-id-number-logging.',
  additionalProperties: false,
  properties: {
    idFieldNames: stringList(
      'Extra names of fields, variables or parameters that hold ID-document numbers, plates or VINs in this project (e.g. "kehuZjhm"). Matched as whole names, in addition to the built-in vocabulary.',
    ),
    loggerNames: stringList(
      'Extra receiver names of this project\'s loggers (e.g. "audit" for audit.info(...)). Matched exactly; calls of info/warn/error/debug/log/trace/fatal/verbose on them are sinks.',
    ),
    maskFunctions: stringList(
      'Names of this project\'s masking functions (e.g. "maskIdNumber"). Their results count as masked; the safe fix wraps logged values in the first one that is in scope.',
    ),
  },
} as const;
