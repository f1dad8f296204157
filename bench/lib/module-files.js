// @ts-check
'use strict';
/**
 * Templates for one feature module (DTOs, mapper, validator, repository, service, controller, events, face
 * enrolment, camera upload) and for the files of a bounded context. Every template returns the file's text;
 * the lines that must be reported end in `// expect: <rule-id>`, and the generator derives the manifest of
 * expected findings from those markers, so the two never drift apart.
 */
const { Imports } = require('./imports');
const { SENSITIVE, toSnake } = require('./vocabulary');

const SHARED = '../../../shared';
const ID_RULE = 'no-id-number-logging';
const BIO_RULE = 'no-unconsented-biometric-storage';
const CAMERA_RULE = 'no-unanonymized-camera-egress';

/**
 * @typedef {import('./vocabulary').Field} Field
 * @typedef {import('./vocabulary').SensitiveField} SensitiveField
 * @typedef {import('./vocabulary').EntitySpec} EntitySpec
 * @typedef {{ name: string, dir: string, domain: string, flavour: 'winston' | 'pino' | 'nest', modules: ModulePlan[], isAuditTainted: boolean, site: string }} ContextPlan
 * @typedef {{
 *   ctx: ContextPlan, spec: EntitySpec, kebab: string, E: string, e: string, C: string, human: string, plural: string,
 *   fields: Field[], sensitive: SensitiveField[], statuses: string[], deps: ModulePlan[],
 *   idViolation?: 'template' | 'winston' | 'pino' | 'audit' | 'describe' | 'contact', contactTarget?: ModulePlan,
 *   bioViolation?: 'walkIn' | 'photo', cameraViolation?: 'mqtt' | 'axios' | 's3' | 'fetch',
 *   isContactTainted: boolean, hasEvents: boolean, eventsVia: 'mqtt' | 'http', hasIndex: boolean,
 *   optional: Set<string>, statsNumField?: string, searchFields: string[], updateFields: Field[], summaryFields: Field[],
 *   logStyle: 'nest' | 'winston' | 'pino'
 * }} ModulePlan
 */

/** @param {ModulePlan} m @param {string} suffix */
function own(m, suffix) {
  return `./${m.kebab}.${suffix}`;
}

/** @param {Field} field */
function tsType(field) {
  return field.type;
}

/** @param {string[]} statuses */
function statusUnion(statuses) {
  return statuses.map((s) => `'${s}'`).join(' | ');
}

// ---------------------------------------------------------------------------------------------- dto

/** @param {Field} field @param {boolean} isOptional @param {Imports} imp @param {string[]} out */
function decoratedField(field, isOptional, imp, out) {
  const cv = (/** @type {string[]} */ ...names) => imp.named('class-validator', ...names);
  out.push(`  /** ${field.doc} */`);
  const isSensitive = SENSITIVE[field.name] !== undefined;
  const example = isSensitive ? '' : field.type === 'number' ? ', example: 3' : field.type === 'boolean' ? ', example: false' : '';
  if (isOptional) {
    imp.named('@nestjs/swagger', 'ApiPropertyOptional');
    cv('IsOptional');
    out.push(`  @ApiPropertyOptional({ description: '${field.doc.replace(/'/g, "\\'")}'${example} })`);
    out.push('  @IsOptional()');
  } else {
    imp.named('@nestjs/swagger', 'ApiProperty');
    out.push(`  @ApiProperty({ description: '${field.doc.replace(/'/g, "\\'")}'${example} })`);
  }
  switch (field.check) {
    case 'residentId':
      cv('Matches');
      out.push("  @Matches(/^[1-8]\\d{16}[\\dX]$/i, { message: 'idCardNo must be an 18-character resident ID number' })");
      break;
    case 'plate':
      cv('Length');
      out.push('  @Length(7, 9)');
      break;
    case 'vin':
      cv('Length', 'IsAlphanumeric');
      out.push('  @IsAlphanumeric()');
      out.push('  @Length(17, 17)');
      break;
    case 'licence':
      cv('Length');
      out.push('  @Length(12, 18)');
      break;
    case 'mobile':
      cv('IsMobilePhone');
      out.push("  @IsMobilePhone('zh-CN')");
      break;
    case 'email':
      cv('IsEmail');
      out.push('  @IsEmail()');
      break;
    case 'iso':
      cv('IsISO8601');
      out.push('  @IsISO8601()');
      break;
    default:
      if (field.type === 'string') {
        cv('IsString', 'MaxLength');
        out.push('  @IsString()');
        out.push(`  @MaxLength(${field.optional ? 500 : 120})`);
        if (!isOptional) {
          cv('IsNotEmpty');
          out.push('  @IsNotEmpty()');
        }
      } else if (field.type === 'number') {
        cv('IsNumber', 'Min');
        out.push('  @IsNumber()');
        out.push('  @Min(0)');
      } else if (field.type === 'boolean') {
        cv('IsBoolean');
        out.push('  @IsBoolean()');
      } else {
        cv('IsArray', 'IsString', 'ArrayMaxSize');
        out.push('  @IsArray()');
        out.push('  @IsString({ each: true })');
        out.push('  @ArrayMaxSize(20)');
      }
  }
  out.push(`  ${field.name}${isOptional ? '?' : '!'}: ${tsType(field)};`);
  out.push('');
}

/** @param {ModulePlan} m */
function dtoFile(m) {
  const imp = new Imports();
  const out = [];
  out.push('');
  out.push('/**');
  out.push(` * Data transfer objects of the ${m.human} API (${m.ctx.name} site). Dates travel as ISO 8601 strings;`);
  out.push(' * amounts as integer cents. Validation runs in the global ValidationPipe (whitelist, forbidNonWhitelisted).');
  out.push(' */');
  out.push(`export type ${m.E}Status = ${statusUnion(m.statuses)};`);
  out.push('');
  out.push(`export const ${m.C}_STATUSES: readonly ${m.E}Status[] = [${m.statuses.map((s) => `'${s}'`).join(', ')}];`);
  out.push('');
  out.push(`/** What a client sends to create a ${m.human}. */`);
  out.push(`export class Create${m.E}Dto {`);
  for (const field of m.fields) decoratedField(field, field.optional === true, imp, out);
  if (out[out.length - 1] === '') out.pop();
  out.push('}');
  out.push('');
  out.push(`/** Fields staff may change after creation. */`);
  out.push(`export class Update${m.E}Dto {`);
  for (const field of m.updateFields) decoratedField(field, true, imp, out);
  if (out[out.length - 1] === '') out.pop();
  out.push('}');
  out.push('');
  out.push(`/** A ${m.human} as stored. */`);
  out.push(`export interface ${m.E}Record extends Create${m.E}Dto {`);
  out.push('  id: string;');
  out.push(`  status: ${m.E}Status;`);
  out.push('  createdAt: Date;');
  out.push('  updatedAt: Date;');
  out.push('  /** Staff id of the creator. */');
  out.push('  createdBy: string;');
  out.push('  /** Staff id of the person in charge, once assigned. */');
  out.push('  assigneeId?: string;');
  out.push('}');
  out.push('');
  out.push(`/** What lists and the mobile app show. */`);
  out.push(`export interface ${m.E}Summary {`);
  out.push('  id: string;');
  out.push(`  status: ${m.E}Status;`);
  for (const field of m.summaryFields) out.push(`  ${field.name}${field.optional ? '?' : ''}: ${tsType(field)};`);
  out.push('  createdAt: string;');
  out.push('}');
  out.push('');
  out.push(`export interface ${m.E}Query {`);
  out.push('  page?: number;');
  out.push('  pageSize?: number;');
  out.push(`  status?: ${m.E}Status;`);
  out.push('  /** Matched against the searchable text fields. */');
  out.push('  search?: string;');
  out.push('  createdFrom?: string;');
  out.push('  createdTo?: string;');
  out.push('  assigneeId?: string;');
  out.push('}');
  out.push('');
  out.push(`export interface ${m.E}HistoryEntry {`);
  out.push('  at: Date;');
  out.push('  actorId: string;');
  out.push(`  from?: ${m.E}Status;`);
  out.push(`  to?: ${m.E}Status;`);
  out.push('  note: string;');
  out.push('}');
  out.push('');
  out.push('export interface BulkResult {');
  out.push('  succeeded: string[];');
  out.push('  failed: { id: string; reason: string }[];');
  out.push('}');
  out.push('');
  out.push(`export interface ${m.E}Stats {`);
  out.push('  total: number;');
  out.push(`  byStatus: Record<${m.E}Status, number>;`);
  out.push('  createdLast7Days: number;');
  if (m.statsNumField !== undefined) out.push(`  average${cap(m.statsNumField)}: number;`);
  out.push('}');
  const head = imp.render();
  return `${head}${head.length > 0 ? '\n' : ''}${out.join('\n')}\n`;
}

/** @param {string} s */
function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------- mapper

