/**
 * Typed errors. A user error (bad config, missing path, bad argument) carries a message that says what happened,
 * where, and what to do, and is shown as one line without a stack trace. Anything else is an internal error.
 */

export abstract class PiilintError extends Error {
  abstract readonly code: string;
  /** User errors are the user's to fix; the CLI exits 2 and prints only the message. */
  readonly isUserError: boolean = true;
}

/** The configuration file is unreadable, is not JSON(C), or does not match the schema. */
export class ConfigError extends PiilintError {
  readonly code = 'config-error';
  constructor(
    message: string,
    readonly file: string | undefined,
    /** JSON path of the offending value, `/rules/no-id-number-logging`, when known. */
    readonly jsonPath?: string,
    /** Where in the file, when known (1-based), so editors can point at it. */
    readonly position?: { readonly line: number; readonly column: number },
  ) {
    super(message);
    this.name = 'ConfigError';
    // Messages name the place as `file:line:column:` (the config stage's convention); keep it as data too.
    if (!position && file) {
      const match = /^(.*):(\d+):(\d+):/.exec(message);
      if (match && match[1] === file) this.position = { line: Number(match[2]), column: Number(match[3]) };
    }
  }
}

/** A path given on the command line does not exist or cannot be read. */
export class InputPathError extends PiilintError {
  readonly code = 'input-path-error';
  constructor(message: string, readonly path: string) {
    super(message);
    this.name = 'InputPathError';
  }
}

/** Command-line usage error. */
export class UsageError extends PiilintError {
  readonly code = 'usage-error';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A newer edit made this analysis pointless; the shell drops it without a message. */
export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}

export function isUserError(error: unknown): error is PiilintError {
  return error instanceof PiilintError && error.isUserError;
}
