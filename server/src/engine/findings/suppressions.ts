/**
 * Stage: findings (inline suppressions).
 * Input: one file's text, the findings reported in it, the ids of the registered rules, and a factory for the
 * engine's own findings.
 * Output: the same findings in the same order, with `suppression` set on those an inline comment suppresses,
 * followed by `invalid-suppression` and `unused-suppression` findings for comments that are malformed or
 * suppress nothing (ordered by position).
 * Invariant: only real comments count: a directive inside a string, a template, a regular expression or JSX text
 * is text, never a suppression. A finding is never dropped, only marked. A suppression without a reason or
 * naming only unknown rules suppresses nothing, so the finding it meant to hide stays visible next to the
 * `invalid-suppression` warning: a reviewer or auditor must be able to read why each exception is acceptable.
 *
 * Syntax (in a line or a block comment; docs/cli.md has examples):
 *   piilint-disable-next-line <rule-id>[, <rule-id>…] -- <reason>
 *   <code> // piilint-disable-line <rule-id>[, <rule-id>…] -- <reason>
 *   piilint-disable <rule-id>[, <rule-id>…] -- <reason>   …   piilint-enable [<rule-id>, …]
 * A next-line directive covers findings whose sink range starts on the line after the comment's last line, a
 * same-line directive those that start on the comment's first line. A
 * block directive covers findings that start after it, up to a matching `piilint-enable` (without ids: every
 * rule) or the end of the file. A reason that is a placeholder (`<reason>`, as the suppression fix writes it, or
 * `TODO`) is no reason, and a comment opening with another `piilint-` word is an unknown directive: both are
 * `invalid-suppression` and suppress nothing (issue #18).
 */
import { ts } from 'ts-morph';
import { languageOfFileName, type ScriptLanguage } from '../files/script-source';
import { toScriptKind } from '../project/embedded-scripts';
import type { Finding, SourceRange } from './finding';
import { INVALID_SUPPRESSION_RULE_ID, UNUSED_SUPPRESSION_RULE_ID } from './engine-rules';

export type SuppressionRuleId = typeof INVALID_SUPPRESSION_RULE_ID | typeof UNUSED_SUPPRESSION_RULE_ID;

export interface ApplySuppressionsInput {
  /** Absolute path of the file, as in `Finding.range.file`. */
  readonly file: string;
  /** The file's text as the engine analysed it (for a `.vue` file, its virtual script source: script-source.ts). */
  readonly text: string;
  /** The language the text is in; by default the one of the file's extension. */
  readonly language?: ScriptLanguage;
  /** Findings reported in this file; findings of other files are passed through untouched. */
  readonly findings: readonly Finding[];
  /** Ids of every registered rule (a directive naming another id is reported as unknown). */
  readonly knownRuleIds: ReadonlySet<string>;
  /**
   * Ids of the rules that ran on this file. A directive for a rule that was switched off cannot be used, so it is
   * not reported as unused. Defaults to `knownRuleIds`.
   */
  readonly activeRuleIds?: ReadonlySet<string>;
  readonly makeEngineFinding: (
    ruleId: SuppressionRuleId,
    messageId: string,
    data: Record<string, string>,
    range: SourceRange,
  ) => Finding;
}

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'unknown';

export interface DirectiveRuleRef {
  readonly ruleId: string;
  /** Where the id is written inside the comment. */
  readonly range: SourceRange;
}

export interface SuppressionDirective {
  readonly kind: DirectiveKind;
  readonly rules: readonly DirectiveRuleRef[];
  /** Text after ` -- `, whitespace collapsed; empty when missing. */
  readonly reason: string;
  /** The whole comment. */
  readonly range: SourceRange;
  /** For an unknown directive: the word it opens with (`piilint-disable-file`). */
  readonly name?: string;
}

const DIRECTIVE_MARKER = 'piilint-';
const DIRECTIVE_PATTERN = /^[\s*]*(piilint-disable-next-line|piilint-disable-line|piilint-disable|piilint-enable)(?=\s|$)/;
/** A comment that opens with `piilint-` and a word of letters and dashes, which is not one of the directives above. */
const ANY_DIRECTIVE_PATTERN = /^[\s*]*(piilint-[a-z][a-z-]*)(?=\s|$)/;
/**
 * Reasons that only hold the place of one: an angle-bracketed placeholder (`<reason>`, `<理由>`, what the suppression
 * fix writes for the user to type over) or a marker of work left to do.
 */
const PLACEHOLDER_REASON = /^(?:<[^<>]*>|\.{3}|…|todo|tbd|fixme|xxx|reason)$/i;
/** ` -- ` separates the rule list from the reason (as in ESLint's directive comments). */
const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;
const RULE_ID_TOKEN = /[^\s,]+/g;
/** Data value when a disable directive names no rule at all: blanket suppressions are not accepted. */
export const NO_RULE_ID = '(none)';