/** @param {ModulePlan} m */
function mapperFile(m) {
  const imp = new Imports();
  imp.named(own(m, 'dto'), `${m.C}_STATUSES`, `Create${m.E}Dto`, `${m.E}Record`, `${m.E}Status`, `${m.E}Summary`);
  const out = [];
  out.push('');
  out.push('/** A row as the database returns it (snake_case columns, NULL for missing values). */');
  out.push(`export interface ${m.E}Row {`);
  out.push('  id: string;');
  out.push('  status: string;');
  out.push('  created_at: Date;');
  out.push('  updated_at: Date;');
  out.push('  created_by: string;');
  out.push('  assignee_id: string | null;');
  for (const field of m.fields) out.push(`  ${toSnake(field.name)}: ${tsType(field)}${field.optional ? ' | null' : ''};`);
  out.push('}');
  out.push('');
  out.push(`export function parse${m.E}Status(value: string): ${m.E}Status {`);
  out.push(`  const found = ${m.C}_STATUSES.find((status) => status === value);`);
  out.push('  if (found === undefined) {');
  out.push(`    throw new Error(\`Unknown ${m.human} status "\${value}"; expected one of \${${m.C}_STATUSES.join(', ')}\`);`);
  out.push('  }');
  out.push('  return found;');
  out.push('}');
  out.push('');
  out.push(`export function rowTo${m.E}(row: ${m.E}Row): ${m.E}Record {`);
  out.push('  return {');
  out.push('    id: row.id,');
  out.push(`    status: parse${m.E}Status(row.status),`);
  out.push('    createdAt: row.created_at,');
  out.push('    updatedAt: row.updated_at,');
  out.push('    createdBy: row.created_by,');
  out.push('    assigneeId: row.assignee_id ?? undefined,');
  for (const field of m.fields) {
    out.push(`    ${field.name}: row.${toSnake(field.name)}${field.optional ? ' ?? undefined' : ''},`);
  }
  out.push('  };');
  out.push('}');
  out.push('');
  out.push(`export function ${m.e}ToRow(record: ${m.E}Record): ${m.E}Row {`);
  out.push('  return {');
  out.push('    id: record.id,');
  out.push('    status: record.status,');
  out.push('    created_at: record.createdAt,');
  out.push('    updated_at: record.updatedAt,');
  out.push('    created_by: record.createdBy,');
  out.push('    assignee_id: record.assigneeId ?? null,');
  for (const field of m.fields) {
    out.push(`    ${toSnake(field.name)}: record.${field.name}${field.optional ? ' ?? null' : ''},`);
  }
  out.push('  };');
  out.push('}');
  out.push('');
  out.push(`export function to${m.E}Summary(record: ${m.E}Record): ${m.E}Summary {`);
  out.push('  return {');
  out.push('    id: record.id,');
  out.push('    status: record.status,');
  for (const field of m.summaryFields) out.push(`    ${field.name}: record.${field.name},`);
  out.push('    createdAt: record.createdAt.toISOString(),');
  out.push('  };');
  out.push('}');
  out.push('');
  const columns = m.fields.map((f) => `'${toSnake(f.name)}'`);
  out.push(`export const ${m.C}_CSV_HEADER = ['id', 'status', ${columns.join(', ')}].join(',');`);
  out.push('');
  out.push(`/** One line of a staff upload: the columns of the header above, without id and status. */`);
  out.push(`export function parse${m.E}CsvLine(line: string): Create${m.E}Dto {`);
  out.push("  const cells = line.split(',').map((cell) => cell.trim());");
  out.push('  return {');
  m.fields.forEach((field, index) => {
    let expr;
    if (field.type === 'number') expr = `Number(cells[${index}] ?? '0')`;
    else if (field.type === 'boolean') expr = `cells[${index}] === 'true'`;
    else if (field.type === 'string[]') expr = `(cells[${index}] ?? '').split('|').filter((item) => item.length > 0)`;
    else if (field.optional) expr = `cells[${index}] || undefined`;
    else expr = `cells[${index}] ?? ''`;
    out.push(`    ${field.name}: ${expr},`);
  });
  out.push('  };');
  out.push('}');
  out.push('');
  out.push('/** Export for the reporting team: ID numbers are masked, the team never needs them in full. */');
  out.push(`export function to${m.E}CsvLine(record: ${m.E}Record): string {`);
  out.push('  const cells: string[] = [');
  out.push('    record.id,');
  out.push('    record.status,');
  for (const field of m.fields) {
    const sensitive = SENSITIVE[field.name];
    if (sensitive !== undefined) {
      imp.named(`${SHARED}/masking`, sensitive.mask);
      out.push(`    ${sensitive.mask}(record.${field.name}),`);
    } else if (field.type === 'string[]') out.push(`    (record.${field.name} ?? []).join('|'),`);
    else if (field.type === 'string') out.push(`    record.${field.name}${field.optional ? " ?? ''" : ''},`);
    else out.push(`    String(record.${field.name}),`);
  }
  out.push('  ];');
  out.push("  return cells.map((cell) => (/[\",\\n]/.test(cell) ? `\"${cell.replace(/\"/g, '\"\"')}\"` : cell)).join(',');");
  out.push('}');
  out.push('');
  out.push('export interface FieldChange {');
  out.push('  field: string;');
  out.push('  before: string;');
  out.push('  after: string;');
  out.push('}');
  out.push('');
  out.push('/** What changed between two versions, for the history view; ID numbers are masked on both sides. */');
  out.push(`export function diff${m.E}(before: ${m.E}Record, after: ${m.E}Record): FieldChange[] {`);
  out.push('  const changes: FieldChange[] = [];');
  out.push('  if (before.status !== after.status) {');
  out.push("    changes.push({ field: 'status', before: before.status, after: after.status });");
  out.push('  }');
  for (const field of m.fields) {
    const sensitive = SENSITIVE[field.name];
    let show;
    if (sensitive !== undefined) {
      imp.named(`${SHARED}/masking`, sensitive.mask);
      show = (/** @type {string} */ side) => `${sensitive.mask}(${side}.${field.name})`;
    } else if (field.type === 'string[]') show = (/** @type {string} */ side) => `(${side}.${field.name} ?? []).join(', ')`;
    else if (field.type === 'string') show = (/** @type {string} */ side) => `${side}.${field.name}${field.optional ? " ?? ''" : ''}`;
    else show = (/** @type {string} */ side) => `String(${side}.${field.name})`;
    const cmp = field.type === 'string[]' ? `${show('before')} !== ${show('after')}` : `before.${field.name} !== after.${field.name}`;
    out.push(`  if (${cmp}) {`);
    out.push(`    changes.push({ field: '${field.name}', before: ${show('before')}, after: ${show('after')} });`);
    out.push('  }');
  }
  out.push('  return changes;');
  out.push('}');
  out.push('');
  out.push(`/** One line for logs and support tickets; ID numbers only masked. */`);
  out.push(`export function describe${m.E}(record: ${m.E}Record): string {`);
  const parts = [`${m.human} \${record.id} (\${record.status})`];
  for (const s of m.sensitive) {
    imp.named(`${SHARED}/masking`, s.mask);
    parts.push(`${s.name} \${${s.mask}(record.${s.name})}`);
  }
  out.push(`  return \`${parts.join(', ')}, created \${record.createdAt.toISOString()}\`;`);
  out.push('}');
  if (m.idViolation === 'describe') {
    const s = /** @type {SensitiveField} */ (m.sensitive[0]);
    out.push('');
    out.push(`/** For the support hotline, who "need to read the number out to the customer". */`);
    out.push(`export function describe${m.E}ForSupport(record: ${m.E}Record): string {`);
    out.push(`  return \`${m.human} \${record.id}: ${s.name} \${record.${s.name}}, status \${record.status}\`;`);
    out.push('}');
  }
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- validator

const PATTERNS = {
  residentId: 'const RESIDENT_ID = /^[1-8]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dX]$/;',
  plate: 'const PLATE = /^[\\u4e00-\\u9fa5][A-Z][A-HJ-NP-Z0-9]{5,6}$/;',
  vin: 'const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;',
  licence: 'const LICENCE = /^(?:\\d{12}|\\d{17}[\\dX])$/;',
  mobile: 'const MOBILE = /^1[3-9]\\d{9}$/;',
  email: 'const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;',
};
const PATTERN_NAMES = { residentId: 'RESIDENT_ID', plate: 'PLATE', vin: 'VIN', licence: 'LICENCE', mobile: 'MOBILE', email: 'EMAIL' };

/** @param {Field} field @param {string} target @param {boolean} isUpdate @param {string[]} out */
function fieldChecks(field, target, isUpdate, out) {
  const ref = `${target}.${field.name}`;
  const optional = field.optional === true || isUpdate;
  const push = (/** @type {string} */ message) => `issues.push({ field: '${field.name}', message: '${message}' });`;
  if (field.check !== undefined && field.check !== 'iso') {
    const pattern = PATTERN_NAMES[field.check];
    const normalised = field.check === 'residentId' || field.check === 'vin' ? `${ref}.toUpperCase()` : ref;
    if (optional) out.push(`  if (${ref} !== undefined && !${pattern}.test(${normalised})) {`);
    else out.push(`  if (!${pattern}.test(${normalised})) {`);
    out.push(`    ${push(`not a valid ${field.check === 'residentId' ? 'resident ID number' : field.check}`)}`);
    out.push('  }');
    return;
  }
  if (field.check === 'iso') {
    if (optional) out.push(`  if (${ref} !== undefined && Number.isNaN(Date.parse(${ref}))) {`);
    else out.push(`  if (Number.isNaN(Date.parse(${ref}))) {`);
    out.push(`    ${push('not an ISO 8601 date')}`);
    out.push('  }');
    return;
  }
  if (field.type === 'string') {
    if (optional) {
      out.push(`  if (${ref} !== undefined && ${ref}.length > 500) {`);
      out.push(`    ${push('longer than 500 characters')}`);
      out.push('  }');
    } else {
      out.push(`  if (${ref}.trim().length === 0) {`);
      out.push(`    ${push('required')}`);
      out.push(`  } else if (${ref}.length > 120) {`);
      out.push(`    ${push('longer than 120 characters')}`);
      out.push('  }');
    }
  } else if (field.type === 'number') {
    if (optional) out.push(`  if (${ref} !== undefined && (!Number.isFinite(${ref}) || ${ref} < 0)) {`);
    else out.push(`  if (!Number.isFinite(${ref}) || ${ref} < 0) {`);
    out.push(`    ${push('must be a number of at least 0')}`);
    out.push('  }');
  } else if (field.type === 'string[]') {
    out.push(`  if (${ref} !== undefined && ${ref}.some((item) => item.length > 32)) {`);
    out.push(`    ${push('items are at most 32 characters')}`);
    out.push('  }');
  }
}

/** @param {ModulePlan} m */
function validatorFile(m) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'BadRequestException');
  imp.named(own(m, 'dto'), `Create${m.E}Dto`, `${m.E}Status`, `Update${m.E}Dto`);
  const out = [];
  const used = new Set();
  for (const field of m.fields) if (field.check !== undefined && field.check !== 'iso') used.add(field.check);
  out.push('');
  for (const key of Object.keys(PATTERNS)) if (used.has(key)) out.push(PATTERNS[/** @type {keyof typeof PATTERNS} */ (key)]);
  if (used.size > 0) out.push('');
  out.push('export interface ValidationIssue {');
  out.push('  field: string;');
  out.push('  message: string;');
  out.push('}');
  out.push('');
  out.push('/** Which status may follow which; everything may be archived. */');
  out.push(`const TRANSITIONS: Record<${m.E}Status, readonly ${m.E}Status[]> = {`);
  m.statuses.forEach((status, index) => {
    const next = m.statuses.slice(index + 1, index + 3).filter((s) => s !== status);
    if (status !== 'archived' && !next.includes('archived')) next.push('archived');
    out.push(`  ${status}: [${next.map((s) => `'${s}'`).join(', ')}],`);
  });
  out.push('};');
  out.push('');
  out.push(`export function validateCreate${m.E}(dto: Create${m.E}Dto): ValidationIssue[] {`);
  out.push('  const issues: ValidationIssue[] = [];');
  for (const field of m.fields) fieldChecks(field, 'dto', false, out);
  out.push('  return issues;');
  out.push('}');
  out.push('');
  out.push(`export function validateUpdate${m.E}(dto: Update${m.E}Dto): ValidationIssue[] {`);
  out.push('  const issues: ValidationIssue[] = [];');
  for (const field of m.updateFields) fieldChecks(field, 'dto', true, out);
  out.push('  return issues;');
  out.push('}');
  out.push('');
  const nums = m.fields.filter((f) => f.type === 'number' && f.optional !== true);
  const isoFields = m.fields.filter((f) => f.check === 'iso' && f.optional !== true);
  out.push('/** Rules that span fields or depend on the clock; run after the per-field checks. */');
  out.push(`export function validateBusinessRules(dto: Create${m.E}Dto, now: Date = new Date()): ValidationIssue[] {`);
  out.push('  const issues: ValidationIssue[] = [];');
  for (const f of isoFields) {
    out.push(`  const ${f.name}Ms = Date.parse(dto.${f.name});`);
    out.push(`  if (!Number.isNaN(${f.name}Ms) && ${f.name}Ms < now.getTime() - 5 * 60_000) {`);
    out.push(`    issues.push({ field: '${f.name}', message: 'must not be in the past' });`);
    out.push('  }');
    out.push(`  if (!Number.isNaN(${f.name}Ms) && ${f.name}Ms > now.getTime() + 366 * 86_400_000) {`);
    out.push(`    issues.push({ field: '${f.name}', message: 'must be within a year' });`);
    out.push('  }');
  }
  for (const f of nums.slice(0, 3)) {
    const limit = f.name.endsWith('Cents') ? '100_000_000_00' : '1_000_000';
    out.push(`  if (dto.${f.name} > ${limit}) {`);
    out.push(`    issues.push({ field: '${f.name}', message: 'is implausibly large; check the unit' });`);
    out.push('  }');
  }
  out.push('  return issues;');
  out.push('}');
  out.push('');
  out.push(`export function assertValid${m.E}(dto: Create${m.E}Dto): void {`);
  out.push(`  const issues = [...validateCreate${m.E}(dto), ...validateBusinessRules(dto)];`);
  out.push('  if (issues.length > 0) {');
  out.push(`    throw new BadRequestException({ message: 'The ${m.human} is not valid', issues });`);
  out.push('  }');
  out.push('}');
  out.push('');
  out.push(`export function isTransitionAllowed(from: ${m.E}Status, to: ${m.E}Status): boolean {`);
  out.push('  return TRANSITIONS[from].includes(to);');
  out.push('}');
  out.push('');
  out.push(`export function nextStatuses(from: ${m.E}Status): readonly ${m.E}Status[] {`);
  out.push('  return TRANSITIONS[from];');
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- repository

