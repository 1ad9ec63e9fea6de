import type { ClaimBatch } from '../../src/claims/types';
import type { ClaimStatusRequest } from '../../src/clearinghouse/types';
import type { EligibilityRequest, EligibilityResult } from '../../src/eligibility/types';
import type { RemittanceAdvice } from '../../src/remittance/types';
import type { ClaimAcknowledgementDetail, ClaimStatusDetail } from '../../src/x12';
import {
  acknowledgeInterchange,
  acknowledgeInterchangeEnvelope,
  claimAcknowledgementsFrom999,
  detectTransaction,
  parseX12,
  read270,
  read271,
  read276,
  read277,
  read277CA,
  read835,
  read837P,
  read999,
  readTA1,
  write270,
  write271,
  write276,
  write277,
  write277CA,
  write835,
  write837P,
  write999,
  writeTA1,
} from '../../src/x12';
import { claimBatch, envelope } from './fixtures';

/** What an 837P carries of a batch: labels and lesion ids stay in our system; HI codes lose the dot. */
function as837Sees(batch: ClaimBatch): ClaimBatch {
  return {
    ...batch,
    submitter: { ...batch.submitter, contactPhone: batch.submitter.contactPhone.replace(/\D/g, '') },
    claims: batch.claims.map((claim) => ({
      ...claim,
      diagnosisCodes: claim.diagnosisCodes.map((code) => code.replace('.', '')),
      lines: claim.lines.map((line) => ({
        code: line.code,
        modifiers: line.modifiers,
        units: line.units,
        chargeCents: line.chargeCents,
        diagnosisPointers: line.diagnosisPointers,
        label: '',
        lineControlNumber: line.lineControlNumber,
      })),
    })),
  };
}

const remittance: RemittanceAdvice = {
  traceNumber: 'EFT-0042',
  payerId: '60054',
  payerName: 'AETNA',
  paymentCents: 25940,
  paymentMethod: 'ACH',
  paymentDate: '2026-03-10',
  payeeNpi: '1234567893',
  claims: [
    {
      patientControlNumber: 'V1001',
      statusCode: '1',
      chargeCents: 41050,
      paidCents: 26440,
      patientResponsibilityCents: 2000,
      payerClaimNumber: 'PAYER-CLM-1',
      adjustments: [],
      remarkCodes: ['MA01'],
      lines: [
        {
          lineControlNumber: 'V1001-1',
          procedureCode: '99213',
          modifiers: ['25'],
          chargeCents: 12500,
          paidCents: 8000,
          units: 1,
          adjustments: [
            { group: 'CO', reasonCode: '45', amountCents: 2500 },
            { group: 'PR', reasonCode: '3', amountCents: 2000 },
          ],
          remarkCodes: [],
        },
        {
          lineControlNumber: 'V1001-2',
          procedureCode: '11102',
          modifiers: [],
          chargeCents: 15050,
          paidCents: 9950,
          units: 1,
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 5100 }],
          remarkCodes: ['N130', 'M80'],
        },
        {
          lineControlNumber: 'V1001-3',
          procedureCode: '17000',
          modifiers: ['59'],
          chargeCents: 9000,
          paidCents: 6000,
          units: 1,
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 3000 }],
          remarkCodes: [],
        },
        {
          lineControlNumber: 'V1001-4',
          procedureCode: '17003',
          modifiers: [],
          chargeCents: 4500,
          paidCents: 2490,
          units: 3,
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 2010, quantity: 3 }],
          remarkCodes: [],
        },
      ],
    },
    {
      patientControlNumber: 'V0999',
      statusCode: '22',
      chargeCents: -18000,
      paidCents: -1000,
      patientResponsibilityCents: 0,
      payerClaimNumber: 'PAYER-CLM-0',
      adjustments: [{ group: 'CO', reasonCode: '45', amountCents: -17000 }],
      remarkCodes: [],
      lines: [],
    },
    {
      patientControlNumber: 'V1003',
      statusCode: '4',
      chargeCents: 9000,
      paidCents: 0,
      patientResponsibilityCents: 0,
      payerClaimNumber: 'PAYER-CLM-3',
      adjustments: [],
      remarkCodes: [],
      lines: [
        {
          procedureCode: '17000',
          modifiers: [],
          chargeCents: 9000,
          paidCents: 0,
          units: 1,
          adjustments: [{ group: 'CO', reasonCode: '50', amountCents: 9000 }],
          remarkCodes: ['N115'],
        },
      ],
    },
  ],
  providerAdjustments: [
    { reasonCode: 'WO', reference: 'OVERPAY-1', amountCents: 500 },
    { reasonCode: 'L6', amountCents: -1000 },
  ],
};

