import { ErrorHandler } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideRouter, Routes } from '@angular/router';
import * as Sentry from '@sentry/angular';
import { CheckinComponent } from './app/checkin/checkin.component';
import { ReturnBayComponent } from './app/return-bay/return-bay.component';
import { environment } from './environments/environment';

Sentry.init({
  dsn: environment.sentryDsn,
  environment: environment.name,
  release: `rental-kiosk@${environment.version}`,
  // the card reader payload must never reach Sentry
  beforeSend(event) {
    if (event.extra) {
      delete event.extra['idCard'];
      delete event.extra['licence'];
    }
    return event;
  },
});

const routes: Routes = [
  { path: '', redirectTo: 'checkin', pathMatch: 'full' },
  { path: 'checkin', component: CheckinComponent },
  { path: 'return', component: ReturnBayComponent },
];

bootstrapApplication(CheckinComponent, {
  providers: [
    provideHttpClient(withFetch()),
    provideRouter(routes),
    { provide: ErrorHandler, useValue: Sentry.createErrorHandler({ showDialog: false }) },
  ],
}).catch((err) => console.error(err));
