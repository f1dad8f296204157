/**
 * Check-digit and format validators for the literal sources of `no-id-number-logging` (DOMAIN.md §2).
 * Each takes the matched text (possibly with separators the pattern allows) and says whether it is a real
 * identifier rather than a number that merely looks like one. Masked values (`110105********002X`) never pass.
 */

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID. */
export function residentIdCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK[sum % 11];
}

/** A real calendar date, not in the future. `now` is injectable for tests. */
export function isRealPastDate(year: number, month: number, day: number, now: Date = new Date()): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** 18-character 公民身份号码 (GB 11643-1999), including HK/MO/TW residence permits (810000/820000/830000). */
export function isResidentId(text: string, now: Date = new Date()): boolean {
  const id = text.trim().toUpperCase();
  if (!/^[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(id)) return false;
  return hasValidResidentIdBody(id, now);
}

/** Foreign permanent resident ID card (since 2023-12-01): 18 characters starting with 9, MOD 11-2. */
export function isForeignPermanentResidentId(text: string, now: Date = new Date()): boolean {
  const id = text.trim().toUpperCase();
  if (!/^9\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(id)) return false;
  return hasValidResidentIdBody(id, now);
}

function hasValidResidentIdBody(id: string, now: Date): boolean {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isRealPastDate(year, month, day, now)) return false;
  return residentIdCheckCharacter(id.slice(0, 17)) === id.charAt(17);
}

/** Legacy 15-digit resident ID (birth year 19YY, no check character). */
export function isLegacyResidentId(text: string, now: Date = new Date()): boolean {
  const id = text.trim();
  if (!/^[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/.test(id)) return false;
  return isRealPastDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), now);
}

/** The 18-digit form of a legacy 15-digit ID: `19` inserted after the address code, check character appended. */
export function upgradeLegacyResidentId(legacy: string): string | undefined {
  if (!/^\d{15}$/.test(legacy)) return undefined;
  const first17 = `${legacy.slice(0, 6)}19${legacy.slice(6)}`;
  const check = residentIdCheckCharacter(first17);
  return check === undefined ? undefined : `${first17}${check}`;
}

/** Hong Kong identity card: one or two letters, six digits, check digit 0–9 or A (brackets optional). */
export function isHkid(text: string): boolean {
  const match = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/.exec(text.trim().toUpperCase());
  if (!match) return false;
  const [, letters = '', digits = '', check = ''] = match;
  const letterValue = (letter: string): number => letter.charCodeAt(0) - 55; // A=10 … Z=35
  const values = letters.length === 1 ? [36, letterValue(letters)] : [letterValue(letters.charAt(0)), letterValue(letters.charAt(1))];
  for (const digit of digits) values.push(Number(digit));
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (values[i] ?? 0) * (9 - i);
  const remainder = sum % 11;
  const expected = remainder === 0 ? '0' : remainder === 1 ? 'A' : String(11 - remainder);
  return check === expected;
}

const TAIWAN_LETTER_CODES: Readonly<Record<string, number>> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

/** Taiwan national ID / resident certificate number: a letter, 1/2/8/9, eight digits, mod-10 checksum. */
export function isTaiwanId(text: string): boolean {
  const id = text.trim().toUpperCase();
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const code = TAIWAN_LETTER_CODES[id.charAt(0)];
  if (code === undefined) return false;
  let sum = Math.floor(code / 10) + 9 * (code % 10);
  for (let k = 1; k <= 8; k++) sum += Number(id.charAt(k)) * (9 - k);
  sum += Number(id.charAt(9));
  return sum % 10 === 0;
}

const VIN_TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * VIN (ISO 3779 / GB 16735) with a valid position-9 check digit, as required in China and North America.
 * European VINs may legally skip the check; those are left to name context rather than reported from literals.
 * Filler strings (`11111111111111111`) and all-digit numbers are not VINs.
 */
export function isVin(text: string): boolean {
  const vin = text.trim().toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  if (/^(.)\1{16}$/.test(vin)) return false;
  if (!/[A-Z]/.test(vin) || !/\d/.test(vin)) return false;
  if (/[UZ0]/.test(vin.charAt(9))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : VIN_TRANSLITERATION[ch];
    if (value === undefined) return false;
    sum += value * (VIN_WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return vin.charAt(8) === (remainder === 10 ? 'X' : String(remainder));
}

/**
 * US Social Security number in the issued ranges: area not 000, 666 or 9xx (ITINs), group not 00, serial not
 * 0000; the voided Woolworth number 078-05-1120 is not a person's. No check digit exists.
 */
export function isSsn(text: string): boolean {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(text.trim());
  if (!match) return false;
  const [, area = '', group = '', serial = ''] = match;
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  return `${area}${group}${serial}` !== '078051120';
}

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/**
 * Chinese licence plate (号牌号码): ordinary, special-suffix (警学挂领港澳, 应急), new-energy small (D/F plus
 * newer letters in the third place) and large (D/F last), and embassy (使) plates. I and O never appear.
 */
export function isChinesePlate(text: string): boolean {
  const plate = text.trim().replace(/^(.{2})[·•\s-]/u, '$1');
  if (/^使\d{6}$/u.test(plate)) return true;
  const province = `[${PLATE_PROVINCES}]`;
  const letter = '[A-HJ-NP-Z]';
  const serial = '[A-HJ-NP-Z0-9]';
  const forms = [
    `^${province}${letter}${serial}{5}$`,
    `^${province}${letter}${serial}{4}(?:[警学挂领港澳]|应急)$`,
    `^${province}${letter}[A-HJK]${serial}\\d{4}$`,
    `^${province}${letter}\\d{5}[DF]$`,
  ];
  return forms.some((form) => new RegExp(form, 'u').test(plate));
}

/** Validators by the names the literal source models use. */
export const ID_VALIDATORS: Readonly<Record<string, (text: string) => boolean>> = {
  residentId: (text) => isResidentId(text),
  foreignPermanentResidentId: (text) => isForeignPermanentResidentId(text),
  legacyResidentId: (text) => isLegacyResidentId(text),
  hkid: isHkid,
  taiwanId: isTaiwanId,
  vin: isVin,
  ssn: isSsn,
  chinesePlate: isChinesePlate,
};
