import Facebody, { AddFaceRequest, AddFaceEntityRequest, BlurFaceAdvanceRequest } from '@alicloud/facebody20191230'
import * as $OpenApi from '@alicloud/openapi-client'
import * as $Util from '@alicloud/tea-util'
import OSS from 'ali-oss'
import axios from 'axios'
import { Readable } from 'stream'
import type { Member } from '../preload'

const FACE_DB = 'showroom_members'
const CRM_BASE = 'https://crm.example-dealer.com'

const facebody = new Facebody(
  new $OpenApi.Config({
    accessKeyId: process.env.ALI_AK,
    accessKeySecret: process.env.ALI_SK,
    endpoint: 'facebody.cn-shanghai.aliyuncs.com',
    regionId: 'cn-shanghai',
  }),
)

const faceOss = new OSS({
  region: 'oss-cn-shanghai',
  bucket: 'showroom-member-face',
  accessKeyId: process.env.OSS_AK!,
  accessKeySecret: process.env.OSS_SK!,
})

interface FaceConsentRecord {
  memberId: string
  faceConsent: boolean
  signedAt?: string
  revokedAt?: string
}

async function hasFaceConsent(memberId: string): Promise<boolean> {
  const { data } = await axios.get<FaceConsentRecord>(`${CRM_BASE}/api/members/${memberId}/consents/face`)
  return data.faceConsent === true && !!data.signedAt && !data.revokedAt
}

async function putFace(memberId: string, faceJpeg: Buffer): Promise<string> {
  const key = `member-face/${memberId}.jpg`
  await faceOss.put(key, faceJpeg)
  return faceOss.signatureUrl(key, { expires: 600 })
}

export async function enrollMember(memberId: string, faceJpeg: Buffer): Promise<void> {
  if (!(await hasFaceConsent(memberId))) {
    throw new Error('FACE_CONSENT_REQUIRED')
  }
  const imageUrl = await putFace(memberId, faceJpeg)
  await facebody.addFaceEntity(new AddFaceEntityRequest({ dbName: FACE_DB, entityId: memberId }))
  await facebody.addFace(new AddFaceRequest({ dbName: FACE_DB, entityId: memberId, imageUrl, extraData: 'kiosk' }))
}

// 同行家属一起登记，沿用主会员的授权
export async function enrollFamily(primary: Member, family: Member, faceJpeg: Buffer): Promise<void> {
  if (!(await hasFaceConsent(primary.memberId))) {
    throw new Error('FACE_CONSENT_REQUIRED')
  }
  const key = `member-face/${family.memberId}.jpg`
  await faceOss.put(key, faceJpeg)
  const imageUrl = faceOss.signatureUrl(key, { expires: 600 })
  await facebody.addFaceEntity(new AddFaceEntityRequest({ dbName: FACE_DB, entityId: family.memberId, labels: primary.memberId }))
  await facebody.addFace(new AddFaceRequest({ dbName: FACE_DB, entityId: family.memberId, imageUrl }))
}

// 交车仪式合影：云端人脸打码后推送给车主
export async function blurDeliveryPhoto(jpeg: Buffer): Promise<string | undefined> {
  const req = new BlurFaceAdvanceRequest({ imageURLObject: Readable.from(jpeg) })
  const res = await facebody.blurFaceAdvance(req, new $Util.RuntimeOptions({}))
  return res.body?.data?.imageURL
}
