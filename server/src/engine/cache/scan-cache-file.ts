/**
 * Stage: cache (the file on disk), for `--cache` (issue #9).
 * Input: a cache file's path and the key the current run expects (piilint's version and build, the config, the
 * compiler options, the rules and locale).
 * Output: the `ScanCache` in it with absolute paths, or why it cannot be used; and `writeScanCache`, which writes
 * one with paths relative to the scan's folder, atomically (a temporary file renamed over the old one).
 * Invariant: a cache is trusted only when it parses, has this schema version and this key, and every field has
 * the shape this module writes; anything else (truncated JSON, other bytes, another version or config) is
 * reported as unusable and never partly used. Paths are stored relative to the scan's folder, so a checkout at
 * another path (a CI runner) can use it.
 */
import { MAX_JSON_DEPTH, offsetPastDepth } from '../config/json-depth';
import { MAX_DATA_FILE_BYTES, WorkspaceReadError, readWorkspaceText } from '../files/read-workspace-file';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ModuleRedaction } from '../dataflow/program-analysis';
import type { FindingDraft } from '../findings/build-findings';
import type { Finding, Notice } from '../findings/finding';
import type { KnownUseCount } from '../findings/known-functions';
import { importStemsOf } from '../project/build-project';

/** Bump when the shape of the file or the meaning of a field changes. */
export const CACHE_SCHEMA = 1;

/** What one scanned file contributed to the last scan, and what its analysis depended on. */
export interface CachedFile {
  /** SHA-256 of the text as analysed. */
  readonly hash: string;
  /** Parsed without syntax errors (and not nested too deeply), so its code was analysed. */
  readonly isAnalysable: boolean;
  /**
   * An ES or CommonJS module without `declare global`. A script's declarations are global: every partial program
   * holds the scripts, and a change to one rescans everything.
   */
  readonly isModule: boolean;
  /** Whether it re-exports (`export … from`): a new export behind it reaches the files that import it. */
  readonly isReexporter: boolean;
  /** The parse-error finding, if any (final findings: they do not depend on other files). */
  readonly engineFindings: readonly Finding[];
  /** Reaches reported from this file's summaries. */
  readonly drafts: readonly FindingDraft[];
  readonly knownUses: readonly KnownUseCount[];
  /** Internal errors in this file's functions. */
  readonly notices: readonly Notice[];
  /** Project files its imports resolved to, and the stems of its relative specifiers (`importStemsOf`). */
  readonly imports: readonly string[];
  readonly stems: readonly string[];
  /** The dependency graph (`FileFacts`): files, function keys (`ownerKey`) and store keys. */
  readonly uses: readonly string[];
  readonly declarationsFrom: readonly string[];
  readonly calls: readonly string[];
  readonly escapes: readonly string[];
  readonly storesRead: readonly string[];
  readonly storesWritten: readonly string[];
  readonly implementsFrom: readonly string[];
  readonly redactions: readonly ModuleRedaction[];
  readonly budgets: Readonly<Record<string, number>>;
  readonly isOrderSensitive: boolean;
}

export interface ScanCache {
  readonly key: string;
  /** Every scanned file (absolute path) of the last scan. */
  readonly files: ReadonlyMap<string, CachedFile>;
  /** Project files the last program read that were not scanned (imports outside the scanned paths): their hashes. */
  readonly outside: ReadonlyMap<string, string>;
  /** Reaches reported from summaries of those files. */
  readonly outsideDrafts: readonly FindingDraft[];
  /**
   * Why the next scan cannot re-analyse only what changed, if it cannot (summaries outside the scanned paths, the
   * passes budget, a shard): then any change means a full scan, and only an unchanged re-run is served from here.
   */
  readonly wholeOnly?: string;
  /** Budgets that are not any one file's (`passes`). */
  readonly budgets: Readonly<Record<string, number>>;
  /** For a `--shard` run: a hash of every discovered file's path (all shards), since files of other shards are not read. */
  readonly fileSet?: string;
}

export type ReadCacheResult = { readonly cache: ScanCache } | { readonly unusable: string; readonly isMissing?: boolean };

