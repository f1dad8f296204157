import { describe, expect, it } from 'vitest';
import {
  ID_VALIDATORS,
  isChinesePlate,
  isForeignPermanentResidentId,
  isHkid,
  isLegacyResidentId,
  isRealPastDate,
  isResidentId,
  isSsn,
  isTaiwanId,
  isVin,
  residentIdCheckCharacter,
  upgradeLegacyResidentId,
} from '../../rules/no-id-number-logging/validators';
import { createModels } from '../../rules/no-id-number-logging/models';
import { defaultOptions } from '../../rules/no-id-number-logging/options';

// Examples are DOMAIN.md §2's, computed there by script.
const FIXED_NOW = new Date(Date.UTC(2025, 5, 1));

describe('resident ID (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it.each(['11010519491231002X', '440524188001010014', '830000198506150024', '11010519491231002x'])('accepts %s', (id) => {
    expect(isResidentId(id, FIXED_NOW)).toBe(true);
  });

  it.each([
    ['110105194912310021', 'wrong check character'],
    ['110105194902300012', '30 February'],
    ['110105********002X', 'masked'],
    ['010105194912310021', 'address code starting with 0'],
    ['911310197503100019', 'foreign permanent resident ID, its own validator'],
  ])('rejects %s (%s)', (id) => {
    expect(isResidentId(id, FIXED_NOW)).toBe(false);
  });

  it('rejects a birth date in the future', () => {
    const first17 = '11010520300101001';
    const id = `${first17}${residentIdCheckCharacter(first17)}`;
    expect(isResidentId(id, FIXED_NOW)).toBe(false);
    expect(isResidentId(id, new Date(Date.UTC(2031, 0, 1)))).toBe(true);
  });

  it('computes the check character of the standard example', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('4405241880010100')).toBeUndefined();
  });

  it('knows real dates', () => {
    expect(isRealPastDate(2000, 2, 29, FIXED_NOW)).toBe(true);
    expect(isRealPastDate(1900, 2, 29, FIXED_NOW)).toBe(false);
    expect(isRealPastDate(1949, 12, 31, FIXED_NOW)).toBe(true);
    expect(isRealPastDate(1949, 13, 1, FIXED_NOW)).toBe(false);
  });
});

describe('foreign permanent resident ID (since 2023-12-01)', () => {
  it('accepts the 18-digit form starting with 9', () => {
    expect(isForeignPermanentResidentId('911310197503100019', FIXED_NOW)).toBe(true);
  });

  it('rejects a wrong check digit and a mainland ID', () => {
    expect(isForeignPermanentResidentId('911310197503100018', FIXED_NOW)).toBe(false);
    expect(isForeignPermanentResidentId('11010519491231002X', FIXED_NOW)).toBe(false);
  });
});

describe('legacy 15-digit resident ID', () => {
  it('accepts the example and upgrades it to 18 digits', () => {
    expect(isLegacyResidentId('130503670401001', FIXED_NOW)).toBe(true);
    expect(upgradeLegacyResidentId('130503670401001')).toBe('130503196704010016');
    expect(isResidentId('130503196704010016', FIXED_NOW)).toBe(true);
  });

  it('rejects impossible dates and other lengths', () => {
    expect(isLegacyResidentId('130503670231001', FIXED_NOW)).toBe(false);
    expect(isLegacyResidentId('356938035643809', FIXED_NOW)).toBe(false);
    expect(isLegacyResidentId('13050367040100', FIXED_NOW)).toBe(false);
  });
});

describe('HKID', () => {
  it.each(['A123456(3)', 'AB987654(3)', 'G123456(A)', 'A1234563'])('accepts %s', (id) => {
    expect(isHkid(id)).toBe(true);
  });

  it.each(['A123456(4)', 'K034169(1)', 'A12345(3)', '1234567(3)'])('rejects %s', (id) => {
    expect(isHkid(id)).toBe(false);
  });
});

