export interface CreateCustomerDto {
  name: string;
  mobile: string;
  /** 居民身份证号码, 18 characters. */
  idCardNo: string;
  driverLicenseNo?: string;
}

export interface BookTestDriveDto {
  customerId: string;
  modelCode: string;
  scheduledAt: string;
  /** Plate of the car the customer arrives in, when it is offered for trade-in. */
  tradeInPlateNo?: string;
}

export interface CustomerRecord {
  id: string;
  name: string;
  mobile: string;
  idCardNo: string;
  driverLicenseNo: string | null;
  createdAt: Date;
}
