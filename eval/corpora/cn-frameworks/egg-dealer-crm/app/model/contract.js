'use strict';

module.exports = app => {
  const { STRING, INTEGER, DECIMAL, BOOLEAN, DATE } = app.Sequelize;

  const Contract = app.model.define('crm_contract', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true },
    contractNo: { type: STRING(32), unique: true },
    customerId: INTEGER,
    vin: STRING(17),
    modelCode: STRING(32),
    price: DECIMAL(12, 2),
    faceVerified: BOOLEAN,
    faceScore: DECIMAL(5, 2),
    status: STRING(16),
    signedAt: DATE,
  });

  return Contract;
};
