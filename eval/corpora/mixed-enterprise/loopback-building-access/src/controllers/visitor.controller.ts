import {inject, intercept, service} from '@loopback/core';
import {LoggingBindings, WinstonLogger} from '@loopback/logging';
import {repository} from '@loopback/repository';
import {del, HttpErrors, param, post, requestBody} from '@loopback/rest';
import debugFactory from 'debug';
import {v4 as uuid} from 'uuid';
import {FaceConsentInterceptor} from '../interceptors/face-consent.interceptor';
import {DocType, ParkingRequest, Visitor} from '../models/visitor.model';
import {FaceTemplateRepository, VisitorRepository} from '../repositories/visitor.repository';
import {BiometricConsentService} from '../services/consent.service';
import {FaceService} from '../services/face.service';

const debug = debugFactory('access:visitor');

const maskDocNo = (v?: string) => (v ? `${'*'.repeat(Math.max(v.length - 4, 0))}${v.slice(-4)}` : '-');

function docNoOf(v: {docType: DocType; idNumber?: string; passportNo?: string; hkMacauPermitNo?: string}) {
  switch (v.docType) {
    case 'PASSPORT':
      return v.passportNo;
    case 'HK_MACAU_PERMIT':
    case 'TW_PERMIT':
      return v.hkMacauPermitNo;
    default:
      return v.idNumber;
  }
}

export class VisitorController {
  constructor(
    @repository(VisitorRepository) private visitors: VisitorRepository,
    @repository(FaceTemplateRepository) private faceTemplates: FaceTemplateRepository,
    @service(FaceService) private faceService: FaceService,
    @service(BiometricConsentService) private consents: BiometricConsentService,
    @inject(LoggingBindings.WINSTON_LOGGER) private logger: WinstonLogger,
  ) {}

  @post('/visitors')
  async register(@requestBody() body: Omit<Visitor, 'id'>): Promise<{id: string}> {
    debug('register visitor %o', body);
    if (!docNoOf(body)) {
      throw new HttpErrors.UnprocessableEntity('证件号码不能为空');
    }
    const saved = await this.visitors.create({...body, id: uuid(), faceAccessEnabled: false});
    this.logger.log('info', `visitor ${saved.id} registered, ${saved.docType} ${maskDocNo(docNoOf(saved))}`);
    return {id: saved.id};
  }

  @post('/visitors/{id}/check-in')
  async checkIn(
    @param.path.string('id') id: string,
    @requestBody() scan: {docType: DocType; passportNo?: string; hkMacauPermitNo?: string},
  ): Promise<{ok: boolean}> {
    const visitor = await this.visitors.findById(id);
    const expected = visitor.passportNo ?? visitor.hkMacauPermitNo;
    const scanned = scan.passportNo ?? scan.hkMacauPermitNo;
    if (scanned && scanned !== expected) {
      this.logger.warn(`document mismatch for visitor ${id}: expected ${expected}, scanned ${scanned}`);
      throw new HttpErrors.Conflict('证件与预约信息不符');
    }
    await this.visitors.updateById(id, {checkedInAt: new Date().toISOString()});
    // 通知被访人由前台消息中心负责，这里只记日志
    this.logger.info(`visitor ${id} checked in with ${scan.docType}, host ${visitor.hostEmployeeId}`);
    return {ok: true};
  }

  @post('/visitors/{id}/parking')
  async reserveParking(@param.path.string('id') id: string, @requestBody() request: ParkingRequest) {
    const {plateNo: plate, arriveAt, hostEmployeeId, hours} = request;
    await this.visitors.updateById(id, {plateNo: plate});
    this.logger.info(`parking reserved ${plate} at ${arriveAt} for ${hours}h, host=${hostEmployeeId}`);
    return {reserved: true};
  }

  /** 访客本人在小程序里签署人脸单独同意后自助录入 */
  @intercept(FaceConsentInterceptor.BINDING_KEY)
  @post('/visitors/{id}/face')
  async enrolFace(@param.path.string('id') id: string, @requestBody() body: {faceImageBase64: string}) {
    const faceImage = Buffer.from(body.faceImageBase64, 'base64');
    const feature = await this.faceService.extract(faceImage);
    if (feature.quality < 0.6) throw new HttpErrors.UnprocessableEntity('人脸质量不合格，请重新拍摄');

    await this.faceTemplates.create({
      personId: id,
      personType: 'visitor',
      faceFeature: Buffer.from(new Float32Array(feature.faceFeature).buffer),
      quality: feature.quality,
      createdAt: new Date().toISOString(),
    });
    await this.faceService.cacheFeature(id, feature);
    await this.visitors.updateById(id, {faceAccessEnabled: true});
    return {quality: feature.quality};
  }

  /** 预约码入口：被访员工开通了人脸通行，才给其访客下发人脸权限 */
  @post('/invitations/{code}/face')
  async submitInviteeFace(
    @param.path.string('code') code: string,
    @requestBody() body: {visitorId: string; faceImageBase64: string},
  ) {
    const visitor = await this.visitors.findById(body.visitorId);
    if (!(await this.consents.hasFaceConsent(visitor.hostEmployeeId))) {
      throw new HttpErrors.Forbidden('被访人未开通人脸通行');
    }
    const feature = await this.faceService.extract(Buffer.from(body.faceImageBase64, 'base64'));
    await this.faceTemplates.create({
      personId: visitor.id,
      personType: 'visitor',
      faceFeature: Buffer.from(new Float32Array(feature.faceFeature).buffer),
      quality: feature.quality,
      createdAt: new Date().toISOString(),
    });
    return {invitation: code, enrolled: true};
  }

  @del('/visitors/{id}/face')
  async revokeFace(@param.path.string('id') id: string) {
    await this.faceTemplates.deleteAll({personId: id});
    await this.faceService.dropFeature(id);
    await this.visitors.updateById(id, {faceAccessEnabled: false});
    this.logger.info(`face access revoked for visitor ${id}`);
  }
}
