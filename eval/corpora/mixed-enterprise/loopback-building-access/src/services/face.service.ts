import {BindingScope, inject, injectable} from '@loopback/core';
import axios from 'axios';
import Redis from 'ioredis';
import * as Minio from 'minio';
import {FaceFeature} from '../models/visitor.model';

/** 人脸引擎与本服务同机部署 */
const ENGINE_URL = 'http://127.0.0.1:8600';
const FEATURE_TTL_SECONDS = 7 * 24 * 3600;

export interface FaceMatch {
  personId: string;
  similarity: number;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

@injectable({scope: BindingScope.SINGLETON})
export class FaceService {
  constructor(
    @inject('datasources.redis.client') private redis: Redis,
    @inject('clients.minio') private minio: Minio.Client,
  ) {}

  async extract(faceImage: Buffer): Promise<FaceFeature> {
    const {data} = await axios.post(`${ENGINE_URL}/v1/feature`, faceImage, {
      headers: {'Content-Type': 'image/jpeg'},
      timeout: 3000,
    });
    return data as FaceFeature;
  }

  /** 闸机比对走 Redis 缓存，避免每次查库 */
  async cacheFeature(personId: string, feature: FaceFeature): Promise<void> {
    await this.redis.set(`face:feature:${personId}`, JSON.stringify(feature.faceFeature), 'EX', FEATURE_TTL_SECONDS);
  }

  async match(feature: FaceFeature): Promise<FaceMatch | null> {
    let best: FaceMatch | null = null;
    const stream = this.redis.scanStream({match: 'face:feature:*', count: 200});
    for await (const keys of stream) {
      if (!keys.length) continue;
      const values = await this.redis.mget(...(keys as string[]));
      (keys as string[]).forEach((key, i) => {
        const v = values[i];
        if (!v) return;
        const similarity = cosine(feature.faceFeature, JSON.parse(v));
        if (!best || similarity > best.similarity) best = {personId: key.slice('face:feature:'.length), similarity};
      });
    }
    return best;
  }

  async dropFeature(personId: string): Promise<void> {
    await this.redis.del(`face:feature:${personId}`);
  }

  /** 陌生人抓拍留存 30 天，供物业安保复核 */
  async archiveStranger(gateId: string, faceSnapshot: Buffer): Promise<string> {
    const key = `strangers/${gateId}/${new Date().toISOString().slice(0, 10)}/${Date.now()}.jpg`;
    await this.minio.putObject('access-strangers', key, faceSnapshot, faceSnapshot.length, {'Content-Type': 'image/jpeg'});
    return key;
  }
}
