/**
 * Chinese for the descriptions of the models that several rules share (persistence-sinks.ts, http-clients.ts and
 * the cloud storage sinks): the words a finding shows for its sink. Keyed by the English description, as the model
 * writes it; a key with `{{name}}` matches any text there and carries it over (`file write ({{library}})`). Each
 * rule's translations.ts spreads this table into its own. test/rules/model-translations.test.ts compiles every
 * rule's models and names each description that has no entry, so a new model fails the test until it has one.
 */
export const sharedTranslations: Readonly<Record<string, string>> = {
  // Databases and ORMs
  'Prisma write': 'Prisma 写入',
  'TypeORM repository write': 'TypeORM 仓储写入',
  'TypeORM entity manager write': 'TypeORM 实体管理器写入',
  'TypeORM Active Record write': 'TypeORM Active Record 写入',
  'TypeORM Active Record save': 'TypeORM Active Record 保存',
  'Sequelize model write': 'Sequelize 模型写入',
  'Sequelize instance update': 'Sequelize 实例更新',
  'Sequelize instance save': 'Sequelize 实例保存',
  'Sequelize raw INSERT/UPDATE': 'Sequelize 原生 INSERT/UPDATE',
  'Mongoose model write': 'Mongoose 模型写入',
  'new Mongoose document (saved with .save())': '新建 Mongoose 文档（随 .save() 保存）',
  'MongoDB collection write': 'MongoDB 集合写入',
  'knex insert/update': 'knex 插入/更新',
  'PostgreSQL INSERT/UPDATE ({{library}})': 'PostgreSQL INSERT/UPDATE 语句（{{library}}）',
  'SQLite INSERT/UPDATE ({{library}})': 'SQLite INSERT/UPDATE 语句（{{library}}）',
  'SQLite statement run ({{library}})': 'SQLite 语句执行（{{library}}）',
  'MySQL INSERT/UPDATE ({{library}})': 'MySQL INSERT/UPDATE 语句（{{library}}）',
  'MySQL write ({{library}})': 'MySQL 写入（{{library}}）',
  'Redis write': 'Redis 写入',
  'Redis write ({{library}})': 'Redis 写入（{{library}}）',
  'cache or Redis write (by receiver name)': '缓存或 Redis 写入（按接收对象名称识别）',
  'repository write (by receiver name)': '仓储写入（按接收对象名称识别）',
  // Files
  'file write ({{library}})': '文件写入（{{library}}）',
  'file stream write ({{library}})': '文件流写入（{{library}}）',
  'file handle write ({{library}})': '文件句柄写入（{{library}}）',
  'WeChat file system write': '微信小程序文件系统写入',
  'WeChat file save': '微信小程序文件保存',
  'uni-app file system write': 'uni-app 文件系统写入',
  'uni-app file save': 'uni-app 文件保存',
  // Object storage
  'Amazon S3 PutObject': 'Amazon S3 PutObject 上传',
  'Amazon S3 UploadPart': 'Amazon S3 UploadPart 分片上传',
  'Amazon S3 multipart upload ({{library}})': 'Amazon S3 分片上传（{{library}}）',
  'Amazon S3 upload ({{library}})': 'Amazon S3 上传（{{library}}）',
  'Alibaba Cloud OSS upload': '阿里云 OSS 上传',
  'Tencent Cloud COS upload': '腾讯云 COS 上传',
  'Tencent Cloud COS file upload': '腾讯云 COS 文件上传',
  'MinIO upload': 'MinIO 上传',
  'Qiniu Kodo upload': '七牛云 Kodo 上传',
  'Huawei Cloud OBS upload': '华为云 OBS 上传',
  'Google Cloud Storage upload': 'Google Cloud Storage 上传',
  'Google Cloud Storage stream upload': 'Google Cloud Storage 流式上传',
  'Azure Blob Storage upload': 'Azure Blob Storage 上传',
  // Browser and app storage
  localStorage: 'localStorage 本地存储',
  sessionStorage: 'sessionStorage 会话存储',
  'Cache Storage': 'Cache Storage 缓存存储',
  'IndexedDB object store write': 'IndexedDB 对象仓库写入',
  'IndexedDB write ({{library}})': 'IndexedDB 写入（{{library}}）',
  localforage: 'localforage 本地存储',
  'AsyncStorage (React Native)': 'AsyncStorage 存储（React Native）',
  'expo-secure-store': 'expo-secure-store 安全存储',
  'MMKV storage': 'MMKV 存储',
  'Capacitor Preferences': 'Capacitor Preferences 存储',
  'WeChat mini-program storage': '微信小程序本地存储',
  'uni-app storage': 'uni-app 本地存储',
  'Taro storage': 'Taro 本地存储',
  // Network
  'HTTP request ({{library}})': 'HTTP 请求（{{library}}）',
  'HTTP request body ({{library}})': 'HTTP 请求体（{{library}}）',
  'beacon (navigator.sendBeacon)': '信标请求（navigator.sendBeacon）',
  'WebSocket message': 'WebSocket 消息',
  'WebSocket message ({{library}})': 'WebSocket 消息（{{library}}）',
  'WebSocket message (by receiver name)': 'WebSocket 消息（按接收对象名称识别）',
  'Socket.IO message': 'Socket.IO 消息',
  'Socket.IO broadcast': 'Socket.IO 广播',
  'Socket.IO message (by receiver name)': 'Socket.IO 消息（按接收对象名称识别）',
  'MQTT publish': 'MQTT 发布',
  'MQTT publish (by receiver name)': 'MQTT 发布（按接收对象名称识别）',
  'WeChat upload (wx.uploadFile)': '微信小程序上传（wx.uploadFile）',
  'WeChat request (wx.request)': '微信小程序请求（wx.request）',
  'uni-app upload (uni.uploadFile)': 'uni-app 上传（uni.uploadFile）',
  'uni-app request (uni.request)': 'uni-app 请求（uni.request）',
  'Taro upload': 'Taro 上传',
};

/** A rule's table: the shared one, then the rule's own entries (which win). */
export function withSharedTranslations(own: Readonly<Record<string, string>>): { readonly 'zh-CN': Readonly<Record<string, string>> } {
  return { 'zh-CN': { ...sharedTranslations, ...own } };
}
