import {inject, service} from '@loopback/core';
import {LoggingBindings, WinstonLogger} from '@loopback/logging';
import {repository} from '@loopback/repository';
import {param, post, requestBody} from '@loopback/rest';
import {PassRecordRepository} from '../repositories/visitor.repository';
import {FaceService} from '../services/face.service';

const PASS_THRESHOLD = 0.82;

interface HrFaceItem {
  employeeNo: string;
  name: string;
  faceImageBase64: string;
}

export class AccessController {
  constructor(
    @repository(PassRecordRepository) private passRecords: PassRecordRepository,
    @service(FaceService) private faceService: FaceService,
    @inject(LoggingBindings.WINSTON_LOGGER) private logger: WinstonLogger,
  ) {}

  /** 闸机抓拍后调用；响应须在 300ms 内 */
  @post('/turnstiles/{gateId}/verify')
  async verify(
    @param.path.string('gateId') gateId: string,
    @requestBody() body: {faceSnapshotBase64: string; capturedAt: string},
  ): Promise<{pass: boolean; personId?: string}> {
    const snapshot = Buffer.from(body.faceSnapshotBase64, 'base64');
    const feature = await this.faceService.extract(snapshot);
    const match = await this.faceService.match(feature);

    if (!match || match.similarity < PASS_THRESHOLD) {
      const key = await this.faceService.archiveStranger(gateId, snapshot);
      this.logger.warn(`stranger at ${gateId}, archived as ${key}`);
      return {pass: false};
    }

    await this.passRecords.create({
      personId: match.personId,
      gateId,
      similarity: match.similarity,
      passedAt: body.capturedAt,
    });
    return {pass: true, personId: match.personId};
  }

  /** HR 系统每晚推送新入职员工工牌照，批量开通人脸通行 */
  @post('/employees/face-import')
  async importFromHr(@requestBody() body: {items: HrFaceItem[]}) {
    const results = await Promise.all(
      body.items.map(async ({employeeNo, faceImageBase64}) => {
        const feature = await this.faceService.extract(Buffer.from(faceImageBase64, 'base64'));
        await this.faceService.cacheFeature(`E${employeeNo}`, feature);
        return {employeeNo, quality: feature.quality};
      }),
    );
    this.logger.info(`hr face import: ${results.length} employees`);
    return results;
  }
}
