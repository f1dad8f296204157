import { Controller, Post, Body, Inject, httpError } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { Validate } from '@midwayjs/validate';
import { EnrollFaceDTO } from '../dto/employee.dto';
import { ConsentService } from '../service/consent.service';
import { EmployeeService } from '../service/employee.service';
import { IaiService } from '../service/iai.service';

@Controller('/api/face')
export class FaceController {
  @Inject()
  logger: ILogger;

  @Inject()
  consentService: ConsentService;

  @Inject()
  employeeService: EmployeeService;

  @Inject()
  iaiService: IaiService;

  @Post('/enroll')
  @Validate()
  async enroll(@Body() dto: EnrollFaceDTO) {
    const employee = await this.employeeService.getById(dto.employeeId);
    if (!employee) throw new httpError.NotFoundError('员工不存在');

    if (!(await this.consentService.hasFaceConsent(employee.id))) {
      this.logger.warn(`[face] enroll rejected, no consent: ${employee.name} (${employee.idCardNo})`);
      throw new httpError.ForbiddenError('请先签署人脸信息处理单独同意书');
    }

    await this.iaiService.createPerson(employee.id, employee.name, dto.faceImage);
    await this.employeeService.saveFacePhoto(employee, dto.faceImage);
    return { success: true };
  }

  /** 补录人脸：员工自助或 HR 批量 */
  @Post('/append')
  @Validate()
  async append(@Body() dto: EnrollFaceDTO) {
    const { employeeId, faceImage, source } = dto;
    if (source === 'self') {
      const ok = await this.consentService.hasFaceConsent(employeeId);
      if (!ok) throw new httpError.ForbiddenError('未授权');
    }
    const res = await this.iaiService.appendFace(employeeId, faceImage);
    this.logger.info('[face] append emp=%d source=%s succeed=%j', employeeId, source, res.SucFaceNum);
    return { success: true };
  }
}
