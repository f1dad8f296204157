/**
 * LSP shell: the analysis of one workspace folder. Owns the engine's `Workspace` for the folder, the folder's
 * settings and the texts of its open documents, and runs `analyse()` one at a time, debounced.
 * Input: document texts with their versions, change notifications, settings.
 * Output: `FolderSnapshot`s (diagnostics per file, the findings behind them, the texts and document versions they
 * were computed from), handed to `onSnapshot` and to whoever waits in `whenCurrent`.
 * Invariant: a snapshot is published only if the workspace was told about no change while it was computed
 * (`Workspace.isCurrent`); a superseded run is dropped and the next one starts. A failing run (bad config,
 * internal error) yields a snapshot without findings, so old diagnostics are cleared, and the folder stays usable.
 * The folder's first run analyses the open documents (with what they import) before the whole folder, and
 * publishes their diagnostics first as a partial snapshot (issue #19 §3).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/config/config-types';
import { createWorkspace } from '../api/lint';
import type { AnyRule, Locale } from '../engine/rule-api';
import type { CancellationSignal, Workspace } from '../engine/workspace';
import { DEFAULT_SETTINGS, type PiilintSettings } from '../protocol';
import { describeError } from './describe-error';
import { buildSnapshot, emptySnapshot, failedSnapshot, type FolderSnapshot, type SnapshotContext } from './folder-snapshot';

export type { FolderSnapshot } from './folder-snapshot';
export { describeError } from './describe-error';

export interface FolderAnalysisOptions {
  readonly root: string;
  /** Fetches the folder's settings (`workspace/configuration`); analysis waits for the first answer. */
  readonly loadSettings: () => Promise<PiilintSettings>;
  readonly rules: readonly AnyRule[];
  /** What the settings' and the config's `locale: "auto"` mean: the editor's display language. */
  readonly autoLocale?: Locale;
  readonly log: (message: string) => void;
  /** A run started (status bar: analysing). */
  readonly onStart: (folder: FolderAnalysis) => void;
  readonly onSnapshot: (folder: FolderAnalysis, snapshot: FolderSnapshot, previous: FolderSnapshot | undefined) => void;
}

type Waiter = (snapshot: FolderSnapshot | undefined) => void;

export class FolderAnalysis {
  readonly root: string;
  private settings: PiilintSettings = DEFAULT_SETTINGS;
  private readonly workspace: Workspace;
  /** Texts given to the workspace as overlays, with the document versions they belong to. */
  private readonly overlays = new Map<string, { readonly text: string; readonly version: number }>();
  /** Open documents too large to analyse; they get one informational diagnostic. */
  private readonly tooLarge = new Map<string, number>();
  private latest: FolderSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the last edit arrived, to tell a lone edit (analysed at once) from a burst of typing (debounced). */
  private lastChangeAt = Number.NEGATIVE_INFINITY;
  private running: { signal: { isCancellationRequested: boolean } } | undefined;
  private waiters: Waiter[] = [];
  /** The file a waiter of `whenCurrent` asked about: a partial snapshot that covers it answers it. */
  private readonly waiterFiles = new WeakMap<Waiter, string>();
  private nextSnapshotWaiters: Waiter[] = [];
  private isDisposed = false;
  /** Analysed at all: a document of the folder was opened, or the client asked for the folder's diagnostics. */
  private isActive = false;
  private readonly settingsLoaded: Promise<void>;

  constructor(private readonly options: FolderAnalysisOptions) {
    this.root = options.root;
    this.workspace = createWorkspace({ root: options.root, rules: options.rules, ...(options.autoLocale ? { autoLocale: options.autoLocale } : {}) });
    this.settingsLoaded = this.reloadSettings();
  }

