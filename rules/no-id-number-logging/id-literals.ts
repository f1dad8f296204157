/**
 * Literal sources of `no-id-number-logging` (DOMAIN.md §2): string literals that match an ID format and pass its
 * check (check digits, real birth dates). Each model carries real-looking examples, which also decide whether a
 * regular expression in the analysed code validates that format.
 */
import type { LiteralSourceModel } from '../../server/src/engine/rule-api';

const BOUND_START = '(?<![0-9A-Za-z])';
const BOUND_END = '(?![0-9A-Za-z])';
const bounded = (body: string): string => `${BOUND_START}(?:${body})${BOUND_END}`;
const DATE = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const PLATE_PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';

export function literalSources(): LiteralSourceModel[] {
  return [
    {
      kind: 'literal',
      pattern: bounded(`8[123]0000(?:19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'residentId',
      examples: ['810000199001010019'],
      description: 'residence permit number of a Hong Kong, Macau or Taiwan resident (MOD 11-2 check valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`[1-8]\\d{5}(?:18|19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'residentId',
      examples: ['11010519491231002X', '440304199003071512'],
      description: 'resident ID number (MOD 11-2 check and birth date valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`9\\d{5}(?:19|20)\\d{2}${DATE}\\d{3}[\\dXx]`),
      validator: 'foreignPermanentResidentId',
      examples: ['910000198506130023'],
      description: 'foreign permanent resident ID number (MOD 11-2 check valid)',
    },
    {
      kind: 'literal',
      pattern: bounded(`[1-9]\\d{7}${DATE}\\d{3}`),
      validator: 'legacyResidentId',
      examples: ['110105491231002'],
      description: 'legacy 15-digit resident ID number',
    },
    { kind: 'literal', pattern: bounded('[A-Z]{1,2}\\d{6}\\([0-9A]\\)|[A-Z]{1,2}\\d{6}[0-9A]'), validator: 'hkid', examples: ['A1234563', 'A123456(3)'], description: 'Hong Kong identity card number (check digit valid)' },
    { kind: 'literal', pattern: bounded('[A-Z][1289]\\d{8}'), validator: 'taiwanId', examples: ['A123456789'], description: 'Taiwan ID number (checksum valid)' },
    { kind: 'literal', pattern: bounded('[A-HJ-NPR-Z0-9]{17}'), validator: 'vin', examples: ['LSVAU218XN2183294', '1HGCM82633A004352'], description: 'VIN (position-9 check digit valid)' },
    { kind: 'literal', pattern: bounded('\\d{3}-\\d{2}-\\d{4}'), validator: 'ssn', examples: ['536-22-8726'], description: 'US Social Security number' },
    {
      kind: 'literal',
      pattern: bounded(`${PLATE_PROVINCE}[A-HJ-NP-Z][·•\\s-]?[A-HJ-NP-Z0-9]{4,6}(?:[警学挂领港澳]|应急)?|使\\d{6}`),
      validator: 'chinesePlate',
      examples: ['京A12345', '粤BD12345', '沪A·D12345'],
      description: 'Chinese licence plate',
    },
  ];
}
