import { Component, ElementRef, OnDestroy, OnInit, ViewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import * as Sentry from '@sentry/angular';
import * as faceapi from '@vladmandic/face-api';
import { IDBPDatabase, openDB } from 'idb';
import { environment } from '../../environments/environment';
import { DriverLicence, IdCardInfo, Reservation } from '../models';
import { CameraService, IdReaderService } from '../services/hardware';
import { RentalApiService } from '../services/rental-api.service';
import { Desensitizer, TelemetryService } from '../services/telemetry.service';

const MATCH_THRESHOLD = 0.75;

@Component({
  selector: 'rk-checkin',
  standalone: true,
  imports: [FormsModule],
  templateUrl: './checkin.component.html',
})
export class CheckinComponent implements OnInit, OnDestroy {
  @ViewChild('faceVideo', { static: true }) faceVideo!: ElementRef<HTMLVideoElement>;

  reservation?: Reservation;
  card?: IdCardInfo;
  licence?: DriverLicence;
  rememberMe = false;
  step: 'reservation' | 'card' | 'licence' | 'face' | 'done' = 'reservation';
  private healthTimer?: ReturnType<typeof setInterval>;

  constructor(
    private idReader: IdReaderService,
    private camera: CameraService,
    private api: RentalApiService,
    private telemetry: TelemetryService,
    private desensitizer: Desensitizer,
  ) {}

  async ngOnInit(): Promise<void> {
    await faceapi.nets.ssdMobilenetv1.loadFromUri('/assets/models');
    await faceapi.nets.faceLandmark68Net.loadFromUri('/assets/models');
    await faceapi.nets.faceRecognitionNet.loadFromUri('/assets/models');
    await this.camera.start(this.faceVideo.nativeElement, 'Face');
    this.healthTimer = setInterval(() => this.reportHealth(), 60_000);
  }

  ngOnDestroy(): void {
    clearInterval(this.healthTimer);
    this.camera.stop();
  }

  async lookup(reservationNo: string): Promise<void> {
    this.reservation = await this.api.getReservation(reservationNo);
    console.log('[checkin] reservation', this.reservation.reservationNo, 'member', this.reservation.memberId);
    const { modelName, colour, photoUrl } = this.reservation.vehicle;
    localStorage.setItem('rk.vehicleCard', JSON.stringify({ modelName, colour, photoUrl }));
    this.telemetry.step('reservation_found', { reservationNo });
    this.step = 'card';
  }

  readIdCard(): void {
    this.idReader.readCard().subscribe({
      next: (card) => {
        this.card = card;
        this.telemetry.step('id_card_read', { idRef: this.desensitizer.idNumber(card.certNumber) });
        this.step = 'licence';
      },
      error: (err) => Sentry.captureException(err, { tags: { step: 'card' } }),
    });
  }

  confirmLicence(licence: DriverLicence): void {
    this.licence = licence;
    this.telemetry.step('licence_confirmed', { licenceNo: licence.licenceNo, licenceClass: licence.licenceClass });
    Sentry.setUser({ id: this.reservation!.customerId, username: this.card?.partyName, licence: licence.licenceNo });
    this.step = 'face';
  }

  async captureFace(): Promise<void> {
    const reservation = this.reservation!;
    const { canvas, dataUrl } = this.camera.capture(this.faceVideo.nativeElement);
    const { similarity } = await this.api.compareWithIdPhoto(dataUrl, this.card!.identityPic);

    if (similarity < MATCH_THRESHOLD) {
      Sentry.captureMessage('check-in face mismatch', {
        level: 'warning',
        extra: { reservationNo: reservation.reservationNo, similarity, idCard: this.card },
      });
      return;
    }

    const photo = await this.camera.toBlob(canvas);
    await this.api.uploadCheckInPhoto(reservation.reservationNo, photo);

    // "remember me for my next rental" checkbox on the face screen
    if (this.rememberMe) {
      localStorage.setItem(`rk.face.${reservation.customerId}`, dataUrl);
    }
    await this.cacheDescriptor(reservation.customerId, canvas);
    this.step = 'done';
  }

  /** Returning customers skip the card reader when their face matches a cached descriptor. */
  async recogniseReturning(): Promise<string | null> {
    const { canvas } = this.camera.capture(this.faceVideo.nativeElement);
    const detection = await faceapi.detectSingleFace(canvas).withFaceLandmarks().withFaceDescriptor();
    if (!detection) return null;

    const db = await this.faceDb();
    const known = await db.getAll('descriptors');
    if (!known.length) return null;
    const matcher = new faceapi.FaceMatcher(
      known.map((k) => new faceapi.LabeledFaceDescriptors(k.customerId, [Float32Array.from(k.descriptor)])),
      0.5,
    );
    const best = matcher.findBestMatch(detection.descriptor);
    if (best.label === 'unknown') return null;

    // refresh the template so that it follows changes in appearance
    await db.put('descriptors', { customerId: best.label, descriptor: Array.from(detection.descriptor), at: Date.now() });
    const consent = await this.api.getBiometricConsent(best.label);
    if (!consent.faceConsentAt || consent.faceConsentRevokedAt) {
      await db.delete('descriptors', best.label);
      return null;
    }
    return best.label;
  }

  async callAgent(): Promise<void> {
    const pc = new RTCPeerConnection({
      iceServers: [{ urls: 'turn:turn.rentwell-mobility.com:3478', username: environment.kioskId, credential: 'kiosk' }],
    });
    const stream = this.camera.mediaStream!;
    stream.getTracks().forEach((track) => pc.addTrack(track, stream));
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answerSdp = await this.api.startAgentCall(this.reservation?.reservationNo ?? '-', offer.sdp!);
    await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  private async cacheDescriptor(customerId: string, canvas: HTMLCanvasElement): Promise<void> {
    const consent = await this.api.getBiometricConsent(customerId);
    if (!consent.faceConsentAt || consent.faceConsentRevokedAt) return;
    const detection = await faceapi.detectSingleFace(canvas).withFaceLandmarks().withFaceDescriptor();
    if (!detection) return;
    const db = await this.faceDb();
    await db.put('descriptors', { customerId, descriptor: Array.from(detection.descriptor), at: Date.now() });
  }

  private faceDb(): Promise<IDBPDatabase> {
    return openDB('rk-faces', 1, {
      upgrade(db) {
        db.createObjectStore('descriptors', { keyPath: 'customerId' });
      },
    });
  }

  private reportHealth(): void {
    const v = this.faceVideo.nativeElement;
    void this.api.reportCameraHealth({
      camera: 'Face',
      width: v.videoWidth,
      height: v.videoHeight,
      readyState: v.readyState,
      at: Date.now(),
    });
  }
}
