import { createHash, createHmac } from 'node:crypto';

const LOG_HMAC_KEY = process.env.LOG_HMAC_KEY ?? '';

/** 身份证号脱敏：保留前 3 位和后 4 位，隐去出生日期 */
export function maskIdNo(idNo: string): string {
  return idNo.replace(/^(\d{3})\d{11}(\d{3}[\dXx])$/, '$1***********$2');
}

export function maskMobile(mobile: string): string {
  return mobile.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');
}

/** 日志关联用的不可逆引用（带密钥） */
export function hmacRef(value: string): string {
  return createHmac('sha256', LOG_HMAC_KEY).update(value).digest('hex').slice(0, 24);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
