import { Provide } from '@midwayjs/core';
import { InjectEntityModel } from '@midwayjs/typeorm';
import { Repository } from 'typeorm';
import { BiometricConsent } from '../entity/employee.entity';

@Provide()
export class ConsentService {
  @InjectEntityModel(BiometricConsent)
  consentModel: Repository<BiometricConsent>;

  /** 员工本人签署的《人脸信息处理单独同意书》，未撤回 */
  async hasFaceConsent(employeeId: number): Promise<boolean> {
    const row = await this.consentModel.findOneBy({ employeeId });
    return !!row?.faceAgreedAt && !row.revokedAt;
  }
}