  /** Asks the client for the folder's settings again (after `workspace/didChangeConfiguration`). */
  async reloadSettings(): Promise<void> {
    let settings: PiilintSettings;
    try {
      settings = await this.options.loadSettings();
    } catch (error) {
      this.options.log(`piilint: could not read the settings of ${this.root}; using the defaults. ${describeError(error)}`);
      settings = DEFAULT_SETTINGS;
    }
    if (!this.isDisposed) this.applySettings(settings);
  }

  get currentSettings(): PiilintSettings {
    return this.settings;
  }

  get snapshot(): FolderSnapshot | undefined {
    return this.latest;
  }

  get isAnalysing(): boolean {
    return this.running !== undefined || this.timer !== undefined;
  }

  get isEnabled(): boolean {
    return this.settings.enable;
  }

  contains(file: string): boolean {
    return this.workspace.contains(file);
  }

  /** Whether the latest snapshot reflects every change the folder was told about, in the whole folder. */
  get isCurrent(): boolean {
    return this.latest !== undefined && !this.latest.coveredFiles && this.workspace.isCurrent(this.latest.version);
  }

  /** Whether the latest snapshot reflects every change and holds `file`'s diagnostics (a partial one may). */
  private isCurrentFor(file: string): boolean {
    return this.latest !== undefined && this.workspace.isCurrent(this.latest.version) && (!this.latest.coveredFiles || this.latest.coveredFiles.has(file));
  }

  applySettings(settings: PiilintSettings): void {
    const previous = this.settings;
    this.settings = settings;
    if (JSON.stringify(previous) === JSON.stringify(settings)) return;
    this.workspace.updateOptions({
      configFile: settings.configFile ? path.resolve(this.root, settings.configFile) : undefined,
      locale: settings.locale === 'auto' ? undefined : settings.locale,
    });
    if (!settings.enable) {
      this.cancelRunning();
      this.publish(emptySnapshot(this.workspace.version));
      return;
    }
    if (this.isActive) this.schedule(0);
  }

  /** An open document's text. `trigger` says whether this edit should start an analysis (`run: onType|onSave`). */
  setDocument(file: string, text: string, version: number, trigger: 'open' | 'change' | 'save'): void {
    if (trigger === 'change' && this.settings.run === 'onSave') return;
    // An enormous (usually generated) buffer is still the document's text: the engine skips it with a notice
    // (its size limit applies to open documents too), and the findings of the file on disk, which no longer
    // describe what the editor shows, are not shown either (issue #21).
    if (text.length > (this.latest?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) this.tooLarge.set(file, text.length);
    else this.tooLarge.delete(file);
    const current = this.overlays.get(file);
    this.overlays.set(file, { text, version });
    if (current?.text === text) {
      // Same text under a new version (a save): nothing to analyse, but edits must carry the new version.
      if (this.latest?.documentVersions.get(file) === current.version && this.workspace.isCurrent(this.latest.version)) {
        this.latest = { ...this.latest, documentVersions: new Map(this.latest.documentVersions).set(file, version) };
      }
      return;
    }
    this.workspace.setOverlay(file, text);
    this.isActive = true;
    this.scheduleAfterDocumentEvent(trigger === 'save' ? 0 : undefined);
  }

  closeDocument(file: string): void {
    this.tooLarge.delete(file);
    if (!this.overlays.delete(file)) return;
    this.workspace.setOverlay(file, undefined);
    if (this.isActive) this.scheduleAfterDocumentEvent(CHANGE_DEBOUNCE_MS);
  }

  /**
   * Any document event (open, edit, close) that follows another within `CHANGE_DEBOUNCE_MS`, or arrives while a
   * run is pending or under way, waits for a pause: a flood of 1,000 open/close pairs costs one analysis, not
   * one each, and the server keeps answering meanwhile (issue #21). A lone event is analysed at once.
   */
  private scheduleAfterDocumentEvent(delayMs?: number): void {
    const isBurst = this.running !== undefined || this.timer !== undefined || Date.now() - this.lastChangeAt < CHANGE_DEBOUNCE_MS;
    this.lastChangeAt = Date.now();
    this.cancelRunning();
    if (this.settings.enable) this.schedule(delayMs ?? (isBurst ? CHANGE_DEBOUNCE_MS : 0));
  }

  hasOpenDocuments(): boolean {
    return this.overlays.size > 0 || this.tooLarge.size > 0;
  }

  /**
   * Files were created, changed, deleted or renamed on disk. Without paths (a config, tsconfig or .gitignore
   * changed, or a full rescan was asked for) everything is read again.
   */
  notifyFilesChanged(paths?: readonly string[]): void {
    this.workspace.notifyFilesChanged(paths);
    this.cancelRunning();
    if (this.settings.enable && this.isActive) this.schedule(WATCH_DEBOUNCE_MS);
  }

  /**
   * The snapshot that reflects the latest change, once it is there; starts a run if none is under way. Given a
   * file, a partial snapshot that holds its diagnostics will do (the open document, before the whole folder).
   * Resolves `undefined` when the token is cancelled first, or the folder is disposed.
   */
  whenCurrent(token?: CancellationToken, file?: string): Promise<FolderSnapshot | undefined> {
    this.isActive = true;
    if (!this.settings.enable) return Promise.resolve(this.latest ?? emptySnapshot(this.workspace.version));
    if (file === undefined ? this.isCurrent : this.isCurrentFor(file)) return Promise.resolve(this.latest);
    if (!this.running && !this.timer) this.schedule(0);
    return this.wait(this.waiters, token, undefined, file);
  }

  /** Resolves at the next published snapshot, or `undefined` once the token is cancelled or `timeoutMs` passed. */
  whenNextSnapshot(token: CancellationToken | undefined, timeoutMs: number): Promise<FolderSnapshot | undefined> {
    return this.wait(this.nextSnapshotWaiters, token, timeoutMs);
  }

  dispose(): void {
    this.isDisposed = true;
    this.cancelRunning();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of [...this.waiters, ...this.nextSnapshotWaiters]) waiter(undefined);
    this.waiters = [];
    this.nextSnapshotWaiters = [];
  }

