/**
 * Stage: config (defaults).
 * Input: a validated config (or none) and the rule registry.
 * Output: a `ResolvedConfig` with every rule present: severity, options merged over the rule's defaults, and
 * the user's extra models.
 * Invariant: pure; the config is data, and defaults come from the rules themselves, so a rule added to the
 * registry is configured without any change here.
 */
import type { AnyRule } from '../rule-api';
import { DEFAULT_MAX_FILE_SIZE, type PiilintConfigFile, type ResolvedConfig, type ResolvedRuleConfig } from './config-types';
import { withEngineRules } from './config-schema';

export interface ResolveConfigOptions {
  /** Absolute path of the config file, when there is one. */
  readonly file?: string;
  /** Folder `ignore` globs are relative to. */
  readonly baseDir: string;
}

export function resolveConfig(config: PiilintConfigFile, rules: readonly AnyRule[], options: ResolveConfigOptions): ResolvedConfig {
  const resolvedRules: Record<string, ResolvedRuleConfig> = {};
  for (const rule of withEngineRules(rules)) {
    const id = rule.meta.id;
    const setting = config.rules?.[id];
    const severity = typeof setting === 'string' ? setting : (setting?.severity ?? rule.meta.defaultSeverity);
    const userOptions = typeof setting === 'object' ? (setting.options ?? {}) : {};
    resolvedRules[id] = {
      severity,
      options: mergeOptions(rule.defaultOptions as Record<string, unknown>, userOptions),
      extraModels: config.models?.[id] ?? {},
    };
  }
  return {
    ...(options.file !== undefined ? { file: options.file } : {}),
    baseDir: options.baseDir,
    locale: config.locale ?? 'auto',
    ignore: config.ignore ?? [],
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    rules: resolvedRules,
  };
}

/**
 * User options over defaults: nested plain objects merge key by key; arrays and other values replace the default,
 * so a user who lists consent functions gets exactly that list.
 */
export function mergeOptions(defaults: Readonly<Record<string, unknown>>, overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? mergeOptions(base, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
