'use strict';

module.exports = appInfo => {
  const config = {};

  config.keys = appInfo.name + '_1701858293021_4471';

  config.middleware = [];

  config.sequelize = {
    dialect: 'mysql',
    host: process.env.CRM_DB_HOST || '127.0.0.1',
    port: 3306,
    database: 'dealer_crm',
    username: process.env.CRM_DB_USER,
    password: process.env.CRM_DB_PASS,
    timezone: '+08:00',
    define: {
      underscored: true,
      freezeTableName: true,
    },
  };

  config.oss = {
    client: {
      accessKeyId: process.env.OSS_AK,
      accessKeySecret: process.env.OSS_SK,
      bucket: 'dealer-crm-archive',
      endpoint: 'oss-cn-shanghai.aliyuncs.com',
      timeout: '60s',
    },
  };

  config.baiduOcr = {
    apiKey: process.env.BAIDU_OCR_AK,
    secretKey: process.env.BAIDU_OCR_SK,
  };

  config.sensors = {
    serverUrl: 'https://sa.example-dealer.com:8106/sa?project=crm',
  };

  // 证件号关联日志用，运维从 KMS 注入
  config.idRefSecret = process.env.CRM_ID_REF_SECRET;

  config.security = {
    csrf: { enable: false },
  };

  return config;
};
