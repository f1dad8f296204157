'use strict';

module.exports = {
  /**
   * 身份证号脱敏：保留前 3 位和后 4 位
   * 110105********002X -> 110***********002X
   */
  maskIdCard(idCard) {
    if (!idCard) return '';
    const s = String(idCard);
    return s.slice(0, 3) + '*'.repeat(Math.max(s.length - 7, 0)) + s.slice(-4);
  },

  /**
   * 车牌格式统一：去掉空格和中间点，转大写
   */
  maskPlate(plate) {
    if (!plate) return '';
    return String(plate).replace(/[\s·•-]/g, '').toUpperCase();
  },

  formatMoney(n) {
    return Number(n || 0).toFixed(2);
  },
};
