/**
 * Stage: config (loading).
 * Input: the path of a piilint.config.json (or none) and the rule registry.
 * Output: the `ResolvedConfig`: defaults filled in for every rule, `baseDir` set to the config's folder.
 * Invariant: the file is read as data (JSONC) and validated; it is never `require`d or imported, so a config
 * cannot run code. Every failure is a `ConfigError` with a one-line message; nothing half-loaded is returned.
 */
import * as path from 'node:path';
import { ConfigError } from '../errors';
import { MAX_SETUP_FILE_BYTES, WorkspaceReadError, readWorkspaceText } from '../files/read-workspace-file';
import type { AnyRule } from '../rule-api';
import { CONFIG_FILE_NAME, type ResolvedConfig } from './config-types';
import { parseJsonc } from './parse-jsonc';
import { resolveConfig } from './resolve-config';
import { validateConfig } from './validate-config';

export interface LoadConfigOptions {
  /** The config file (`--config`, or what `findConfigFile` found); relative paths are resolved against `cwd`. */
  readonly file?: string;
  /** The rule registry; the engine's own rules are added. */
  readonly rules: readonly AnyRule[];
  /** Folder for relative `file` and the `baseDir` when there is no file. Defaults to `process.cwd()`. */
  readonly cwd?: string;
}

export function loadConfig(options: LoadConfigOptions): ResolvedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.file === undefined) return resolveConfig({}, options.rules, { baseDir: cwd });
  const file = path.resolve(cwd, options.file);
  const text = readConfigText(file);
  const { value, tree } = parseJsonc(text, file);
  const config = validateConfig(value, options.rules, { file, text, tree });
  return resolveConfig(config, options.rules, { file, baseDir: path.dirname(file) });
}

/**
 * The config's text: a regular file within the size limit, read as data (never a FIFO or a device behind a
 * symlink, which would block or fill memory; issue #21).
 */
function readConfigText(file: string): string {
  try {
    return readWorkspaceText(file, MAX_SETUP_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    switch (error.problem) {
      case 'missing':
        throw new ConfigError(
          `Config file not found: ${file}. Check the path given with --config, or leave --config out to use the nearest ${CONFIG_FILE_NAME}.`,
          file,
        );
      case 'not-a-file':
        if (error.reason.startsWith('is a folder')) {
          throw new ConfigError(`${file} is a folder, not a config file. Pass the file itself, such as ${path.join(file, CONFIG_FILE_NAME)}.`, file);
        }
        throw new ConfigError(`The config ${error.message}; piilint reads only regular files. Replace it with a regular file, or pass another one with --config.`, file);
      case 'too-large':
        throw new ConfigError(`The config ${error.message}; piilint does not read it. A config is a few kilobytes: check that this is the file you meant.`, file);
      case 'unreadable':
        throw new ConfigError(
          `Cannot read the config file ${file} (${error.code ?? error.reason}). Give your user read permission, or pass another file with --config.`,
          file,
        );
    }
  }
}
