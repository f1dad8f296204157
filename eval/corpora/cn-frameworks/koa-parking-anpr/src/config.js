'use strict';

module.exports = {
  port: Number(process.env.PORT || 8086),
  yardCode: process.env.YARD_CODE || 'SH-PD-0153',
  mongoUrl: process.env.MONGO_URL || 'mongodb://127.0.0.1:27017/yard',
  mysql: {
    host: process.env.MYSQL_HOST || '127.0.0.1',
    user: process.env.MYSQL_USER || 'yard',
    password: process.env.MYSQL_PASSWORD,
    database: 'yard_card',
  },
  // 城市级智慧停车平台（区交通委）
  cityPlatform: {
    baseUrl: process.env.CITY_PLATFORM_URL,
    appKey: process.env.CITY_PLATFORM_APPKEY,
  },
  // 小区物业管理平台
  propertyPlatformUrl: process.env.PROPERTY_PLATFORM_URL,
  oss: {
    region: 'oss-cn-shanghai',
    bucket: 'yard-capture',
    accessKeyId: process.env.OSS_AK,
    accessKeySecret: process.env.OSS_SK,
  },
  // 本机道闸/LED 控制守护进程
  gateDaemon: 'http://127.0.0.1:9300',
};
