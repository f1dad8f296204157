/**
 * fast-check arbitraries for fuzzing the engine (issue #11): realistic TypeScript and JavaScript built from the
 * rules' own vocabulary, and mutations of the example project's files.
 *
 * - `programInput` builds 1–3 files from building blocks: imports of the modelled packages (face-api.js, mqtt,
 *   winston, axios, @u4/opencv4nodejs, @sentry/node, fs), sources (ID-number and face/camera names, face and camera
 *   APIs, ID literals with a valid check digit), sinks (console, loggers, Sentry, Prisma, fs, MQTT, HTTP, sockets),
 *   sanitizers and their look-alikes (project mask helpers, blurring, HMAC, plain hashes), consent guards, and the
 *   shapes the dataflow must follow: branches, loops with break/continue, try/catch/finally, switch, closures,
 *   callbacks, promises, async/await, generators, destructuring with rest and defaults, classes with injected
 *   loggers, getters and static members, object spreads, optional chaining, template literals, JSX, CommonJS, and
 *   calls between the files. TypeScript-only syntax appears in TypeScript files only.
 * - `mutatedInput` takes one file of examples/showroom (or a generated file) and applies 1–6 token- or line-level
 *   mutations: delete, duplicate or swap tokens and lines, truncate, insert stray tokens, odd characters
 *   (U+2028, a lone surrogate, a BOM in the middle, a NUL) or a generated statement.
 * Every arbitrary is deterministic for a given seed, so a failing input is reproduced by its seed and index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { nestedConfigInput, regexInput } from './hostile-generators';

export type FuzzInput =
  /** Files written to an empty folder, which is scanned whole. */
  | { readonly kind: 'files'; readonly origin: string; readonly files: Readonly<Record<string, string>> }
  /** One file of a copy of examples/showroom replaced by `text`, scanned with the rest of the project around it. */
  | { readonly kind: 'mutation'; readonly origin: string; readonly target: string; readonly text: string };

