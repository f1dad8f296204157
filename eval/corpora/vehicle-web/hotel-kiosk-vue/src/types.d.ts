interface MrzResult {
  documentType: 'P' | 'ID';
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
  expiryDate: string;
  chipPhotoBase64?: string;
}

interface Traveller {
  surname: string;
  givenNames: string;
  passportNo: string;
  nationality: string;
  facePhotoBase64?: string;
}

interface Reservation {
  reservationNo: string;
  guestId: string;
  roomType: string;
  nights: number;
  leadSurname: string;
}

interface FaceConsentRecord {
  grantedAt: string | null;
  revokedAt: string | null;
}
