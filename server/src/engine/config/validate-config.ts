/**
 * Stage: config (validation).
 * Input: the parsed config value, the rule registry, and the config text and tree (for error locations).
 * Output: the value typed as `PiilintConfigFile`, or a `ConfigError` for the first mistake.
 * Invariant: the value passed the schema built by `buildConfigSchema` from the same rules (one compiled validator
 * per rules array, cached), and every regular expression and validator name in user models compiles or exists,
 * so later stages never meet a bad model.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { Node } from 'jsonc-parser';
import { ConfigError } from '../errors';
import { calleeNamePattern, literalSourcePattern } from '../facts/compile-models';
import { compileLinear, isUnsupported } from '../facts/linear-regex';
import type { AnyRule } from '../rule-api';
import type { PiilintConfigFile } from './config-types';
import { buildConfigSchema, withEngineRules } from './config-schema';
import { explainSchemaErrors } from './explain-schema-error';
import { formatLocation, offsetOfPointer } from './json-location';

interface CompiledConfigSchema {
  readonly schema: Record<string, unknown>;
  readonly validate: ValidateFunction;
}

export interface ConfigSource {
  readonly file: string;
  readonly text: string;
  readonly tree: Node;
}

const compiledSchemas = new WeakMap<readonly AnyRule[], CompiledConfigSchema>();

export function compileConfigSchema(rules: readonly AnyRule[]): CompiledConfigSchema {
  const cached = compiledSchemas.get(rules);
  if (cached !== undefined) return cached;
  const schema = buildConfigSchema(rules);
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    discriminator: true,
    // Strict about the schema itself (unknown keywords are bugs), lenient about style checks, silent on the console.
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    logger: false,
  });
  const compiled = { schema, validate: ajv.compile(schema) };
  compiledSchemas.set(rules, compiled);
  return compiled;
}

export function validateConfig(value: unknown, rules: readonly AnyRule[], source: ConfigSource): PiilintConfigFile {
  const { schema, validate } = compileConfigSchema(rules);
  if (!validate(value)) {
    throw explainSchemaErrors(validate.errors ?? [], { ...source, rootSchema: schema });
  }
  const config = value as PiilintConfigFile;
  checkModelPatterns(config, withEngineRules(rules), source);
  return config;
}

/** Regular expressions and validator names in user models, which JSON Schema cannot check. */
function checkModelPatterns(config: PiilintConfigFile, rules: readonly AnyRule[], source: ConfigSource): void {
  for (const [ruleId, models] of Object.entries(config.models ?? {})) {
    const rule = rules.find((candidate) => candidate.meta.id === ruleId);
    const base = `/models/${ruleId}`;
    const callees = [
      ...(models.sources ?? []).map((model, index) => ({ model, pointer: `${base}/sources/${index}` })),
      ...(models.sinks ?? []).map((model, index) => ({ model, pointer: `${base}/sinks/${index}` })),
      ...(models.sanitizers ?? []).map((model, index) => ({ model, pointer: `${base}/sanitizers/${index}` })),
      ...(models.steps ?? []).map((model, index) => ({ model, pointer: `${base}/steps/${index}` })),
    ];
    for (const { model, pointer } of callees) {
      if ('receiverName' in model && typeof model.receiverName === 'string') {
        checkRegExp(calleeNamePattern(model.receiverName), `${pointer}/receiverName`, source);
      }
      if ('methods' in model && typeof model.methods === 'string') checkRegExp(calleeNamePattern(model.methods), `${pointer}/methods`, source);
      if ('when' in model && model.when !== undefined) checkRegExp(model.when.matches, `${pointer}/when/matches`, source);
      if ('kind' in model && model.kind === 'literal') {
        checkRegExp(literalSourcePattern(model.pattern), `${pointer}/pattern`, source, 'u');
        if (model.validator !== undefined && rule?.validators?.[model.validator] === undefined) {
          const known = Object.keys(rule?.validators ?? {});
          const choice = known.length > 0 ? `Use one of: ${known.join(', ')}, or remove the key.` : `${ruleId} has no validators; remove the key.`;
          throw new ConfigError(
            `${locate(source, `${pointer}/validator`)}: ${pointer}/validator names "${model.validator}", which ${ruleId} does not register. ${choice}`,
            source.file,
            `${pointer}/validator`,
          );
        }
      }
    }
  }
}

/**
 * Model patterns run on the linear-time engine (facts/linear-regex.ts), as compiled by compile-models.ts: one it
 * cannot run (a backreference, lookahead, bad syntax, too large) is a config error at the pattern's location.
 */
function checkRegExp(pattern: string, pointer: string, source: ConfigSource, flags = 'i'): void {
  const compiled = compileLinear(pattern, flags);
  if (!isUnsupported(compiled)) return;
  throw new ConfigError(
    `${locate(source, pointer)}: ${pointer} is not a valid regular expression for piilint (${compiled.reason}). Patterns use JavaScript syntax without lookahead or backreferences, and run in linear time; JSON needs \\\\ for each backslash.`,
    source.file,
    pointer,
  );
}

function locate(source: ConfigSource, pointer: string): string {
  return formatLocation(source.file, source.text, offsetOfPointer(source.tree, pointer));
}
