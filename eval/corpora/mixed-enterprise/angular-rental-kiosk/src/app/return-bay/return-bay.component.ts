import { Component, ElementRef, OnDestroy, OnInit, ViewChild } from '@angular/core';
import { Reservation } from '../models';
import { CameraService } from '../services/hardware';
import { RentalApiService } from '../services/rental-api.service';
import { Desensitizer, TelemetryService } from '../services/telemetry.service';

@Component({
  selector: 'rk-return-bay',
  standalone: true,
  templateUrl: './return-bay.component.html',
})
export class ReturnBayComponent implements OnInit, OnDestroy {
  @ViewChild('bayVideo', { static: true }) bayVideo!: ElementRef<HTMLVideoElement>;

  damageSuspected = false;

  constructor(
    private camera: CameraService,
    private api: RentalApiService,
    private telemetry: TelemetryService,
    private desensitizer: Desensitizer,
  ) {}

  async ngOnInit(): Promise<void> {
    await this.camera.start(this.bayVideo.nativeElement, 'Bay');
  }

  ngOnDestroy(): void {
    this.camera.stop();
  }

  async inspect(reservation: Reservation, fuelLevel: number, mileage: number): Promise<void> {
    const { plateNo } = reservation.vehicle;
    console.info(`[return] bay inspection for ${reservation.reservationNo}, vehicle ${plateNo}`);

    const { dataUrl } = this.camera.capture(this.bayVideo.nativeElement);
    const result = await this.api.submitReturnInspection(reservation.reservationNo, { fuelLevel, mileage, bayPhoto: dataUrl });
    this.damageSuspected = result.damageSuspected;

    this.telemetry.step('return_inspected', {
      reservationNo: reservation.reservationNo,
      damageSuspected: result.damageSuspected,
    });
    console.log('[return] done', reservation.reservationNo, this.desensitizer.plate(plateNo));
  }
}
