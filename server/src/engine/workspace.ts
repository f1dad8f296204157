/**
 * The engine's long-lived view of one workspace folder, for the language server (and `--watch`-like uses).
 * Input: the folder, the rule registry, unsaved editor texts and change notifications (files created, changed or
 * deleted; config or tsconfig changed).
 * Output: `analyse()` → a `ScanResult` for the whole folder that reflects the latest texts. After an edit, only
 * the changed file is parsed again and only the summaries it can affect are recomputed (see ScanSession).
 * Invariant: the workspace never shows a result older than the last change it was told about: `analyse` started
 * before a change resolves to a result that `isCurrent` reports as stale, so a shell can drop it. A failing
 * analysis (a bad config) rejects with the error and leaves the workspace usable for the next call.
 */
import * as path from 'node:path';
import type { AnyRule, Locale } from './rule-api';
import { CancelledError } from './errors';
import { ScanSession } from './scan';
import type { ScanResult } from './scan-types';

export interface WorkspaceOptions {
  readonly root: string;
  readonly rules: readonly AnyRule[];
  /** Config file set in the editor's settings; otherwise the nearest `piilint.config.json`. */
  readonly configFile?: string;
  readonly locale?: Locale;
  /** What the config's `locale: "auto"` means: the editor's display language. */
  readonly autoLocale?: Locale;
}

export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

export interface WorkspaceResult {
  readonly result: ScanResult;
  /** The change counter the result reflects; compare with `Workspace.version`. */
  readonly version: number;
}

export class Workspace {
  private readonly overlays = new Map<string, string>();
  private readonly session = new ScanSession();
  private changeCounter = 0;

  constructor(private options: WorkspaceOptions) {}

  get root(): string {
    return this.options.root;
  }

  /** Increases with every change the workspace is told about. */
  get version(): number {
    return this.changeCounter;
  }

  contains(file: string): boolean {
    const relative = path.relative(this.options.root, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  /** An open document's text (undefined when it is closed and the file on disk counts again). */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    this.changeCounter++;
  }

  /**
   * Files created, changed or deleted on disk (from the editor's file watcher). Without paths (a config or
   * tsconfig changed, or the watcher lost track), everything is read again.
   */
  notifyFilesChanged(paths?: readonly string[]): void {
    this.session.filesChanged(paths);
    this.changeCounter++;
  }

  updateOptions(options: Partial<Omit<WorkspaceOptions, 'root' | 'rules'>>): void {
    this.options = { ...this.options, ...options };
    this.session.filesChanged();
    this.changeCounter++;
  }

  isCurrent(version: number): boolean {
    return version === this.changeCounter;
  }

  async analyse(signal?: CancellationSignal): Promise<WorkspaceResult | undefined> {
    return this.analyseIn(this.session, [], signal);
  }

  /**
   * Only `files` (the open documents), with the project files they import read as the CLI reads files outside its
   * paths, and only their findings (issue #19 §3: the file in front of the user first). A session of its own, so
   * the folder's session and its summaries are left as they were. The findings can differ from the folder's where
   * a caller elsewhere in the folder checks consent: `analyse()` gives the folder's answer.
   */
  async analyseFirst(files: readonly string[], signal?: CancellationSignal): Promise<WorkspaceResult | undefined> {
    return this.analyseIn(new ScanSession(), files, signal);
  }

  private async analyseIn(session: ScanSession, paths: readonly string[], signal?: CancellationSignal): Promise<WorkspaceResult | undefined> {
    const version = this.changeCounter;
    if (signal?.isCancellationRequested) return undefined;
    let result: ScanResult;
    try {
      result = await session.scan({
        cwd: this.options.root,
        paths: [...paths],
        rules: this.options.rules,
        configFile: this.options.configFile,
        locale: this.options.locale,
        autoLocale: this.options.autoLocale,
        overlays: new Map(this.overlays),
        signal,
      });
    } catch (error) {
      if (error instanceof CancelledError) return undefined;
      throw error;
    }
    if (signal?.isCancellationRequested) return undefined;
    return { result, version };
  }
}
