import { Injectable } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';
import { environment } from '../../environments/environment';
import { BiometricConsent, Reservation, ReturnInspection } from '../models';

@Injectable({ providedIn: 'root' })
export class RentalApiService {
  private readonly base = environment.apiBase;
  /** face comparison engine installed on the kiosk PC */
  private readonly faceEngine = 'http://localhost:8700';

  constructor(private http: HttpClient) {}

  getReservation(reservationNo: string): Promise<Reservation> {
    return firstValueFrom(this.http.get<Reservation>(`${this.base}/reservations/${reservationNo}`));
  }

  getBiometricConsent(customerId: string): Promise<BiometricConsent> {
    return firstValueFrom(this.http.get<BiometricConsent>(`${this.base}/customers/${customerId}/consents/face`));
  }

  compareWithIdPhoto(liveDataUrl: string, idPhotoBase64: string): Promise<{ similarity: number }> {
    return firstValueFrom(
      this.http.post<{ similarity: number }>(`${this.faceEngine}/face/compare`, { live: liveDataUrl, reference: idPhotoBase64 }),
    );
  }

  uploadCheckInPhoto(reservationNo: string, photo: Blob): Promise<void> {
    const form = new FormData();
    form.append('reservationNo', reservationNo);
    form.append('photo', photo, `${reservationNo}.jpg`);
    return firstValueFrom(this.http.post<void>(`${this.base}/checkins/photo`, form));
  }

  submitReturnInspection(reservationNo: string, inspection: ReturnInspection): Promise<{ damageSuspected: boolean }> {
    return firstValueFrom(
      this.http.post<{ damageSuspected: boolean }>(`${this.base}/returns/${reservationNo}/inspection`, inspection),
    );
  }

  startAgentCall(reservationNo: string, offerSdp: string): Promise<string> {
    return firstValueFrom(
      this.http.post(`${this.base}/assist/calls`, { reservationNo, kioskId: environment.kioskId, sdp: offerSdp }, { responseType: 'text' }),
    );
  }

  reportCameraHealth(stats: { camera: string; width: number; height: number; readyState: number; at: number }): Promise<void> {
    return firstValueFrom(this.http.post<void>(`${this.base}/kiosks/${environment.kioskId}/camera-health`, stats));
  }
}