describe('Taiwan ID', () => {
  it.each(['A123456789', 'A800000014'])('accepts %s', (id) => expect(isTaiwanId(id)).toBe(true));
  it.each(['A123456788', 'A323456789', '1123456789'])('rejects %s', (id) => expect(isTaiwanId(id)).toBe(false));
});

describe('VIN (ISO 3779, position 9 check digit)', () => {
  it.each(['1M8GDM9AXKP042788', '1HGCM82633A004352', 'LFV2A21K097123456'])('accepts %s', (vin) => {
    expect(isVin(vin)).toBe(true);
  });

  it.each([
    ['LSVAU2180N2183294', 'needs X in position 9'],
    ['11111111111111111', 'filler'],
    ['1HGCM82633A00435', 'sixteen characters'],
    ['1HGCM82633I004352', 'contains I'],
  ])('rejects %s (%s)', (vin) => {
    expect(isVin(vin)).toBe(false);
  });
});

describe('SSN', () => {
  it.each(['512-45-6789', '512456789'])('accepts %s', (ssn) => expect(isSsn(ssn)).toBe(true));
  it.each(['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', '078-05-1120'])('rejects %s', (ssn) => {
    expect(isSsn(ssn)).toBe(false);
  });
});

describe('Chinese licence plates', () => {
  it.each(['京A12345', '沪C8B2K1', '京A1234警', '粤Z1234港', '使014578', '沪AD12345', '粤B12345D', '京A·12345', '京A 12345'])(
    'accepts %s',
    (plate) => expect(isChinesePlate(plate)).toBe(true),
  );
  it.each(['京I12345', '京A12O45', '京A123456', 'AB12345', '港A12345'])('rejects %s', (plate) => {
    expect(isChinesePlate(plate)).toBe(false);
  });
});

describe('literal source models', () => {
  const literals = (createModels(defaultOptions).sources ?? []).filter((s) => s.kind === 'literal');

  it('name only registered validators', () => {
    for (const model of literals) {
      if (model.kind === 'literal' && model.validator !== undefined) expect(ID_VALIDATORS).toHaveProperty(model.validator);
    }
  });

  /** What the engine does with a literal model: find bounded matches, then ask the validator. */
  function literalFindings(text: string): string[] {
    const found: string[] = [];
    for (const model of literals) {
      if (model.kind !== 'literal') continue;
      const pattern = new RegExp(model.pattern, 'g');
      for (const match of text.matchAll(pattern)) {
        const validator = model.validator === undefined ? undefined : ID_VALIDATORS[model.validator];
        if (validator === undefined || validator(match[0])) found.push(match[0]);
      }
    }
    return found;
  }

  it.each([
    ['customer 11010519491231002X booked a test drive', '11010519491231002X'],
    ['plate 沪AD12345 entered the showroom car park', '沪AD12345'],
    ['VIN LFV2A21K097123456 delivered', 'LFV2A21K097123456'],
    ['HKID A123456(3) verified', 'A123456(3)'],
    ['Taiwan ID A123456789', 'A123456789'],
    ['SSN 512-45-6789 on file', '512-45-6789'],
    ['legacy 130503670401001', '130503670401001'],
    ['foreign resident 911310197503100019', '911310197503100019'],
  ])('find the identifier in %j', (text, expected) => {
    expect(literalFindings(text)).toContain(expected);
  });

  it.each([
    'masked 110105********002X',
    'order 110105194912310021 (bad check)',
    'part of a longer number 911010519491231002X9',
    'VIN LSVAU2180N2183294 fails its check digit',
    'phone 13800138000',
    'uuid 3f2b8c1e-9d4a-4b6f-8e2a-1c5d7e9f0a12',
    'credit code 91350100M000100Y43',
  ])('report nothing in %j', (text) => {
    expect(literalFindings(text)).toEqual([]);
  });
});
