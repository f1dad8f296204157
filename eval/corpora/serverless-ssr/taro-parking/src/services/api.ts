import Taro from '@tarojs/taro';

export const API_BASE = 'https://api.parking.example-park.cn';

interface ApiResponse<T> {
  code: number;
  message: string;
  data: T;
}

export interface PlateResult {
  plateNo: string;
  plateColor: 'blue' | 'green' | 'yellow' | 'white';
  confidence: number;
}

export interface PhotoStats {
  source: 'camera' | 'album';
  width: number;
  height: number;
  sizeKb?: number;
  at: number;
}

function authHeader(): Record<string, string> {
  const token = Taro.getStorageSync<string>('accessToken');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function request<T>(
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT'; data?: Record<string, unknown> } = {},
): Promise<T> {
  const res = await Taro.request<ApiResponse<T>>({
    url: `${API_BASE}${path}`,
    method: options.method ?? 'GET',
    data: options.data,
    header: { 'Content-Type': 'application/json', ...authHeader() },
    timeout: 10000,
  });
  if (res.statusCode !== 200 || res.data.code !== 0) {
    throw new Error(res.data?.message ?? `HTTP ${res.statusCode}`);
  }
  return res.data.data;
}

/** Server-side ANPR: the photo is uploaded as is and the plate text comes back. */
export async function recognisePlate(filePath: string): Promise<PlateResult> {
  const res = await Taro.uploadFile({
    url: `${API_BASE}/v2/plates/recognise`,
    filePath,
    name: 'image',
    header: authHeader(),
  });
  const body = JSON.parse(res.data) as ApiResponse<PlateResult>;
  if (body.code !== 0) throw new Error(body.message);
  return body.data;
}

export function reportPhotoStats(stats: PhotoStats): Promise<void> {
  return request<void>('/v2/telemetry/photo', { method: 'POST', data: { ...stats } });
}
