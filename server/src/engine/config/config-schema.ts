/**
 * Stage: config (schema).
 * Input: the rule registry (plus the engine's own rules, always added).
 * Output: the JSON Schema (draft-07) of `piilint.config.json`, with a title and description on every property.
 * Invariant: this function is the single source of the schema. `loadConfig` validates with it, and the shipped
 * schema/piilint.config.schema.json is its output for the full registry (written by
 * scripts/write-config-schema.js; a test fails when the two drift apart).
 */
import { DEFAULT_MAX_FILE_SIZE } from './config-types';
import { ENGINE_RULES } from '../findings/engine-rules';
import { LOCALES, type AnyRule } from '../rule-api';
import { MODEL_DEFINITIONS } from './models-schema';

type Schema = Record<string, unknown>;

export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'] as const;

/** The registry plus the engine's own rules (parse errors, suppressions), so users can configure those too. */
export function withEngineRules(rules: readonly AnyRule[]): AnyRule[] {
  const ids = new Set(rules.map((rule) => rule.meta.id));
  return [...rules, ...ENGINE_RULES.filter((rule) => !ids.has(rule.meta.id))];
}

export function isEngineRule(rule: AnyRule): boolean {
  return ENGINE_RULES.some((engineRule) => engineRule.meta.id === rule.meta.id);
}

export function buildConfigSchema(rules: readonly AnyRule[]): Schema {
  const allRules = withEngineRules(rules);
  const ruleProperties: Record<string, Schema> = {};
  const modelProperties: Record<string, Schema> = {};
  for (const rule of allRules) {
    ruleProperties[rule.meta.id] = ruleSettingSchema(rule);
    if (!isEngineRule(rule)) {
      modelProperties[rule.meta.id] = {
        description: `Extra models for ${rule.meta.id}: ${rule.meta.description.en}`,
        allOf: [{ $ref: '#/definitions/ruleModels' }],
      };
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'piilint configuration',
    description:
      'Configuration of piilint, the privacy linter (piilint.config.json). It is data only: comments and trailing ' +
      'commas are allowed, nothing in it is executed. See docs/configuration.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {
        type: 'string',
        title: 'Schema',
        description: 'Path or URL of this schema, for editor completion: `./node_modules/piilint/schema/piilint.config.schema.json`.',
      },
      root: {
        type: 'boolean',
        title: 'Root',
        description: 'Marks the top-most config of a project. Reserved: the nearest piilint.config.json always wins and configs are never merged.',
        default: false,
      },
      locale: {
        title: 'Locale',
        description:
          'Language of messages: "en" (English), "zh-CN" (简体中文), or "auto": the language of the environment (LC_ALL, LC_MESSAGES or LANG on the command line; the display language in VS Code), English when it is not Chinese. The command line and the editor settings can override it.',
        enum: [...LOCALES, 'auto'],
        default: 'auto',
      },
      ignore: {
        type: 'array',
        title: 'Ignore',
        description:
          'Files and folders not to scan, in .gitignore syntax, relative to this file\'s folder (`legacy/`, `**/*.generated.ts`, ' +
          '`!keep.ts`). Applies also to files named on the command line.',
        items: { type: 'string', minLength: 1, description: 'A .gitignore-style pattern.' },
        default: [],
      },
      maxFileSize: {
        type: 'integer',
        title: 'Maximum file size',
        description: `Files larger than this many bytes are skipped with a "file-too-large" notice. Default ${DEFAULT_MAX_FILE_SIZE} (2 MiB).`,
        minimum: 1,
        default: DEFAULT_MAX_FILE_SIZE,
      },
      rules: {
        type: 'object',
        title: 'Rules',
        description:
          'Severity and options per rule id: a severity ("error", "warning", "info", "off") or `{ "severity": …, "options": { … } }`. ' +
          'Rules not listed keep their defaults.',
        additionalProperties: false,
        properties: ruleProperties,
      },
      models: {
        type: 'object',
        title: 'Models',
        description:
          'Extra sources, sinks, sanitizers, guards and steps per rule id, in the format of the built-in models: your own ' +
          'logger, consent check or upload client. They are added to the built-in ones.',
        additionalProperties: false,
        properties: modelProperties,
      },
    },
    definitions: {
      severity: {
        title: 'Severity',
        description: '"error", "warning" or "info" reports findings at that level; "off" turns the rule off.',
        enum: [...SEVERITY_SETTINGS],
      },
      ...MODEL_DEFINITIONS,
    },
  };
}

function ruleSettingSchema(rule: AnyRule): Schema {
  const id = rule.meta.id;
  // Copy through JSON so the schema is plain data, exactly what the checked-in file holds. A rule's own `$schema`
  // and `$id` belong at a document root, not inside ours.
  const { $schema: _dialect, $id: _id, ...options } = JSON.parse(JSON.stringify(rule.optionsSchema)) as Schema;
  return {
    title: id,
    description: `${rule.meta.description.en} Default severity: "${rule.meta.defaultSeverity}".`,
    anyOf: [
      { $ref: '#/definitions/severity' },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity: { description: `Severity of ${id}.`, allOf: [{ $ref: '#/definitions/severity' }] },
          options: {
            description: `Options of ${id}; merged into its defaults.`,
            ...options,
            default: JSON.parse(JSON.stringify(rule.defaultOptions ?? {})) as unknown,
          },
        },
      },
    ],
  };
}
