/**
 * The small contract between the VS Code extension (client/) and the language server (server/src/lsp/): the
 * settings section, the custom messages and the ids both sides name. Plain data and method names only, so that
 * the client bundle pulls in nothing of the engine.
 */

/** The settings section the server asks for per workspace folder (`workspace/configuration`). */
export const SETTINGS_SECTION = 'piilint';

export type RunTrigger = 'onType' | 'onSave';
/** `auto` keeps the `locale` of piilint.config.json; where that is `auto` too (its default), VS Code's display language. */
export type LocaleSetting = 'auto' | 'en' | 'zh-CN';
export type SeverityOverride = 'error' | 'warning' | 'info' | 'off';

/** Settings of one workspace folder, as the server uses them after unknown values fell back to the defaults. */
export interface PiilintSettings {
  readonly enable: boolean;
  readonly run: RunTrigger;
  /** Config file, absolute or relative to the folder; empty means the nearest piilint.config.json. */
  readonly configFile: string;
  readonly locale: LocaleSetting;
  /** Severity per rule id, applied on top of the config file's. */
  readonly ruleSeverities: Readonly<Record<string, SeverityOverride>>;
}

export const DEFAULT_SETTINGS: PiilintSettings = {
  enable: true,
  run: 'onType',
  configFile: '',
  locale: 'auto',
  ruleSeverities: {},
};

/** What the client tells the server at start (`initializationOptions`). */
export interface InitializationOptions {
  /** The client has the `piilint.client.selectRange` command (selects the placeholder a fix inserted). */
  readonly hasSelectRangeCommand?: boolean;
  /** The client shows `piilint/status` notifications (a status bar item). */
  readonly wantsStatus?: boolean;
  /** The client has the `piilint.openRuleDocumentation` command (opens a rule's README; "Show documentation"). */
  readonly hasOpenRuleDocumentationCommand?: boolean;
  /**
   * The editor's display language (VS Code's `vscode.env.language`, such as `zh-cn`): what `locale: "auto"` means in
   * the editor. Without it, the server's environment (`LC_ALL`, `LC_MESSAGES`, `LANG`) decides.
   */
  readonly displayLanguage?: string;
}

/** Client-side command that opens a rule's documentation: `[ruleId]`. */
export const OPEN_RULE_DOCUMENTATION_COMMAND = 'piilint.openRuleDocumentation';

/** Client-side command run after a fix that inserted a placeholder: `[uri, range]`. */
export const SELECT_RANGE_COMMAND = 'piilint.client.selectRange';

export type ServerState = 'analysing' | 'idle' | 'error' | 'disabled';

/** `piilint/status` (server → client): what the status bar shows. */
export const STATUS_NOTIFICATION = 'piilint/status';
export interface StatusParams {
  readonly state: ServerState;
  /** Unsuppressed findings in all folders, as of the last analysis. */
  readonly findings: number;
  /** Files with at least one finding. */
  readonly files: number;
  /** Why the state is `error` (a bad config, an internal error), in one line. */
  readonly message?: string;
}

/** `piilint/scanWorkspace` (client → server): analyse every folder from disk now; answers when done. */
export const SCAN_WORKSPACE_REQUEST = 'piilint/scanWorkspace';
export interface ScanWorkspaceResult {
  readonly folders: number;
  readonly files: number;
  readonly findings: number;
  readonly durationMs: number;
  /** One line per folder that could not be analysed. */
  readonly errors: readonly string[];
}

/** `piilint/rules` (client → server): the rules the server runs, for "Open rule documentation". */
export const RULES_REQUEST = 'piilint/rules';
export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly docsUrl: string;
}

/** Where the documentation lives; the diagnostics' `codeDescription.href` points into it (as SARIF's `helpUri`). */
export const DOCS_BASE = 'https://github.com/piilint/piilint/blob/main/';

/** A rule's README; the engine's own rules (parse errors, suppressions) are described in docs/cli.md. */
export function ruleDocsUrl(ruleId: string, isEngineRule = false): string {
  return isEngineRule ? `${DOCS_BASE}docs/cli.md#engine-rules` : `${DOCS_BASE}rules/${encodeURIComponent(ruleId)}/README.md`;
}

/** Kind of the source action that applies every safe fix in a file (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.piilint';
