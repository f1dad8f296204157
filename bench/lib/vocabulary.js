// @ts-check
'use strict';
/**
 * The business vocabulary of the generated corpora: three domains (dealer CRM, vehicle telematics, smart
 * building), their entities and the fields those entities carry. Sensitive fields name the mask that protects
 * them in compliant code; `face` and `camera` entities get the face-enrolment and camera-upload files.
 */

/**
 * @typedef {'string' | 'number' | 'boolean' | 'string[]'} FieldType
 * @typedef {{ name: string, type: FieldType, doc: string, optional?: boolean, check?: 'mobile' | 'email' | 'residentId' | 'plate' | 'vin' | 'licence' | 'iso' }} Field
 * @typedef {{ name: string, mask: string, doc: string, check: 'residentId' | 'plate' | 'vin' | 'licence' }} SensitiveField
 * @typedef {{ kebab: string, sensitive: string[], isFace?: boolean, isCamera?: boolean, route: string }} EntitySpec
 */

/** @type {Record<string, SensitiveField>} */
const SENSITIVE = {
  idCardNo: { name: 'idCardNo', mask: 'maskIdNumber', doc: 'Resident ID card number (居民身份证号码), 18 characters.', check: 'residentId' },
  plateNo: { name: 'plateNo', mask: 'maskPlate', doc: 'Licence plate as registered, e.g. 沪A·12345.', check: 'plate' },
  vin: { name: 'vin', mask: 'maskVin', doc: 'Vehicle identification number (17 characters, ISO 3779).', check: 'vin' },
  driverLicenseNo: { name: 'driverLicenseNo', mask: 'maskIdNumber', doc: 'Driving licence number as printed on the licence.', check: 'licence' },
};

/** @type {Field[]} */
const GENERIC_FIELDS = [
  { name: 'contactName', type: 'string', doc: 'Name of the person to contact.' },
  { name: 'contactMobile', type: 'string', doc: 'Mobile number of the contact (11 digits).', check: 'mobile' },
  { name: 'email', type: 'string', doc: 'E-mail for notifications.', optional: true, check: 'email' },
  { name: 'notes', type: 'string', doc: 'Free-text notes by staff.', optional: true },
  { name: 'priority', type: 'number', doc: 'Priority from 1 (low) to 5 (urgent).' },
  { name: 'channel', type: 'string', doc: 'Where the request came from: web, app, kiosk or phone.' },
  { name: 'tags', type: 'string[]', doc: 'Labels used by the reporting team.', optional: true },
  { name: 'scheduledAt', type: 'string', doc: 'When it is planned, ISO 8601.', check: 'iso' },
  { name: 'amountCents', type: 'number', doc: 'Amount in cents of the currency below.' },
  { name: 'currency', type: 'string', doc: 'ISO 4217 currency code.' },
  { name: 'isUrgent', type: 'boolean', doc: 'Whether a manager is paged.' },
  { name: 'externalRef', type: 'string', doc: 'Reference in the partner system.', optional: true },
];

/** @type {Record<string, Field[]>} */
const DOMAIN_FIELDS = {
  dealer: [
    { name: 'modelCode', type: 'string', doc: 'Model code from the brand catalogue.' },
    { name: 'trimLevel', type: 'string', doc: 'Trim level, e.g. Pro or Max.' },
    { name: 'colourCode', type: 'string', doc: 'Paint code.', optional: true },
    { name: 'salesConsultantId', type: 'string', doc: 'Staff id of the consultant in charge.' },
    { name: 'financeTermMonths', type: 'number', doc: 'Loan term in months.' },
    { name: 'downPaymentCents', type: 'number', doc: 'Down payment in cents.' },
    { name: 'mileageKm', type: 'number', doc: 'Odometer reading at appraisal.' },
    { name: 'dealerCode', type: 'string', doc: 'Dealer code assigned by the brand.' },
    { name: 'campaignCode', type: 'string', doc: 'Marketing campaign that brought the lead.', optional: true },
    { name: 'isFleetCustomer', type: 'boolean', doc: 'Whether the buyer is a fleet.' },
  ],
  vehicle: [
    { name: 'odometerKm', type: 'number', doc: 'Odometer in kilometres.' },
    { name: 'firmwareVersion', type: 'string', doc: 'Head-unit firmware version.' },
    { name: 'batterySoc', type: 'number', doc: 'Battery state of charge in percent.' },
    { name: 'tripDistanceKm', type: 'number', doc: 'Distance of the trip.' },
    { name: 'faultCode', type: 'string', doc: 'Diagnostic trouble code (DTC).', optional: true },
    { name: 'severity', type: 'number', doc: 'Severity from 0 to 3.' },
    { name: 'latitude', type: 'number', doc: 'WGS-84 latitude, rounded to 3 decimals.' },
    { name: 'longitude', type: 'number', doc: 'WGS-84 longitude, rounded to 3 decimals.' },
    { name: 'chargerId', type: 'string', doc: 'Charger identifier.', optional: true },
    { name: 'energyKwh', type: 'number', doc: 'Energy in kWh.' },
  ],
  building: [
    { name: 'buildingCode', type: 'string', doc: 'Building code on the campus.' },
    { name: 'floor', type: 'number', doc: 'Floor number; basement floors are negative.' },
    { name: 'unitNo', type: 'string', doc: 'Unit or room number.' },
    { name: 'zone', type: 'string', doc: 'Security zone.' },
    { name: 'meterId', type: 'string', doc: 'Energy meter identifier.', optional: true },
    { name: 'readingKwh', type: 'number', doc: 'Meter reading.' },
    { name: 'hostStaffId', type: 'string', doc: 'Employee who hosts the visit.' },
    { name: 'purpose', type: 'string', doc: 'Purpose of the visit or request.' },
    { name: 'validUntil', type: 'string', doc: 'End of validity, ISO 8601.', check: 'iso' },
    { name: 'isAccessible', type: 'boolean', doc: 'Needs step-free access.' },
  ],
};

