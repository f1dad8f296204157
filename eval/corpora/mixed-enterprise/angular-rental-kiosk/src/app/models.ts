/** Payload of the desktop ID-card reader service (GB/T 2260 fields as the reader names them). */
export interface IdCardInfo {
  partyName: string;
  gender: string;
  nation: string;
  bornDay: string;
  certAddress: string;
  /** 公民身份号码 */
  certNumber: string;
  certOrg: string;
  effDate: string;
  expDate: string;
  /** chip photo, base64 JPEG */
  identityPic: string;
}

export interface DriverLicence {
  licenceNo: string;
  archiveNo: string;
  licenceClass: string;
  validUntil: string;
}

export interface RentalVehicle {
  plateNo: string;
  modelName: string;
  colour: string;
  /** marketing photo of the model from the CMS */
  photoUrl: string;
}

export interface Reservation {
  reservationNo: string;
  memberId: string;
  customerId: string;
  pickupStore: string;
  vehicle: RentalVehicle;
}

export interface BiometricConsent {
  customerId: string;
  faceConsentAt: string | null;
  faceConsentRevokedAt: string | null;
}

export interface ReturnInspection {
  fuelLevel: number;
  mileage: number;
  bayPhoto: string;
}