export function applySuppressions(input: ApplySuppressionsInput): Finding[] {
  // Most files carry no directive; skip the parse for them.
  if (!input.text.includes(DIRECTIVE_MARKER)) {
    return [...input.findings];
  }
  const directives = parseSuppressionDirectives(input.file, input.text, input.language);
  if (directives.length === 0) {
    return [...input.findings];
  }

  const activeRuleIds = input.activeRuleIds ?? input.knownRuleIds;
  const knownList = [...input.knownRuleIds].sort().join(', ');
  const engineFindings: Finding[] = [];
  const report = (ruleId: SuppressionRuleId, messageId: string, data: Record<string, string>, range: SourceRange) =>
    engineFindings.push(input.makeEngineFinding(ruleId, messageId, data, range));

  /** One (directive, rule id) pair that may suppress findings; `isUsed` is set when it does. */
  interface Grant {
    readonly directive: SuppressionDirective;
    readonly ruleId: string;
    readonly idRange: SourceRange;
    isUsed: boolean;
  }
  const nextLineGrants: { grant: Grant; line: number }[] = [];
  const blockGrants: { grant: Grant; start: number; end: number }[] = [];
  const openBlocks = new Map<string, { grant: Grant; start: number }[]>();

  const closeBlocks = (ruleIds: readonly string[] | 'all', at: number) => {
    const ids = ruleIds === 'all' ? [...openBlocks.keys()] : ruleIds;
    for (const id of ids) {
      for (const open of openBlocks.get(id) ?? []) {
        blockGrants.push({ grant: open.grant, start: open.start, end: at });
      }
      openBlocks.delete(id);
    }
  };

  for (const directive of directives) {
    if (directive.kind === 'unknown') {
      report(INVALID_SUPPRESSION_RULE_ID, 'unknownDirective', { directive: directive.name ?? '' }, directive.range);
      continue;
    }
    const known: DirectiveRuleRef[] = [];
    for (const ref of directive.rules) {
      if (input.knownRuleIds.has(ref.ruleId)) {
        known.push(ref);
      } else {
        report(INVALID_SUPPRESSION_RULE_ID, 'unknownRule', { ruleId: ref.ruleId, known: knownList }, ref.range);
      }
    }

    if (directive.kind === 'enable') {
      closeBlocks(directive.rules.length === 0 ? 'all' : known.map((ref) => ref.ruleId), directive.range.offset);
      continue;
    }
    if (directive.rules.length === 0) {
      report(INVALID_SUPPRESSION_RULE_ID, 'unknownRule', { ruleId: NO_RULE_ID, known: knownList }, directive.range);
      continue;
    }
    if (known.length === 0) {
      continue;
    }
    if (directive.reason === '') {
      // Decision: a suppression without a reason does not suppress (see the header and docs/cli.md).
      report(
        INVALID_SUPPRESSION_RULE_ID,
        'missingReason',
        { ruleId: known.map((ref) => ref.ruleId).join(', ') },
        directive.range,
      );
      continue;
    }
    if (PLACEHOLDER_REASON.test(directive.reason)) {
      report(
        INVALID_SUPPRESSION_RULE_ID,
        'placeholderReason',
        { ruleId: known.map((ref) => ref.ruleId).join(', '), reason: directive.reason },
        directive.range,
      );
      continue;
    }
    for (const ref of known) {
      const grant: Grant = { directive, ruleId: ref.ruleId, idRange: ref.range, isUsed: false };
      if (directive.kind === 'disable-next-line') {
        nextLineGrants.push({ grant, line: directive.range.endLine + 1 });
      } else if (directive.kind === 'disable-line') {
        nextLineGrants.push({ grant, line: directive.range.line });
      } else {
        const start = directive.range.offset + directive.range.length;
        const list = openBlocks.get(ref.ruleId) ?? [];
        list.push({ grant, start });
        openBlocks.set(ref.ruleId, list);
      }
    }
  }
  closeBlocks('all', input.text.length);

  const findings = input.findings.map((finding): Finding => {
    if (finding.range.file !== input.file || finding.suppression !== undefined) {
      return finding;
    }
    const grant =
      nextLineGrants.find((entry) => entry.grant.ruleId === finding.ruleId && entry.line === finding.range.line)
        ?.grant ??
      blockGrants.find(
        (entry) =>
          entry.grant.ruleId === finding.ruleId &&
          finding.range.offset >= entry.start &&
          finding.range.offset < entry.end,
      )?.grant;
    if (grant === undefined) {
      return finding;
    }
    grant.isUsed = true;
    return {
      ...finding,
      suppression: { kind: 'inSource', justification: grant.directive.reason, range: grant.directive.range },
    };
  });

  const grants = [...nextLineGrants.map((entry) => entry.grant), ...blockGrants.map((entry) => entry.grant)];
  for (const grant of new Set(grants)) {
    if (!grant.isUsed && activeRuleIds.has(grant.ruleId)) {
      report(UNUSED_SUPPRESSION_RULE_ID, 'unusedSuppression', { ruleId: grant.ruleId }, grant.idRange);
    }
  }

  engineFindings.sort((a, b) => a.range.offset - b.range.offset);
  return [...findings, ...engineFindings];
}