/** @param {ModulePlan} m */
function repositoryFile(m) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'Injectable');
  imp.named(`${SHARED}/prisma.service`, 'PrismaService');
  imp.named(own(m, 'dto'), `Create${m.E}Dto`, `${m.E}Query`, `${m.E}Record`, `${m.E}Status`);
  imp.named(own(m, 'mapper'), `${m.E}Row`, `rowTo${m.E}`);
  const table = m.e;
  const closed = m.statuses.filter((s) => ['completed', 'cancelled', 'rejected'].includes(s));
  const out = [];
  out.push('');
  out.push('const DEFAULT_PAGE_SIZE = 20;');
  out.push('const MAX_PAGE_SIZE = 200;');
  out.push('');
  out.push('@Injectable()');
  out.push(`export class ${m.E}Repository {`);
  out.push('  constructor(private readonly prisma: PrismaService) {}');
  out.push('');
  out.push(`  async create(dto: Create${m.E}Dto, createdBy: string): Promise<${m.E}Record> {`);
  out.push(`    const row: ${m.E}Row = await this.prisma.${table}.create({`);
  out.push(`      data: { ...toColumns(dto), status: '${m.statuses[0]}', created_by: createdBy },`);
  out.push('    });');
  out.push(`    return rowTo${m.E}(row);`);
  out.push('  }');
  out.push('');
  out.push(`  async findById(id: string): Promise<${m.E}Record | undefined> {`);
  out.push(`    const row: ${m.E}Row | null = await this.prisma.${table}.findUnique({ where: { id } });`);
  out.push(`    return row === null ? undefined : rowTo${m.E}(row);`);
  out.push('  }');
  out.push('');
  out.push(`  async findMany(query: ${m.E}Query): Promise<{ items: ${m.E}Record[]; total: number }> {`);
  out.push('    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);');
  out.push('    const page = Math.max(query.page ?? 1, 1);');
  out.push('    const where = buildWhere(query);');
  out.push(`    const [rows, total]: [${m.E}Row[], number] = await Promise.all([`);
  out.push(`      this.prisma.${table}.findMany({ where, orderBy: { created_at: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),`);
  out.push(`      this.prisma.${table}.count({ where }),`);
  out.push('    ]);');
  out.push(`    return { items: rows.map(rowTo${m.E}), total };`);
  out.push('  }');
  out.push('');
  out.push(`  async update(id: string, dto: Partial<Create${m.E}Dto>): Promise<${m.E}Record> {`);
  out.push(`    const row: ${m.E}Row = await this.prisma.${table}.update({`);
  out.push('      where: { id },');
  out.push('      data: { ...toColumns(dto), updated_at: new Date() },');
  out.push('    });');
  out.push(`    return rowTo${m.E}(row);`);
  out.push('  }');
  out.push('');
  out.push(`  async setStatus(id: string, status: ${m.E}Status): Promise<void> {`);
  out.push(`    await this.prisma.${table}.update({ where: { id }, data: { status, updated_at: new Date() } });`);
  out.push('  }');
  out.push('');
  out.push('  async countByStatus(): Promise<Map<string, number>> {');
  out.push(`    const groups: { status: string; _count: { _all: number } }[] = await this.prisma.${table}.groupBy({`);
  out.push("      by: ['status'],");
  out.push('      _count: { _all: true },');
  out.push('    });');
  out.push('    const counts = new Map<string, number>();');
  out.push('    for (const group of groups) {');
  out.push('      counts.set(group.status, group._count._all);');
  out.push('    }');
  out.push('    return counts;');
  out.push('  }');
  out.push('');
  out.push('  async countCreatedSince(since: Date): Promise<number> {');
  out.push(`    return this.prisma.${table}.count({ where: { created_at: { gte: since } } });`);
  out.push('  }');
  out.push('');
  out.push('  async archiveOlderThan(cutoff: Date): Promise<number> {');
  out.push(`    const result: { count: number } = await this.prisma.${table}.updateMany({`);
  out.push(`      where: { updated_at: { lt: cutoff }, status: { in: [${closed.map((s) => `'${s}'`).join(', ')}] } },`);
  out.push("      data: { status: 'archived', updated_at: new Date() },");
  out.push('    });');
  out.push('    return result.count;');
  out.push('  }');
  out.push('');
  imp.named(own(m, 'dto'), `${m.E}HistoryEntry`);
  imp.named(own(m, 'mapper'), `parse${m.E}Status`);
  out.push(`  async findByIds(ids: readonly string[]): Promise<${m.E}Record[]> {`);
  out.push('    if (ids.length === 0) return [];');
  out.push(`    const rows: ${m.E}Row[] = await this.prisma.${table}.findMany({ where: { id: { in: [...ids] } } });`);
  out.push(`    return rows.map(rowTo${m.E});`);
  out.push('  }');
  out.push('');
  out.push('  async exists(id: string): Promise<boolean> {');
  out.push(`    return (await this.prisma.${table}.count({ where: { id } })) > 0;`);
  out.push('  }');
  out.push('');
  out.push('  async assign(id: string, assigneeId: string): Promise<void> {');
  out.push(`    await this.prisma.${table}.update({ where: { id }, data: { assignee_id: assigneeId, updated_at: new Date() } });`);
  out.push('  }');
  out.push('');
  out.push(`  async history(id: string): Promise<${m.E}HistoryEntry[]> {`);
  out.push(`    const rows: { at: Date; actor_id: string; from_status: string | null; to_status: string | null; reason: string }[] =`);
  out.push(`      await this.prisma.${table}Activity.findMany({ where: { subject_ref: id }, orderBy: { at: 'asc' }, take: 500 });`);
  out.push('    return rows.map((row) => ({');
  out.push('      at: row.at,');
  out.push('      actorId: row.actor_id,');
  out.push(`      from: row.from_status === null ? undefined : parse${m.E}Status(row.from_status),`);
  out.push(`      to: row.to_status === null ? undefined : parse${m.E}Status(row.to_status),`);
  out.push('      note: row.reason,');
  out.push('    }));');
  out.push('  }');
  out.push('');
  out.push('  async touch(subjectRef: string, reason: string): Promise<void> {');
  out.push(`    await this.prisma.${table}Activity.create({ data: { subject_ref: subjectRef, reason, at: new Date() } });`);
  out.push('  }');
  out.push('}');
  out.push('');
  out.push(`function buildWhere(query: ${m.E}Query): Record<string, unknown> {`);
  out.push('  const where: Record<string, unknown> = {};');
  out.push('  if (query.status !== undefined) {');
  out.push('    where.status = query.status;');
  out.push('  }');
  out.push('  const search = query.search?.trim() ?? \'\';');
  out.push('  if (search.length > 0) {');
  const searchCols = m.searchFields.length > 0 ? m.searchFields : ['id'];
  out.push(`    where.OR = [${searchCols.map((f) => `{ ${toSnake(f)}: { contains: search, mode: 'insensitive' } }`).join(', ')}];`);
  out.push('  }');
  out.push('  if (query.createdFrom !== undefined || query.createdTo !== undefined) {');
  out.push('    where.created_at = {');
  out.push('      ...(query.createdFrom !== undefined ? { gte: new Date(query.createdFrom) } : {}),');
  out.push('      ...(query.createdTo !== undefined ? { lte: new Date(query.createdTo) } : {}),');
  out.push('    };');
  out.push('  }');
  out.push('  return where;');
  out.push('}');
  out.push('');
  out.push(`function toColumns(dto: Partial<Create${m.E}Dto>): Record<string, unknown> {`);
  out.push('  const columns: Record<string, unknown> = {};');
  for (const field of m.fields) {
    out.push(`  if (dto.${field.name} !== undefined) columns.${toSnake(field.name)} = dto.${field.name};`);
  }
  out.push('  return columns;');
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- service

