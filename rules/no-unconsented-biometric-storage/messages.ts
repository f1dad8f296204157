/**
 * Messages of `no-unconsented-biometric-storage`: one sentence that says what reaches where (`messages`), and the
 * details shown in the hover, SARIF and JSON: why (the short legal basis) and what to do (`details`). Data keys:
 * `source` (why the value is biometric: the API it came from, or the name or field that says so), `sink` (the
 * store), `check` (the check that was found but does not count) and `checkLine` (its line). Every kind of check the engine reports (the reason catalogue) has its own message.
 */
import type { LocalizedText } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export type BiometricStorageMessageId =
  | 'unconsentedStorage'
  | 'privacyPolicyOnly'
  | 'osPermissionOnly'
  | 'cookieBannerOnly'
  | 'consentNotOnEveryPath'
  | 'consentDefaultsToTrue'
  | 'consentFromClientInput'
  | 'consentOfAnotherPerson';

const DO_EN =
  'Check the person\'s separate, unrevoked consent to biometric processing on every path before this write (e.g. `await assertBiometricConsent(customerId)`), or do not store the data.';
const DO_ZH = '请在每条写入路径之前校验该个人对生物识别信息处理的单独同意且未撤回（例如 `await assertBiometricConsent(customerId)`），否则不要存储该数据。';

export const messages: Readonly<Record<BiometricStorageMessageId, LocalizedText>> = {
  unconsentedStorage: text(
    'Biometric data ({{source}}) is stored by {{sink}} without a separate-consent check.',
    '生物识别信息（{{source}}）未经单独同意校验即由 {{sink}} 存储。',
  ),
  privacyPolicyOnly: text(
    'Biometric data ({{source}}) is stored by {{sink}} after only a privacy-policy check (line {{checkLine}}).',
    '生物识别信息（{{source}}）由 {{sink}} 存储，此前只校验了隐私政策同意（第 {{checkLine}} 行）。',
  ),
  osPermissionOnly: text(
    'Biometric data ({{source}}) is stored by {{sink}} after only an OS permission check (line {{checkLine}}).',
    '生物识别信息（{{source}}）由 {{sink}} 存储，此前只校验了系统权限（第 {{checkLine}} 行）。',
  ),
  cookieBannerOnly: text(
    'Biometric data ({{source}}) is stored by {{sink}} after only a cookie-consent check (line {{checkLine}}).',
    '生物识别信息（{{source}}）由 {{sink}} 存储，此前只校验了 Cookie 同意（第 {{checkLine}} 行）。',
  ),
  consentNotOnEveryPath: text(
    'Biometric data ({{source}}) is stored by {{sink}} on a path that skips the consent check on line {{checkLine}}.',
    '生物识别信息（{{source}}）在绕过第 {{checkLine}} 行同意校验的路径上由 {{sink}} 存储。',
  ),
  consentDefaultsToTrue: text(
    'Biometric data ({{source}}) is stored by {{sink}} after a consent check that defaults to true (line {{checkLine}}).',
    '生物识别信息（{{source}}）由 {{sink}} 存储，此前第 {{checkLine}} 行的同意校验默认为 true。',
  ),
  consentFromClientInput: text(
    "Biometric data ({{source}}) is stored by {{sink}} on consent read from the client's request (line {{checkLine}}).",
    '生物识别信息（{{source}}）由 {{sink}} 存储，所依据的同意直接取自客户端请求（第 {{checkLine}} 行）。',
  ),
  consentOfAnotherPerson: text(
    "Biometric data ({{source}}) is stored by {{sink}}, but the check on line {{checkLine}} tests another person's consent.",
    '生物识别信息（{{source}}）由 {{sink}} 存储，但第 {{checkLine}} 行的校验针对的是另一个人的同意。',
  ),
};

