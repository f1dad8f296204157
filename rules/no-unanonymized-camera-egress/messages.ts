/**
 * Messages of `no-unanonymized-camera-egress`: one sentence that says what reaches where (`messages`), and the
 * details shown in the hover, SARIF and JSON: why (the short legal basis) and what to do (`details`). Data keys:
 * `source` (why the value is camera data), `sink` (where it leaves the vehicle or device), `anonymizer` (an anonymiser that was applied on another branch), `check` and `reason` (a consent-like
 * check that does not count; only when `allowWithConsent` is on).
 */
import type { LocalizedText } from '../../server/src/engine/rule-api';
import { text } from '../shared/localized';

export type CameraEgressMessageId =
  | 'rawFrameEgress'
  | 'anonymizerOnOneBranch'
  | 'weakConsentOnly'
  | 'privacyPolicyOnly'
  | 'osPermissionOnly';

const DO_EN =
  'Blur or fill every face and licence plate on the vehicle before the data leaves it (e.g. `await blurFacesAndPlates(frame)`), send metadata only, or keep the processing in the vehicle.';
const DO_ZH = '请在数据离开车辆之前，在车内对画面中的所有人脸和车牌做模糊或遮挡处理（例如 `await blurFacesAndPlates(frame)`），或只发送元数据，或将处理留在车内。';

export const messages: Readonly<Record<CameraEgressMessageId, LocalizedText>> = {
  rawFrameEgress: text(
    'Camera data ({{source}}) leaves the vehicle or device through {{sink}} without anonymisation.',
    '摄像头数据（{{source}}）未经匿名化处理即通过 {{sink}} 离开车辆或设备。',
  ),
  anonymizerOnOneBranch: text(
    'Camera data ({{source}}) reaches {{sink}} on a path that skips {{anonymizer}}.',
    '摄像头数据（{{source}}）在绕过 {{anonymizer}} 的路径上到达 {{sink}}。',
  ),
  weakConsentOnly: text(
    'Camera data ({{source}}) leaves through {{sink}} after a check that is not separate consent.',
    '摄像头数据（{{source}}）通过 {{sink}} 发出，此前的校验不是单独同意。',
  ),
  privacyPolicyOnly: text(
    'Camera data ({{source}}) leaves through {{sink}} after only a privacy-policy check.',
    '摄像头数据（{{source}}）通过 {{sink}} 发出，此前只校验了隐私政策同意。',
  ),
  osPermissionOnly: text(
    'Camera data ({{source}}) leaves through {{sink}} after only the OS camera permission.',
    '摄像头数据（{{source}}）通过 {{sink}} 发出，此前只校验了系统摄像头权限。',
  ),
};

export const details: Readonly<Record<CameraEgressMessageId, LocalizedText>> = {
  rawFrameEgress: text(
    `Images and video of people and plates outside the car must be anonymised before they are provided outside the vehicle (Automotive Data Provisions 8; PIPL 26, 73(4); Shanghai auto-sales PI guideline art. 4). ${DO_EN}`,
    `车外人员和车牌的图像、视频在向车外提供之前必须做匿名化处理（《汽车数据安全管理若干规定（试行）》第八条；《个人信息保护法》第二十六条、第七十三条第（四）项；《上海市汽车销售行业个人信息保护合规指引》第四条）。${DO_ZH}`,
  ),
  anonymizerOnOneBranch: text(
    'The frame is anonymised on another branch only. Every path that sends camera data off the vehicle must anonymise it (Automotive Data Provisions 8; PIPL 73(4)). Apply the anonymiser before the branches split, so that no path sends the raw frame.',
    '只有另一分支做了匿名化处理。所有把摄像头数据发往车外的路径都必须先做匿名化处理（《汽车数据安全管理若干规定（试行）》第八条；《个人信息保护法》第七十三条第（四）项）。请在分支之前调用匿名化函数，确保没有路径发送原始画面。',
  ),
  weakConsentOnly: text(
    `The check {{check}} (kind \`{{reason}}\`) is not separate consent to sending camera data (PIPL 29; Automotive Data Provisions 9). ${DO_EN}`,
    `校验 {{check}}（类型 \`{{reason}}\`）并不是对发送摄像头数据的单独同意（《个人信息保护法》第二十九条；《汽车数据安全管理若干规定（试行）》第九条）。${DO_ZH}`,
  ),
  privacyPolicyOnly: text(
    `The only check is a general privacy-policy flag ({{check}}). Accepting a privacy policy is not separate consent to sending images or video (PIPL 29; Automotive Data Provisions 9). ${DO_EN}`,
    `唯一的校验是通用的隐私政策同意标记（{{check}}）。同意隐私政策不等于单独同意发送图像或视频（《个人信息保护法》第二十九条；《汽车数据安全管理若干规定（试行）》第九条）。${DO_ZH}`,
  ),
  osPermissionOnly: text(
    `The only check is the OS camera permission ({{check}}). A camera permission lets the app record; it is not consent to send the footage away, and passers-by never gave it (PIPL 26, 29; Automotive Data Provisions 8). ${DO_EN}`,
    `唯一的校验是系统摄像头权限（{{check}}）。摄像头权限只允许应用拍摄，并不是同意把画面发往别处，路人更从未给出这种同意（《个人信息保护法》第二十六条、第二十九条；《汽车数据安全管理若干规定（试行）》第八条）。${DO_ZH}`,
  ),
};
