import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Boom from '@hapi/boom';
import { db, hasFaceConsent, oss } from '../lib/clients';
import { CUSTOMER_GROUP, VISITOR_GROUP, faceLibrary } from '../services/faceLibrary';

/** 路由前置：客户本人须已签署人脸识别单独授权 */
const requireFaceConsent = {
  method: async (request: Request) => {
    const customerId = Number(request.params.customerId);
    if (!(await hasFaceConsent(customerId))) {
      throw Boom.forbidden('客户未签署人脸识别单独授权');
    }
    return true;
  },
  assign: 'faceConsent',
};

const enrolCustomerFace = async (request: Request, h: ResponseToolkit) => {
  const customerId = Number(request.params.customerId);
  const { faceImageBase64 } = request.payload as { faceImageBase64: string };
  const faceImage = Buffer.from(faceImageBase64, 'base64');

  await oss.put(`customers/${customerId}/face.jpg`, faceImage, { headers: { 'x-oss-object-acl': 'private' } });
  const faceToken = await faceLibrary.addUser(CUSTOMER_GROUP, `C${customerId}`, faceImageBase64);
  await db('customers').where({ id: customerId }).update({ face_token: faceToken, face_enrolled_at: db.fn.now() });

  request.logger.info({ customerId }, 'customer face enrolled');
  return h.response().code(204);
};

/** 购车合同的共同购车人，人脸用于交车核验 */
const addCoBuyerFace = async (request: Request, h: ResponseToolkit) => {
  const { orderNo } = request.params;
  const { coBuyerId, faceImageBase64 } = request.payload as { coBuyerId: number; faceImageBase64: string };

  const order = await db('orders').where({ order_no: orderNo }).first('customer_id', 'co_buyer_id');
  if (!order || order.co_buyer_id !== coBuyerId) throw Boom.notFound('订单或共同购车人不存在');
  if (!(await hasFaceConsent(order.customer_id))) {
    throw Boom.forbidden('客户未签署人脸识别单独授权');
  }

  await oss.put(`customers/${coBuyerId}/face.jpg`, Buffer.from(faceImageBase64, 'base64'));
  return h.response().code(204);
};

/**
 * 展厅客流摄像机推送的抓拍（每个轨迹一张最佳人脸）。
 * 老客户命中则记到店；未命中的建临时访客档，便于二次到店识别。
 */
const ingestShowroomCapture = async (request: Request) => {
  const { storeCode, trackId, capturedAt, faceImageBase64 } = request.payload as {
    storeCode: string;
    trackId: string;
    capturedAt: string;
    faceImageBase64: string;
  };

  const match = await faceLibrary.search(CUSTOMER_GROUP, faceImageBase64);
  if (match && match.score >= 80) {
    await db('store_visits').insert({
      customer_id: Number(match.userId.slice(1)),
      store_code: storeCode,
      score: match.score,
      visited_at: capturedAt,
    });
    return { matched: true };
  }

  const visitorId = `V${storeCode}${trackId}`;
  await faceLibrary.addUser(VISITOR_GROUP, visitorId, faceImageBase64);
  return { matched: false, visitorId };
};

export const faceRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/customers/{customerId}/face',
    options: {
      pre: [requireFaceConsent],
      payload: { maxBytes: 4 * 1024 * 1024 },
      handler: enrolCustomerFace,
    },
  },
  {
    method: 'POST',
    path: '/api/orders/{orderNo}/co-buyer-face',
    options: { payload: { maxBytes: 4 * 1024 * 1024 }, handler: addCoBuyerFace },
  },
  {
    method: 'POST',
    path: '/api/showroom/captures',
    options: { auth: 'camera-hmac', payload: { maxBytes: 2 * 1024 * 1024 }, handler: ingestShowroomCapture },
  },
];
