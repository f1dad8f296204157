/**
 * What the analysis of one config group gives the end of a scan, whether it analysed every file (the language
 * server, a scan without cache) or took some from the cache (`--cache`, issue #9); and the syntax check both do.
 * Input: the built project and the files to analyse.
 * Output: `GroupAnalysis`: drafts of findings, the engine's own findings, which files count as reported, the
 * project's known guards and sanitizers, notices and statistics. The scan turns it into findings the same way in
 * every case (`finishFindings`, then suppressions), so the cache can only change how a result is reached.
 */
import type { ResolvedConfig } from './config/config-types';
import type { EnabledRule, FindingCache, FindingDraft } from './findings/build-findings';
import { overBudgetFinding, parseErrorFinding, tooDeepFinding } from './findings/engine-findings';
import type { Finding, Notice } from './findings/finding';
import type { KnownFunctions } from './findings/known-functions';
import { type BuiltProject, syntaxErrorsOf } from './project/build-project';
import type { Locale } from './rule-api';
import type { CacheStats } from './scan-types';
import type { ts } from 'ts-morph';

export interface GroupAnalysis {
  readonly drafts: Iterable<FindingDraft>;
  /** Parse errors (and files nested too deeply). */
  readonly engineFindings: readonly Finding[];
  /** Scanned files that were parsed and analysed: only findings in these are reported. */
  readonly reported: ReadonlySet<string>;
  readonly enabled: ReadonlyMap<string, EnabledRule>;
  readonly known: KnownFunctions;
  /** tsconfig problems and internal errors. */
  readonly notices: readonly Notice[];
  /** Budgets that ran out, with how often. */
  readonly budgets: ReadonlyMap<string, number>;
  readonly filesAnalysed: number;
  readonly functionsSummarised: number;
  readonly functionsComputed: number;
  /** The text of a file the program read but the scan did not (an import outside the scanned paths). */
  readonly programText: (file: string) => string | undefined;
  readonly cache?: CacheStats;
  /** What the session keeps between analyses of the same folder (the language server's). */
  readonly memory?: { readonly findings: FindingCache; readonly markers: SuppressionMarkers };
}

/** Per file: whether its text, as last seen, contains a suppression marker (`piilint-`). */
export type SuppressionMarkers = Map<string, { readonly text: string; readonly has: boolean }>;

export interface CheckedFiles {
  /** The files to analyse, in the given order. */
  readonly analysable: ts.SourceFile[];
  /** Parse errors and files nested too deeply, per file: those files are not analysed. */
  readonly engineFindings: Map<string, Finding[]>;
}

/** Sorts the given files of a built project into those to analyse and those that do not parse. */
export function checkFiles(paths: Iterable<string>, built: BuiltProject, config: ResolvedConfig, locale: Locale, cwd: string): CheckedFiles {
  const analysable: ts.SourceFile[] = [];
  const engineFindings = new Map<string, Finding[]>();
  for (const file of paths) {
    if (built.tooDeep.includes(file)) {
      const tooDeep = tooDeepFinding(config, locale, file, cwd);
      engineFindings.set(file, tooDeep ? [tooDeep] : []);
      continue;
    }
    if (built.overBudget.has(file)) {
      const overBudget = overBudgetFinding(config, locale, file, built.parseBudgetMs, cwd);
      engineFindings.set(file, overBudget ? [overBudget] : []);
      continue;
    }
    const sourceFile = built.sourceFiles.get(file);
    if (!sourceFile) continue;
    const errors = syntaxErrorsOf(built.program, sourceFile);
    if (errors.length > 0) {
      const parseError = parseErrorFinding(config, locale, sourceFile, errors[0]!, cwd);
      engineFindings.set(file, parseError ? [parseError] : []);
      continue;
    }
    analysable.push(sourceFile);
  }
  return { analysable, engineFindings };
}

export function internalErrorNotice(file: string, message: string): Notice {
  return {
    level: 'error',
    code: 'internal-error',
    file,
    message: `${file}: ${message}. The rest of the file and the project were analysed; run with --debug and report this with the file if you can.`,
  };
}
