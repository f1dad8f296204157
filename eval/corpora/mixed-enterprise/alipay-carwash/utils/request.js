const BASE_URL = 'https://api.jiejing-xiche.com/mp';

function token() {
  const { data } = my.getStorageSync({ key: 'session' });
  return data ? data.token : '';
}

/** 业务接口，统一处理 code != 0 */
function request(path, data = {}, method = 'POST') {
  return new Promise((resolve, reject) => {
    my.request({
      url: `${BASE_URL}${path}`,
      method,
      data,
      dataType: 'json',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${token()}` },
      success: (res) => {
        if (res.data && res.data.code === 0) resolve(res.data.data);
        else reject(res.data || { code: -1, msg: 'empty response' });
      },
      fail: reject,
    });
  });
}

/** 图片上传到业务后台 */
function upload(path, filePath, formData = {}) {
  return new Promise((resolve, reject) => {
    my.uploadFile({
      url: `${BASE_URL}${path}`,
      fileType: 'image',
      fileName: 'file',
      filePath,
      formData,
      header: { Authorization: `Bearer ${token()}` },
      success: (res) => {
        try {
          resolve(JSON.parse(res.data).data);
        } catch (e) {
          reject(e);
        }
      },
      fail: reject,
    });
  });
}

module.exports = { BASE_URL, request, upload };