type Flavour = 'ts' | 'js';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary (from rules/*/models.ts)

const RECORDS = ['customer', 'visitor', 'lead', 'driver', 'owner', 'dto', 'record', 'payload', 'row', 'this.customer'];
const ID_FIELDS = ['idCardNo', 'sfzh', 'vin', 'plateNo', 'passportNo', 'driverLicenseNo', 'idNumber', 'gmsfhm', 'residentId', 'ssn'];
const BIOMETRIC_FIELDS = ['faceImage', 'faceDescriptor', 'facePhoto', 'faceTemplate', 'fingerprintTemplate'];
const CAMERA_FIELDS = ['cameraFrame', 'snapshot', 'videoFrame', 'dashcamFrame'];
const HARMLESS_FIELDS = ['name', 'visitId', 'createdAt', 'tripId', 'dealerId', 'score', 'interfaceId', 'plateType', 'frameRate'];
const LOCALS = ['value', 'masked', 'frame', 'face', 'id', 'copy', 'item', 'result', 'entry', 'key'];
const ID_LITERALS = ["'11010519491231002X'", "'440524188001010014'", "'LSVAM4187C2184847'", "'沪A12345'", "'not-an-id'"];

const IMPORTS: Record<Flavour, readonly string[]> = {
  ts: [
    "import * as faceapi from 'face-api.js';",
    "import mqtt from 'mqtt';",
    "import winston from 'winston';",
    "import axios from 'axios';",
    "import cv from '@u4/opencv4nodejs';",
    "import * as Sentry from '@sentry/node';",
    "import * as fs from 'node:fs';",
    "import { writeFile } from 'node:fs/promises';",
    "import { createHash, createHmac } from 'node:crypto';",
    "import { Injectable, Logger } from '@nestjs/common';",
    "import { PrismaClient } from '@prisma/client';",
    "import { io } from 'socket.io-client';",
  ],
  js: [
    "const faceapi = require('face-api.js');",
    "const mqtt = require('mqtt');",
    "const winston = require('winston');",
    "const axios = require('axios');",
    "const cv = require('@u4/opencv4nodejs');",
    "const Sentry = require('@sentry/node');",
    "const fs = require('fs');",
    "const { writeFile } = require('fs/promises');",
    "const { createHash, createHmac } = require('crypto');",
    "const { io } = require('socket.io-client');",
  ],
};

const PRELUDE = [
  "const logger = winston.createLogger({ level: 'info' });",
  "const client = mqtt.connect('mqtts://cloud.example.com');",
  'const prisma = new PrismaClient();',
  "const socket = io('wss://cloud.example.com');",
  'function maskIdNumber(x) { return String(x).slice(-4); }',
  'async function blurFacesAndPlates(x) { return x; }',
  'async function assertBiometricConsent(id) { if (!id) throw new Error("no consent"); }',
  "const consents = { has: async (id, purpose) => id !== '' && purpose === 'face_enrolment' };",
];

// ---------------------------------------------------------------------------------------------------------------
// Expressions

const fieldOf = (fields: readonly string[]) =>
  fc.tuple(fc.constantFrom(...RECORDS), fc.constantFrom(...fields), fc.constantFrom('.', '?.', '[]')).map(([record, field, access]) =>
    access === '[]' ? `${record}['${field}']` : `${record}${access}${field}`,
  );

const sourceExpression: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fieldOf(ID_FIELDS), weight: 5 },
  { arbitrary: fieldOf(BIOMETRIC_FIELDS), weight: 2 },
  { arbitrary: fieldOf(CAMERA_FIELDS), weight: 2 },
  { arbitrary: fieldOf(HARMLESS_FIELDS), weight: 3 },
  { arbitrary: fc.constantFrom(...ID_LITERALS), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '(await faceapi.detectSingleFace(img).withFaceLandmarks().withFaceDescriptor())',
      'faceapi.detectSingleFace(img)',
      'new cv.VideoCapture(0).read()',
      '(await new cv.VideoCapture(0).readAsync())',
      '(await navigator.mediaDevices.getUserMedia({ video: true }))',
      'canvas.toDataURL()',
    ),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(...LOCALS), weight: 4 },
);

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'expr' },
    { arbitrary: sourceExpression, weight: 6 },
    { arbitrary: tie('expr').map((inner) => `maskIdNumber(${inner})`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `(await blurFacesAndPlates(${inner}))`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `createHash('sha256').update(${inner}).digest('hex')`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `createHmac('sha256', process.env.LOG_KEY).update(${inner}).digest('hex')`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `\`visit \${${inner}} at \${new Date().toISOString()}\``), weight: 2 },
    { arbitrary: tie('expr').map((inner) => `JSON.stringify(${inner})`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `String(${inner}).slice(-4)`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{ ${'idCardNo'}: ${a}, note: ${b} }`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{ ...${a}, extra: ${b} }`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} ?? ${b})`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(ok ? ${a} : ${b})`), weight: 1 },
    { arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} && ${b})`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `${inner}.trim()`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `[${inner}].map((x) => x).join(',')`), weight: 1 },
    { arbitrary: fc.tuple(fc.nat(3), tie('expr')).map(([n, inner]) => `helper${n}(${inner})`), weight: 2 },
    { arbitrary: tie('expr').map((inner) => `(await Promise.resolve(${inner}))`), weight: 1 },
    { arbitrary: tie('expr').map((inner) => `((x) => x)(${inner})`), weight: 1 },
  ),
})).expr;

// ---------------------------------------------------------------------------------------------------------------
// Statements

const sinkStatement: fc.Arbitrary<string> = fc.tuple(fc.nat(13), expression).map(([which, value]) => {
  switch (which) {
    case 0:
      return `console.log(${value});`;
    case 1:
      return `console.info('visit', ${value});`;
    case 2:
      return `logger.info('customer', ${value});`;
    case 3:
      return `logger.child({ customer: ${value} }).warn('slow');`;
    case 4:
      return `Sentry.captureMessage(\`rejected \${${value}}\`);`;
    case 5:
      return `await prisma.faceTemplate.create({ data: { descriptor: ${value} } });`;
    case 6:
      return `fs.writeFileSync('/data/faces/' + id + '.bin', ${value});`;
    case 7:
      return `await writeFile('/data/enrol.bin', ${value});`;
    case 8:
      return `client.publish('dealer/frames', ${value});`;
    case 9:
      return `await axios.post('https://cloud.example.com/upload', ${value});`;
    case 10:
      return `await fetch('https://cloud.example.com/u', { method: 'POST', body: ${value} });`;
    case 11:
      return `socket.emit('frame', ${value});`;
    case 12:
      return `process.stdout.write(String(${value}));`;
    default:
      return `this.logger.log(\`customer \${${value}}\`);`;
  }
});

const guardStatement: fc.Arbitrary<string> = fc.constantFrom(
  "if (!(await consents.has(customer.id, 'face_enrolment'))) return;",
  "if (!customer.faceConsent) throw new Error('no consent');",
  'await assertBiometricConsent(customer.id);',
  'if (customer.biometricConsentRevoked) return;',
  'if (!customer.privacyAgreed) return;',
  'if (!visitor?.consents?.faceEnrolment) { return null; }',
);

const assignStatement: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...LOCALS), fc.constantFrom('const', 'let', 'var', ''), expression).map(
  ([name, keyword, value]) => (keyword === '' ? `${name} = ${value};` : `${keyword} ${name} = ${value};`),
);

const destructuring: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...RECORDS.filter((record) => !record.includes('.'))), fc.constantFrom(...ID_FIELDS)).chain(([record, field]) =>
  fc.constantFrom(
    `const { ${field}, ...rest } = ${record};`,
    `const { ${field}: renamed = 'unknown' } = ${record};`,
    `const [first, second = ${record}.${field}] = [${record}.${field}];`,
    `let { ${field} } = ${record}; ${field} = maskIdNumber(${field});`,
    `const { nested: { ${field}: deep } = {} } = { nested: ${record} };`,
  ),
);

function statementArb(flavour: Flavour, allowJsx: boolean): fc.Arbitrary<string> {
  return fc.letrec<{ stmt: string; block: string }>((tie) => ({
    block: fc.array(tie('stmt'), { minLength: 0, maxLength: 4 }).map((statements) => statements.join('\n')),
    stmt: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'stmt' },
      { arbitrary: sinkStatement, weight: 6 },
      { arbitrary: assignStatement, weight: 5 },
      { arbitrary: guardStatement, weight: 2 },
      { arbitrary: destructuring, weight: 2 },
      { arbitrary: fc.tuple(expression, tie('block'), tie('block')).map(([condition, yes, no]) => `if (${condition}) {\n${yes}\n} else {\n${no}\n}`), weight: 2 },
      { arbitrary: fc.tuple(expression, tie('block')).map(([list, body]) => `for (const item of [${list}]) {\n${body}\nif (!item) continue;\n}`), weight: 1 },
      { arbitrary: tie('block').map((body) => `for (let i = 0; i < 3; i++) {\n${body}\nif (i > 1) break;\n}`), weight: 1 },
      { arbitrary: tie('block').map((body) => `outer: while (retries-- > 0) {\nfor (const k in record) {\n${body}\ncontinue outer;\n}\n}`), weight: 1 },
      { arbitrary: fc.tuple(tie('block'), tie('block'), tie('block')).map(([a, b, c]) => `try {\n${a}\n} catch (error) {\n${b}\nconsole.error(error);\n} finally {\n${c}\n}`), weight: 1 },
      { arbitrary: fc.tuple(expression, tie('block'), tie('block')).map(([subject, a, b]) => `switch (${subject}) {\ncase 'kiosk':\n${a}\nbreak;\ndefault:\n${b}\n}`), weight: 1 },
      { arbitrary: tie('block').map((body) => `list.forEach((item${flavour === 'ts' ? ': any' : ''}) => {\n${body}\n});`), weight: 1 },
      { arbitrary: tie('block').map((body) => `setTimeout(() => {\n${body}\n}, 10);`), weight: 1 },
      { arbitrary: tie('block').map((body) => `await new Promise((resolve) => {\n${body}\nresolve(value);\n});`), weight: 1 },
      { arbitrary: tie('block').map((body) => `const later = async () => {\n${body}\n};\nawait later();`), weight: 1 },
      { arbitrary: expression.map((value) => `return ${value};`), weight: 1 },
      { arbitrary: expression.map((value) => `throw new Error(String(${value}));`), weight: 1 },
      {
        arbitrary: allowJsx ? expression.map((value) => `render(<div data-id={${value}}>{${value}}</div>);`) : sinkStatement,
        weight: 1,
      },
    ),
  })).stmt;
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations and files

function declarationArb(flavour: Flavour, fileIndex: number, allowJsx: boolean): fc.Arbitrary<string> {
  const body = fc.array(statementArb(flavour, allowJsx), { minLength: 1, maxLength: 6 }).map((statements) => statements.join('\n'));
  const typed = (name: string, type: string) => (flavour === 'ts' ? `${name}: ${type}` : name);
  const exported = fc.constantFrom('export ', '');
  return fc.oneof(
    fc.tuple(exported, fc.nat(3), fc.boolean(), body).map(
      ([exp, n, isAsync, statements]) =>
        `${exp}${isAsync ? 'async ' : ''}function helper${n}(${typed('customer', 'any')}, ${typed('img', 'any')}) {\n${statements}\n}`,
    ),
    fc.tuple(fc.nat(3), body).map(([n, statements]) => `export function* walk${fileIndex}_${n}(${typed('records', 'any[]')}) {\nfor (const record of records) {\n${statements}\nyield record;\n}\n}`),
    fc.tuple(fc.nat(3), body).map(([n, statements]) => `export const handler${fileIndex}_${n} = async (${typed('dto', 'any')}) => {\n${statements}\n};`),
    fc.tuple(fc.nat(3), body, body, fc.boolean()).map(([n, a, b, decorated]) =>
      [
        flavour === 'ts' && decorated ? '@Injectable()' : '',
        `export class Service${fileIndex}_${n} {`,
        flavour === 'ts' ? `  private readonly logger = new Logger(Service${fileIndex}_${n}.name);` : "  logger = new Logger('svc');",
        flavour === 'ts' ? '  constructor(private readonly customer: any, private readonly store: any) {}' : '  constructor(customer, store) { this.customer = customer; this.store = store; }',
        `  get masked() { return maskIdNumber(this.customer.idCardNo); }`,
        `  static create(${typed('customer', 'any')}) { return new Service${fileIndex}_${n}(customer, null); }`,
        `  async enrol(${typed('customer', 'any')}, ${typed('img', 'any')}) {\n${a}\n  }`,
        `  report(${typed('visitor', 'any')}) {\n${b}\n  }`,
        '}',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    ),
    flavour === 'ts'
      ? fc.constantFrom(
          'export interface Customer { id: string; idCardNo: string; faceImage?: Buffer; driverLicenseNo: string | null }',
          'export type Visit = { visitor: { sfzh: string }; frame: Uint8Array };',
          'export enum Channel { Kiosk = "kiosk", App = "app" }',
          'export namespace Audit { export const level = "info"; }',
          'declare const navigator: any;',
        )
      : fc.constantFrom('module.exports.version = 1;', "exports.audit = (customer) => console.log('audit', customer.idCardNo);", "'use strict';"),
  );
}

function fileArb(flavour: Flavour, fileIndex: number, fileCount: number): fc.Arbitrary<{ name: string; text: string }> {
  const extensions = flavour === 'ts' ? ['.ts', '.tsx', '.mts', '.cts'] : ['.js', '.jsx', '.mjs', '.cjs'];
  return fc.constantFrom(...extensions).chain((extension) => {
    const allowJsx = extension === '.tsx' || extension === '.jsx';
    const imports = fc.subarray([...IMPORTS[flavour]], { minLength: 0, maxLength: 6 });
    const crossImports = fc.subarray(
      Array.from({ length: fileCount }, (_, index) => index).filter((index) => index !== fileIndex),
      { minLength: 0 },
    );
    return fc
      .tuple(imports, crossImports, fc.subarray(PRELUDE, { minLength: 0, maxLength: 4 }), fc.array(declarationArb(flavour, fileIndex, allowJsx), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
      .map(([importLines, others, prelude, declarations, newline]) => {
        const cross = others.map((other) =>
          flavour === 'ts' || extension === '.mjs' ? `import * as file${other} from './file${other}';` : `const file${other} = require('./file${other}');`,
        );
        const text = [...importLines, ...cross, ...prelude, ...declarations, ''].join('\n');
        return { name: `src/file${fileIndex}${extension}`, text: newline === '\n' ? text : text.split('\n').join(newline) };
      });
  });
}

/** A generated project of 1–3 files. */
export const programInput: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom<Flavour>('ts', 'js'), fc.integer({ min: 1, max: 3 }))
  .chain(([flavour, count]) => fc.tuple(...Array.from({ length: count }, (_, index) => fileArb(flavour, index, count))))
  .map((files) => ({ kind: 'files', origin: 'generated', files: Object.fromEntries(files.map((file) => [file.name, file.text])) }));

