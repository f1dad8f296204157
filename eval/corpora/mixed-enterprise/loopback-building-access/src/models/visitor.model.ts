import {Entity, model, property} from '@loopback/repository';

export type DocType = 'ID_CARD' | 'PASSPORT' | 'HK_MACAU_PERMIT' | 'TW_PERMIT';

@model({settings: {mysql: {table: 'visitor'}}})
export class Visitor extends Entity {
  @property({type: 'string', id: true, generated: false})
  id: string;

  @property({type: 'string', required: true})
  name: string;

  @property({type: 'string', required: true, jsonSchema: {enum: ['ID_CARD', 'PASSPORT', 'HK_MACAU_PERMIT', 'TW_PERMIT']}})
  docType: DocType;

  /** 居民身份证号 */
  @property({type: 'string'})
  idNumber?: string;

  @property({type: 'string'})
  passportNo?: string;

  /** 港澳居民来往内地通行证号 */
  @property({type: 'string'})
  hkMacauPermitNo?: string;

  @property({type: 'string'})
  plateNo?: string;

  @property({type: 'string'})
  company?: string;

  @property({type: 'string', required: true})
  hostEmployeeId: string;

  @property({type: 'boolean', default: false})
  faceAccessEnabled?: boolean;

  @property({type: 'date'})
  checkedInAt?: string;

  constructor(data?: Partial<Visitor>) {
    super(data);
  }
}

@model({settings: {mysql: {table: 'face_template'}}})
export class FaceTemplate extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string', required: true})
  personId: string;

  @property({type: 'string', required: true})
  personType: 'visitor' | 'employee';

  /** 512 维 float32 特征，本地引擎提取 */
  @property({type: 'buffer'})
  faceFeature: Buffer;

  @property({type: 'number'})
  quality: number;

  @property({type: 'date'})
  createdAt: string;

  constructor(data?: Partial<FaceTemplate>) {
    super(data);
  }
}

@model({settings: {mysql: {table: 'pass_record'}}})
export class PassRecord extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string', required: true})
  personId: string;

  @property({type: 'string', required: true})
  gateId: string;

  @property({type: 'number'})
  similarity: number;

  @property({type: 'date'})
  passedAt: string;

  constructor(data?: Partial<PassRecord>) {
    super(data);
  }
}

export interface FaceFeature {
  faceFeature: number[];
  quality: number;
  box: [number, number, number, number];
}

export interface ParkingRequest {
  plateNo: string;
  arriveAt: string;
  hostEmployeeId: string;
  hours: number;
}
