/**
 * Stage: config. Finds, parses, validates and resolves piilint.config.json; see each module's header.
 */
export { findConfigFile } from './find-config-file';
export { loadConfig, type LoadConfigOptions } from './load-config';
export { buildConfigSchema, withEngineRules, SEVERITY_SETTINGS } from './config-schema';
export { resolveConfig, mergeOptions, type ResolveConfigOptions } from './resolve-config';
export {
  CONFIG_FILE_NAME,
  DEFAULT_MAX_FILE_SIZE,
  type PiilintConfigFile,
  type ResolvedConfig,
  type ResolvedRuleConfig,
  type RuleSetting,
} from './config-types';
