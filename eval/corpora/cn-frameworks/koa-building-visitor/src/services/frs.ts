import axios from 'axios'
import { logger } from '../logger'

const REGION = 'cn-north-4'
const FRS_ENDPOINT = `https://face.${REGION}.myhuaweicloud.com`
const IAM_ENDPOINT = `https://iam.${REGION}.myhuaweicloud.com`
const PROJECT_ID = process.env.HW_PROJECT_ID!
const FACE_SET = 'tower_visitors'

let token: { value: string; exp: number } | null = null

async function iamToken(): Promise<string> {
  if (token && token.exp > Date.now()) return token.value
  const res = await axios.post(`${IAM_ENDPOINT}/v3/auth/tokens`, {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: process.env.HW_IAM_USER, password: process.env.HW_IAM_PASSWORD, domain: { name: process.env.HW_DOMAIN } },
        },
      },
      scope: { project: { id: PROJECT_ID } },
    },
  })
  token = { value: res.headers['x-subject-token'], exp: Date.now() + 20 * 3600 * 1000 }
  return token.value
}

export async function addFace(visitorId: number, faceImage: string): Promise<void> {
  const t = await iamToken()
  await axios.post(
    `${FRS_ENDPOINT}/v2/${PROJECT_ID}/face-sets/${FACE_SET}/faces`,
    { image_base64: faceImage, external_image_id: `v${visitorId}`, external_fields: { visitor_id: visitorId } },
    { headers: { 'X-Auth-Token': t } },
  )
  logger.info('frs add face visitor=%d', visitorId)
}

export async function deleteFace(visitorId: number): Promise<void> {
  const t = await iamToken()
  await axios.delete(`${FRS_ENDPOINT}/v2/${PROJECT_ID}/face-sets/${FACE_SET}/faces`, {
    params: { external_image_id: `v${visitorId}` },
    headers: { 'X-Auth-Token': t },
  })
}
