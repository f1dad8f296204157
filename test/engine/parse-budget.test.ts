/**
 * Engine stage: project, the per-file time budget for parsing and binding (issue #11). Inputs that keep TypeScript
 * busy for minutes or forever are given up on at the budget, and every other file of the build is parsed and bound
 * exactly as without them. The budget is set low here (a real run uses PARSE_BUDGET_MS) so that the tests are quick.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, type ProjectFile } from '../../server/src/engine/project/build-project';
import { DeadlineExceededError, runWithDeadline } from '../../server/src/engine/project/run-with-deadline';
import { writeProject } from '../support/scan-sources';

const BUDGET_MS = 400;
/** The folders exist on disk (module resolution looks at them); the texts come from the tests. */
const ROOT = writeProject({ 'src/visitors/.keep': '', 'public/legacy/.keep': '' });

/** 26 unclosed method headers: TypeScript's parser backtracks exponentially (the fuzzer's find, kept as a fixture). */
const BACKTRACKING = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'regressions', 'parser-exponential-backtracking', 'src', 'visitors', 'visitor.controller.ts'),
  'utf8',
);

/** A JSDoc comment that ends in `word-*` + `/`: TypeScript 6.0's comment scanner never returns from it. */
const ENDLESS_COMMENT = `import { Logger } from '@nestjs/common';

const logger = new Logger('Appraisal');

/** Trade-in-*/
export function appraise(vin: string, mileageKm: number): number {
  logger.log(\`appraising a car with \${mileageKm} km\`);
  return Math.max(0, 120_000 - mileageKm * 0.4);
}
`;

const LEADS = `export interface Lead {
  name: string;
  phone: string;
  interestedIn: 'SUV' | 'sedan' | 'EV';
}

export function scoreLead(lead: Lead): number {
  return lead.interestedIn === 'EV' ? 3 : 1;
}
`;

const OFFERS = `import { scoreLead, type Lead } from './leads';

export function offerFor(lead: Lead): string {
  const score = scoreLead(lead);
  return score > 2 ? 'free home charger' : 'extended warranty';
}
`;

function files(entries: Record<string, string>): ProjectFile[] {
  return Object.entries(entries).map(([name, text]) => ({ path: path.join(ROOT, name), text }));
}

/** What the binder made of a file: its top-level names and how many symbols it declared. */
function bindingOf(sourceFile: ts.SourceFile): { names: string[]; symbols: number } {
  const bound = sourceFile as ts.SourceFile & { locals?: Map<string, unknown>; symbolCount?: number };
  return { names: [...(bound.locals?.keys() ?? [])].sort(), symbols: bound.symbolCount ?? -1 };
}

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

describe('runWithDeadline', () => {
  it('returns the result of a function that finishes, and passes its errors on', () => {
    expect(runWithDeadline(() => 6 * 7, 1000)).toBe(42);
    expect(() => runWithDeadline(() => JSON.parse('{'), 1000)).toThrow(SyntaxError);
  });

  // How soon after the deadline it stops is measured by `npm run bench:budgets` (issue #19 §4).
  it('stops a function that never returns', () => {
    expect(() =>
      runWithDeadline(() => {
        for (;;);
      }, 200),
    ).toThrow(DeadlineExceededError);
  });
});

describe('the per-file parse budget', () => {
  // What the stopped files cost in wall time is measured by `npm run bench:budgets`, not asserted here (issue #19 §4).
  it('gives up on the files that keep the parser busy, and parses and binds the others as usual', () => {
    const built = buildProject(
      files({ 'src/leads.ts': LEADS, 'src/visitors/visitor.controller.ts': BACKTRACKING, 'src/appraisal.ts': ENDLESS_COMMENT, 'src/offers.ts': OFFERS }),
      ROOT,
      { parseBudgetMs: BUDGET_MS },
    );
    expect([...built.overBudget.keys()].map((file) => path.relative(ROOT, file)).sort()).toEqual(['src/appraisal.ts', 'src/visitors/visitor.controller.ts']);
    expect([...built.sourceFiles.keys()].map((file) => path.relative(ROOT, file)).sort()).toEqual(['src/leads.ts', 'src/offers.ts']);
    expect(built.parseBudgetMs).toBe(BUDGET_MS);

    // The files after a stopped one are parsed and bound exactly as in a build without it.
    const alone = buildProject(files({ 'src/leads.ts': LEADS, 'src/offers.ts': OFFERS }), ROOT, { parseBudgetMs: BUDGET_MS });
    for (const name of ['src/leads.ts', 'src/offers.ts']) {
      const file = path.join(ROOT, name);
      const sourceFile = built.sourceFiles.get(file)!;
      expect(built.program.getSyntacticDiagnostics(sourceFile)).toEqual([]);
      expect(bindingOf(sourceFile)).toEqual(bindingOf(alone.sourceFiles.get(file)!));
      expect(bindingOf(sourceFile).symbols).toBeGreaterThan(0);
    }
    // The checker works on what was built: offers.ts's call resolves to leads.ts's function.
    const offers = built.sourceFiles.get(path.join(ROOT, 'src/offers.ts'))!;
    const call = offers.statements.flatMap((statement) => (ts.isFunctionDeclaration(statement) ? [...statement.body!.statements] : []))[0] as ts.VariableStatement;
    const callee = (call.declarationList.declarations[0]!.initializer as ts.CallExpression).expression;
    const checker = built.program.getTypeChecker();
    const imported = checker.getAliasedSymbol(checker.getSymbolAtLocation(callee)!);
    expect(imported.declarations?.[0]?.getSourceFile().fileName).toBe(path.join(ROOT, 'src/leads.ts'));
  });

  it('stops binding too: 30,000 declarations of one name', () => {
    const counters = 'var visits = 0;\n'.repeat(30_000);
    const built = buildProject(files({ 'public/legacy/counters.js': counters, 'src/leads.ts': LEADS }), ROOT, { parseBudgetMs: BUDGET_MS });
    expect([...built.overBudget.keys()]).toEqual([path.join(ROOT, 'public/legacy/counters.js')]);
    expect(built.sourceFiles.has(path.join(ROOT, 'src/leads.ts'))).toBe(true);
  });

  // That the skip costs no parse budget is timed by `npm run bench:budgets`; here, that the text stays set aside.
  it('skips a text that ran over at once in the next build, and judges an edited text again', () => {
    const first = buildProject(files({ 'src/appraisal.ts': ENDLESS_COMMENT, 'src/leads.ts': LEADS }), ROOT, { parseBudgetMs: BUDGET_MS });
    const appraisal = path.join(ROOT, 'src/appraisal.ts');
    expect(first.overBudget.has(appraisal)).toBe(true);

    const again = buildProject(files({ 'src/appraisal.ts': ENDLESS_COMMENT, 'src/leads.ts': `${LEADS}// edited\n` }), ROOT, { previous: first, parseBudgetMs: BUDGET_MS });
    expect(again.overBudget.get(appraisal)).toBe(ENDLESS_COMMENT);

    const fixed = ENDLESS_COMMENT.replace('/** Trade-in-*/', '/** Trade-in value, before tax. */');
    const edited = buildProject(files({ 'src/appraisal.ts': fixed, 'src/leads.ts': LEADS }), ROOT, { previous: again, parseBudgetMs: BUDGET_MS });
    expect(edited.overBudget.size).toBe(0);
    expect(edited.sourceFiles.has(appraisal)).toBe(true);
  });
});
