import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import { db } from '../lib/clients';
import { hmacRef, maskIdNo } from '../lib/masking';
import { recogniseIdCard } from '../services/faceLibrary';

export type IdType = 'ID_CARD' | 'PASSPORT' | 'HK_MACAU_PERMIT' | 'TAIWAN_PERMIT';

interface NewCustomer {
  name: string;
  mobile: string;
  idType: IdType;
  idNo: string;
  salesConsultantId: number;
  source: 'walk_in' | 'douyin' | 'autohome' | 'referral';
}

const ocrIdCard = async (request: Request) => {
  const { imageBase64 } = request.payload as { imageBase64: string };
  const words = await recogniseIdCard(imageBase64);
  request.log(['ocr', 'id-card'], `ocr ok: ${words.name} ${words.idNumber} ${words.gender}`);
  return { name: words.name, idNumber: words.idNumber, address: words.address };
};

const createCustomer = async (request: Request, h: ResponseToolkit) => {
  const payload = request.payload as NewCustomer;

  const existing = await db('customers').where({ id_type: payload.idType, id_no: payload.idNo }).first();
  if (existing) {
    request.logger.warn(`duplicate customer ${existing.id}: ${payload.idType} ${maskIdNo(payload.idNo)}`);
    throw Boom.conflict('客户已存在');
  }

  const [id] = await db('customers').insert({
    name: payload.name,
    mobile: payload.mobile,
    id_type: payload.idType,
    id_no: payload.idNo,
    sales_consultant_id: payload.salesConsultantId,
    source: payload.source,
    created_at: db.fn.now(),
  });

  const customer = { id, name: payload.name, idType: payload.idType, idCardNo: payload.idNo, mobile: payload.mobile };
  request.logger.info({ customer }, 'customer created');
  request.logger.info({ customerId: id, idRef: hmacRef(payload.idNo) }, 'customer indexed');

  return h.response({ id }).code(201);
};

export const customerRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/customers/ocr',
    options: {
      validate: { payload: Joi.object({ imageBase64: Joi.string().base64().required() }) },
      handler: ocrIdCard,
    },
  },
  {
    method: 'POST',
    path: '/api/customers',
    options: {
      validate: {
        payload: Joi.object({
          name: Joi.string().max(32).required(),
          mobile: Joi.string().pattern(/^1\d{10}$/).required(),
          idType: Joi.string().valid('ID_CARD', 'PASSPORT', 'HK_MACAU_PERMIT', 'TAIWAN_PERMIT').required(),
          idNo: Joi.string().max(20).required(),
          salesConsultantId: Joi.number().integer().required(),
          source: Joi.string().valid('walk_in', 'douyin', 'autohome', 'referral').default('walk_in'),
        }),
      },
      handler: createCustomer,
    },
  },
];