/** Reads and checks a cache file; a missing file is `unusable` and `isMissing`. */
export async function readScanCache(file: string, expectedKey: string, cwd: string): Promise<ReadCacheResult> {
  let text: string;
  try {
    // The cache folder is in the workspace: a committed symlink there to a device or a FIFO is not read (#21).
    text = readWorkspaceText(file, MAX_DATA_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    return error.problem === 'missing' ? { unusable: 'there is none yet', isMissing: true } : { unusable: `it ${error.reason}` };
  }
  if (offsetPastDepth(text) !== undefined) return { unusable: `it nests more than ${MAX_JSON_DEPTH} levels deep` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { unusable: `it is not valid JSON (${error instanceof Error ? error.message : String(error)}); it may have been cut short` };
  }
  if (!isRecord(json)) return { unusable: 'it is not a piilint cache' };
  if (json.schema !== CACHE_SCHEMA) return { unusable: `it has schema ${JSON.stringify(json.schema)}, this piilint writes ${CACHE_SCHEMA}` };
  if (json.key !== expectedKey) return { unusable: 'it was written by another piilint version or build, config, tsconfig, locale or rule set' };
  try {
    return { cache: decode(json, cwd) };
  } catch (error) {
    return { unusable: `it is malformed (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Writes the cache atomically, creating its folder. Rejects with the reason when that is not possible. */
export async function writeScanCache(file: string, cache: ScanCache, cwd: string): Promise<void> {
  await ensureFolder(path.dirname(file));
  // No fsync: a cache needs to be whole, not durable; one cut short by a crash fails its checks and is rebuilt.
  await writeFileAtomic(file, JSON.stringify(encode(cache, cwd)), { encoding: 'utf8', fsync: false });
}

// ─── encoding ─────────────────────────────────────────────────────────────────

/**
 * Paths are written relative to `cwd` with forward slashes, once, in `paths`; files refer to them by index. Function
 * and store keys start with their file and a NUL (see `ownerKey`); they are written once, in `keys`, with the file's
 * index in place of its path, and files refer to them by index too. A file's specifier stems are written only where
 * its resolved imports do not imply them.
 */
function encode(cache: ScanCache, cwd: string): Record<string, unknown> {
  const rel = memo((file: string) => path.relative(cwd, file).split(path.sep).join('/'));
  const paths = new Table();
  const keys = new Table();
  const pathIndex = memo((file: string) => paths.index(rel(file)));
  const keyIndex = memo((key: string) => {
    const end = key.indexOf('\u0000');
    return keys.index(end < 0 ? String(pathIndex(key)) : pathIndex(key.slice(0, end)) + key.slice(end));
  });
  const files = [...cache.files].map(([file, entry]) => {
    const implied = new Set(entry.imports.flatMap(importStemsOf));
    return {
      path: pathIndex(file),
      hash: entry.hash,
      isAnalysable: entry.isAnalysable,
      isModule: entry.isModule,
      isReexporter: entry.isReexporter,
      isOrderSensitive: entry.isOrderSensitive,
      engineFindings: mapFiles(entry.engineFindings, rel),
      drafts: mapFiles(entry.drafts, rel),
      knownUses: mapFiles(entry.knownUses, rel),
      notices: mapFiles(entry.notices, rel),
      imports: entry.imports.map(pathIndex),
      otherStems: entry.stems.filter((stem) => !implied.has(stem)).map(rel),
      uses: entry.uses.map(pathIndex),
      declarationsFrom: entry.declarationsFrom.map(pathIndex),
      calls: entry.calls.map(keyIndex),
      escapes: entry.escapes.map(keyIndex),
      storesRead: entry.storesRead.map(keyIndex),
      storesWritten: entry.storesWritten.map(keyIndex),
      implementsFrom: entry.implementsFrom.map(pathIndex),
      redactions: entry.redactions,
      budgets: entry.budgets,
    };
  });
  const outside = [...cache.outside].map(([file, hash]) => [pathIndex(file), hash]);
  return {
    schema: CACHE_SCHEMA,
    key: cache.key,
    wholeOnly: cache.wholeOnly,
    budgets: cache.budgets,
    fileSet: cache.fileSet,
    outsideDrafts: mapFiles(cache.outsideDrafts, rel),
    outside,
    files,
    keys: keys.values,
    paths: paths.values,
  };
}

function decode(json: Record<string, unknown>, cwd: string): ScanCache {
  const paths = expectArray(json.paths).map((file) => path.resolve(cwd, expectString(file)));
  const stemsOf = memo((file: string) => importStemsOf(file));
  const resolve = memo((file: string) => path.resolve(cwd, file));
  const abs = (file: unknown) => resolve(expectString(file));
  const pathAt = (index: unknown) => {
    const file = typeof index === 'number' ? paths[index] : undefined;
    if (file === undefined) throw new Error(`no path ${String(index)}`);
    return file;
  };
  const keys = expectArray(json.keys).map((raw) => {
    const key = expectString(raw);
    const end = key.indexOf('\u0000');
    return end < 0 ? pathAt(Number(key)) : pathAt(Number(key.slice(0, end))) + key.slice(end);
  });
  const keyAt = (index: unknown) => {
    const key = typeof index === 'number' ? keys[index] : undefined;
    if (key === undefined) throw new Error(`no key ${String(index)}`);
    return key;
  };
  const files = new Map<string, CachedFile>();
  for (const raw of expectArray(json.files)) {
    const entry = expectRecord(raw, 'file');
    const imports = expectArray(entry.imports).map(pathAt);
    files.set(pathAt(entry.path), {
      hash: expectString(entry.hash),
      isAnalysable: expectBoolean(entry.isAnalysable),
      isModule: expectBoolean(entry.isModule),
      isReexporter: expectBoolean(entry.isReexporter),
      isOrderSensitive: expectBoolean(entry.isOrderSensitive),
      engineFindings: mapFiles(expectArray(entry.engineFindings), abs) as Finding[],
      drafts: expectArray(entry.drafts).map((draft) => checkDraft(mapFiles(draft, abs))),
      knownUses: mapFiles(expectArray(entry.knownUses), abs) as KnownUseCount[],
      notices: mapFiles(expectArray(entry.notices), abs) as Notice[],
      imports,
      stems: [...new Set([...imports.flatMap(stemsOf), ...expectArray(entry.otherStems).map(abs)])],
      uses: expectArray(entry.uses).map(pathAt),
      declarationsFrom: expectArray(entry.declarationsFrom).map(pathAt),
      calls: expectArray(entry.calls).map(keyAt),
      escapes: expectArray(entry.escapes).map(keyAt),
      storesRead: expectArray(entry.storesRead).map(keyAt),
      storesWritten: expectArray(entry.storesWritten).map(keyAt),
      implementsFrom: expectArray(entry.implementsFrom).map(pathAt),
      redactions: expectArray(entry.redactions) as ModuleRedaction[],
      budgets: expectCounts(entry.budgets),
    });
  }
  const outside = new Map<string, string>();
  for (const pair of expectArray(json.outside)) {
    const [index, hash] = expectArray(pair);
    outside.set(pathAt(index), expectString(hash));
  }
  return {
    key: expectString(json.key),
    files,
    outside,
    outsideDrafts: expectArray(json.outsideDrafts).map((draft) => checkDraft(mapFiles(draft, abs))),
    wholeOnly: json.wholeOnly === undefined ? undefined : expectString(json.wholeOnly),
    budgets: expectCounts(json.budgets),
    fileSet: json.fileSet === undefined ? undefined : expectString(json.fileSet),
  };
}

function memo<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = compute(key)));
    return value;
  };
}

/** Distinct strings in the order first seen, by index. */
class Table {
  readonly values: string[] = [];
  private readonly indices = new Map<string, number>();

  index(value: string): number {
    let index = this.indices.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indices.set(value, index);
    }
    return index;
  }
}

/** Keys whose string values are file paths, in findings, drafts, notices and known functions. */
const FILE_KEYS = new Set(['file', 'sinkFile', 'originFile']);

/** A deep copy with every path converted (key order kept: drafts are compared by their JSON text). */
function mapFiles<T>(value: T, convert: (file: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => mapFiles(item, convert)) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (FILE_KEYS.has(key) && typeof inner === 'string') out[key] = convert(inner);
    // KnownUseCount.declaration.at: [file, offset]
    else if (key === 'at' && Array.isArray(inner) && typeof inner[0] === 'string') out[key] = [convert(inner[0]), inner[1]];
    else out[key] = mapFiles(inner, convert);
  }
  return out as T;
}

function checkDraft(value: unknown): FindingDraft {
  const draft = expectRecord(value, 'draft');
  expectString(draft.ruleId);
  expectString(draft.sinkFile);
  expectString(draft.originFile);
  expectString(draft.fingerprintKey);
  for (const key of ['argumentPos', 'argumentEnd', 'cost', 'rank']) if (typeof draft[key] !== 'number') throw new Error(`draft.${key} is not a number`);
  const reach = expectRecord(draft.reach, 'draft.reach');
  expectRecord(reach.sink, 'draft.reach.sink');
  expectRecord(reach.source, 'draft.reach.source');
  expectArray(reach.path);
  return draft as unknown as FindingDraft;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${what} is not an object`);
  return value;
}

function expectArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('a list is missing');
  return value;
}

function expectString(value: unknown): string {
  if (typeof value !== 'string') throw new Error('a text is missing');
  return value;
}

function expectBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Error('a flag is missing');
  return value;
}

function expectCounts(value: unknown): Record<string, number> {
  const record = expectRecord(value, 'budgets');
  for (const count of Object.values(record)) if (typeof count !== 'number') throw new Error('a count is not a number');
  return record as Record<string, number>;
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir can spin forever below a pseudo-file system such as
 * /proc, where creating a folder fails with ENOENT.
 */
async function ensureFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let current = folder; ; ) {
    try {
      if (!(await fs.stat(current)).isDirectory()) throw new Error(`${current} is not a folder`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const created of missing.reverse()) {
    await fs.mkdir(created).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
