import {
  injectable,
  Interceptor,
  InvocationContext,
  InvocationResult,
  Provider,
  service,
  ValueOrPromise,
} from '@loopback/core';
import {HttpErrors} from '@loopback/rest';
import {BiometricConsentService} from '../services/consent.service';

/**
 * 用在以人员 ID 为第一个参数的方法上：本人没有有效的人脸单独同意则 403。
 */
@injectable({tags: {key: FaceConsentInterceptor.BINDING_KEY}})
export class FaceConsentInterceptor implements Provider<Interceptor> {
  static readonly BINDING_KEY = `interceptors.${FaceConsentInterceptor.name}`;

  constructor(@service(BiometricConsentService) private consents: BiometricConsentService) {}

  value() {
    return this.intercept.bind(this);
  }

  async intercept(invocationCtx: InvocationContext, next: () => ValueOrPromise<InvocationResult>) {
    const [personId] = invocationCtx.args as [string];
    if (!personId || !(await this.consents.hasFaceConsent(personId))) {
      throw new HttpErrors.Forbidden('Separate consent to face recognition is missing');
    }
    return next();
  }
}
