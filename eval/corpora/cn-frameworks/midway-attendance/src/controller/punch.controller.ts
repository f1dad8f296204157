import { Controller, Post, Body, Inject, Config } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { InjectEntityModel } from '@midwayjs/typeorm';
import { Repository } from 'typeorm';
import * as COS from 'cos-nodejs-sdk-v5';
import { PunchDTO } from '../dto/employee.dto';
import { Attendance } from '../entity/attendance.entity';
import { IaiService } from '../service/iai.service';

@Controller('/api/punch')
export class PunchController {
  @Inject()
  logger: ILogger;

  @Inject()
  iaiService: IaiService;

  @InjectEntityModel(Attendance)
  attendanceModel: Repository<Attendance>;

  @Config('cos')
  cosConfig: { secretId: string; secretKey: string; bucket: string; region: string };

  private cos: COS;

  private getCos() {
    if (!this.cos) {
      this.cos = new COS({ SecretId: this.cosConfig.secretId, SecretKey: this.cosConfig.secretKey });
    }
    return this.cos;
  }

  @Post('/')
  async punch(@Body() dto: PunchDTO) {
    const hit = await this.iaiService.search(dto.faceImage);
    const matched = !!hit && hit.score >= 85;
    const employeeId = matched ? Number(hit!.personId.replace('emp_', '')) : undefined;

    const record = this.attendanceModel.create({
      employeeId,
      terminalSn: dto.terminalSn,
      score: hit?.score ?? 0,
      matched,
    });
    await this.attendanceModel.save(record);

    if (!matched) {
      // 识别失败的抓拍留给行政复核
      await this.getCos().putObject({
        Bucket: this.cosConfig.bucket,
        Region: this.cosConfig.region,
        Key: `punch-fail/${dto.terminalSn}/${Date.now()}.jpg`,
        Body: Buffer.from(dto.faceImage, 'base64'),
      });
    }

    this.logger.info('[punch] terminal=%s employeeId=%s score=%s', dto.terminalSn, employeeId, hit?.score);
    return { matched, employeeId };
  }
}