/** @param {ModulePlan} m */
function serviceFile(m) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'Injectable', 'Logger', 'NotFoundException', 'BadRequestException');
  imp.named(`${SHARED}/pagination`, 'Page', 'paginate');
  imp.named(`../common/${m.ctx.name}.types`, 'StaffUser');
  imp.named(`../common/${m.ctx.name}.logger`, 'auditEvent');
  imp.named(own(m, 'dto'), `Create${m.E}Dto`, `${m.E}Query`, `${m.E}Record`, `${m.E}Status`, `${m.E}Summary`, `Update${m.E}Dto`);
  imp.named(own(m, 'mapper'), `describe${m.E}`, `to${m.E}Summary`);
  imp.named(own(m, 'repository'), `${m.E}Repository`);
  imp.named(own(m, 'validator'), `assertValid${m.E}`, 'isTransitionAllowed', `validateUpdate${m.E}`);
  const s0 = m.sensitive[0];
  const out = [];
  out.push('');
  out.push('@Injectable()');
  out.push(`export class ${m.E}Service {`);
  out.push(`  private readonly logger = new Logger(${m.E}Service.name);`);
  out.push('');
  out.push('  constructor(');
  out.push(`    private readonly repository: ${m.E}Repository,`);
  if (m.hasEvents) {
    imp.named(own(m, 'events'), `${m.E}Events`);
    out.push(`    private readonly events: ${m.E}Events,`);
  }
  for (const dep of m.deps) {
    imp.named(`../${dep.kebab}/${dep.kebab}.service`, `${dep.E}Service`);
    out.push(`    private readonly ${dep.e}Service: ${dep.E}Service,`);
  }
  out.push('  ) {}');
  out.push('');
  // create
  out.push(`  async create(dto: Create${m.E}Dto, actor: StaffUser): Promise<${m.E}Record> {`);
  out.push(`    assertValid${m.E}(dto);`);
  out.push('    const record = await this.repository.create(dto, actor.id);');
  out.push(`    this.logger.log(\`${m.human} \${record.id} created by \${actor.id}\`);`);
  if (m.idViolation === 'template' && s0 !== undefined) {
    out.push(`    this.logger.log(\`${m.human} \${record.id} registered with ${s0.name} \${dto.${s0.name}}\`); // expect: ${ID_RULE}`);
  }
  if (s0 !== undefined && m.idViolation === 'audit') {
    out.push(`    auditEvent('${m.kebab}.created', { id: record.id, actor: actor.id, ${s0.name}: dto.${s0.name} });`);
  } else if (s0 !== undefined) {
    imp.named(`${SHARED}/masking`, s0.mask);
    out.push(`    auditEvent('${m.kebab}.created', { id: record.id, actor: actor.id, ${s0.name}: ${s0.mask}(dto.${s0.name}) });`);
  } else {
    out.push(`    auditEvent('${m.kebab}.created', { id: record.id, actor: actor.id });`);
  }
  if (m.hasEvents) out.push('    await this.events.publishCreated(record);');
  for (const dep of m.deps) {
    if (m.idViolation === 'contact' && m.contactTarget === dep && s0 !== undefined) {
      out.push(`    await this.${dep.e}Service.recordContact(dto.${s0.name}, '${m.kebab}.created');`);
    } else {
      out.push(`    await this.${dep.e}Service.recordContact(record.id, '${m.kebab}.created');`);
    }
  }
  out.push('    return record;');
  out.push('  }');
  out.push('');
  // get
  out.push(`  async get(id: string): Promise<${m.E}Record> {`);
  out.push('    const record = await this.repository.findById(id);');
  out.push('    if (record === undefined) {');
  out.push(`      throw new NotFoundException(\`${cap(m.human)} \${id} not found\`);`);
  out.push('    }');
  out.push('    return record;');
  out.push('  }');
  out.push('');
  // list
  out.push(`  async list(query: ${m.E}Query): Promise<Page<${m.E}Summary>> {`);
  out.push('    const { items, total } = await this.repository.findMany(query);');
  out.push(`    return paginate(items.map(to${m.E}Summary), total, query.page ?? 1, query.pageSize ?? 20);`);
  out.push('  }');
  out.push('');
  // update
  out.push(`  async update(id: string, dto: Update${m.E}Dto, actor: StaffUser): Promise<${m.E}Record> {`);
  out.push(`    const issues = validateUpdate${m.E}(dto);`);
  out.push('    if (issues.length > 0) {');
  out.push(`      throw new BadRequestException({ message: 'The update of ${m.human} ' + id + ' is not valid', issues });`);
  out.push('    }');
  out.push('    const before = await this.get(id);');
  out.push('    const after = await this.repository.update(id, dto);');
  out.push('    const changed = Object.keys(dto).filter((key) => before[key as keyof typeof before] !== after[key as keyof typeof after]);');
  imp.named(`${SHARED}/logger`, 'appLogger');
  out.push(`    appLogger.info('${m.kebab} updated', { id, actor: actor.id, changed, status: after.status });`);
  if (m.idViolation === 'winston' && s0 !== undefined) {
    out.push(`    appLogger.warn('${m.kebab} identity re-checked', { id, ${s0.name}: after.${s0.name} }); // expect: ${ID_RULE}`);
  } else if (s0 !== undefined) {
    imp.named(`${SHARED}/masking`, s0.mask);
    out.push(`    appLogger.debug('${m.kebab} identity re-checked', { id, ${s0.name}: ${s0.mask}(after.${s0.name}) });`);
  }
  out.push('    return after;');
  out.push('  }');
  out.push('');
  // transition
  out.push(`  async transition(id: string, to: ${m.E}Status, actor: StaffUser): Promise<${m.E}Record> {`);
  out.push('    const record = await this.get(id);');
  out.push('    if (!isTransitionAllowed(record.status, to)) {');
  out.push(`      throw new BadRequestException(\`${cap(m.human)} \${id} cannot go from \${record.status} to \${to}\`);`);
  out.push('    }');
  out.push('    await this.repository.setStatus(id, to);');
  imp.named(`${SHARED}/pino`, 'log');
  if (m.idViolation === 'pino') {
    out.push(`    log.info({ ${m.e}: record, to, actor: actor.id }, '${m.kebab} status changed'); // expect: ${ID_RULE}`);
  } else {
    out.push(`    log.info({ id, from: record.status, to, actor: actor.id }, '${m.kebab} status changed');`);
  }
  if (m.hasEvents) out.push('    await this.events.publishStatusChanged(record, to);');
  const firstDep = m.deps[0];
  if (firstDep !== undefined) {
    out.push(`    await this.${firstDep.e}Service.recordContact(record.id, \`${m.kebab} moved to \${to}\`);`);
  }
  out.push('    return { ...record, status: to, updatedAt: new Date() };');
  out.push('  }');
  out.push('');
  // recordContact
  out.push('  /** Called by related modules when they act on something this module tracks. */');
  out.push('  async recordContact(subjectRef: string, note: string): Promise<void> {');
  out.push(`    this.logger.log(\`contact on \${subjectRef}: \${note}\`);${m.isContactTainted ? ` // expect: ${ID_RULE}` : ''}`);
  out.push('    await this.repository.touch(subjectRef, note);');
  out.push('  }');
  out.push('');
  out.push(`  async summaryFor(id: string): Promise<${m.E}Summary> {`);
  out.push(`    return to${m.E}Summary(await this.get(id));`);
  out.push('  }');
  out.push('');
  imp.named(own(m, 'dto'), `${m.E}HistoryEntry`, 'BulkResult');
  imp.named(`../common/${m.ctx.name}.types`, 'hasRole');
  imp.named('@nestjs/common', 'ForbiddenException');
  out.push('  /** Status changes and notes, oldest first; the record must exist on this site. */');
  out.push(`  async history(id: string): Promise<${m.E}HistoryEntry[]> {`);
  out.push('    await this.get(id);');
  out.push('    const entries = await this.repository.history(id);');
  out.push('    return entries.sort((a, b) => a.at.getTime() - b.at.getTime());');
  out.push('  }');
  out.push('');
  out.push('  /** Hands the record to a staff member; only managers may reassign work that is already assigned. */');
  out.push(`  async assign(id: string, assigneeId: string, actor: StaffUser): Promise<${m.E}Record> {`);
  out.push('    const record = await this.get(id);');
  out.push("    if (record.assigneeId !== undefined && record.assigneeId !== actor.id && !hasRole(actor, 'manager')) {");
  out.push(`      throw new ForbiddenException(\`${cap(m.human)} \${id} is assigned to \${record.assigneeId}; ask a manager to reassign it\`);`);
  out.push('    }');
  out.push('    if (record.assigneeId === assigneeId) return record;');
  out.push('    await this.repository.assign(id, assigneeId);');
  out.push(`    await this.repository.touch(id, \`assigned to \${assigneeId} by \${actor.id}\`);`);
  out.push(`    this.logger.log(\`${m.human} \${id} assigned to \${assigneeId}\`);`);
  out.push('    return { ...record, assigneeId, updatedAt: new Date() };');
  out.push('  }');
  out.push('');
  out.push('  /** Moves many records; one failure does not stop the others. */');
  out.push(`  async bulkTransition(ids: string[], to: ${m.E}Status, actor: StaffUser): Promise<BulkResult> {`);
  out.push('    const result: BulkResult = { succeeded: [], failed: [] };');
  out.push('    for (const id of new Set(ids)) {');
  out.push('      try {');
  out.push('        await this.transition(id, to, actor);');
  out.push('        result.succeeded.push(id);');
  out.push('      } catch (error: unknown) {');
  out.push('        const reason = error instanceof Error ? error.message : String(error);');
  out.push('        result.failed.push({ id, reason });');
  out.push('      }');
  out.push('    }');
  out.push('    if (result.failed.length > 0) {');
  out.push(`      this.logger.warn(\`bulk move to \${to}: \${result.failed.length} of \${ids.length} ${m.plural} failed\`);`);
  out.push('    }');
  out.push('    return result;');
  out.push('  }');
  out.push('');
  // explain
  out.push('  async explain(id: string): Promise<string> {');
  out.push('    const record = await this.get(id);');
  if (m.idViolation === 'describe') {
    imp.named(own(m, 'mapper'), `describe${m.E}ForSupport`);
    out.push(`    this.logger.debug(describe${m.E}ForSupport(record)); // expect: ${ID_RULE}`);
  } else {
    out.push(`    this.logger.debug(describe${m.E}(record));`);
  }
  out.push(`    return describe${m.E}(record);`);
  out.push('  }');
  if (m.optional.has('stats')) {
    imp.named(own(m, 'dto'), `${m.C}_STATUSES`, `${m.E}Stats`);
    imp.named(`${SHARED}/dates`, 'daysAgo');
    out.push('');
    out.push(`  async stats(): Promise<${m.E}Stats> {`);
    out.push('    const counts = await this.repository.countByStatus();');
    out.push(`    const byStatus: Record<${m.E}Status, number> = { ${m.statuses.map((s) => `${s}: 0`).join(', ')} };`);
    out.push('    let total = 0;');
    out.push(`    for (const status of ${m.C}_STATUSES) {`);
    out.push('      const count = counts.get(status) ?? 0;');
    out.push('      byStatus[status] = count;');
    out.push('      total += count;');
    out.push('    }');
    out.push('    const createdLast7Days = await this.repository.countCreatedSince(daysAgo(7));');
    if (m.statsNumField !== undefined) {
      imp.named(`${SHARED}/money`, 'round2');
      out.push('    const { items } = await this.repository.findMany({ pageSize: 200 });');
      out.push(`    const sum = items.reduce((acc, item) => acc + item.${m.statsNumField}, 0);`);
      out.push(`    return { total, byStatus, createdLast7Days, average${cap(m.statsNumField)}: items.length === 0 ? 0 : round2(sum / items.length) };`);
    } else {
      out.push('    return { total, byStatus, createdLast7Days };');
    }
    out.push('  }');
  }
  if (m.optional.has('import')) {
    imp.named(own(m, 'mapper'), `parse${m.E}CsvLine`);
    imp.named(own(m, 'validator'), `validateCreate${m.E}`);
    out.push('');
    out.push('  async importCsv(csv: string, actor: StaffUser): Promise<{ imported: number; rejectedLines: number[] }> {');
    out.push('    const rejectedLines: number[] = [];');
    out.push('    let imported = 0;');
    out.push('    const lines = csv.split(/\\r?\\n/).slice(1);');
    out.push('    for (const [index, line] of lines.entries()) {');
    out.push('      if (line.trim().length === 0) continue;');
    out.push(`      const dto = parse${m.E}CsvLine(line);`);
    out.push(`      if (validateCreate${m.E}(dto).length > 0) {`);
    out.push('        rejectedLines.push(index + 2);');
    out.push('        continue;');
    out.push('      }');
    out.push('      await this.repository.create(dto, actor.id);');
    out.push('      imported += 1;');
    out.push('    }');
    out.push(`    this.logger.log(\`\${actor.id} imported \${imported} ${m.plural}, rejected \${rejectedLines.length} lines\`);`);
    out.push('    return { imported, rejectedLines };');
    out.push('  }');
  }
  if (m.optional.has('export')) {
    imp.named(own(m, 'mapper'), `${m.C}_CSV_HEADER`, `to${m.E}CsvLine`);
    out.push('');
    out.push(`  async exportCsv(query: ${m.E}Query): Promise<string> {`);
    out.push('    const { items } = await this.repository.findMany({ ...query, pageSize: 200 });');
    out.push(`    return [${m.C}_CSV_HEADER, ...items.map(to${m.E}CsvLine)].join('\\n');`);
    out.push('  }');
  }
  if (m.optional.has('archive')) {
    imp.named(`${SHARED}/dates`, 'daysAgo');
    out.push('');
    out.push('  async archiveStale(days: number): Promise<number> {');
    out.push('    const archived = await this.repository.archiveOlderThan(daysAgo(days));');
    out.push('    if (archived > 0) {');
    out.push(`      this.logger.log(\`archived \${archived} ${m.plural} older than \${days} days\`);`);
    out.push('    }');
    out.push('    return archived;');
    out.push('  }');
  }
  if (m.optional.has('digest')) {
    out.push('');
    out.push('  /** Morning digest for the site manager: counts per status, oldest open items first. */');
    out.push('  async digest(limit = 10): Promise<string[]> {');
    out.push('    const { items } = await this.repository.findMany({ pageSize: 200 });');
    out.push(`    const open = items.filter((item) => !['archived', 'cancelled', 'completed', 'rejected'].includes(item.status));`);
    out.push('    open.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());');
    out.push('    const lines: string[] = [];');
    out.push('    for (const item of open.slice(0, limit)) {');
    out.push('      const ageDays = Math.floor((Date.now() - item.createdAt.getTime()) / 86_400_000);');
    out.push(`      lines.push(\`\${item.id} \${item.status} for \${ageDays} days\`);`);
    out.push('    }');
    out.push(`    this.logger.log(\`digest: \${open.length} open ${m.plural}, showing \${lines.length}\`);`);
    out.push('    return lines;');
    out.push('  }');
  }
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- controller

/**
 * Opens a route: the verb, Swagger documentation and the roles allowed, as NestJS projects write them.
 * @param {string[]} out @param {Imports} imp
 * @param {{ verb: string, path?: string, summary: string, roles: string[], ok: string, bad?: string, notFound?: boolean, upload?: boolean }} r
 */
function route(out, imp, r) {
  imp.named('@nestjs/common', r.verb);
  imp.named('@nestjs/swagger', 'ApiOperation', r.verb === 'Post' ? 'ApiCreatedResponse' : 'ApiOkResponse');
  out.push('');
  out.push(`  @${r.verb}(${r.path === undefined ? '' : `'${r.path}'`})`);
  out.push(`  @ApiOperation({ summary: '${r.summary}' })`);
  out.push(`  @${r.verb === 'Post' ? 'ApiCreatedResponse' : 'ApiOkResponse'}({ description: '${r.ok}' })`);
  if (r.bad !== undefined) {
    imp.named('@nestjs/swagger', 'ApiBadRequestResponse');
    out.push(`  @ApiBadRequestResponse({ description: '${r.bad}' })`);
  }
  if (r.notFound === true) {
    imp.named('@nestjs/swagger', 'ApiNotFoundResponse');
    out.push("  @ApiNotFoundResponse({ description: 'No such record on this site.' })");
  }
  if (r.upload === true) {
    imp.named('@nestjs/common', 'UseInterceptors');
    imp.named('@nestjs/platform-express', 'FileInterceptor');
    imp.named('@nestjs/swagger', 'ApiConsumes');
    out.push("  @ApiConsumes('multipart/form-data')");
    out.push("  @UseInterceptors(FileInterceptor('photo', { limits: { fileSize: 5 * 1024 * 1024 } }))");
  }
  out.push(`  @Roles(${r.roles.map((x) => `'${x}'`).join(', ')})`);
}

/** @param {ModulePlan} m */
function controllerFile(m) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'Body', 'Controller', 'Logger', 'Param', 'Query', 'Req');
  imp.named('@nestjs/swagger', 'ApiBearerAuth', 'ApiTags');
  imp.named(`${SHARED}/pagination`, 'Page');
  imp.named(`../common/${m.ctx.name}.types`, 'AuthenticatedRequest', 'Roles');
  imp.named(own(m, 'dto'), `Create${m.E}Dto`, `${m.E}Query`, `${m.E}Summary`, `Update${m.E}Dto`);
  imp.named(own(m, 'mapper'), `parse${m.E}Status`, `to${m.E}Summary`);
  imp.named(own(m, 'service'), `${m.E}Service`);
  const out = [];
  const staff = ['consultant', 'manager'];
  const managers = ['manager'];
  out.push('');
  out.push(`@ApiTags('${m.ctx.name} ${m.plural}')`);
  out.push('@ApiBearerAuth()');
  out.push(`@Controller('${m.ctx.name}/${m.spec.route}')`);
  out.push(`export class ${m.E}Controller {`);
  out.push(`  private readonly logger = new Logger(${m.E}Controller.name);`);
  out.push('');
  if (m.spec.isFace) {
    imp.named(own(m, 'face.service'), `${m.E}FaceService`);
    out.push('  constructor(');
    out.push(`    private readonly service: ${m.E}Service,`);
    out.push(`    private readonly face: ${m.E}FaceService,`);
    out.push('  ) {}');
  } else {
    out.push(`  constructor(private readonly service: ${m.E}Service) {}`);
  }
  route(out, imp, { verb: 'Post', summary: `Create a ${m.human}`, roles: staff, ok: `The ${m.human} was created.`, bad: 'The body failed validation; the response lists the issues.' });
  out.push(`  async create(@Body() dto: Create${m.E}Dto, @Req() req: AuthenticatedRequest): Promise<{ id: string }> {`);
  out.push('    const record = await this.service.create(dto, req.user);');
  out.push('    return { id: record.id };');
  out.push('  }');
  route(out, imp, { verb: 'Get', summary: `List ${m.plural}`, roles: staff, ok: 'One page of summaries, newest first.' });
  out.push(`  async list(@Query() query: ${m.E}Query): Promise<Page<${m.E}Summary>> {`);
  out.push('    return this.service.list(query);');
  out.push('  }');
  if (m.optional.has('stats')) {
    imp.named(own(m, 'dto'), `${m.E}Stats`);
    route(out, imp, { verb: 'Get', path: 'stats', summary: `Counts of ${m.plural} per status`, roles: managers, ok: 'Counts per status and for the last 7 days.' });
    out.push(`  async stats(): Promise<${m.E}Stats> {`);
    out.push('    return this.service.stats();');
    out.push('  }');
  }
  if (m.optional.has('export')) {
    route(out, imp, { verb: 'Get', path: 'export', summary: `Export ${m.plural} as CSV`, roles: managers, ok: 'CSV with ID numbers masked.' });
    out.push(`  async exportCsv(@Query() query: ${m.E}Query): Promise<string> {`);
    out.push('    return this.service.exportCsv(query);');
    out.push('  }');
  }
  route(out, imp, { verb: 'Get', path: ':id', summary: `Get one ${m.human}`, roles: staff, ok: 'The summary.', notFound: true });
  out.push(`  async get(@Param('id') id: string): Promise<${m.E}Summary> {`);
  out.push(`    return to${m.E}Summary(await this.service.get(id));`);
  out.push('  }');
  route(out, imp, { verb: 'Get', path: ':id/explain', summary: `Explain a ${m.human} for support`, roles: staff, ok: 'A one-line description.', notFound: true });
  out.push(`  async explain(@Param('id') id: string): Promise<{ text: string }> {`);
  out.push('    return { text: await this.service.explain(id) };');
  out.push('  }');
  imp.named(own(m, 'dto'), `${m.E}HistoryEntry`, 'BulkResult');
  route(out, imp, { verb: 'Get', path: ':id/history', summary: `History of a ${m.human}`, roles: staff, ok: 'Status changes and notes, oldest first.', notFound: true });
  out.push(`  async history(@Param('id') id: string): Promise<${m.E}HistoryEntry[]> {`);
  out.push('    return this.service.history(id);');
  out.push('  }');
  route(out, imp, { verb: 'Patch', path: ':id', summary: `Change a ${m.human}`, roles: staff, ok: 'The changed summary.', bad: 'The body failed validation.', notFound: true });
  out.push(`  async update(@Param('id') id: string, @Body() dto: Update${m.E}Dto, @Req() req: AuthenticatedRequest): Promise<${m.E}Summary> {`);
  out.push(`    return to${m.E}Summary(await this.service.update(id, dto, req.user));`);
  out.push('  }');
  route(out, imp, { verb: 'Post', path: ':id/assign', summary: `Assign a ${m.human} to a staff member`, roles: managers, ok: 'The changed summary.', notFound: true });
  out.push(`  async assign(@Param('id') id: string, @Body() body: { assigneeId: string }, @Req() req: AuthenticatedRequest): Promise<${m.E}Summary> {`);
  out.push(`    return to${m.E}Summary(await this.service.assign(id, body.assigneeId, req.user));`);
  out.push('  }');
  route(out, imp, { verb: 'Post', path: ':id/transitions/:status', summary: `Move a ${m.human} to another status`, roles: staff, ok: 'The changed summary.', bad: 'The transition is not allowed from the current status.', notFound: true });
  out.push('  async transition(');
  out.push("    @Param('id') id: string,");
  out.push("    @Param('status') status: string,");
  out.push('    @Req() req: AuthenticatedRequest,');
  out.push(`  ): Promise<${m.E}Summary> {`);
  out.push(`    const target = parse${m.E}Status(status);`);
  out.push('    const record = await this.service.transition(id, target, req.user);');
  out.push(`    this.logger.log(\`\${req.user.id} moved ${m.human} \${id} to \${target}\`);`);
  out.push(`    return to${m.E}Summary(record);`);
  out.push('  }');
  route(out, imp, { verb: 'Post', path: 'bulk-transitions', summary: `Move many ${m.plural} at once`, roles: managers, ok: 'Which ids moved and which did not, with the reason.' });
  out.push('  async bulkTransition(@Body() body: { ids: string[]; status: string }, @Req() req: AuthenticatedRequest): Promise<BulkResult> {');
  out.push(`    return this.service.bulkTransition(body.ids, parse${m.E}Status(body.status), req.user);`);
  out.push('  }');
  if (m.optional.has('import')) {
    route(out, imp, { verb: 'Post', path: 'import', summary: `Import ${m.plural} from CSV`, roles: managers, ok: 'How many lines were imported, and which were rejected.' });
    out.push('  async importCsv(@Body() body: { csv: string }, @Req() req: AuthenticatedRequest): Promise<{ imported: number; rejectedLines: number[] }> {');
    out.push('    return this.service.importCsv(body.csv, req.user);');
    out.push('  }');
  }
  if (m.optional.has('archive')) {
    route(out, imp, { verb: 'Post', path: 'archive', summary: `Archive closed ${m.plural}`, roles: managers, ok: 'How many were archived.' });
    out.push('  async archive(@Body() body: { olderThanDays?: number }): Promise<{ archived: number }> {');
    out.push('    return { archived: await this.service.archiveStale(body.olderThanDays ?? 365) };');
    out.push('  }');
  }
  if (m.optional.has('digest')) {
    route(out, imp, { verb: 'Get', path: 'digest', summary: `Morning digest of open ${m.plural}`, roles: managers, ok: 'Oldest open items first.' });
    out.push('  async digest(@Query() query: { limit?: string }): Promise<{ lines: string[] }> {');
    out.push('    return { lines: await this.service.digest(Number(query.limit ?? 10)) };');
    out.push('  }');
  }
  if (m.spec.isFace) {
    imp.named('@nestjs/common', 'UploadedFile');
    imp.named(`../common/${m.ctx.name}.types`, 'UploadedPhoto');
    route(out, imp, { verb: 'Post', path: ':id/face', summary: 'Enrol a face for greeting at the entrance', roles: staff, ok: 'Enrolled.', upload: true });
    out.push(`  async enrolFace(@Param('id') id: string, @UploadedFile() photo: UploadedPhoto): Promise<{ ok: true }> {`);
    out.push('    await this.face.enrol(id, photo.buffer);');
    out.push('    return { ok: true };');
    out.push('  }');
    route(out, imp, { verb: 'Put', path: ':id/face', summary: 'Replace an enrolled face', roles: staff, ok: 'Replaced.', upload: true });
    out.push(`  async replaceFace(@Param('id') id: string, @UploadedFile() photo: UploadedPhoto): Promise<{ ok: true }> {`);
    out.push('    await this.face.replace(id, photo.buffer);');
    out.push('    return { ok: true };');
    out.push('  }');
    route(out, imp, { verb: 'Post', path: ':id/photo', summary: 'Keep a photo for the visit card', roles: staff, ok: 'Kept.', upload: true });
    out.push('  async keepPhoto(');
    out.push("    @Param('id') id: string,");
    out.push('    @Body() body: { agreedPrivacyPolicy?: string },');
    out.push('    @UploadedFile() photo: UploadedPhoto,');
    out.push('  ): Promise<{ ok: true }> {');
    out.push("    await this.face.keepPhoto({ id, agreedPrivacyPolicy: body.agreedPrivacyPolicy === 'true' }, photo.buffer);");
    out.push('    return { ok: true };');
    out.push('  }');
    route(out, imp, { verb: 'Post', path: 'recognise', summary: 'Recognise an enrolled face', roles: staff, ok: 'Whether the face is enrolled.', upload: true });
    out.push('  async recognise(@UploadedFile() photo: UploadedPhoto): Promise<{ subjectId?: string; recognised: boolean }> {');
    out.push('    return (await this.face.recognise(photo.buffer)) ?? { recognised: false };');
    out.push('  }');
    if (m.bioViolation === 'walkIn') {
      route(out, imp, { verb: 'Post', path: 'walk-ins/:visitorId/face', summary: 'Enrol a walk-in visitor', roles: ['security', 'manager'], ok: 'Enrolled.', upload: true });
      out.push(`  async enrolWalkIn(@Param('visitorId') visitorId: string, @UploadedFile() photo: UploadedPhoto): Promise<{ ok: true }> {`);
      out.push('    await this.face.enrolWalkIn(visitorId, photo.buffer);');
      out.push('    return { ok: true };');
      out.push('  }');
    }
  }
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- events

