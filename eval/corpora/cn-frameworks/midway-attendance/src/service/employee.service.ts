import { Provide, Inject } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { InjectEntityModel } from '@midwayjs/typeorm';
import { Repository } from 'typeorm';
import { Employee } from '../entity/employee.entity';
import { HrEmployeeDTO } from '../dto/employee.dto';

function maskIdCard(idCardNo?: string | null): string {
  if (!idCardNo) return '';
  return idCardNo.replace(/^(.{4}).*(.{4})$/, '$1**********$2');
}

@Provide()
export class EmployeeService {
  @InjectEntityModel(Employee)
  employeeModel: Repository<Employee>;

  @Inject()
  logger: ILogger;

  async syncFromHr(list: HrEmployeeDTO[]) {
    let created = 0;
    for (const dto of list) {
      try {
        const existed = await this.employeeModel.findOneBy({ employeeNo: dto.employeeNo });
        const entity = existed ?? this.employeeModel.create({ employeeNo: dto.employeeNo });
        entity.name = dto.name;
        entity.idCardNo = dto.idCardNo;
        entity.deptCode = dto.deptCode;
        await this.employeeModel.save(entity);
        if (!existed) created++;
        this.logger.info('[hr-sync] %s %s idCard=%s', dto.employeeNo, dto.name, maskIdCard(dto.idCardNo));
      } catch (err) {
        this.logger.error('[hr-sync] failed for %j: %s', dto, (err as Error).message);
      }
    }
    return { total: list.length, created };
  }

  async getById(id: number) {
    return this.employeeModel.findOneBy({ id });
  }

  /** 考勤机首次注册时留存的正脸照 */
  async saveFacePhoto(employee: Employee, faceImage: string) {
    if (!employee.privacyAgreed) {
      throw new Error('员工未签署隐私政策');
    }
    employee.facePhoto = faceImage;
    employee.faceEnrolled = true;
    await this.employeeModel.save(employee);
  }
}
