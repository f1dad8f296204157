import type { RuleMeta } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export const RULE_ID = 'no-id-number-logging';

export const meta: RuleMeta = {
  id: RULE_ID,
  description: text(
    'ID-document numbers, licence plates and VINs must not reach logs or telemetry unmasked.',
    '证件号码、车牌号和车架号 (VIN) 不得未经脱敏写入日志或遥测。',
  ),
  defaultSeverity: 'error',
  securitySeverity: 7.0,
  precision: 'high',
  legalBasis: text(
    'PIPL 51, 73(3); Civil Code 1034; Resident Identity Card Law 19; GB/T 35273-2020 §6.2, §7.2; GDPR 4(5), 32, 87; CCPA 1798.140(ae).',
    '《个人信息保护法》第五十一条、第七十三条；《民法典》第一千零三十四条；《居民身份证法》第十九条；GB/T 35273-2020 第 6.2、7.2 条；GDPR 第 4(5)、32、87 条；CCPA 1798.140(ae)。',
  ),
  tags: ['privacy', 'pipl', 'security', 'pii', 'logging', 'id-number', 'gdpr', 'ccpa'],
  hasSafeFix: true,
  hasSuggestions: true,
};
