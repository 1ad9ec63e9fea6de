import { planDenialResolution, type DenialContext } from '../../src/denials/plan-denial-resolution';
import type { ClaimAdjustment, ClaimPayment } from '../../src/remittance/types';

type Line = DenialContext['lines'][number];
const line = (code: string, lcn: string, over: Partial<Line> = {}): Line => ({
  code,
  modifiers: [],
  units: 1,
  chargeCents: 10000,
  diagnosisPointers: [1],
  label: code,
  lineControlNumber: lcn,
  ...over,
});

function paymentDenying(lines: Line[], denials: Record<string, ClaimAdjustment>): ClaimPayment {
  return {
    patientControlNumber: 'V1A1',
    statusCode: '1',
    chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    paidCents: 0,
    patientResponsibilityCents: 0,
    payerClaimNumber: 'P1',
    adjustments: [],
    remarkCodes: [],
    lines: lines.map((l) => ({
      lineControlNumber: l.lineControlNumber,
      procedureCode: l.code,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      paidCents: denials[l.lineControlNumber] ? 0 : 7000,
      units: 1,
      adjustments: denials[l.lineControlNumber]
        ? [denials[l.lineControlNumber]!]
        : [{ group: 'CO', reasonCode: '45', amountCents: 3000 }],
      remarkCodes: [],
    })),
  };
}

const co = (reasonCode: string): ClaimAdjustment => ({ group: 'CO', reasonCode, amountCents: 10000 });

test('CO-4 on an E/M documented as separately identifiable: add modifier 25 and replace the claim', () => {
  const lines = [line('99213', 'L1'), line('17000', 'L2')];
  const plan = planDenialResolution({
    lines,
    payment: paymentDenying(lines, { L1: co('4') }),
    emSeparatelyIdentifiable: true,
    dateOfService: '2026-11-20',
  });
  expect(plan.action).toBe('correct');
  expect(plan.action === 'correct' && plan.lines.map((l) => [l.code, l.modifiers])).toEqual([
    ['99213', ['25']],
    ['17000', []],
  ]);
});

test('CO-4 without the documentation to support 25 goes to staff', () => {
  const lines = [line('99213', 'L1'), line('17000', 'L2')];
  const plan = planDenialResolution({
    lines,
    payment: paymentDenying(lines, { L1: co('4') }),
    emSeparatelyIdentifiable: false,
    dateOfService: '2026-11-20',
  });
  expect(plan).toEqual({
    action: 'staff',
    reasons: ['denials without a known automatic fix: CO-4 on 99213'],
  });
});

test('CO-236 on a column-2 code of a distinct lesion (indicator 1): add XS', () => {
  const lines = [line('17000', 'L1', { lesionId: 'A' }), line('11102', 'L2', { lesionId: 'B' })];
  const plan = planDenialResolution({
    lines,
    payment: paymentDenying(lines, { L2: co('236') }),
    emSeparatelyIdentifiable: false,
    dateOfService: '2026-11-20',
  });
  expect(plan.action === 'correct' && plan.lines[1]!.modifiers).toEqual(['XS']);
});

test('CO-236 on the same lesion cannot be fixed by a modifier: staff', () => {
  const lines = [line('17000', 'L1', { lesionId: 'A' }), line('11102', 'L2', { lesionId: 'A' })];
  const plan = planDenialResolution({
    lines,
    payment: paymentDenying(lines, { L2: co('236') }),
    emSeparatelyIdentifiable: false,
    dateOfService: '2026-11-20',
  });
  expect(plan.action).toBe('staff');
});

test('CO-97 on a pair with indicator 0 is written off, never billed to the patient', () => {
  const lines = [line('17004', 'L1'), line('17000', 'L2')];
  const plan = planDenialResolution({
    lines,
    payment: paymentDenying(lines, { L2: co('97') }),
    emSeparatelyIdentifiable: false,
    dateOfService: '2026-11-20',
  });
  expect(plan).toEqual({
    action: 'write_off',
    explanation: ['17000: bundled into 17004 (NCCI indicator 0), written off for CO-97'],
  });
});

test('medical-necessity and coverage denials always go to staff', () => {
  const lines = [line('17110', 'L1')];
  for (const reason of ['11', '50', '197', '27', '18']) {
    const plan = planDenialResolution({
      lines,
      payment: paymentDenying(lines, { L1: co(reason) }),
      emSeparatelyIdentifiable: true,
      dateOfService: '2026-11-20',
    });
    expect(plan.action).toBe('staff');
  }
});

test('the payer policy decides the distinct modifier: 59 replaces XS for a payer that accepts only 59', () => {
  const plan = (payerId: string, column2Modifiers: string[]) => {
    const lines = [
      line('17000', 'L1', { lesionId: 'A' }),
      line('11102', 'L2', { lesionId: 'B', modifiers: column2Modifiers }),
    ];
    return planDenialResolution({
      lines,
      payment: paymentDenying(lines, { L2: co('236') }),
      payer: { payerId, payerType: 'commercial' },
      emSeparatelyIdentifiable: false,
      dateOfService: '2026-11-20',
    });
  };
  const fixed = plan('SBX59', ['XS']);
  expect(fixed.action === 'correct' && fixed.lines[1]!.modifiers).toEqual(['59']);
  const added = plan('COMM1', []);
  expect(added.action === 'correct' && added.lines[1]!.modifiers).toEqual(['XS']);
  expect(plan('COMM1', ['XS']).action).toBe('staff');
});
