/**
 * Display and log masks. A resident ID keeps its first three and last four characters, so the birth date
 * (positions 7–14) is always hidden; plates keep the province and the last two characters.
 */

export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export function maskPlate(plateNo: string): string {
  const value = plateNo.replace(/[·•\s-]/g, '');
  if (value.length < 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '*'.repeat(mobile.length);
}
