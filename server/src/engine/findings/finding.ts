/**
 * Stage: findings (types).
 * Input: nothing; this module only declares the shapes every later stage and both shells share.
 * Output: `Finding`, `FlowStep`, `Fix`, `TextEdit` and friends.
 * Invariant: positions are 1-based lines and columns (UTF-16 code units, as the LSP and SARIF count them),
 * offsets are 0-based; file paths are absolute and use the platform separator.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface SourceRange {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the first character. */
  readonly column: number;
  readonly endLine: number;
  /** 1-based column just past the last character. */
  readonly endColumn: number;
  /** 0-based offset of the first character in the file text. */
  readonly offset: number;
  readonly length: number;
}

export type FlowStepKind = 'source' | 'step' | 'call' | 'return' | 'sink';

/** One place on the way from a source to a sink, as SARIF `threadFlowLocations` and LSP related information show it. */
export interface FlowStep {
  readonly kind: FlowStepKind;
  readonly range: SourceRange;
  /** Short description of what happens here ("face descriptor from face-api.js", "passed to saveTemplate"). */
  readonly message: string;
}

export interface TextEdit {
  readonly file: string;
  /** 0-based start offset in the file as it was analysed. */
  readonly start: number;
  /** 0-based end offset (exclusive). */
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** Title shown in the editor's quick-fix menu. */
  readonly title: string;
  /**
   * Safe fixes keep behaviour apart from the privacy property they restore and may be applied by `--fix`;
   * unsafe ones (suggestions) need a person's judgement and are only offered.
   */
  readonly isSafe: boolean;
  readonly isPreferred?: boolean;
  readonly edits: readonly TextEdit[];
  /** Range inside `edits` to select after applying (e.g. a placeholder reason). */
  readonly selection?: { readonly file: string; readonly start: number; readonly end: number };
}

export interface Suppression {
  readonly kind: 'inSource';
  readonly justification: string;
  readonly range: SourceRange;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly messageId: string;
  /** One sentence in the configured locale, plain text: what reaches where. */
  readonly message: string;
  /** Plain text in the configured locale: why it matters (the legal basis) and what to do. */
  readonly detail?: string;
  /** Where the data arrives (the sink), or where the problem is for findings without a flow. */
  readonly range: SourceRange;
  /** The flow from the source to the sink, source first and sink last; empty for findings without a flow. */
  readonly path: readonly FlowStep[];
  /** The whole call that logs, stores or sends (`range` is the argument in it that carries the data). */
  readonly sinkCall?: SourceRange;
  /** Stable identity that survives edits elsewhere in the file (see findings/fingerprint.ts). */
  readonly fingerprint: string;
  readonly fixes: readonly Fix[];
  /** Fixes the rule would offer but cannot here, each with the reason (shown greyed out in the editor). */
  readonly fixesNotOffered?: readonly { readonly title: string; readonly notOffered: string }[];
  readonly suppression?: Suppression;
  /** Values interpolated into the message, kept for formatters and tests. */
  readonly data: Readonly<Record<string, string>>;
}

/** Things worth telling the user that are not findings: skipped files, budgets hit, broken links. */
export interface Notice {
  readonly level: 'info' | 'warning' | 'error';
  readonly code: NoticeCode;
  readonly message: string;
  readonly file?: string;
}

export type NoticeCode =
  | 'file-too-large'
  | 'binary-file'
  | 'broken-symlink'
  | 'symlink-loop'
  | 'unreadable-file'
  | 'file-vanished'
  | 'tsconfig-error'
  | 'budget-exceeded'
  | 'internal-error'
  | 'cache-error'
  | 'config-error';
