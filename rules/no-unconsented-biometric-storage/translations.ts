/**
 * Chinese for the descriptions of this rule's models (face-apis.ts, face-names.ts, enrolment-sinks.ts,
 * consent-guards.ts), keyed by the English description; `{{name}}` matches any text and carries it over. A new
 * model needs its entry here (or in ../shared/translations.ts): test/rules/model-translations.test.ts names every
 * description that lacks one. Terms: 人脸图像, 人脸特征值, 指纹, 声纹, 虹膜, 掌纹.
 */
import { withSharedTranslations } from '../shared/translations';

export const translations = withSharedTranslations({
  // Sources
  'face image': '人脸图像',
  'face template or feature vector': '人脸模板或特征向量',
  'face data': '人脸数据',
  'fingerprint template': '指纹模板',
  voiceprint: '声纹',
  'iris code or image': '虹膜编码或图像',
  'palm print or palm vein template': '掌纹或掌静脉模板',
  'biometric template or sample': '生物识别模板或样本',
  'face landmarks (face geometry) from {{library}}': '来自 {{library}} 的人脸关键点（人脸几何特征）',
  'face descriptor from {{library}}': '来自 {{library}} 的人脸特征值',
  'face crops from {{library}}': '来自 {{library}} 的人脸裁剪图像',
  'labelled face descriptors from {{library}}': '来自 {{library}} 的带标签人脸特征值',
  'face embedding from {{library}}': '来自 {{library}} 的人脸嵌入向量',
  'face mesh (face geometry) from {{library}}': '来自 {{library}} 的人脸网格（人脸几何特征）',
  'face boxes and keypoints from {{library}}': '来自 {{library}} 的人脸框和关键点',
  'face landmarks from {{library}}': '来自 {{library}} 的人脸关键点',
  'face mesh from {{library}}': '来自 {{library}} 的人脸网格',
  'face data from Amazon Rekognition': '来自 Amazon Rekognition 的人脸数据',
  'face IDs and landmarks from Azure Face': '来自 Azure Face 的人脸 ID 和关键点',
  'face data from Baidu AI': '来自百度 AI 的人脸数据',
  'face data from Alibaba Cloud facebody': '来自阿里云人脸人体（facebody）的人脸数据',
  'face data from Tencent Cloud IAI': '来自腾讯云人脸识别（IAI）的人脸数据',
  'face image (input of {{library}} face detection)': '人脸图像（{{library}} 人脸检测的输入）',
  'face image (input of Amazon Rekognition)': '人脸图像（Amazon Rekognition 的输入）',
  'face image (input of Baidu AI face recognition)': '人脸图像（百度 AI 人脸识别的输入）',
  'face image (input of Tencent Cloud IAI)': '人脸图像（腾讯云人脸识别 IAI 的输入）',
  'face image (input of Alibaba Cloud facebody)': '人脸图像（阿里云人脸人体 facebody 的输入）',
  // Sinks: face libraries that keep what they are given
  'Amazon Rekognition IndexFaces (stores face vectors)': 'Amazon Rekognition IndexFaces（存储人脸向量）',
  'Amazon Rekognition AssociateFaces': 'Amazon Rekognition AssociateFaces 人脸关联',
  'Azure Face persisted face': 'Azure Face 持久化人脸',
  'Azure Face list persisted face': 'Azure Face 人脸列表持久化人脸',
  'Azure Face persisted face (REST)': 'Azure Face 持久化人脸（REST）',
  'Baidu AI face library (addUser)': '百度 AI 人脸库（addUser）',
  'Baidu AI face library (faceset/user/add)': '百度 AI 人脸库（faceset/user/add）',
  'Alibaba Cloud facebody AddFace': '阿里云人脸人体 AddFace 人脸入库',
  'Tencent Cloud IAI person library (CreatePerson/CreateFace)': '腾讯云人脸识别人员库（CreatePerson/CreateFace）',
  'Face++ faceset/addface': 'Face++ 人脸集合 faceset/addface',
  'Huawei Cloud FRS face set (add faces)': '华为云人脸识别 FRS 人脸库（添加人脸）',
  'CompreFace face collection': 'CompreFace 人脸集合',
  'DeepStack face registration': 'DeepStack 人脸注册',
  'Facebox teach': 'Facebox 人脸登记（teach）',
  // Sanitizers: results that carry no biometric data
  'face match distance (a number)': '人脸比对距离（一个数字）',
  'best-match label and distance': '最佳匹配标签和距离',
  'similarity score (a number)': '相似度分数（一个数字）',
  // Guards
  'the biometric consent check': '生物识别单独同意校验',
  'the written biometric release check (BIPA 15(b))': '生物识别书面授权校验（BIPA 15(b)）',
  'a general privacy-policy or terms flag': '通用的隐私政策或用户协议同意标记',
  'an OS or browser permission (camera access or a biometric unlock prompt)': '操作系统或浏览器权限（摄像头访问或生物识别解锁提示）',
  'a cookie-banner consent': 'Cookie 横幅同意',
  'the configured consent check {{name}}': '配置的同意校验 {{name}}',
});
