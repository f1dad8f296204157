'use strict';

/** @type Egg.EggPlugin */
module.exports = {
  sequelize: {
    enable: true,
    package: 'egg-sequelize',
  },
  oss: {
    enable: true,
    package: 'egg-oss',
  },
  validate: {
    enable: true,
    package: 'egg-validate',
  },
};
