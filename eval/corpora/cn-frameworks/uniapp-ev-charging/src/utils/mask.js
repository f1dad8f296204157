// 车牌统一格式：去掉间隔点、空格，字母转大写
export function desensitizePlate(plate) {
  return String(plate || '').replace(/[·•\s-]/g, '').toUpperCase()
}

export function maskMobile(mobile) {
  return String(mobile || '').replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2')
}
