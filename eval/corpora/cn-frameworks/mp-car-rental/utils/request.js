const BASE_URL = 'https://api.example-rental.com';

function request(path, { method = 'GET', data } = {}) {
  const { token } = getApp().globalData;
  return new Promise((resolve, reject) => {
    wx.request({
      url: BASE_URL + path,
      method,
      data,
      header: { Authorization: `Bearer ${token}` },
      success: res => {
        if (res.statusCode === 200 && res.data.code === 0) resolve(res.data.data);
        else reject(res.data);
      },
      fail: reject,
    });
  });
}

function upload(path, filePath, name, formData) {
  const { token } = getApp().globalData;
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: BASE_URL + path,
      filePath,
      name,
      formData,
      header: { Authorization: `Bearer ${token}` },
      success: res => resolve(JSON.parse(res.data)),
      fail: reject,
    });
  });
}

module.exports = { request, upload, BASE_URL };
