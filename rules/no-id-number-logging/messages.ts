/**
 * Messages of `no-id-number-logging`: one sentence that says what reaches where (`messages`), and the details
 * shown in the hover, SARIF and JSON: why (the short legal basis) and what to do (`details`). The Chinese frame
 * says 号码, not 身份证件号码: the source says which number it is (身份证号, 车牌号, 车架号 (VIN)…).
 * Data keys: `source` (why the value is an ID number), `sink` (the log or telemetry call), `field` (the field
 * of a logged object that holds the number), `hash` (the unkeyed hash that was applied).
 */
import type { LocalizedText } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export type IdNumberLoggingMessageId = 'idLogged' | 'idFieldLogged' | 'idLiteralLogged' | 'hashIsNotMasking';

export const messages: Readonly<Record<IdNumberLoggingMessageId, LocalizedText>> = {
  idLogged: text(
    'An identifying number ({{source}}) reaches {{sink}} unmasked.',
    '未经脱敏的号码（{{source}}）进入了 {{sink}}。',
  ),
  idFieldLogged: text(
    'An object sent to {{sink}} holds an identifying number in its field `{{field}}` ({{source}}).',
    '传给 {{sink}} 的对象在字段 `{{field}}` 中含有未经脱敏的号码（{{source}}）。',
  ),
  idLiteralLogged: text(
    'A real {{source}} written in the code reaches {{sink}}.',
    '代码中写有的真实{{source}}进入了 {{sink}}。',
  ),
  hashIsNotMasking: text(
    'An identifying number ({{source}}) reaches {{sink}} after {{hash}}, which does not mask it.',
    '号码（{{source}}）经 {{hash}} 处理后进入了 {{sink}}，这不是脱敏。',
  ),
};

export const details: Readonly<Record<IdNumberLoggingMessageId, LocalizedText>> = {
  idLogged: text(
    'Logs and telemetry are copied widely and kept long, and ID-document numbers, plates and VINs are personal information that must be de-identified (PIPL 51, Civil Code 1034, Resident Identity Card Law 19). Mask it first (keep at most the last four characters) or log a keyed HMAC instead.',
    '日志和遥测数据会被广泛复制并长期保存，而证件号码、车牌号和车架号属于个人信息，须做去标识化处理（《个人信息保护法》第五十一条、《民法典》第一千零三十四条、《居民身份证法》第十九条）。请先脱敏（最多保留后四位），或改为记录带密钥的 HMAC 值。',
  ),
  idFieldLogged: text(
    'Every field of a logged object ends up in the log, including personal information that must be de-identified (PIPL 51, Civil Code 1034). Log only the fields you need, or mask `{{field}}` before logging.',
    '被记录对象的每个字段都会写进日志，其中包括须去标识化的个人信息（《个人信息保护法》第五十一条、《民法典》第一千零三十四条）。请只记录需要的字段，或在记录前对 `{{field}}` 脱敏。',
  ),
  idLiteralLogged: text(
    'The text matches the format, check digit included where the format has one. Sample and test data copied from real customers end up in logs, tickets and the repository (PIPL 51, Civil Code 1034). Use a masked value (`110105********002X`) or a made-up number that fails the check digit.',
    '该文本符合其格式（有校验位的已通过校验）。取自真实客户的样例和测试数据会进入日志、工单和代码仓库（《个人信息保护法》第五十一条、《民法典》第一千零三十四条）。请改用脱敏后的值（`110105********002X`）或校验位不成立的虚构号码。',
  ),
  hashIsNotMasking: text(
    'Resident ID numbers, SSNs and plates are few enough to hash them all and look the value up in minutes, so the log still identifies the person (PIPL 73(3), GDPR 4(5)). Use a keyed HMAC with a secret kept outside the logs (`crypto.createHmac`), or mask the number.',
    '身份证号、社会安全号和车牌号的取值空间很小，几分钟内即可穷举全部哈希值反查原值，日志仍能识别到个人（《个人信息保护法》第七十三条第（三）项、GDPR 第 4(5) 条）。请使用密钥不在日志中的 HMAC（`crypto.createHmac`），或对号码脱敏。',
  ),
};
