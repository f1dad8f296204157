import {BindingScope, inject, injectable} from '@loopback/core';
import {juggler} from '@loopback/repository';

@injectable({scope: BindingScope.TRANSIENT})
export class BiometricConsentService {
  constructor(@inject('datasources.mysql') private mysql: juggler.DataSource) {}

  /** 人脸识别单独同意，最新一条为准；撤回即失效 */
  async hasFaceConsent(personId: string): Promise<boolean> {
    const rows = (await this.mysql.execute(
      'SELECT granted_at, revoked_at FROM biometric_consent WHERE person_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1',
      [personId, 'face_access'],
    )) as {granted_at: Date | null; revoked_at: Date | null}[];
    return rows.length > 0 && rows[0].granted_at != null && rows[0].revoked_at == null;
  }
}
