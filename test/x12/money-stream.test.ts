import fc from 'fast-check';
import { Readable } from 'node:stream';
import type { ClaimPayment } from '../../src/remittance/types';
import {
  DEFAULT_DELIMITERS,
  formatCents,
  parseCents,
  parseScaledDecimal,
  quantityAt,
  read835,
  readSegments,
  splitOn,
  streamRemittances,
  write835,
  type Segment,
} from '../../src/x12';
import { envelope } from './fixtures';
import { readFixture } from './helpers';

describe('money as integer cents', () => {
  it.each([
    ['123.45', 12345],
    ['810.8', 81080],
    ['0.1', 10],
    ['.5', 50],
    ['-1.27', -127],
    ['40', 4000],
    ['40.00', 4000],
    ['211366.97', 21136697],
    ['-0', 0],
  ])('parses %s', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(['', '-', '.', '1.234', '12a', '1,000', '1e3', ' 1'])('refuses %j', (text) => {
    expect(parseCents(text)).toBeNull();
  });

  it('formats cents back with trailing zeros suppressed', () => {
    expect([4000, 4050, 4005, 0, -127, 12345].map(formatCents)).toEqual([
      '40',
      '40.5',
      '40.05',
      '0',
      '-1.27',
      '123.45',
    ]);
    expect(parseScaledDecimal('0.2', 4)).toBe(2000);
  });

  it('format → parse is the identity for any integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => parseCents(formatCents(cents)) === cents),
    );
  });
});

describe('streaming reader', () => {
  it('gives the same claims as the text reader, whatever the chunk size', async () => {
    const text = readFixture('four-claims-one-check.835');
    const [expected] = read835(text);
    for (const size of [1, 7, 64, 4096]) {
      const chunks: Buffer[] = [];
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const claims: ClaimPayment[] = [];
      let payment = 0;
      for await (const event of streamRemittances(Readable.from(chunks))) {
        if (event.kind === 'claim') {
          expect(event.problems).toEqual([]);
          claims.push(event.claim);
        }
        if (event.kind === 'paymentEnd') {
          payment = event.header.paymentCents;
          expect(event.problems).toEqual([]);
          expect(event.totalPaidCents).toBe(12350);
        }
      }
      expect(claims).toEqual(expected!.claims);
      expect(payment).toBe(12565);
    }
  });

  it('splits multi-byte UTF-8 across chunks and keeps segment positions', async () => {
    const text = readFixture('one-claim-check.835').replace('PRAIRIE MUTUAL', 'PRAIRIE MÜTUAL');
    const bytes = Buffer.from(text, 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const segments = [];
    for await (const segment of readSegments(Readable.from(chunks))) segments.push(segment);
    expect(segments).toHaveLength(35);
    expect(segments.find((s) => s.id === 'N1')?.elements[2]).toBe('PRAIRIE MÜTUAL HEALTH');
    expect(segments.map((s) => s.position)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
  });

  it('streams a many-payment file one claim at a time', async () => {
    const claim = (n: number): ClaimPayment => ({
      patientControlNumber: `P${n}`,
      statusCode: '1',
      chargeCents: 10000,
      paidCents: 8000,
      patientResponsibilityCents: 0,
      payerClaimNumber: `C${n}`,
      adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 2000 }],
      lines: [],
      remarkCodes: [],
    });
    const advices = [0, 1, 2].map((p) => ({
      traceNumber: `T${p}`,
      payerId: '60054',
      payerName: 'AETNA',
      paymentCents: 800000,
      paymentMethod: 'CHK',
      paymentDate: '2026-03-01',
      claims: Array.from({ length: 100 }, (_, i) => claim(p * 100 + i)),
      providerAdjustments: [],
    }));
    const text = write835(advices, { envelope });
    const kinds: string[] = [];
    for await (const event of streamRemittances([text])) kinds.push(event.kind);
    expect(kinds.filter((k) => k === 'claim')).toHaveLength(300);
    expect(kinds.filter((k) => k === 'payment')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'paymentEnd')).toHaveLength(3);
  });
});

describe('segment splitting', () => {
  it('splitOn gives what String.prototype.split gives for a one-character separator', () => {
    const text = fc.string({ unit: fc.constantFrom('*', ':', 'A', '1', ' ', '.'), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.constantFrom('*', ':'), (value, separator) => {
        expect(splitOn(value, separator)).toEqual(value.split(separator));
      }),
    );
  });

  it('an empty separator (no ISA11 repetition separator) splits nothing', () => {
    expect(splitOn('A^B', '')).toEqual(['A^B']);
  });

  it('units: whole numbers, fractions, the fallback when empty, and a refusal of anything else', () => {
    const svc = (units: string): Segment => ({
      id: 'SVC',
      elements: ['SVC', 'HC:11102', '50', '30', '', units],
      position: 7,
      delimiters: DEFAULT_DELIMITERS,
    });
    expect(quantityAt(svc('3'), 5)).toBe(3);
    expect(quantityAt(svc('007'), 5)).toBe(7);
    expect(quantityAt(svc('1.5'), 5)).toBe(1.5);
    expect(quantityAt(svc('.5'), 5)).toBe(0.5);
    expect(quantityAt(svc(''), 5, 1)).toBe(1);
    expect(() => quantityAt(svc('2x'), 5)).toThrow('not a number');
  });
});
