/**
 * Stage: config (loading).
 * Input: the path of a piilint.config.json (or none) and the rule registry.
 * Output: the `ResolvedConfig`: defaults filled in for every rule, `baseDir` set to the config's folder.
 * Invariant: the file is read as data (JSONC) and validated; it is never `require`d or imported, so a config
 * cannot run code. Every failure is a `ConfigError` with a one-line message; nothing half-loaded is returned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
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

function readConfigText(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ConfigError(
        `Config file not found: ${file}. Check the path given with --config, or leave --config out to use the nearest ${CONFIG_FILE_NAME}.`,
        file,
      );
    }
    if (code === 'EISDIR') {
      throw new ConfigError(`${file} is a folder, not a config file. Pass the file itself, such as ${path.join(file, CONFIG_FILE_NAME)}.`, file);
    }
    throw new ConfigError(
      `Cannot read the config file ${file} (${code ?? String(error)}). Give your user read permission, or pass another file with --config.`,
      file,
    );
  }
  // Editors on Windows may save a byte-order mark; it is not part of the JSON.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
