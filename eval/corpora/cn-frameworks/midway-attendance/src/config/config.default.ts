import { MidwayConfig } from '@midwayjs/core';
import { Employee, BiometricConsent } from '../entity/employee.entity';
import { Attendance } from '../entity/attendance.entity';

export default {
  keys: '1700631012741_2210',
  koa: { port: 7001 },
  typeorm: {
    dataSource: {
      default: {
        type: 'mysql',
        host: process.env.DB_HOST,
        port: 3306,
        username: process.env.DB_USER,
        password: process.env.DB_PASS,
        database: 'attendance',
        synchronize: false,
        entities: [Employee, Attendance, BiometricConsent],
      },
    },
  },
  iai: {
    secretId: process.env.TENCENT_SECRET_ID,
    secretKey: process.env.TENCENT_SECRET_KEY,
    region: 'ap-shanghai',
    groupId: 'plant_sh_employees',
  },
  cos: {
    secretId: process.env.TENCENT_SECRET_ID,
    secretKey: process.env.TENCENT_SECRET_KEY,
    bucket: 'attendance-1250000000',
    region: 'ap-shanghai',
  },
} as MidwayConfig;