export const details: Readonly<Record<BiometricStorageMessageId, LocalizedText>> = {
  unconsentedStorage: text(
    `Biometrics are sensitive personal information and need the person's separate consent before they are processed (PIPL 28, 29; SPC Face Recognition Provisions 2, 4; BIPA 15(b)). ${DO_EN}`,
    `生物识别信息属于敏感个人信息，处理前须取得个人的单独同意（《个人信息保护法》第二十八条、第二十九条；《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》第二条、第四条；BIPA 15(b)）。${DO_ZH}`,
  ),
  privacyPolicyOnly: text(
    `The check on line {{checkLine}} ({{check}}) is a general privacy-policy flag. Accepting a privacy policy is not separate consent: biometrics need their own consent, given for this purpose alone (PIPL 29; SPC Face Recognition Provisions 4: bundled consent is no defence). ${DO_EN}`,
    `第 {{checkLine}} 行的校验（{{check}}）是通用的隐私政策同意标记。同意隐私政策不等于单独同意：生物识别信息须针对该目的单独取得同意（《个人信息保护法》第二十九条；最高人民法院人脸识别司法解释第四条：捆绑同意不能免责）。${DO_ZH}`,
  ),
  osPermissionOnly: text(
    `The check on line {{checkLine}} ({{check}}) is an OS or browser permission. A camera permission or an OS biometric prompt lets the app use the sensor; it is not the person's consent to have their biometrics stored (PIPL 29). ${DO_EN}`,
    `第 {{checkLine}} 行的校验（{{check}}）是操作系统或浏览器权限。摄像头权限或系统生物识别验证只允许应用使用传感器，并不是个人同意存储其生物识别信息（《个人信息保护法》第二十九条）。${DO_ZH}`,
  ),
  cookieBannerOnly: text(
    `The check on line {{checkLine}} ({{check}}) is cookie consent that names no biometric purpose. Cookie consent does not cover biometrics, which need separate consent for this purpose (PIPL 29; GDPR 9(2)(a)). ${DO_EN}`,
    `第 {{checkLine}} 行的校验（{{check}}）是未写明生物识别目的的 Cookie 同意。Cookie 同意不涵盖生物识别信息，后者须针对该目的单独同意（《个人信息保护法》第二十九条；GDPR 第 9(2)(a) 条）。${DO_ZH}`,
  ),
  consentNotOnEveryPath: text(
    'The consent check {{check}} (line {{checkLine}}) runs on another branch only, or after the write. Consent must be checked before every biometric write (PIPL 29). Move the check before the write so that it dominates it, e.g. return or throw when consent is missing.',
    '同意校验 {{check}}（第 {{checkLine}} 行）只在另一分支执行，或在写入之后执行。每次写入生物识别信息之前都必须校验同意（《个人信息保护法》第二十九条）。请把校验移到写入之前，使其覆盖所有路径，例如在未同意时直接 return 或 throw。',
  ),
  consentDefaultsToTrue: text(
    `The consent check {{check}} (line {{checkLine}}) defaults to true when nothing was recorded. Pre-ticked or assumed consent is not consent (PIPL 14; Shanghai auto-sales PI guideline art. 3). Treat missing consent as refusal: drop the \`?? true\` / \`|| true\` default. ${DO_EN}`,
    `同意校验 {{check}}（第 {{checkLine}} 行）在没有记录时默认为 true。默认勾选或推定的同意不是同意（《个人信息保护法》第十四条；《上海市汽车销售行业个人信息保护合规指引》第三条）。请把未记录的同意视为拒绝，去掉 \`?? true\` / \`|| true\` 之类的默认值。${DO_ZH}`,
  ),
  consentFromClientInput: text(
    `The consent tested by {{check}} (line {{checkLine}}) comes straight from the client's request. A request field proves nothing about what the person agreed to; consent must be recorded per person and looked up on the server (PIPL 14, 29). ${DO_EN}`,
    `{{check}}（第 {{checkLine}} 行）所校验的同意直接取自客户端请求。请求字段无法证明个人同意了什么；同意须按个人记录并在服务端查询（《个人信息保护法》第十四条、第二十九条）。${DO_ZH}`,
  ),
  consentOfAnotherPerson: text(
    "The check {{check}} (line {{checkLine}}) tests the consent of someone other than the person whose data is written. Consent is personal: each person's biometrics need that person's own separate consent (PIPL 14, 29; SPC Face Recognition Provisions 2). Check the consent of the person the data belongs to before the write.",
    '校验 {{check}}（第 {{checkLine}} 行）针对的是另一个人的同意，而不是被写入数据的本人的同意。同意只对本人有效：每个人的生物识别信息都须取得其本人的单独同意（《个人信息保护法》第十四条、第二十九条；最高人民法院人脸识别司法解释第二条）。请在写入之前校验数据所属个人的同意。',
  ),
};
