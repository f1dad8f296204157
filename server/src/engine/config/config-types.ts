/**
 * Stage: config (types).
 * Input: nothing; declares the shape of `piilint.config.json` after validation, and of the resolved config.
 * Output: `PiilintConfigFile`, `ResolvedConfig`.
 * Invariant: configuration is data only. It is parsed as JSONC and validated against the shipped JSON Schema
 * (schema/piilint.config.schema.json); nothing in it is ever executed or loaded as a module.
 */
import type { SeveritySetting } from '../findings/finding';
import type { RuleModels } from '../facts/model-types';
import type { Locale } from '../rule-api';

export type RuleSetting =
  | SeveritySetting
  | { readonly severity?: SeveritySetting; readonly options?: Readonly<Record<string, unknown>> };

/** `piilint.config.json` as written by the user. */
export interface PiilintConfigFile {
  readonly $schema?: string;
  /** Stop looking for configs in parent folders (reserved; the nearest config always wins). */
  readonly root?: boolean;
  /** `auto`: the language of the environment (`ScanRequest.autoLocale`). */
  readonly locale?: Locale | 'auto';
  /** Globs (gitignore syntax, relative to the config's folder) of files not to scan. */
  readonly ignore?: readonly string[];
  /** Files larger than this many bytes are skipped with a notice. Default 2 MiB. */
  readonly maxFileSize?: number;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Extra models per rule id, in the same format as the built-in ones. */
  readonly models?: Readonly<Record<string, RuleModels>>;
}

export interface ResolvedRuleConfig {
  readonly severity: SeveritySetting;
  readonly options: Readonly<Record<string, unknown>>;
  readonly extraModels: RuleModels;
}

export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined when the defaults apply. */
  readonly file?: string;
  /** Folder that `ignore` globs are relative to. */
  readonly baseDir: string;
  readonly locale: Locale | 'auto';
  readonly ignore: readonly string[];
  readonly maxFileSize: number;
  /** Every registered rule, with defaults filled in. */
  readonly rules: Readonly<Record<string, ResolvedRuleConfig>>;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
export const CONFIG_FILE_NAME = 'piilint.config.json';
