import { Injectable } from '@nestjs/common';
import { PrismaService } from '../shared/prisma.service';

/** Face templates are kept apart from customer identity data (GB/T 35273-2020 §6.3). */
@Injectable()
export class FaceTemplateStore {
  constructor(private readonly prisma: PrismaService) {}

  async save(subjectId: string, descriptor: Float32Array): Promise<void> {
    const data = { subjectId, descriptor: Uint8Array.from(new Uint8Array(descriptor.buffer, descriptor.byteOffset, descriptor.byteLength)) };
    await this.prisma.faceTemplate.upsert({ where: { subjectId }, create: data, update: data });
  }

  async remove(subjectId: string): Promise<void> {
    await this.prisma.faceTemplate.deleteMany({ where: { subjectId } });
  }

  async findAll(): Promise<{ subjectId: string; descriptor: Float32Array }[]> {
    const rows = await this.prisma.faceTemplate.findMany();
    return rows.map((row) => ({
      subjectId: row.subjectId,
      descriptor: new Float32Array(row.descriptor.buffer, row.descriptor.byteOffset, row.descriptor.byteLength / 4),
    }));
  }
}
