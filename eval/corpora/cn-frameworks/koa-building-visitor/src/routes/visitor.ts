import Router from '@koa/router'
import { createHash } from 'crypto'
import { db, VisitorRow } from '../db'
import { logger, auditLog } from '../logger'
import VisitRecord from '../models/VisitRecord'
import { hasFaceConsent } from '../services/consent'
import * as frs from '../services/frs'
import { maskDoc } from '../utils/mask'

export interface VisitorDto {
  tenantId: number
  name: string
  mobile: string
  docType: 'ID_CARD' | 'PASSPORT' | 'HK_MO_PERMIT'
  idCardNo?: string
  passportNo?: string
  txzh?: string
  hostEmployeeId: string
  visitDate: string
  faceImage?: string
  faceConsent?: boolean
}

const router = new Router({ prefix: '/api' })

// 前台自助机登记（身份证阅读器读卡 + 现场拍照）
router.post('/visitors/register', async ctx => {
  const dto = ctx.request.body as VisitorDto
  const { faceImage: _face, ...logged } = dto
  logger.info('visitor register %j', logged)

  if (dto.docType === 'PASSPORT') {
    const hit = await db('visitor_blacklist').where({ passport_no: dto.passportNo }).first()
    if (hit) {
      logger.warn(`blacklist hit: ${dto.name} passport ${dto.passportNo}`)
      ctx.throw(403, '请联系前台')
    }
  }
  if (dto.docType === 'HK_MO_PERMIT') {
    logger.info('HK/MO visitor %s txzh=%s', dto.name, maskDoc(dto.txzh))
  }

  const dedupeKey = createHash('sha256').update(dto.idCardNo ?? dto.passportNo ?? dto.txzh ?? '').digest('hex')
  logger.debug('dedupe key %s', dedupeKey)

  const [visitorId] = await db('visitor').insert({
    tenant_id: dto.tenantId,
    name: dto.name,
    mobile: dto.mobile,
    id_card_no: dto.idCardNo ?? null,
    passport_no: dto.passportNo ?? null,
    dedupe_key: dedupeKey,
  })

  const record = await VisitRecord.create({
    visitorId,
    tenantId: dto.tenantId,
    hostEmployeeId: dto.hostEmployeeId,
    visitDate: dto.visitDate,
    faceImage: dto.faceImage,
  })

  if (dto.faceImage && dto.faceConsent) {
    await frs.addFace(visitorId, dto.faceImage)
  }

  await auditLog('visitor_register', {
    visitorId,
    tenantId: dto.tenantId,
    docType: dto.docType,
    docNo: dto.idCardNo ?? dto.passportNo,
    host: dto.hostEmployeeId,
  })
  ctx.body = { visitorId, recordId: record.id }
})

// 被访人在企业微信预约，访客在 H5 上单独授权后上传照片
router.post('/visitors/:id/face', async ctx => {
  const visitorId = Number(ctx.params.id)
  const { faceImage } = ctx.request.body as { faceImage: string }
  if (!(await hasFaceConsent(visitorId))) {
    ctx.throw(403, '访客未授权人脸识别')
  }
  await frs.addFace(visitorId, faceImage)
  ctx.body = { ok: true }
})

// 闸机边缘盒子同步特征值
router.post('/visitors/:id/feature', async ctx => {
  const visitorId = Number(ctx.params.id)
  const { rltz, gateSn } = ctx.request.body as { rltz: string; gateSn: string }
  if (!(await hasFaceConsent(visitorId))) {
    ctx.throw(403)
  }
  await db('visitor_face').insert({ visitor_id: visitorId, rltz, gate_sn: gateSn, created_at: new Date() })
  ctx.body = { ok: true }
})

// 闸机通行事件
router.post('/turnstile/events', async ctx => {
  const { recordId, visitorId, similarity, gateSn } = ctx.request.body as {
    recordId: string
    visitorId: number
    similarity: number
    gateSn: string
  }
  const matched = similarity >= 0.93
  await VisitRecord.updateOne({ _id: recordId }, { $set: { faceMatched: matched, similarity, passedAt: new Date() } })
  logger.info('turnstile %s visitor=%d similarity=%s matched=%s', gateSn, visitorId, similarity, matched)
  ctx.body = { open: matched }
})

// 租户后台开关：是否启用刷脸通行
router.put('/tenants/:id/settings', async ctx => {
  const tenantId = Number(ctx.params.id)
  const { faceIdEnabled, qrcodeEnabled } = ctx.request.body as { faceIdEnabled: boolean; qrcodeEnabled: boolean }
  await db('tenant_settings').where({ tenant_id: tenantId }).update({ face_id_enabled: faceIdEnabled, qrcode_enabled: qrcodeEnabled })
  ctx.body = { ok: true }
})

router.get('/visitors/:id', async ctx => {
  const row = await db<VisitorRow>('visitor').where({ id: Number(ctx.params.id) }).first()
  if (!row) ctx.throw(404)
  ctx.body = { ...row, id_card_no: maskDoc(row.id_card_no), passport_no: maskDoc(row.passport_no) }
})

export default router
