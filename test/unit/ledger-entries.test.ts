import {
  balanceOf,
  chargePostings,
  denialCodes,
  remittancePostings,
  secondaryBilledPostings,
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

test('a denied line inside a paid claim stays open; a replacement plus the payer reversal settle it', () => {
  const partlyDenied: ClaimPayment = {
    ...paid,
    paidCents: 7200,
    patientResponsibilityCents: 1800,
    lines: [
      {
        ...paid.lines[0]!,
        paidCents: 0,
        adjustments: [{ group: 'CO', reasonCode: '4', amountCents: 13500 }],
      },
      paid.lines[1]!,
    ],
  };
  const original = [...chargePostings('c1', 28500), ...remittancePostings('rc1', partlyDenied)];
  expect(balanceOf(original, 'INSURANCE_AR')).toBe(13500); // the CO-4 line waits for a fix
  expect(denialCodes(partlyDenied)).toEqual(['CO-4']);

  const reversal: ClaimPayment = {
    ...partlyDenied,
    statusCode: '22',
    paidCents: -partlyDenied.paidCents,
    patientResponsibilityCents: -partlyDenied.patientResponsibilityCents,
    lines: partlyDenied.lines.map((l) => ({
      ...l,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })),
    })),
  };
  const originalClaim = [
    ...original,
    { account: 'INSURANCE_AR' as const, amountCents: -28500 }, // charge replaced by attempt 2
    ...remittancePostings('rc2', reversal),
  ];
  const replacement = [...chargePostings('c2', 28500), ...remittancePostings('rc3', paid)];
  expect(balanceOf(originalClaim, 'INSURANCE_AR')).toBe(0);
  expect(balanceOf(replacement, 'INSURANCE_AR')).toBe(0);
  expect(balanceOf([...originalClaim, ...replacement], 'PATIENT_AR')).toBe(paid.patientResponsibilityCents);
});

test('a secondary claim opens with the primary patient share; its OA-23 posts nothing; the patient keeps its PR', () => {
  const primary = [...chargePostings('c1', 28500), ...remittancePostings('rc1', paid)];
  const share = paid.patientResponsibilityCents;
  const secondaryPayment: ClaimPayment = {
    ...paid,
    statusCode: '2',
    paidCents: share - 500,
    patientResponsibilityCents: 500,
    lines: [
      {
        ...paid.lines[0]!,
        paidCents: share - 500,
        adjustments: [
          { group: 'OA', reasonCode: '23', amountCents: paid.chargeCents - share },
          { group: 'PR', reasonCode: '1', amountCents: 500 },
        ],
      },
    ],
  };
  const opened = secondaryBilledPostings('c2', share);
  expect(opened).toEqual([
    expect.objectContaining({
      account: 'PATIENT_AR',
      entryType: 'transfer_to_secondary',
      amountCents: -share,
    }),
    expect.objectContaining({ account: 'INSURANCE_AR', entryType: 'secondary_billed', amountCents: share }),
  ]);
  const posted = remittancePostings('rc2', secondaryPayment, { payerSequence: 'S' });
  expect(posted.some((p) => p.reasonCode === 'OA-23')).toBe(false);
  const secondary = [...opened, ...posted];
  expect(balanceOf(secondary, 'INSURANCE_AR')).toBe(0);
  expect(balanceOf([...primary, ...secondary], 'PATIENT_AR')).toBe(500);
  // On a primary claim OA-23 stays a contractual write-down, as before.
  expect(remittancePostings('rc3', secondaryPayment).some((p) => p.reasonCode === 'OA-23')).toBe(true);
});
