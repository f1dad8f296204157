export const BASE_URL = 'https://api.example-charge.com'

export function http(path, { method = 'GET', data } = {}) {
  const token = uni.getStorageSync('token')
  return uni
    .request({
      url: BASE_URL + path,
      method,
      data,
      header: { Authorization: token ? `Bearer ${token}` : '' },
    })
    .then(res => {
      if (res.statusCode !== 200 || res.data.code !== 0) throw new Error(res.data.msg || '网络异常')
      return res.data.data
    })
}
