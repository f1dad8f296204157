'use strict';

const PLATE_RE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,6}[警学挂领港澳]?$/;

function normalizePlate(raw) {
  return String(raw || '').replace(/[\s·•-]/g, '').toUpperCase();
}

function isValidPlate(plate) {
  return PLATE_RE.test(plate);
}

// 沪A12345 -> 沪A***45
function maskPlate(plate) {
  const p = normalizePlate(plate);
  if (p.length < 5) return '***';
  return p.slice(0, 2) + '*'.repeat(p.length - 4) + p.slice(-2);
}

module.exports = { normalizePlate, isValidPlate, maskPlate };