/** @param {ModulePlan} m */
function eventsFile(m) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'Injectable');
  imp.named(`../common/${m.ctx.name}.config`, 'SITE_CODE');
  imp.named(own(m, 'dto'), `${m.E}Record`, `${m.E}Status`);
  const out = [];
  out.push('');
  out.push('interface EventEnvelope<T> {');
  out.push('  type: string;');
  out.push('  site: string;');
  out.push('  sequence: number;');
  out.push('  occurredAt: string;');
  out.push('  payload: T;');
  out.push('}');
  out.push('');
  out.push('/** Domain events for the group cloud; ids and statuses only, never personal data. */');
  out.push('@Injectable()');
  out.push(`export class ${m.E}Events {`);
  if (m.eventsVia === 'mqtt') {
    imp.named(`${SHARED}/mqtt`, 'connectTelemetry');
    out.push(`  private readonly client = connectTelemetry(\`\${SITE_CODE}-${m.kebab}-events\`);`);
  }
  out.push('  private sequence = 0;');
  out.push('');
  out.push(`  async publishCreated(record: ${m.E}Record): Promise<void> {`);
  out.push("    await this.publish('created', { id: record.id, status: record.status, createdBy: record.createdBy });");
  out.push('  }');
  out.push('');
  out.push(`  async publishStatusChanged(record: ${m.E}Record, to: ${m.E}Status): Promise<void> {`);
  out.push("    await this.publish('status-changed', { id: record.id, from: record.status, to });");
  out.push('  }');
  out.push('');
  out.push('  async publishAssigned(id: string, assigneeId: string): Promise<void> {');
  out.push("    await this.publish('assigned', { id, assigneeId });");
  out.push('  }');
  out.push('');
  out.push('  /** Re-sends events the broker did not acknowledge, oldest first, with a growing pause. */');
  out.push('  async flushPending(pending: { type: string; payload: Record<string, unknown> }[], maxAttempts = 5): Promise<number> {');
  out.push('    let sent = 0;');
  out.push('    for (const event of pending) {');
  out.push('      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {');
  out.push('        try {');
  out.push('          await this.publish(event.type, event.payload);');
  out.push('          sent += 1;');
  out.push('          break;');
  out.push('        } catch (error: unknown) {');
  out.push('          if (attempt === maxAttempts) throw error;');
  out.push('          await new Promise<void>((resolve) => setTimeout(resolve, 200 * 2 ** attempt));');
  out.push('        }');
  out.push('      }');
  out.push('    }');
  out.push('    return sent;');
  out.push('  }');
  out.push('');
  out.push('  private async publish<T>(type: string, payload: T): Promise<void> {');
  out.push('    const envelope = this.envelope(type, payload);');
  if (m.eventsVia === 'mqtt') {
    out.push(`    await this.client.publishAsync(\`${m.ctx.domain}/\${SITE_CODE}/${m.kebab}/\${type}\`, JSON.stringify(envelope), { qos: 1 });`);
  } else {
    imp.named(`${SHARED}/http`, 'http');
    out.push(`    await http.post('/events/${m.ctx.domain}', envelope, { headers: { 'X-Event-Type': envelope.type } });`);
  }
  out.push('  }');
  out.push('');
  out.push('  private envelope<T>(type: string, payload: T): EventEnvelope<T> {');
  out.push('    this.sequence += 1;');
  out.push(`    return { type: \`${m.kebab}.\${type}\`, site: SITE_CODE, sequence: this.sequence, occurredAt: new Date().toISOString(), payload };`);
  out.push('  }');
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- face

