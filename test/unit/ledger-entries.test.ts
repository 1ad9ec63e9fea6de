import {
  balanceOf,
  chargePostings,
  remittancePostings,
  selfPayPostings,
} from '../../src/posting/ledger-entries';
import type { ClaimPayment } from '../../src/remittance/types';

const paid: ClaimPayment = {
  patientControlNumber: 'V1A1',
  statusCode: '1',
  chargeCents: 28500,
  paidCents: 13680,
  patientResponsibilityCents: 3420,
  payerClaimNumber: 'PCN-9',
  adjustments: [],
  remarkCodes: [],
  lines: [
    {
      lineControlNumber: 'V1A1L1',
      procedureCode: '99213',
      modifiers: ['25'],
      chargeCents: 13500,
      paidCents: 6480,
      units: 1,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 5400 },
        { group: 'PR', reasonCode: '3', amountCents: 1620 },
      ],
      remarkCodes: [],
    },
    {
      lineControlNumber: 'V1A1L2',
      procedureCode: '17000',
      modifiers: [],
      chargeCents: 15000,
      paidCents: 7200,
      units: 1,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 6000 },
        { group: 'PR', reasonCode: '2', amountCents: 1800 },
      ],
      remarkCodes: [],
    },
  ],
};

test('a paid claim leaves no insurance balance and moves exactly the PR amounts to the patient', () => {
  const postings = [...chargePostings('c1', 28500), ...remittancePostings('rc1', paid)];
  expect(balanceOf(postings, 'INSURANCE_AR')).toBe(0);
  expect(balanceOf(postings, 'PATIENT_AR')).toBe(3420);
  expect(postings.filter((p) => p.entryType === 'contractual_adjustment').map((p) => p.reasonCode)).toEqual([
    'CO-45',
    'CO-45',
  ]);
});

test('idempotency keys are unique per effect and stable across calls', () => {
  const first = remittancePostings('rc1', paid).map((p) => p.idempotencyKey);
  expect(new Set(first).size).toBe(first.length);
  expect(remittancePostings('rc1', paid).map((p) => p.idempotencyKey)).toEqual(first);
});

test('a denial is not written off automatically: the balance stays open for staff', () => {
  const denied: ClaimPayment = {
    ...paid,
    statusCode: '4',
    paidCents: 0,
    patientResponsibilityCents: 0,
    lines: paid.lines.map((l) => ({
      ...l,
      paidCents: 0,
      adjustments: [{ group: 'CO' as const, reasonCode: '4', amountCents: l.chargeCents }],
    })),
  };
  const postings = [...chargePostings('c1', 28500), ...remittancePostings('rc1', denied)];
  expect(balanceOf(postings, 'INSURANCE_AR')).toBe(28500);
});

test('a reversal (CLP02 = 22) posts negative amounts that undo the payment', () => {
  const reversal: ClaimPayment = {
    ...paid,
    statusCode: '22',
    paidCents: -paid.paidCents,
    lines: paid.lines.map((l) => ({
      ...l,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })),
    })),
  };
  const postings = [
    ...chargePostings('c1', 28500),
    ...remittancePostings('rc1', paid),
    ...remittancePostings('rc2', reversal),
  ];
  expect(balanceOf(postings, 'INSURANCE_AR')).toBe(28500);
  expect(balanceOf(postings, 'PATIENT_AR')).toBe(0);
});

test('self-pay lines are charged to the patient', () => {
  const lines = [
    { code: '64650', modifiers: [], units: 1, chargeCents: 45000, diagnosisPointers: [], label: 'toxin' },
  ];
  expect(balanceOf(selfPayPostings('v1', lines), 'PATIENT_AR')).toBe(45000);
});
