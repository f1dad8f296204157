import type { RuleMeta } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export const RULE_ID = 'no-unconsented-biometric-storage';

export const meta: RuleMeta = {
  id: RULE_ID,
  description: text(
    'Biometric data (face images and templates, fingerprints, voiceprints) must not be stored without a check of separate consent on every path to the write.',
    '生物识别信息（人脸图像与特征、指纹、声纹）在每条写入路径上都必须先校验单独同意，否则不得存储。',
  ),
  defaultSeverity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  legalBasis: text(
    'PIPL 13, 14, 28, 29, 55; Civil Code 1034; SPC Face Recognition Provisions (Judicial Interpretation No. 15 [2021]) 2, 4; GB/T 35273-2020 §5.4; BIPA 740 ILCS 14/15(b); GDPR 9(1), 9(2)(a).',
    '《个人信息保护法》第十三条、第十四条、第二十八条、第二十九条、第五十五条；《民法典》第一千零三十四条；法释〔2021〕15号第二条、第四条；GB/T 35273-2020 第 5.4 条；BIPA 740 ILCS 14/15(b)；GDPR 第 9(1)、9(2)(a) 条。',
  ),
  tags: ['privacy', 'pipl', 'security', 'biometric', 'sensitive-pi', 'consent', 'gdpr', 'bipa'],
  hasSafeFix: false,
  hasSuggestions: true,
};