/** Every piilint directive in the file's real comments, in text order. */
export function parseSuppressionDirectives(file: string, text: string, language: ScriptLanguage = languageOfFileName(file)): SuppressionDirective[] {
  if (!text.includes(DIRECTIVE_MARKER)) {
    return [];
  }
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, toScriptKind(language));
  const directives: SuppressionDirective[] = [];
  for (const comment of collectComments(sourceFile)) {
    const directive = parseDirective(file, sourceFile, comment);
    if (directive !== undefined) {
      directives.push(directive);
    }
  }
  return directives;
}

function parseDirective(
  file: string,
  sourceFile: ts.SourceFile,
  comment: ts.CommentRange,
): SuppressionDirective | undefined {
  const text = sourceFile.text;
  const isBlock = comment.kind === ts.SyntaxKind.MultiLineCommentTrivia;
  const bodyStart = comment.pos + 2;
  const bodyEnd = isBlock && text.startsWith('*/', comment.end - 2) ? comment.end - 2 : comment.end;
  const body = text.slice(bodyStart, bodyEnd);
  if (!body.includes(DIRECTIVE_MARKER)) {
    return undefined;
  }
  const match = DIRECTIVE_PATTERN.exec(body);
  if (match === null) {
    const other = ANY_DIRECTIVE_PATTERN.exec(body);
    if (other === null) return undefined;
    return { kind: 'unknown', name: other[1], rules: [], reason: '', range: rangeOf(file, sourceFile, comment.pos, comment.end) };
  }
  // Group 1 is not optional in DIRECTIVE_PATTERN, so a match always has it.
  const kind = (match[1] ?? '').slice(DIRECTIVE_MARKER.length) as DirectiveKind;
  const restStart = match[0].length;
  const rest = body.slice(restStart);
  const separator = REASON_SEPARATOR.exec(rest);
  const idsText = separator === null ? rest : rest.slice(0, separator.index);
  const reasonText = separator === null ? '' : rest.slice(separator.index + separator[0].length);

  const rules: DirectiveRuleRef[] = [];
  for (const token of idsText.matchAll(RULE_ID_TOKEN)) {
    const start = bodyStart + restStart + token.index;
    rules.push({ ruleId: token[0], range: rangeOf(file, sourceFile, start, start + token[0].length) });
  }
  // In block comments continuation lines often start with `*`; they are layout, not part of the reason.
  const reason = reasonText
    .replace(/(\r\n|\r|\n|\u2028|\u2029)[ \t]*\*?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { kind, rules, reason, range: rangeOf(file, sourceFile, comment.pos, comment.end) };
}

/**
 * Every comment of the file, found through the parse tree so that comment-like text inside strings, templates,
 * regular expressions and JSX text is never mistaken for a comment. Each comment lies in the trivia before exactly
 * one token, so asking every token for the comments in its trivia finds each comment.
 */
function collectComments(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const comments: ts.CommentRange[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return;
    }
    const children = node.getChildren(sourceFile);
    if (children.length > 0) {
      children.forEach(visit);
      return;
    }
    // JSX text may look like `// …` but is text; it has no leading trivia of its own.
    if (node.kind === ts.SyntaxKind.JsxText) {
      return;
    }
    // The trivia before a token holds the previous line's trailing comments (up to the line break, which
    // TypeScript calls trailing) and then the leading ones; together they are every comment in it.
    const tokenStart = node.getStart(sourceFile);
    const trivia = [...(ts.getTrailingCommentRanges(text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(text, node.pos) ?? [])];
    for (const comment of trivia) {
      if (comment.end <= tokenStart && !comments.some((seen) => seen.pos === comment.pos)) {
        comments.push(comment);
      }
    }
  };
  visit(sourceFile);
  return comments;
}

/** `file` is passed separately: TypeScript normalises `sourceFile.fileName` to forward slashes. */
function rangeOf(file: string, sourceFile: ts.SourceFile, start: number, end: number): SourceRange {
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return {
    file,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    offset: start,
    length: end - start,
  };
}
