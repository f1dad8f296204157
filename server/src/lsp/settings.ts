/**
 * LSP shell: settings. Turns what a client answers to `workspace/configuration` (any JSON, or nothing) into
 * `PiilintSettings`. Unknown or ill-typed values fall back to the defaults one by one, so a typo in one setting
 * never switches the linter off or crashes the server (as vscode-eslint does). Settings are resolved per
 * workspace folder and kept by the folder, never in module state.
 */
import {
  DEFAULT_SETTINGS,
  type LocaleSetting,
  type PiilintSettings,
  type RunTrigger,
  type SeverityOverride,
} from '../protocol';

const RUN_TRIGGERS: readonly RunTrigger[] = ['onType', 'onSave'];
const LOCALES: readonly LocaleSetting[] = ['auto', 'en', 'zh-CN'];
const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'off'];

export function normaliseSettings(raw: unknown): PiilintSettings {
  const value = isRecord(raw) ? raw : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: oneOf(value.run, RUN_TRIGGERS) ?? DEFAULT_SETTINGS.run,
    configFile: typeof value.configFile === 'string' ? value.configFile.trim() : DEFAULT_SETTINGS.configFile,
    locale: oneOf(value.locale, LOCALES) ?? DEFAULT_SETTINGS.locale,
    ruleSeverities: severities(value.ruleSeverities),
  };
}

export function sameSettings(a: PiilintSettings, b: PiilintSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function severities(raw: unknown): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  if (!isRecord(raw)) return out;
  for (const [ruleId, setting] of Object.entries(raw)) {
    const severity = oneOf(setting, SEVERITIES);
    if (severity) out[ruleId] = severity;
  }
  return out;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