describe('round trips: write → read gives back the billing objects', () => {
  it('837P', () => {
    const text = write837P(claimBatch, { envelope });
    expect(detectTransaction(text)).toBe('837P');
    expect(read837P(text)).toEqual([as837Sees(claimBatch)]);
  });

  it('835 with reversal (22), denial (4), CAS quantities, remarks and PLB', () => {
    const check: RemittanceAdvice = {
      ...remittance,
      paymentMethod: 'CHK',
      payeeNpi: undefined,
      traceNumber: 'CHK-77',
    };
    delete check.payeeNpi;
    const text = write835([remittance, check], { envelope });
    expect(detectTransaction(text)).toBe('835');
    expect(read835(text)).toEqual([remittance, check]);
  });

  it('271 (active with benefits, and rejected) and 270', () => {
    const request: EligibilityRequest = {
      payerId: '60054',
      memberId: 'W123456789',
      providerNpi: '1234567893',
      subscriber: { firstName: 'ANA', lastName: 'TESTER', dateOfBirth: '1970-05-01' },
      dateOfService: '2026-03-01',
      serviceTypeCodes: ['30', '98'],
      procedureCodes: ['17311'],
    };
    const inquiry = write270(request, { envelope });
    expect(detectTransaction(inquiry)).toBe('270');
    expect(read270(inquiry)).toEqual([request]);
    const active: EligibilityResult = {
      status: 'active',
      planName: 'GOLD PPO',
      coverageStart: '2026-01-01',
      coverageEnd: '2026-12-31',
      inNetwork: true,
      deductibleCents: 150000,
      deductibleRemainingCents: 42050,
      coinsuranceBasisPoints: 2000,
      copayCents: 4000,
      outOfPocketRemainingCents: 310000,
      priorAuthRequiredFor: ['17311'],
      errors: [],
    };
    const response = write271(active, request, { envelope });
    expect(detectTransaction(response)).toBe('271');
    expect(read271(response)).toEqual([active]);
    const inactive: EligibilityResult = {
      status: 'inactive',
      coverageEnd: '2025-12-31',
      priorAuthRequiredFor: [],
      errors: [],
    };
    expect(read271(write271(inactive, request, { envelope }))).toEqual([inactive]);
    const rejected: EligibilityResult = {
      status: 'error',
      priorAuthRequiredFor: [],
      errors: [{ code: '75', message: 'Subscriber/insured not found' }],
    };
    expect(read271(write271(rejected, request, { envelope }))).toEqual([rejected]);
  });

  it('276 and 277 with a line status', () => {
    const request: ClaimStatusRequest = {
      payerId: '60054',
      patientControlNumber: 'V1001',
      memberId: 'W123456789',
      providerNpi: '1234567893',
      dateOfService: '2026-02-20',
      chargeCents: 41050,
    };
    const inquiry = write276([request], {
      envelope,
      receiver: { name: 'SUNRISE DERMATOLOGY PC', id: 'SUB123' },
    });
    expect(detectTransaction(inquiry)).toBe('276');
    expect(read276(inquiry)).toEqual([request]);
    const report: ClaimStatusDetail = {
      patientControlNumber: 'V1001',
      categoryCode: 'F1',
      statusCode: '65',
      payerClaimNumber: 'PAYER-CLM-1',
      message: 'paid',
      chargeCents: 41050,
      paidCents: 26440,
      dateOfService: '2026-02-20',
      lines: [
        {
          procedureCode: '11102',
          modifiers: [],
          chargeCents: 15050,
          paidCents: 9950,
          categoryCode: 'F1',
          statusCode: '65',
          lineControlNumber: 'V1001-2',
        },
      ],
    };
    const text = write277([{ request, report }], {
      envelope,
      receiver: { name: 'SUNRISE DERMATOLOGY PC', id: 'SUB123' },
    });
    expect(detectTransaction(text)).toBe('277');
    expect(read277(text)).toEqual([report]);
  });

  it('277CA', () => {
    const acks: ClaimAcknowledgementDetail[] = [
      {
        patientControlNumber: 'V1001',
        accepted: true,
        categoryCode: 'A2',
        statusCode: '20',
        payerClaimNumber: 'PCN-9',
        reasons: [],
        chargeCents: 41050,
        dateOfService: '2026-02-20',
      },
      {
        patientControlNumber: 'V1002',
        accepted: false,
        categoryCode: 'A7',
        statusCode: '562',
        reasons: ['billing provider NPI invalid', 'taxonomy missing'],
        chargeCents: 18000,
        dateOfService: '2026-02-21',
        lines: [
          {
            procedureCode: '99214',
            modifiers: [],
            chargeCents: 18000,
            categoryCode: 'A7',
            statusCode: '453',
            lineControlNumber: 'V1002-1',
          },
        ],
      },
    ];
    const text = write277CA(claimBatch, acks, {
      envelope,
      source: { kind: 'payer', name: 'AETNA', id: '60054' },
    });
    expect(detectTransaction(text)).toBe('277CA');
    expect(read277CA(text)).toEqual(acks);
  });

  it('999 and TA1', () => {
    const received = parseX12(write837P(claimBatch, { envelope })).interchanges[0]!;
    const acks = acknowledgeInterchange(received, {
      '0001': [
        {
          segmentId: 'SV1',
          segmentPosition: 26,
          loopId: '2400',
          errorCode: '8',
          elementErrors: [
            { elementPosition: 1, componentPosition: 2, errorCode: '7', dataElementReference: '234' },
          ],
        },
      ],
    });
    const text = write999(acks, { envelope });
    expect(detectTransaction(text)).toBe('999');
    const back = read999(text);
    expect(back).toEqual(acks);
    expect(back[0]).toMatchObject({ status: 'R', includedSets: 1, acceptedSets: 0 });
    const claims = claimAcknowledgementsFrom999(back, { '0001': ['V1001', 'V1002'] });
    expect(claims.map((c) => [c.patientControlNumber, c.accepted, c.categoryCode])).toEqual([
      ['V1001', false, 'A3'],
      ['V1002', false, 'A3'],
    ]);
    expect(claims[0]!.reasons.join(' ')).toContain('segment SV1 at position 26 (loop 2400)');
    expect(read999(write999(acknowledgeInterchange(received), { envelope }))[0]).toMatchObject({
      status: 'A',
      acceptedSets: 1,
    });

    const ta1 = acknowledgeInterchangeEnvelope(received, 'R', '025');
    const ta1Text = writeTA1(ta1, { envelope });
    expect(detectTransaction(ta1Text)).toBe('TA1');
    expect(readTA1(ta1Text)).toEqual([
      { ...ta1, interchangeControlNumber: '000001201', note: 'Duplicate interchange control number' },
    ]);
  });
});
