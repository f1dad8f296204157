'use strict';

exports.mysql = {
  enable: true,
  package: 'egg-mysql',
};

exports.oss = {
  enable: true,
  package: 'egg-oss',
};

exports.validate = {
  enable: true,
  package: 'egg-validate',
};
