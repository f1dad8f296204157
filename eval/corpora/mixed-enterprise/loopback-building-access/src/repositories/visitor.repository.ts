import {inject} from '@loopback/core';
import {DefaultCrudRepository, juggler} from '@loopback/repository';
import {FaceTemplate, PassRecord, Visitor} from '../models/visitor.model';

export class VisitorRepository extends DefaultCrudRepository<Visitor, typeof Visitor.prototype.id> {
  constructor(@inject('datasources.mysql') dataSource: juggler.DataSource) {
    super(Visitor, dataSource);
  }
}

export class FaceTemplateRepository extends DefaultCrudRepository<FaceTemplate, typeof FaceTemplate.prototype.id> {
  constructor(@inject('datasources.mysql') dataSource: juggler.DataSource) {
    super(FaceTemplate, dataSource);
  }
}

export class PassRecordRepository extends DefaultCrudRepository<PassRecord, typeof PassRecord.prototype.id> {
  constructor(@inject('datasources.mysql') dataSource: juggler.DataSource) {
    super(PassRecord, dataSource);
  }
}
