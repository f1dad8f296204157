/**
 * The one entry every shell goes through: the Node API (`lint`, `lintText`), the CLI (`runScan`) and the language
 * server (`createWorkspace`) all scan with the rule registry from here, so a program that embeds piilint gets
 * exactly what `npx piilint` and the editor report.
 * Input: what to scan (paths relative to `cwd`, or one text with the path it stands for) and the options a user
 * can set on the command line. Output: the engine's `ScanResult` (findings with their paths from source to sink,
 * their fixes and fingerprints; notices; statistics) with its counts.
 * Invariant: the API never prints, never exits and never writes a file (except the `cache` folder when asked);
 * configuration errors are thrown as `ConfigError`, paths that name nothing as `InputPathError`.
 */
import * as path from 'node:path';
import { allRules } from '../../../rules/index';
import type { AnyRule, Locale } from '../engine/rule-api';
import { scan } from '../engine/scan';
import type { ScanProgress, ScanRequest, ScanResult } from '../engine/scan-types';
import { Workspace, type WorkspaceOptions } from '../engine/workspace';
import { countFindings, type FindingCounts } from '../cli/formatters/count-findings';
import { readPackageInfo } from '../cli/package-info';
import { localeFromEnvironment, type LocaleSetting } from './locale';

export interface LintOptions {
  /** Folder that paths are relative to and that reports are relative to. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Files, folders or globs (relative to `cwd`); empty or absent: all of `cwd`. */
  readonly paths?: readonly string[];
  /** A config file to use for every path, instead of the nearest `piilint.config.json` above each. */
  readonly configFile?: string;
  /**
   * Language of the messages. `auto` (or absent): the config's `locale`, and where that is `auto` too (its
   * default), the language of `env` (`LC_ALL`, `LC_MESSAGES`, `LANG`).
   */
  readonly locale?: LocaleSetting;
  /** The environment `auto` reads. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Check only shard `index` (0-based) of `count` of the files. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Keep results in this folder and analyse only what changed since the last run with it (`--cache`). */
  readonly cacheFolder?: string;
  /** Texts that replace what is on disk, by path (absolute, or relative to `cwd`). */
  readonly overlays?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Set `isCancellationRequested` to stop between files; the promise then rejects with a `CancelledError`. */
  readonly signal?: { readonly isCancellationRequested: boolean };
  /** The rules to run. Default: every rule of this piilint. */
  readonly rules?: readonly AnyRule[];
}

export interface LintResult extends ScanResult, FindingCounts {}

/** Lints files, folders or globs as `npx piilint` does, and returns what it found. */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const overlays = options.overlays === undefined ? undefined : toOverlayMap(cwd, options.overlays);
  const result = await runScan(
    {
      cwd,
      paths: options.paths ?? [],
      configFile: options.configFile === undefined ? undefined : path.resolve(cwd, options.configFile),
      locale: options.locale === 'auto' ? undefined : options.locale,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.cacheFolder === undefined ? {} : { cache: { folder: path.resolve(cwd, options.cacheFolder), toolVersion: toolVersion() } }),
      ...(overlays ? { overlays } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    options.env ?? process.env,
    options.rules,
  );
  return withCounts(result);
}

export interface LintTextOptions extends Omit<LintOptions, 'paths' | 'overlays' | 'shard' | 'cacheFolder'> {
  /** The file the text stands for (absolute, or relative to `cwd`). It must exist: its imports are resolved from it. */
  readonly filePath: string;
}

/**
 * Lints one text as if it were the content of `filePath` (an editor buffer, `--stdin`), with the rest of the
 * project read from disk as far as the text's imports lead. Only findings in `filePath` are reported.
 */
export async function lintText(text: string, options: LintTextOptions): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = path.resolve(cwd, options.filePath);
  return lint({ ...options, cwd, paths: [file], overlays: new Map([[file, text]]) });
}

/**
 * The scan the CLI runs: a request without rules, completed with the registry and the environment's locale for
 * `auto`. Everything a shell adds (baseline, changed lines, formatting) happens on its result.
 */
export function runScan(request: Omit<ScanRequest, 'rules'>, env: Readonly<Record<string, string | undefined>>, rules: readonly AnyRule[] = allRules): Promise<ScanResult> {
  return scan({ ...request, rules, autoLocale: request.autoLocale ?? localeFromEnvironment(env) });
}

/** The language server's long-lived view of one folder, over the same registry. */
export function createWorkspace(options: Omit<WorkspaceOptions, 'rules'> & { readonly rules?: readonly AnyRule[] }): Workspace {
  return new Workspace({ ...options, rules: options.rules ?? allRules });
}

export function withCounts(result: ScanResult): LintResult {
  return { ...result, ...countFindings(result.findings) };
}

function toOverlayMap(cwd: string, overlays: ReadonlyMap<string, string> | Readonly<Record<string, string>>): Map<string, string> {
  const entries = overlays instanceof Map ? [...overlays] : Object.entries(overlays);
  return new Map(entries.map(([file, text]) => [path.resolve(cwd, file), text]));
}

function toolVersion(): string {
  return readPackageInfo().version;
}

export type { Locale };
