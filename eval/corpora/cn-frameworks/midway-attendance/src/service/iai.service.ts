import { Provide, Config, Init, Inject, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-iai';

const IaiClient = tencentcloud.iai.v20200303.Client;

interface IaiConfig {
  secretId: string;
  secretKey: string;
  region: string;
  groupId: string;
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class IaiService {
  @Config('iai')
  iaiConfig: IaiConfig;

  @Inject()
  logger: ILogger;

  private client: InstanceType<typeof IaiClient>;

  @Init()
  async init() {
    this.client = new IaiClient({
      credential: { secretId: this.iaiConfig.secretId, secretKey: this.iaiConfig.secretKey },
      region: this.iaiConfig.region,
      profile: { httpProfile: { endpoint: 'iai.tencentcloudapi.com' } },
    });
  }

  async createPerson(employeeId: number, name: string, faceImage: string) {
    const res = await this.client.CreatePerson({
      GroupId: this.iaiConfig.groupId,
      PersonId: `emp_${employeeId}`,
      PersonName: name,
      Image: faceImage,
      QualityControl: 2,
    });
    this.logger.info('[iai] person created emp_%s faceId=%s', employeeId, res.FaceId ? 'y' : 'n');
    return res;
  }

  async appendFace(employeeId: number, faceImage: string) {
    return this.client.CreateFace({
      PersonId: `emp_${employeeId}`,
      Images: [faceImage],
      QualityControl: 2,
    });
  }

  async search(faceImage: string) {
    const res = await this.client.SearchPersons({
      GroupIds: [this.iaiConfig.groupId],
      Image: faceImage,
      MaxFaceNum: 1,
      MaxPersonNum: 1,
      NeedPersonInfo: 0,
    });
    const candidate = res.Results?.[0]?.Candidates?.[0];
    return candidate ? { personId: candidate.PersonId, score: candidate.Score } : null;
  }
}
