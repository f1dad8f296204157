import type { RuleMeta } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export const RULE_ID = 'no-unanonymized-camera-egress';

export const meta: RuleMeta = {
  id: RULE_ID,
  description: text(
    'Camera frames, images and video must not leave the vehicle or device before every face and licence plate is anonymised.',
    '摄像头画面、图像和视频在离开车辆或设备之前，必须对所有人脸和车牌做匿名化处理。',
  ),
  defaultSeverity: 'error',
  securitySeverity: 7.5,
  precision: 'medium',
  legalBasis: text(
    'Automotive Data Provisions 3, 6, 8, 12; PIPL 26, 28, 29, 55, 73(4); GB/T 41871-2022 §5, §6; Shanghai auto-sales PI guideline art. 4; Consumer Protection Law 29(1).',
    '《汽车数据安全管理若干规定（试行）》第三条、第六条、第八条、第十二条；《个人信息保护法》第二十六条、第二十八条、第二十九条、第五十五条、第七十三条；GB/T 41871-2022 第 5、6 章；《上海市汽车销售行业个人信息保护合规指引》第四条；《消费者权益保护法》第二十九条。',
  ),
  tags: ['privacy', 'pipl', 'security', 'camera', 'automotive', 'anonymization', 'data-export'],
  hasSafeFix: false,
  hasSuggestions: true,
};
