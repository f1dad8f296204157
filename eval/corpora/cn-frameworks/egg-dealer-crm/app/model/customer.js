'use strict';

module.exports = app => {
  const { STRING, INTEGER, DATE, BOOLEAN } = app.Sequelize;

  const Customer = app.model.define('crm_customer', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true },
    xm: STRING(32),
    sfzh: STRING(18),
    mobile: STRING(16),
    jszh: STRING(18),
    address: STRING(255),
    source: STRING(32),
    advisorId: INTEGER,
    privacyAgreed: BOOLEAN,
    createdAt: DATE,
    updatedAt: DATE,
  });

  return Customer;
};