// ---------------------------------------------------------------------------------------------------------------
// Mutation

const TOKEN = /\s+|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|[^\s]/g;

/** Tokens whose concatenation is the text again (whitespace and comments included). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const STRAY_TOKENS = ['{', '}', '(', ')', '[', ']', ';', ',', '=>', 'async', 'await', 'yield', "'", '"', '`', '${', '/*', '*/', '<', '>', '?.', '...', '@', '#', 'new', 'class', 'return', '=', '!', 'function', 'import', 'export', 'extends', 'as', 'satisfies', '//'];
const ODD_CHARACTERS = ['\u2028', '\u2029', '\u00a0', '\uFEFF', '\r', '\t', '\u200b', '\u{1F600}', '\uD800', '\u0000', '\u0085', '中'];

type Mutation =
  | { readonly op: 'delete-tokens'; readonly at: number; readonly count: number }
  | { readonly op: 'duplicate-token'; readonly at: number; readonly times: number }
  | { readonly op: 'swap-tokens'; readonly a: number; readonly b: number }
  | { readonly op: 'insert-token'; readonly at: number; readonly token: string }
  | { readonly op: 'replace-identifier'; readonly at: number; readonly name: string }
  | { readonly op: 'delete-line'; readonly at: number }
  | { readonly op: 'duplicate-line'; readonly at: number; readonly times: number }
  | { readonly op: 'swap-lines'; readonly a: number; readonly b: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert-statement'; readonly at: number; readonly statement: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-tokens' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('duplicate-token' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swap-tokens' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert-token' as const), at: fc.nat(), token: fc.constantFrom(...STRAY_TOKENS, ...ODD_CHARACTERS) }),
  fc.record({ op: fc.constant('replace-identifier' as const), at: fc.nat(), name: fc.constantFrom(...ID_FIELDS, ...BIOMETRIC_FIELDS, ...CAMERA_FIELDS, 'console', 'logger', 'this', 'super', 'undefined', 'constructor', '__proto__') }),
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert-statement' as const), at: fc.nat(), statement: statementArb('ts', false) }),
);

