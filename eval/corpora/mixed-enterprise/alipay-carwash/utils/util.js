const PLATE_RE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;

function normalizePlate(raw) {
  return String(raw || '').replace(/[\s·•-]/g, '').toUpperCase();
}

function isValidPlate(plate) {
  return PLATE_RE.test(plate);
}

/** 展示/日志用：浙A***23 */
function maskPlate(plate) {
  if (!plate || plate.length < 5) return '***';
  return `${plate.slice(0, 2)}***${plate.slice(-2)}`;
}

/** camera 组件拍照的 Promise 封装 */
function takePhoto(cameraContext, quality = 'high') {
  return new Promise((resolve, reject) => {
    cameraContext.takePhoto({ quality, success: resolve, fail: reject });
  });
}

function readAsBase64(filePath) {
  return new Promise((resolve, reject) => {
    my.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) => resolve(res.data),
      fail: reject,
    });
  });
}

module.exports = { normalizePlate, isValidPlate, maskPlate, takePhoto, readAsBase64 };
