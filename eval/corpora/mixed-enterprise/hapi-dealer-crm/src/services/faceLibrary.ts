import axios from 'axios';

const AIP_BASE = 'https://aip.baidubce.com';

export const CUSTOMER_GROUP = 'huaxin_customers';
export const VISITOR_GROUP = 'huaxin_walk_in';

export interface IdCardWords {
  name: string;
  idNumber: string;
  address: string;
  birth: string;
  gender: string;
}

export interface FaceMatch {
  userId: string;
  groupId: string;
  score: number;
}

let cachedToken: { value: string; expiresAt: number } | null = null;

async function accessToken(): Promise<string> {
  if (cachedToken && cachedToken.expiresAt > Date.now()) return cachedToken.value;
  const { data } = await axios.post(`${AIP_BASE}/oauth/2.0/token`, null, {
    params: {
      grant_type: 'client_credentials',
      client_id: process.env.BAIDU_API_KEY,
      client_secret: process.env.BAIDU_SECRET_KEY,
    },
  });
  cachedToken = { value: data.access_token, expiresAt: Date.now() + (data.expires_in - 300) * 1000 };
  return cachedToken.value;
}

/** 身份证人像面 OCR */
export async function recogniseIdCard(imageBase64: string): Promise<IdCardWords> {
  const token = await accessToken();
  const { data } = await axios.post(
    `${AIP_BASE}/rest/2.0/ocr/v1/idcard`,
    new URLSearchParams({ image: imageBase64, id_card_side: 'front' }),
    { params: { access_token: token } },
  );
  const w = data.words_result;
  return {
    name: w['姓名'].words,
    idNumber: w['公民身份号码'].words,
    address: w['住址'].words,
    birth: w['出生'].words,
    gender: w['性别'].words,
  };
}

export const faceLibrary = {
  /** 人脸注册（faceset/user/add），同一 userId 可追加多张 */
  async addUser(groupId: string, userId: string, imageBase64: string): Promise<string> {
    const token = await accessToken();
    const { data } = await axios.post(
      `${AIP_BASE}/rest/2.0/face/v3/faceset/user/add`,
      { image: imageBase64, image_type: 'BASE64', group_id: groupId, user_id: userId, quality_control: 'NORMAL' },
      { params: { access_token: token } },
    );
    if (data.error_code !== 0) throw new Error(`face add failed: ${data.error_code} ${data.error_msg}`);
    return data.result.face_token as string;
  },

  async search(groupId: string, imageBase64: string): Promise<FaceMatch | null> {
    const token = await accessToken();
    const { data } = await axios.post(
      `${AIP_BASE}/rest/2.0/face/v3/search`,
      { image: imageBase64, image_type: 'BASE64', group_id_list: groupId, max_user_num: 1 },
      { params: { access_token: token } },
    );
    const best = data.result?.user_list?.[0];
    return best ? { userId: best.user_id, groupId: best.group_id, score: best.score } : null;
  },
};
