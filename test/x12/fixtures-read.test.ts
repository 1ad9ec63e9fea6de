import {
  detectTransaction,
  read271,
  read277,
  read835WithProblems,
  readX12Document,
  validateX12,
} from '../../src/x12';
import { readFixture } from './helpers';

/** The project's hand-written fixtures, each figure read off the file by hand. */
describe('835 fixtures balance to the cent', () => {
  it('one claim on one check: CO-45 write-offs, PR-2 and PR-3, line control numbers', () => {
    const { remittances, problems } = read835WithProblems(readFixture('one-claim-check.835'));
    expect(problems).toEqual([]);
    expect(remittances).toHaveLength(1);
    const [advice] = remittances;
    expect(advice).toMatchObject({
      traceNumber: 'CHK100234',
      payerId: '60054',
      paymentCents: 15750,
      paymentMethod: 'CHK',
      paymentDate: '2026-11-14',
      payeeNpi: '1234567893',
    });
    const [claim] = advice!.claims;
    expect(claim).toMatchObject({
      patientControlNumber: 'V2001',
      chargeCents: 27500,
      paidCents: 15750,
      patientResponsibilityCents: 4750,
    });
    expect(claim!.lines.map((l) => [l.procedureCode, l.modifiers, l.lineControlNumber])).toEqual([
      ['99213', ['25'], 'V2001-1'],
      ['11102', [], 'V2001-2'],
    ]);
    expect(claim!.lines[1]!.adjustments).toEqual([
      { group: 'CO', reasonCode: '45', amountCents: 4000 },
      { group: 'PR', reasonCode: '3', amountCents: 2500 },
    ]);
  });

  it('four claims on one EFT: paid, denied with a line remark, reversal, PLB interest', () => {
    const { remittances, problems } = read835WithProblems(readFixture('four-claims-one-check.835'));
    expect(problems).toEqual([]);
    const [advice] = remittances;
    expect(advice!.paymentCents).toBe(12565);
    expect(advice!.paymentMethod).toBe('ACH');
    expect(
      advice!.claims.map((c) => [c.patientControlNumber, c.statusCode, c.chargeCents, c.paidCents]),
    ).toEqual([
      ['V3001', '1', 27500, 13600],
      ['V3002', '4', 21000, 0],
      ['V3003', '1', 9000, 6000],
      ['V3000', '22', -12500, -7250],
    ]);
    expect(advice!.claims[0]!.remarkCodes).toEqual(['MA01']);
    expect(advice!.claims[1]!.lines[0]!.remarkCodes).toEqual(['N115']);
    expect(advice!.claims[3]!.patientResponsibilityCents).toBe(-2250);
    expect(advice!.providerAdjustments).toEqual([
      { reasonCode: 'L6', reference: 'V3001', amountCents: -215 },
    ]);
    // BPR02 = Σ CLP04 − Σ PLB: 136.00 + 0 + 60.00 − 72.50 − (−2.15) = 125.65
    const paid = advice!.claims.reduce((total, c) => total + c.paidCents, 0);
    expect(paid - advice!.providerAdjustments[0]!.amountCents).toBe(advice!.paymentCents);
  });
});

describe('271 and 277 fixtures', () => {
  it('reads an active plan: deductible and remaining, coinsurance, copay, out-of-pocket, prior auth', () => {
    expect(read271(readFixture('active-benefits.271'))).toEqual([
      {
        status: 'active',
        planName: 'PPO GOLD 2000',
        coverageStart: '2026-01-01',
        deductibleCents: 150000,
        deductibleRemainingCents: 90000, // the in-network figure wins over the out-of-network 2500
        coinsuranceBasisPoints: 2000,
        copayCents: 4000,
        outOfPocketRemainingCents: 310000,
        priorAuthRequiredFor: ['17311'],
        errors: [],
      },
    ]);
  });

  it('reads an AAA rejection as an error with its reason', () => {
    expect(read271(readFixture('subscriber-not-found.271'))).toEqual([
      {
        status: 'error',
        priorAuthRequiredFor: [],
        errors: [{ code: '72', message: 'Invalid/missing subscriber/insured ID' }],
      },
    ]);
  });

  it('reads 277 statuses per claim and per line', () => {
    const reports = read277(readFixture('claim-status.277'));
    expect(reports.map((r) => [r.patientControlNumber, r.categoryCode, r.statusCode])).toEqual([
      ['V2001', 'F1', '65'],
      ['V3002', 'F2', '88'],
    ]);
    expect(reports[0]).toMatchObject({
      chargeCents: 27500,
      paidCents: 15750,
      payerClaimNumber: 'PCN2026111401',
    });
    expect(reports[0]!.lines).toEqual([
      {
        procedureCode: '11102',
        modifiers: [],
        chargeCents: 15000,
        paidCents: 8500,
        categoryCode: 'F1',
        statusCode: '65',
        lineControlNumber: 'V2001-2',
      },
    ]);
  });

  it.each([
    ['one-claim-check.835', '835'],
    ['four-claims-one-check.835', '835'],
    ['active-benefits.271', '271'],
    ['subscriber-not-found.271', '271'],
    ['claim-status.277', '277'],
  ])('%s validates and is detected as %s, with or without line breaks', (file, kind) => {
    for (const compact of [true, false]) {
      const text = readFixture(file, { compact });
      expect(validateX12(text)).toMatchObject({ ok: true, errors: [] });
      expect(detectTransaction(text)).toBe(kind);
      expect(readX12Document(text).kind).toBe(kind);
    }
  });
});