/** @param {ModulePlan} m */
function faceStoreFile(m) {
  const table = `${m.e}FaceTemplate`;
  const bioSink = m.bioViolation === 'walkIn' ? ` // expect: ${BIO_RULE}` : '';
  return `import { Injectable } from '@nestjs/common';
import { PrismaService } from '${SHARED}/prisma.service';

export interface StoredFaceTemplate {
  subjectId: string;
  descriptor: Float32Array;
  enrolledAt: Date;
}

/** Face templates are kept apart from identity data (GB/T 35273-2020 §6.3). */
@Injectable()
export class ${m.E}FaceStore {
  constructor(private readonly prisma: PrismaService) {}

  async save(subjectId: string, descriptor: Float32Array): Promise<void> {
    const data = { subjectId, descriptor: Buffer.from(descriptor.buffer), enrolledAt: new Date() };
    await this.prisma.${table}.upsert({ where: { subjectId }, create: data, update: data });${bioSink}
  }

  async remove(subjectId: string): Promise<void> {
    await this.prisma.${table}.deleteMany({ where: { subjectId } });
  }

  async findAll(): Promise<StoredFaceTemplate[]> {
    const rows: { subjectId: string; descriptor: Buffer; enrolledAt: Date }[] = await this.prisma.${table}.findMany();
    return rows.map((row) => ({
      subjectId: row.subjectId,
      descriptor: new Float32Array(row.descriptor.buffer, row.descriptor.byteOffset, row.descriptor.byteLength / 4),
      enrolledAt: row.enrolledAt,
    }));
  }
}
`;
}

