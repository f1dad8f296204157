import { Rule, RuleType } from '@midwayjs/validate';

export class HrEmployeeDTO {
  @Rule(RuleType.string().required())
  employeeNo: string;

  @Rule(RuleType.string().required())
  name: string;

  @Rule(RuleType.string().length(18).required())
  idCardNo: string;

  @Rule(RuleType.string().required())
  deptCode: string;

  @Rule(RuleType.string().optional())
  mobile?: string;
}

export class EnrollFaceDTO {
  @Rule(RuleType.number().required())
  employeeId: number;

  @Rule(RuleType.string().required())
  faceImage: string;

  @Rule(RuleType.string().valid('self', 'hr').default('self'))
  source: 'self' | 'hr';
}

export class PunchDTO {
  @Rule(RuleType.string().required())
  terminalSn: string;

  @Rule(RuleType.string().required())
  faceImage: string;
}
