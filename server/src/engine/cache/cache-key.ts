/**
 * Stage: cache (keys and names), for `--cache` (issue #9).
 * Input: what a scan depends on besides the files' texts: piilint's version and build, TypeScript's version, the
 * resolved config, the compiler options, the rules registered and the locale; and the scan's request.
 * Output: the key a cache must carry to be used (`cacheKeyOf`), and the file one config group's cache lives in
 * (`cacheFileFor`).
 * Invariant: anything that can change a finding without changing a scanned file is part of the key, so a cache
 * written under other conditions is never used. Absolute paths are replaced by paths relative to the scan's
 * folder, so the key survives a checkout at another path.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ResolvedConfig } from '../config/config-types';
import type { Locale } from '../rule-api';

export interface CacheKeyInput {
  readonly toolVersion: string;
  readonly cwd: string;
  readonly config: ResolvedConfig;
  readonly locale: Locale;
  readonly compilerOptions: ts.CompilerOptions;
  readonly tsconfig: string | undefined;
  /** Ids of every rule the registry has (the engine's pseudo-rules included). */
  readonly ruleIds: readonly string[];
  readonly shard?: { readonly index: number; readonly count: number };
}

export function cacheKeyOf(input: CacheKeyInput): string {
  const parts = {
    piilint: input.toolVersion,
    build: engineBuildStamp(),
    typescript: ts.version,
    locale: input.locale,
    rules: [...input.ruleIds].sort(),
    config: {
      baseDir: input.config.baseDir,
      ignore: input.config.ignore,
      maxFileSize: input.config.maxFileSize,
      rules: input.config.rules,
    },
    tsconfig: input.tsconfig,
    compilerOptions: input.compilerOptions,
    shard: input.shard,
  };
  return sha256(relativeToCwd(JSON.stringify(parts), input.cwd));
}

export interface CacheFileInput {
  readonly folder: string;
  readonly cwd: string;
  /** The paths the scan was asked for, as given. */
  readonly paths: readonly string[];
  /** The config file of this group (one cache per group of files sharing a config). */
  readonly configFile: string | undefined;
  readonly shard?: { readonly index: number; readonly count: number };
}

/** `<folder>/scan-<16 hex digits>.json`: one file per scan request and config group. */
export function cacheFileFor(input: CacheFileInput): string {
  const name = relativeToCwd(JSON.stringify({ paths: input.paths, configFile: input.configFile, shard: input.shard }), input.cwd);
  return path.join(input.folder, `scan-${sha256(name).slice(0, 16)}.json`);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function relativeToCwd(json: string, cwd: string): string {
  // The folder as it appears inside JSON strings (backslashes are escaped there).
  const inJson = JSON.stringify(cwd).slice(1, -1);
  return json.split(inJson).join('<cwd>');
}

let buildStamp: string | undefined;

/**
 * Names, sizes and modification times of piilint's own code (the engine, the shells and the rules): a rebuild
 * without a new version number (a development checkout) must not reuse findings of the old build.
 */
export function engineBuildStamp(): string {
  if (buildStamp !== undefined) return buildStamp;
  const hash = createHash('sha256');
  // This file is in <root>/server/src/engine/cache (or <root>/dist/server/src/engine/cache).
  const serverSource = path.resolve(__dirname, '..', '..');
  const rules = path.resolve(serverSource, '..', '..', 'rules');
  for (const folder of [serverSource, rules]) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    const files = entries
      .filter((entry) => entry.isFile() && /\.(?:js|ts|json)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      try {
        const stats = fs.statSync(file);
        hash.update(`${path.relative(folder, file)}\u0000${stats.size}\u0000${stats.mtimeMs}\n`);
      } catch {
        hash.update(`${file}\u0000gone\n`);
      }
    }
  }
  buildStamp = hash.digest('hex');
  return buildStamp;
}
