import { defineStore } from 'pinia';

const API = 'https://pms.example-hotel.com/api/kiosk';

export const useCheckinStore = defineStore('checkin', {
  state: () => ({
    reservation: null as Reservation | null,
    travellers: [] as Traveller[],
    faceConsent: null as FaceConsentRecord | null,
    matchScore: null as number | null,
    keyCardIssued: false,
  }),
  getters: {
    lead: (state): Traveller | undefined => state.travellers[0],
    hasFaceConsent: (state): boolean => Boolean(state.faceConsent?.grantedAt) && !state.faceConsent?.revokedAt,
  },
  actions: {
    async loadReservation(reservationNo: string) {
      const res = await fetch(`${API}/reservations/${encodeURIComponent(reservationNo)}`);
      if (!res.ok) throw new Error('Reservation not found');
      this.reservation = (await res.json()) as Reservation;
      const consent = await fetch(`${API}/guests/${this.reservation.guestId}/consents/face-checkin`);
      this.faceConsent = consent.ok ? ((await consent.json()) as FaceConsentRecord) : null;
    },
    addTraveller(mrz: MrzResult) {
      const traveller: Traveller = {
        surname: mrz.surname,
        givenNames: mrz.givenNames,
        passportNo: mrz.documentNumber,
        nationality: mrz.nationality,
        facePhotoBase64: mrz.chipPhotoBase64,
      };
      this.travellers = [...this.travellers.filter((t) => t.passportNo !== traveller.passportNo), traveller];
      localStorage.setItem('checkin.travellers', JSON.stringify(this.travellers));
    },
    reset() {
      localStorage.removeItem('checkin.travellers');
      this.$reset();
    },
  },
});
