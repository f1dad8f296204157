/**
 * Hostile inputs for the fuzzer (issue #21): regular expressions in the scanned code, tested with `.test()` against
 * a variable that is then logged (the engine judges whether such a check validates an ID, so it runs them), and
 * configuration nested up to thousands of levels (piilint.config.json, tsconfig.json and a tsconfig it extends).
 * Patterns are built from atoms, quantifiers, groups nested up to four deep, alternation, anchors, and constructs
 * the linear-time engine refuses (backreferences, lookahead), so exponential, polynomial and unsupported patterns
 * all occur. Each arbitrary is deterministic for a seed.
 */
import fc from 'fast-check';
import type { FuzzInput } from './generators';

const ATOMS = ['a', 'X', '\\d', '\\w', '[\\w-]', '[0-9A-Z]', '.', '\\s', '[^/]', '-', '\\.', '\\u4e00'];
const QUANTIFIERS = ['', '', '+', '*', '?', '{2,5}', '{17}', '+?', '*?'];
const ODD = ['\\1', '(?=a)', '(?!b)', '(?<=x)', '(?<!\\d)', '\\k<n>', '\\b', '$^'];

const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)).map(([atom, quantifier]) => `${atom}${quantifier}`),
    fc.tuple(fc.array(tie('node'), { minLength: 1, maxLength: 3 }), fc.constantFrom('+', '*', '', '{1,3}', '?'), fc.boolean()).map(
      ([parts, quantifier, isCapturing]) => `(${isCapturing ? '' : '?:'}${parts.join('')})${quantifier}`,
    ),
    fc.tuple(tie('node'), tie('node')).map(([left, right]) => `(?:${left}|${right})`),
    fc.constantFrom(...ODD),
  ),
})).node;

const regexLiteral: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('', 'i', 'u', 'g', 'y', 'iu', 's', 'm'))
  .map(([start, parts, end, flags]) => `/${start ? '^' : ''}${parts.join('')}${end ? '$' : ''}/${flags}`)
  .filter((literal) => {
    const slash = literal.lastIndexOf('/');
    try {
      new RegExp(literal.slice(1, slash), literal.slice(slash + 1));
      return true;
    } catch {
      return false; // a literal the parser rejects is a parse error, covered by the other generators
    }
  });

/** Texts a check could meet: IDs, ordinary words, and the long near-matches that make backtracking explode. */
const subject = fc.constantFrom("'11010519491231002X'", "'LSVAM4187C2184847'", "'hello world'", `'${'a'.repeat(40)}!'`, `'${'1'.repeat(30)}X!'`, `'${'-'.repeat(50)}'`);

const regexStatement: fc.Arbitrary<string> = fc
  .tuple(regexLiteral, fc.boolean(), subject, fc.nat(9))
  .map(([literal, isConst, value, n]) =>
    isConst
      ? `const CHECK_${n} = ${literal};\nexport function check${n}(code: string): void {\n  if (CHECK_${n}.test(code)) console.info('checked', code);\n  CHECK_${n}.test(${value});\n}`
      : `export function check${n}(code: string): void {\n  if (${literal}.test(code)) console.info('checked', code);\n  ${literal}.test(${value});\n}`,
  );

/** A file of regex checks, with a known violation beside them. */
export const regexInput: fc.Arbitrary<FuzzInput> = fc.array(regexStatement, { minLength: 1, maxLength: 4 }).map((statements) => ({
  kind: 'files',
  origin: 'generated regex literals',
  files: {
    'src/checks.ts': `${[...new Set(statements)].join('\n\n')}\n`,
    'src/good.ts': "interface Customer { idCardNo: string }\nexport function logVisit(customer: Customer): void {\n  console.info('visit', customer.idCardNo);\n}\n",
  },
}));

/** JSON nested `depth` levels of arrays or objects. */
function nested(depth: number, isObject: boolean): string {
  return isObject ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Where the nesting goes, and how deep (shallow enough to be read, or far past the limit). */
const nestedConfig: fc.Arbitrary<{ file: string; text: string; extra?: Record<string, string> }> = fc
  .tuple(fc.constantFrom('config', 'tsconfig', 'extends'), fc.constantFrom(3, 20, 63, 64, 65, 200, 1_000, 5_000), fc.boolean())
  .map(([where, depth, isObject]) => {
    const value = nested(depth, isObject);
    if (where === 'config') return { file: 'piilint.config.json', text: `{ "rules": {}, "ignore": ["dist/**"], "x": ${value} }\n` };
    if (where === 'tsconfig') return { file: 'tsconfig.json', text: `{ "compilerOptions": { "strict": true, "paths": ${value} } }\n` };
    return {
      file: 'tsconfig.json',
      text: '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
      extra: { 'tsconfig.base.json': `{ "compilerOptions": { "types": ${value} } }\n` },
    };
  });

/** A small project under a nested config; a config error naming the file is an acceptable outcome, a crash is not. */
export const nestedConfigInput: fc.Arbitrary<FuzzInput> = nestedConfig.map(({ file, text, extra }) => ({
  kind: 'files',
  origin: `nested ${file}${extra ? ' (extends)' : ''}`,
  files: {
    [file]: text,
    ...(extra ?? {}),
    'src/good.ts': "interface Customer { idCardNo: string }\nexport function logVisit(customer: Customer): void {\n  console.info('visit', customer.idCardNo);\n}\n",
  },
}));
