/**
 * The engine's public contract with its shells (CLI, language server): what a scan is asked and what it returns.
 */
import type { Finding, Notice } from './findings/finding';
import type { ResolvedConfig } from './config/config-types';
import type { AnyRule, Locale } from './rule-api';

export interface ScanRequest {
  /** Folder that relative paths, globs and reported URIs are resolved against. */
  readonly cwd: string;
  /** Files, folders or globs to scan; empty means `cwd`. */
  readonly paths: readonly string[];
  /** Explicit config file (`--config`); otherwise the nearest `piilint.config.json` above each scanned path. */
  readonly configFile?: string;
  /** The rule registry (rules/index.ts); the engine never imports it itself. */
  readonly rules: readonly AnyRule[];
  /** Overrides the config's `locale`. */
  readonly locale?: Locale;
  /**
   * What the config's `locale: "auto"` (its default) means here: the CLI's `LANG`, the editor's display language.
   * English when absent.
   */
  readonly autoLocale?: Locale;
  /**
   * Analyse and report only this shard of the discovered files (`--shard 2/4`: index 1 of 4), chosen by a hash of
   * each file's path relative to `cwd`, so that every file lands in exactly one shard on every machine. Files of
   * other shards are still read where the dataflow follows an import into them, but not reported.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Unsaved editor contents by absolute path; they replace what is on disk (the language server's open files). */
  readonly overlays?: ReadonlyMap<string, string>;
  /** Cancels the scan between files (the language server, when an edit supersedes it); it rejects with CancelledError. */
  readonly signal?: { readonly isCancellationRequested: boolean };
  /** Called as work progresses, for progress indicators. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * Keep what each file contributed in a cache folder (`--cache`), and on the next scan analyse again only the files
   * a change can affect. Ignored when `overlays` are given.
   */
  readonly cache?: ScanCacheOptions;
}

export interface ScanCacheOptions {
  /** Absolute path of the folder the cache files go in (created when missing). */
  readonly folder: string;
  /** piilint's version, part of the cache's key. */
  readonly toolVersion: string;
}

export interface ScanProgress {
  readonly phase: 'discover' | 'parse' | 'analyse' | 'report';
  readonly done: number;
  readonly total: number;
}

export interface RunStats {
  readonly filesDiscovered: number;
  readonly filesAnalysed: number;
  readonly filesSkipped: number;
  readonly functionsSummarised: number;
  /** Summaries computed by this scan (fewer than summarised when a session re-analyses after an edit). */
  readonly functionsComputed: number;
  /** Budgets that ran out (call depth, summary iterations, path length); each one also appears as a notice. */
  readonly budgetsHit: readonly string[];
  /** Milliseconds per phase. */
  readonly timings: Readonly<Record<string, number>>;
  readonly durationMs: number;
  /** With `cache`: what the cache did, per group of files sharing a config. */
  readonly cache?: readonly CacheStats[];
}

export interface CacheStats {
  /** The cache file. */
  readonly file: string;
  /**
   * `created`: there was none, all files were analysed. `ignored`: it could not be used (`reason`), all files were
   * analysed. `unchanged`: nothing changed, every file's results came from it. `partial`: the files a change can
   * affect were analysed, the rest came from it. `full`: it was valid, but the change needed a full scan (`reason`).
   */
  readonly status: 'created' | 'ignored' | 'unchanged' | 'partial' | 'full';
  readonly reason?: string;
  readonly filesFromCache: number;
  readonly filesAnalysed: number;
  /** Why it could not be written, if it could not (the scan's result is not affected). */
  readonly writeError?: string;
}

export interface ScanResult {
  readonly cwd: string;
  readonly findings: readonly Finding[];
  readonly notices: readonly Notice[];
  readonly stats: RunStats;
  /** Configs that applied (one per distinct nearest config). */
  readonly configs: readonly ResolvedConfig[];
  /** Rules that ran, for formatters (SARIF `tool.driver.rules`). Includes the engine's own pseudo-rules. */
  readonly rules: readonly AnyRule[];
  readonly locale: Locale;
  /** Text of every analysed file as the engine read it (for `--fix`, which refuses files changed since). */
  readonly texts: ReadonlyMap<string, string>;
}