  private wait(list: Waiter[], token: CancellationToken | undefined, timeoutMs?: number, file?: string): Promise<FolderSnapshot | undefined> {
    if (this.isDisposed || token?.isCancellationRequested) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let timeout: NodeJS.Timeout | undefined;
      let subscription: { dispose(): void } | undefined;
      const waiter: Waiter = (snapshot) => {
        if (timeout) clearTimeout(timeout);
        subscription?.dispose();
        resolve(snapshot);
      };
      const drop = (): void => {
        const index = list.indexOf(waiter);
        if (index >= 0) list.splice(index, 1);
        waiter(undefined);
      };
      list.push(waiter);
      if (file !== undefined) this.waiterFiles.set(waiter, file);
      subscription = token?.onCancellationRequested(drop);
      if (timeoutMs !== undefined) timeout = setTimeout(drop, timeoutMs);
    });
  }

  schedule(delayMs: number): void {
    if (this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private cancelRunning(): void {
    if (this.running) this.running.signal.isCancellationRequested = true;
  }

  private async run(): Promise<void> {
    if (this.isDisposed || this.running) return; // a running analysis reschedules when it sees it was superseded
    const signal = { isCancellationRequested: false };
    this.running = { signal };
    await this.settingsLoaded;
    if (this.isDisposed || !this.settings.enable || signal.isCancellationRequested) {
      this.running = undefined;
      if (!this.isDisposed && this.settings.enable && !this.timer) this.schedule(0);
      return;
    }
    const documentVersions = new Map([...this.overlays].map(([file, overlay]) => [file, overlay.version]));
    const tooLarge = new Map(this.tooLarge);
    const version = this.workspace.version;
    const started = Date.now();
    this.options.onStart(this);
    let snapshot: FolderSnapshot | undefined;
    try {
      if (!this.latest && documentVersions.size > 0) await this.analyseOpenDocumentsFirst(signal, documentVersions, tooLarge, started);
      const outcome = await this.workspace.analyse(signal satisfies CancellationSignal);
      if (outcome && this.workspace.isCurrent(outcome.version)) {
        snapshot = buildSnapshot(this.snapshotContext(), outcome.version, outcome.result, documentVersions, tooLarge, Date.now() - started);
      }
    } catch (error) {
      if (this.workspace.isCurrent(version)) snapshot = failedSnapshot(this.snapshotContext(), version, error, Date.now() - started);
    } finally {
      this.running = undefined;
    }
    if (this.isDisposed) return;
    if (snapshot) this.publish(snapshot);
    else if (!this.timer) this.schedule(0); // superseded: analyse the newer text
  }

  /**
   * The first run of a folder with open documents: they and the project files they import are analysed on their
   * own and their diagnostics published before the whole folder is (issue #19 §3), so the file in front of the user
   * is not kept waiting for a 3,000-file folder. A consent check made only by a caller elsewhere in the folder is
   * not seen yet; the whole folder's snapshot, which follows, replaces this one. A failure here is left to the
   * whole folder's run to report.
   */
  private async analyseOpenDocumentsFirst(signal: CancellationSignal, documentVersions: ReadonlyMap<string, number>, tooLarge: ReadonlyMap<string, number>, started: number): Promise<void> {
    // A document that is not on disk yet is analysed once it is saved, as in the whole folder's run.
    const covered = new Set([...documentVersions.keys()].filter((file) => !tooLarge.has(file) && fs.existsSync(file)));
    if (covered.size === 0) return;
    let outcome;
    try {
      outcome = await this.workspace.analyseFirst([...covered], signal);
    } catch (error) {
      this.options.log(`piilint: analysing the open documents of ${this.root} first failed; analysing the folder. ${describeError(error)}`);
      return;
    }
    if (!outcome || this.isDisposed || !this.workspace.isCurrent(outcome.version)) return;
    const whole = buildSnapshot(this.snapshotContext(), outcome.version, outcome.result, documentVersions, tooLarge, Date.now() - started);
    const only = <T>(map: ReadonlyMap<string, T>): Map<string, T> => new Map([...map].filter(([file]) => covered.has(file)));
    this.publish({ ...whole, diagnosticsByFile: only(whole.diagnosticsByFile), findingsByFile: only(whole.findingsByFile), coveredFiles: covered });
  }

  private publish(snapshot: FolderSnapshot): void {
    const previous = this.latest;
    this.latest = snapshot;
    try {
      this.options.onSnapshot(this, snapshot, previous);
    } catch (error) {
      this.options.log(`piilint: publishing the diagnostics of ${this.root} failed: ${describeError(error)}`);
    }
    const covered = snapshot.coveredFiles;
    if (covered) {
      // A partial snapshot answers only those who asked about a file it holds.
      const answered = this.waiters.filter((waiter) => covered.has(this.waiterFiles.get(waiter) ?? ''));
      this.waiters = this.waiters.filter((waiter) => !answered.includes(waiter));
      for (const waiter of answered) waiter(snapshot);
      return;
    }
    const waiters = [...this.waiters, ...this.nextSnapshotWaiters];
    this.waiters = [];
    this.nextSnapshotWaiters = [];
    for (const waiter of waiters) waiter(snapshot);
  }

  private snapshotContext(): SnapshotContext {
    return { root: this.root, settings: this.settings, log: this.options.log };
  }
}

/**
 * The edit-to-analysis delay while typing: an edit that follows another within this time, or arrives while one is
 * being analysed, waits until the typing pauses this long. A lone edit, open, save and settings changes analyse at
 * once. Short, because a run that an edit overtakes is dropped anyway: the delay only spares analysing every
 * keystroke of a burst.
 */
export const CHANGE_DEBOUNCE_MS = 75;
const WATCH_DEBOUNCE_MS = 100;