/** @type {Record<string, EntitySpec[]>} */
const DOMAINS = {
  dealer: [
    { kebab: 'customer', sensitive: ['idCardNo'], route: 'customers' },
    { kebab: 'lead', sensitive: [], route: 'leads' },
    { kebab: 'test-drive', sensitive: ['driverLicenseNo'], route: 'test-drives' },
    { kebab: 'sales-order', sensitive: ['idCardNo', 'vin'], route: 'sales-orders' },
    { kebab: 'finance-application', sensitive: ['idCardNo'], route: 'finance-applications' },
    { kebab: 'trade-in', sensitive: ['plateNo', 'vin'], route: 'trade-ins' },
    { kebab: 'insurance-quote', sensitive: ['vin'], route: 'insurance-quotes' },
    { kebab: 'loyalty-member', sensitive: ['idCardNo'], isFace: true, route: 'loyalty-members' },
    { kebab: 'delivery', sensitive: ['vin'], route: 'deliveries' },
    { kebab: 'showroom-visit', sensitive: [], isFace: true, isCamera: true, route: 'showroom-visits' },
  ],
  vehicle: [
    { kebab: 'vehicle', sensitive: ['vin', 'plateNo'], route: 'vehicles' },
    { kebab: 'telematics-trip', sensitive: ['vin'], route: 'trips' },
    { kebab: 'dashcam-event', sensitive: ['vin'], isCamera: true, route: 'dashcam-events' },
    { kebab: 'ota-campaign', sensitive: [], route: 'ota-campaigns' },
    { kebab: 'diagnostic-report', sensitive: ['vin'], route: 'diagnostic-reports' },
    { kebab: 'service-appointment', sensitive: ['plateNo'], route: 'service-appointments' },
    { kebab: 'warranty-claim', sensitive: ['vin'], route: 'warranty-claims' },
    { kebab: 'charging-session', sensitive: ['plateNo'], route: 'charging-sessions' },
    { kebab: 'cabin-monitor', sensitive: [], isFace: true, isCamera: true, route: 'cabin-monitors' },
    { kebab: 'fleet-assignment', sensitive: ['driverLicenseNo'], route: 'fleet-assignments' },
  ],
  building: [
    { kebab: 'visitor', sensitive: ['idCardNo'], isFace: true, route: 'visitors' },
    { kebab: 'access-badge', sensitive: [], isFace: true, route: 'access-badges' },
    { kebab: 'parking-session', sensitive: ['plateNo'], isCamera: true, route: 'parking-sessions' },
    { kebab: 'elevator-call', sensitive: [], route: 'elevator-calls' },
    { kebab: 'energy-reading', sensitive: [], route: 'energy-readings' },
    { kebab: 'maintenance-ticket', sensitive: [], route: 'maintenance-tickets' },
    { kebab: 'tenant', sensitive: ['idCardNo'], route: 'tenants' },
    { kebab: 'meeting-room', sensitive: [], route: 'meeting-rooms' },
    { kebab: 'camera-site', sensitive: [], isCamera: true, route: 'camera-sites' },
    { kebab: 'lobby-kiosk', sensitive: [], isFace: true, isCamera: true, route: 'lobby-kiosks' },
  ],
};

/** Bounded contexts are named after districts and sites, as real monorepos name their apps. */
const CONTEXT_NAMES = [
  'xuhui', 'pudong', 'minhang', 'jingan', 'hongkou', 'yangpu', 'baoshan', 'jiading', 'songjiang', 'qingpu',
  'haidian', 'chaoyang', 'tianhe', 'nanshan', 'futian', 'binjiang', 'wuhou', 'jiangbei', 'lianhu', 'gulou',
];

const STATUS_POOL = ['draft', 'submitted', 'active', 'pending', 'approved', 'scheduled', 'rejected', 'completed', 'cancelled'];

/** @param {string} kebab */
function toPascal(kebab) {
  return kebab.split(/[-_]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
/** @param {string} kebab */
function toCamel(kebab) {
  const pascal = toPascal(kebab);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
/** @param {string} camel */
function toSnake(camel) {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
/** @param {string} kebab */
function toConstant(kebab) {
  return kebab.replace(/-/g, '_').toUpperCase();
}

module.exports = {
  SENSITIVE, GENERIC_FIELDS, DOMAIN_FIELDS, DOMAINS, CONTEXT_NAMES, STATUS_POOL, toPascal, toCamel, toSnake, toConstant,
};