/** @param {ModulePlan} m */
function faceServiceFile(m) {
  const out = [];
  const imp = new Imports();
  imp.named('@nestjs/common', 'ForbiddenException', 'Injectable', 'Logger');
  imp.named('node:fs/promises', 'writeFile');
  imp.named('node:path', 'join');
  imp.named(`${SHARED}/consent.service`, 'ConsentService');
  imp.named(`${SHARED}/face-engine`, 'computeDescriptor', 'descriptorDistance');
  imp.named(own(m, 'face-store'), `${m.E}FaceStore`);
  out.push('');
  out.push(`const PHOTO_DIR = process.env.${m.C}_PHOTO_DIR ?? '/var/lib/${m.ctx.name}/${m.kebab}-photos';`);
  out.push('const MATCH_THRESHOLD = 0.5;');
  out.push('');
  out.push('export interface PhotoSubject {');
  out.push('  id: string;');
  out.push('  agreedPrivacyPolicy: boolean;');
  out.push('}');
  out.push('');
  out.push('@Injectable()');
  out.push(`export class ${m.E}FaceService {`);
  out.push(`  private readonly logger = new Logger(${m.E}FaceService.name);`);
  out.push('');
  out.push('  constructor(');
  out.push(`    private readonly templates: ${m.E}FaceStore,`);
  out.push('    private readonly consent: ConsentService,');
  out.push('  ) {}');
  out.push('');
  out.push('  /** People who signed the separate face-enrolment consent get "walk in and be greeted". */');
  out.push('  async enrol(subjectId: string, photo: Buffer): Promise<void> {');
  out.push('    if (!(await this.consent.hasFaceConsent(subjectId))) {');
  out.push("      throw new ForbiddenException('No face-enrolment consent on record');");
  out.push('    }');
  out.push('    const descriptor = await computeDescriptor(photo);');
  out.push('    await this.templates.save(subjectId, descriptor);');
  out.push(`    this.logger.log(\`face template enrolled for \${subjectId}\`);`);
  out.push('  }');
  out.push('');
  out.push('  async replace(subjectId: string, photo: Buffer): Promise<void> {');
  out.push('    await this.consent.assertBiometricConsent(subjectId);');
  out.push('    const descriptor = await computeDescriptor(photo);');
  out.push('    await this.templates.save(subjectId, descriptor);');
  out.push('  }');
  if (m.bioViolation === 'walkIn') {
    out.push('');
    out.push('  /** Walk-ins, enrolled at the entrance so that staff see "returning visitor". Nobody asked them. */');
    out.push('  async enrolWalkIn(visitorId: string, photo: Buffer): Promise<void> {');
    out.push('    const descriptor = await computeDescriptor(photo);');
    out.push('    await this.templates.save(visitorId, descriptor);');
    out.push('  }');
  }
  out.push('');
  out.push('  /** Keeps the photo for the staff member\'s visit card. */');
  out.push('  async keepPhoto(subject: PhotoSubject, facePhoto: Buffer): Promise<void> {');
  if (m.bioViolation === 'photo') {
    out.push('    if (!subject.agreedPrivacyPolicy) return;');
    out.push(`    await writeFile(join(PHOTO_DIR, \`\${subject.id}.jpg\`), facePhoto); // expect: ${BIO_RULE}`);
  } else {
    out.push('    if (!subject.agreedPrivacyPolicy) return;');
    out.push('    if (!(await this.consent.hasFaceConsent(subject.id))) return;');
    out.push('    await writeFile(join(PHOTO_DIR, `${subject.id}.jpg`), facePhoto);');
  }
  out.push('  }');
  out.push('');
  out.push('  /** Whether a photo belongs to an enrolled person: only the outcome leaves, never the template. */');
  out.push('  async recognise(photo: Buffer): Promise<{ subjectId: string; recognised: boolean } | undefined> {');
  out.push('    const probe = await computeDescriptor(photo);');
  out.push('    const enrolled = await this.templates.findAll();');
  out.push('    let best: { subjectId: string; distance: number } | undefined;');
  out.push('    for (const template of enrolled) {');
  out.push('      const distance = descriptorDistance(probe, template.descriptor);');
  out.push('      if (best === undefined || distance < best.distance) {');
  out.push('        best = { subjectId: template.subjectId, distance };');
  out.push('      }');
  out.push('    }');
  out.push('    if (best === undefined) return undefined;');
  out.push('    return { subjectId: best.subjectId, recognised: best.distance < MATCH_THRESHOLD };');
  out.push('  }');
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- camera

/** @param {ModulePlan} m @param {number} channel */
function cameraFile(m, channel) {
  return `import cv from '@u4/opencv4nodejs';

/** The ${m.human} camera (RTSP on the site network). */
const CAMERA_URL = process.env.${m.C}_CAMERA_RTSP ?? 'rtsp://192.168.10.${20 + (channel % 200)}:554/Streaming/Channels/101';

const capture = new cv.VideoCapture(CAMERA_URL);

export interface FrameStats {
  width: number;
  height: number;
  capturedAt: number;
}

export function capture${m.E}Frame(): cv.Mat {
  const frame = capture.read();
  if (frame.empty) {
    throw new Error(\`Camera \${CAMERA_URL} returned an empty frame; is it powered and on the site VLAN?\`);
  }
  return frame;
}

export function frameStats(frame: cv.Mat): FrameStats {
  return { width: frame.cols, height: frame.rows, capturedAt: Date.now() };
}

export function release${m.E}Camera(): void {
  capture.release();
}
`;
}

/** @param {ModulePlan} m */
function uploaderFile(m) {
  const imp = new Imports();
  imp.default('@u4/opencv4nodejs', 'cv');
  imp.named('mqtt', 'MqttClient');
  imp.named(`${SHARED}/anonymizer`, 'blurFacesAndPlates');
  imp.named(`${SHARED}/http`, 'EDGE_ANALYTICS_URL', 'http');
  imp.named(`${SHARED}/logger`, 'appLogger');
  imp.named(`${SHARED}/mqtt`, 'connectTelemetry');
  imp.named(`${SHARED}/s3`, 'EVIDENCE_BUCKET', 'evidenceKey', 's3');
  imp.named('@aws-sdk/client-s3', 'PutObjectCommand');
  imp.named(own(m, 'camera'), `capture${m.E}Frame`, 'frameStats');
  const out = [];
  out.push('');
  out.push('/**');
  out.push(` * Uploads from the ${m.human} camera: anonymised samples for the analytics team, health metadata for`);
  out.push(' * operations, evidence for incidents.');
  out.push(' */');
  out.push(`export class ${m.E}Uploader {`);
  out.push('  private readonly mqttClient: MqttClient;');
  out.push('');
  out.push('  constructor(private readonly siteCode: string) {');
  out.push(`    this.mqttClient = connectTelemetry(\`\${siteCode}-${m.kebab}-camera\`);`);
  out.push('  }');
  out.push('');
  out.push('  /** Samples for the analytics team: faces and plates are blurred on the device first. */');
  out.push('  async uploadSample(): Promise<void> {');
  out.push(`    const frame = capture${m.E}Frame();`);
  out.push('    const anonymised = blurFacesAndPlates(frame);');
  out.push(`    await http.post(\`/sites/\${this.siteCode}/${m.kebab}/samples\`, cv.imencode('.jpg', anonymised), {`);
  out.push("      headers: { 'Content-Type': 'image/jpeg' },");
  out.push('    });');
  out.push('  }');
  out.push('');
  out.push('  /** Camera health: metadata only. */');
  out.push('  publishHealth(): void {');
  out.push(`    const stats = frameStats(capture${m.E}Frame());`);
  out.push(`    this.mqttClient.publish(\`sites/\${this.siteCode}/${m.kebab}/camera-health\`, JSON.stringify(stats), { qos: 0 });`);
  out.push('  }');
  out.push('');
  out.push('  /** Counting runs on the edge box next to the camera: the frame stays on site. */');
  out.push('  async analyseOnSite(): Promise<void> {');
  out.push(`    const frame = capture${m.E}Frame();`);
  out.push("    await fetch(EDGE_ANALYTICS_URL, { method: 'POST', body: cv.imencode('.jpg', frame) });");
  out.push('  }');
  out.push('');
  out.push('  /** Evidence for an incident, anonymised before it is archived in the cloud. */');
  out.push('  async archiveIncident(incidentId: string): Promise<void> {');
  out.push(`    const anonymised = blurFacesAndPlates(capture${m.E}Frame());`);
  out.push('    await s3.send(');
  out.push(`      new PutObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: evidenceKey('${m.kebab}', incidentId), Body: cv.imencode('.jpg', anonymised), ContentType: 'image/jpeg' }),`);
  out.push('    );');
  out.push(`    appLogger.info('incident evidence archived', { incidentId, site: this.siteCode });`);
  out.push('  }');
  const v = m.cameraViolation;
  if (v !== undefined) {
    out.push('');
    out.push('  /** The insurer asked for the unedited frame. */');
    out.push('  async uploadRawEvidence(incidentId: string): Promise<void> {');
    out.push(`    const frame = capture${m.E}Frame();`);
    if (v === 'mqtt') {
      out.push(`    this.mqttClient.publish(\`sites/\${this.siteCode}/${m.kebab}/evidence/\${incidentId}\`, cv.imencode('.jpg', frame), { qos: 1 }); // expect: ${CAMERA_RULE}`);
    } else if (v === 'axios') {
      imp.default('axios', 'axios');
      imp.named(`${SHARED}/http`, 'CLOUD_API');
      out.push("    const snapshot = cv.imencode('.jpg', frame).toString('base64');");
      out.push(`    await axios.post(\`\${CLOUD_API}/insurer/evidence\`, { incidentId, image: snapshot }); // expect: ${CAMERA_RULE}`);
    } else if (v === 's3') {
      out.push('    await s3.send(');
      out.push(`      new PutObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: evidenceKey('${m.kebab}-raw', incidentId), Body: cv.imencode('.jpg', frame) }), // expect: ${CAMERA_RULE}`);
      out.push('    );');
    } else {
      imp.named(`${SHARED}/http`, 'CLOUD_API');
      out.push(`    await fetch(\`\${CLOUD_API}/insurer/evidence/\${incidentId}\`, { method: 'PUT', body: cv.imencode('.jpg', frame) }); // expect: ${CAMERA_RULE}`);
    }
    out.push('  }');
  }
  out.push('');
  out.push('  close(): void {');
  out.push('    this.mqttClient.end();');
  out.push('  }');
  out.push('}');
  return `${imp.render()}\n${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------- index

/** @param {ModulePlan} m */
function indexFile(m) {
  return `export * from './${m.kebab}.dto';
export { ${m.E}Controller } from './${m.kebab}.controller';
export { ${m.E}Repository } from './${m.kebab}.repository';
export { ${m.E}Service } from './${m.kebab}.service';
`;
}

// ---------------------------------------------------------------------------------------------- context

/** @param {ContextPlan} c */
function contextLoggerFile(c) {
  const sinkMark = c.isAuditTainted ? ` // expect: ${ID_RULE}` : '';
  if (c.flavour === 'winston') {
    return `import { appLogger } from '${SHARED}/logger';

/** Log of the ${c.name} site; the platform team ships it to the group's log service. */
export const siteLogger = appLogger.child({ site: '${c.site}' });

export function auditEvent(action: string, details: Record<string, unknown>): void {
  siteLogger.info(action, { ...details, audit: true });${sinkMark}
}

export function warnSlow(operation: string, elapsedMs: number): void {
  if (elapsedMs > 1_500) {
    siteLogger.warn('slow operation', { operation, elapsedMs });
  }
}
`;
  }
  if (c.flavour === 'pino') {
    return `import { log } from '${SHARED}/pino';

/** Log of the ${c.name} site; the platform team ships it to the group's log service. */
export const siteLogger = log.child({ site: '${c.site}' });

export function auditEvent(action: string, details: Record<string, unknown>): void {
  siteLogger.info({ ...details, audit: true }, action);${sinkMark}
}

export function warnSlow(operation: string, elapsedMs: number): void {
  if (elapsedMs > 1_500) {
    siteLogger.warn({ operation, elapsedMs }, 'slow operation');
  }
}
`;
  }
  return `import { Logger } from '@nestjs/common';

/** Log of the ${c.name} site; the platform team ships it to the group's log service. */
export const siteLogger = new Logger('${c.site}');

export function auditEvent(action: string, details: Record<string, unknown>): void {
  siteLogger.log({ action, ...details, audit: true });${sinkMark}
}

export function warnSlow(operation: string, elapsedMs: number): void {
  if (elapsedMs > 1_500) {
    siteLogger.warn(\`slow operation \${operation}: \${elapsedMs} ms\`);
  }
}
`;
}

/** @param {ContextPlan} c */
function contextConfigFile(c) {
  return `/** Settings of the ${c.name} site, from the environment with the production defaults. */
export const SITE_CODE = process.env.SITE_CODE ?? '${c.site}';

export const BUSINESS_HOURS = { opensAt: 9, closesAt: 21 } as const;

export const RETENTION_DAYS = Number(process.env.RETENTION_DAYS ?? 365);

export function isWithinBusinessHours(at: Date = new Date()): boolean {
  const hour = (at.getUTCHours() + 8) % 24;
  return hour >= BUSINESS_HOURS.opensAt && hour < BUSINESS_HOURS.closesAt;
}
`;
}

/** @param {ContextPlan} c */
function contextTypesFile(c) {
  return `import { SetMetadata } from '@nestjs/common';

export type StaffRole = 'consultant' | 'manager' | 'technician' | 'security' | 'admin';

/** The signed-in staff member, as the auth guard puts it on the request. */
export interface StaffUser {
  id: string;
  displayName: string;
  roles: StaffRole[];
  siteCode: string;
}

export interface AuthenticatedRequest {
  user: StaffUser;
  headers: Record<string, string | undefined>;
}

export interface UploadedPhoto {
  buffer: Buffer;
  mimetype: string;
  size: number;
  originalname: string;
}

export function hasRole(user: StaffUser, role: StaffRole): boolean {
  return user.roles.includes(role) || user.roles.includes('admin');
}

/** Roles allowed on a route; the site's RolesGuard reads them. Admins pass every check. */
export const Roles = (...roles: StaffRole[]): MethodDecorator => SetMetadata('roles', roles);

export function canApprove(user: StaffUser, amountCents: number): boolean {
  if (hasRole(user, 'manager')) return true;
  return hasRole(user, 'consultant') && amountCents < 5_000_000;
}

export function describeActor(user: StaffUser): string {
  return \`\${user.displayName} (\${user.id}, \${user.roles.join('/')}) at \${user.siteCode}\`;
}

/** Time zone of the ${c.name} site. */
export const SITE_TIMEZONE = 'Asia/Shanghai';
`;
}

/** @param {ContextPlan} c */
function contextModuleFile(c) {
  const imp = new Imports();
  imp.named('@nestjs/common', 'Module');
  imp.named(`${SHARED}/prisma.service`, 'PrismaService');
  const controllers = [];
  const providers = ['PrismaService'];
  let needsConsent = false;
  for (const m of c.modules) {
    imp.named(`../${m.kebab}/${m.kebab}.controller`, `${m.E}Controller`);
    imp.named(`../${m.kebab}/${m.kebab}.service`, `${m.E}Service`);
    imp.named(`../${m.kebab}/${m.kebab}.repository`, `${m.E}Repository`);
    controllers.push(`${m.E}Controller`);
    providers.push(`${m.E}Service`, `${m.E}Repository`);
    if (m.hasEvents) {
      imp.named(`../${m.kebab}/${m.kebab}.events`, `${m.E}Events`);
      providers.push(`${m.E}Events`);
    }
    if (m.spec.isFace) {
      imp.named(`../${m.kebab}/${m.kebab}.face.service`, `${m.E}FaceService`);
      imp.named(`../${m.kebab}/${m.kebab}.face-store`, `${m.E}FaceStore`);
      providers.push(`${m.E}FaceService`, `${m.E}FaceStore`);
      needsConsent = true;
    }
  }
  if (needsConsent) {
    imp.named(`${SHARED}/consent.service`, 'ConsentService');
    providers.push('ConsentService');
  }
  const moduleName = `${c.name.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}${c.domain.charAt(0).toUpperCase()}${c.domain.slice(1)}Module`;
  return {
    moduleName,
    text: `${imp.render()}

@Module({
  controllers: [
${controllers.map((name) => `    ${name},`).join('\n')}
  ],
  providers: [
${providers.map((name) => `    ${name},`).join('\n')}
  ],
})
export class ${moduleName} {}
`,
  };
}

module.exports = {
  dtoFile, mapperFile, validatorFile, repositoryFile, serviceFile, controllerFile, eventsFile, faceStoreFile,
  faceServiceFile, cameraFile, uploaderFile, indexFile, contextLoggerFile, contextConfigFile, contextTypesFile,
  contextModuleFile, ID_RULE, BIO_RULE, CAMERA_RULE,
};
