/**
 * Rules the engine reports itself, without a dataflow: files it could not parse and suppression comments that
 * are malformed or suppress nothing. They are rules so that severities, SARIF `tool.driver.rules` and the
 * editor treat them like any other.
 */
import type { AnyRule, RuleDefinition } from '../rule-api';

function engineRule(
  id: string,
  severity: 'error' | 'warning',
  en: string,
  zh: string,
  messages: RuleDefinition['messages'],
  details: RuleDefinition['messages'] = {},
): AnyRule {
  return {
    meta: {
      id,
      description: { en, 'zh-CN': zh },
      defaultSeverity: severity,
      securitySeverity: 0,
      precision: 'very-high',
      legalBasis: { en: 'Not a privacy rule: reported so that nothing is silently unchecked.', 'zh-CN': '非隐私规则：报告出来，以免有代码未经检查。' },
      tags: ['piilint-internal'],
      hasSafeFix: false,
      hasSuggestions: false,
    },
    optionsSchema: { type: 'object', additionalProperties: false },
    defaultOptions: {},
    messages,
    details,
    createModels: () => ({}),
    requiresGuard: () => false,
    describe: () => ({ messageId: Object.keys(messages)[0]!, data: {} }),
  };
}

export const PARSE_ERROR_RULE_ID = 'parse-error';
export const INVALID_SUPPRESSION_RULE_ID = 'invalid-suppression';
export const UNUSED_SUPPRESSION_RULE_ID = 'unused-suppression';

export const parseErrorRule = engineRule(
  PARSE_ERROR_RULE_ID,
  'error',
  'The file could not be parsed, so piilint could not check it.',
  '文件无法解析，piilint 未能检查该文件。',
  {
    parseError: {
      en: 'Cannot parse this file: {{detail}}.',
      'zh-CN': '无法解析此文件：{{detail}}。',
    },
    parseBudget: {
      en: 'piilint gave up on this file: TypeScript did not parse it within {{budget}}.',
      'zh-CN': 'piilint 放弃了此文件：TypeScript 未能在 {{budget}} 内完成解析。',
    },
  },
  {
    parseError: {
      en: 'piilint skipped the file, so privacy problems in it are not reported. Fix the syntax error and run again.',
      'zh-CN': 'piilint 已跳过该文件，其中的隐私问题不会被报告。请修复语法错误后重新运行。',
    },
    parseBudget: {
      en: 'Some malformed code makes the parser backtrack for minutes, and tens of thousands of declarations of one name make binding slow. piilint skipped the file, so privacy problems in it are not reported. Fix any syntax error or split the file, or add it to "ignore" in piilint.config.json if it is generated.',
      'zh-CN': '某些格式错误的代码会让解析器回溯数分钟，同一名称的数万个声明会让绑定变慢。piilint 已跳过该文件，其中的隐私问题不会被报告。请修复语法错误或拆分文件；如果是生成的文件，请将其加入 piilint.config.json 的 "ignore"。',
    },
  },
);

export const invalidSuppressionRule = engineRule(
  INVALID_SUPPRESSION_RULE_ID,
  'warning',
  'A piilint suppression comment without a reason, with a placeholder for one, naming an unknown rule, or with an unknown directive.',
  '缺少理由、以占位符作理由、引用未知规则或使用未知指令的 piilint 抑制注释。',
  {
    missingReason: {
      en: 'Suppression of {{ruleId}} has no reason.',
      'zh-CN': '对 {{ruleId}} 的抑制没有说明理由。',
    },
    placeholderReason: {
      en: 'Suppression of {{ruleId}} gives the placeholder "{{reason}}" as its reason, so it suppresses nothing. Replace it with why the finding is acceptable, e.g. `-- consent is checked by the kiosk firmware`.',
      'zh-CN': '对 {{ruleId}} 的抑制以占位符 "{{reason}}" 作为理由，因此不抑制任何问题。请将其替换为为何可以接受的说明，例如 `-- 同意已由终端固件校验`。',
    },
    unknownDirective: {
      en: 'Unknown piilint directive "{{directive}}", so it suppresses nothing. Use piilint-disable-next-line, piilint-disable-line, piilint-disable or piilint-enable.',
      'zh-CN': '未知的 piilint 指令 "{{directive}}"，因此不抑制任何问题。请使用 piilint-disable-next-line、piilint-disable-line、piilint-disable 或 piilint-enable。',
    },
    unknownRule: {
      en: 'Suppression names the unknown rule "{{ruleId}}".',
      'zh-CN': '抑制注释引用了未知规则 "{{ruleId}}"。',
    },
  },
  {
    missingReason: {
      en: 'Write why the finding is acceptable after "--", e.g. `// piilint-disable-next-line {{ruleId}} -- consent is checked by the kiosk firmware`, so reviewers and auditors can judge it.',
      'zh-CN': '请在 "--" 之后写明为何可以接受，例如 `// piilint-disable-next-line {{ruleId}} -- 同意已由终端固件校验`，以便评审和审计人员判断。',
    },
    unknownRule: {
      en: 'Use one of: {{known}}.',
      'zh-CN': '可用的规则：{{known}}。',
    },
  },
);

export const unusedSuppressionRule = engineRule(
  UNUSED_SUPPRESSION_RULE_ID,
  'warning',
  'A piilint suppression comment that suppresses nothing.',
  '没有抑制任何问题的 piilint 抑制注释。',
  {
    unusedSuppression: {
      en: 'This suppression of {{ruleId}} suppresses nothing.',
      'zh-CN': '此对 {{ruleId}} 的抑制没有抑制任何问题。',
    },
  },
  {
    unusedSuppression: {
      en: 'Remove it, so that a future finding here is not hidden.',
      'zh-CN': '请删除它，以免将来此处的问题被隐藏。',
    },
  },
);

export const ENGINE_RULES: readonly AnyRule[] = [parseErrorRule, invalidSuppressionRule, unusedSuppressionRule];
