'use strict';

module.exports = appInfo => {
  const config = {};
  config.keys = appInfo.name + '_1699512201554_9120';

  config.mysql = {
    client: {
      host: process.env.MYSQL_HOST,
      port: '3306',
      user: process.env.MYSQL_USER,
      password: process.env.MYSQL_PASSWORD,
      database: 'community_access',
    },
    app: true,
    agent: false,
  };

  config.oss = {
    client: {
      accessKeyId: process.env.OSS_AK,
      accessKeySecret: process.env.OSS_SK,
      bucket: 'community-face',
      endpoint: 'oss-cn-hangzhou.aliyuncs.com',
    },
  };

  config.baiduFace = {
    apiKey: process.env.BAIDU_FACE_AK,
    secretKey: process.env.BAIDU_FACE_SK,
    groupPrefix: 'xq_',
  };

  config.deviceToken = process.env.DEVICE_PUSH_TOKEN;

  return config;
};
