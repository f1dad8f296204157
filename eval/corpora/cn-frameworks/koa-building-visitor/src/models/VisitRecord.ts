import { Schema, model } from 'mongoose'

export interface IVisitRecord {
  visitorId: number
  tenantId: number
  hostEmployeeId: string
  visitDate: string
  faceImage?: string
  faceMatched?: boolean
  similarity?: number
  passedAt?: Date
}

const VisitRecordSchema = new Schema<IVisitRecord>(
  {
    visitorId: { type: Number, index: true },
    tenantId: Number,
    hostEmployeeId: String,
    visitDate: String,
    faceImage: String,
    faceMatched: Boolean,
    similarity: Number,
    passedAt: Date,
  },
  { timestamps: true },
)

export default model<IVisitRecord>('VisitRecord', VisitRecordSchema)