export function applyMutation(text: string, change: Mutation): string {
  if (change.op.endsWith('line') || change.op === 'swap-lines' || change.op === 'insert-statement') {
    const lines = text.split('\n');
    const pick = (value: number) => value % Math.max(lines.length, 1);
    switch (change.op) {
      case 'delete-line':
        lines.splice(pick(change.at), 1);
        break;
      case 'duplicate-line':
        lines.splice(pick(change.at), 0, ...Array.from({ length: change.times }, () => lines[pick(change.at)] ?? ''));
        break;
      case 'swap-lines': {
        const [a, b] = [pick(change.a), pick(change.b)];
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        break;
      }
      case 'insert-statement':
        lines.splice(pick(change.at), 0, change.statement);
        break;
      default:
        break;
    }
    return lines.join('\n');
  }
  if (change.op === 'truncate') return text.slice(0, change.at % (text.length + 1));
  const tokens = tokenize(text);
  if (tokens.length === 0) return change.op === 'insert-token' ? change.token : text;
  const pick = (value: number) => value % tokens.length;
  switch (change.op) {
    case 'delete-tokens':
      tokens.splice(pick(change.at), change.count);
      break;
    case 'duplicate-token':
      tokens.splice(pick(change.at), 0, ...Array.from({ length: change.times }, () => tokens[pick(change.at)] ?? ''));
      break;
    case 'swap-tokens': {
      const [a, b] = [pick(change.a), pick(change.b)];
      [tokens[a], tokens[b]] = [tokens[b] ?? '', tokens[a] ?? ''];
      break;
    }
    case 'insert-token':
      tokens.splice(pick(change.at), 0, change.token);
      break;
    case 'replace-identifier': {
      const identifiers = tokens.map((token, index) => (/^[A-Za-z_$]/.test(token) ? index : -1)).filter((index) => index >= 0);
      if (identifiers.length > 0) tokens[identifiers[change.at % identifiers.length]!] = change.name;
      break;
    }
  }
  return tokens.join('');
}

/** The example project's source files, relative to examples/showroom. */
export function showroomFiles(root: string): { readonly path: string; readonly text: string }[] {
  const base = path.join(root, 'examples', 'showroom');
  return fs
    .readdirSync(path.join(base, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(base, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
    .map((relative) => ({ path: relative, text: fs.readFileSync(path.join(base, relative), 'utf8') }));
}

/** A showroom file with 1–6 mutations, scanned inside the rest of the showroom project. */
export function mutatedShowroomInput(corpus: readonly { path: string; text: string }[]): fc.Arbitrary<FuzzInput> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([file, changes]) => ({
    kind: 'mutation',
    origin: `mutated ${file.path}: ${changes.map((change) => change.op).join(', ')}`,
    target: file.path,
    text: changes.reduce(applyMutation, file.text),
  }));
}

/** A generated project with one file mutated. */
export const mutatedProgramInput: fc.Arbitrary<FuzzInput> = fc.tuple(programInput, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.nat()).map(([input, changes, pick]) => {
  if (input.kind !== 'files') return input;
  const names = Object.keys(input.files);
  const name = names[pick % names.length]!;
  return {
    kind: 'files',
    origin: `generated, mutated ${name}: ${changes.map((change) => change.op).join(', ')}`,
    files: { ...input.files, [name]: changes.reduce(applyMutation, input.files[name]!) },
  };
});

/**
 * The mix the fuzzer runs: generated projects, mutated generated projects, mutated showroom files, and the hostile
 * inputs of issue #21 (regex literals, nested configs; hostile-generators.ts).
 */
export function fuzzInput(root: string): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { arbitrary: programInput, weight: 4 },
    { arbitrary: mutatedProgramInput, weight: 2 },
    { arbitrary: mutatedShowroomInput(showroomFiles(root)), weight: 4 },
    { arbitrary: regexInput, weight: 1 },
    { arbitrary: nestedConfigInput, weight: 1 },
  );
}
