import type { ClaimBatch, ProfessionalClaim } from '../../src/claims/types';
import { adjudicateClaim } from '../../src/clearinghouse/sandbox/payer-rules';
import { adjudicateSecondaryClaim, crossOver } from '../../src/clearinghouse/sandbox/secondary-rules';
import { crossoverOf } from '../../src/remittance/crossover';
import type { ClaimPayment } from '../../src/remittance/types';
import { read835, read837P, write835, write837P } from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { claimBatch, envelope } from '../x12/fixtures';

const primaryClaim: ProfessionalClaim = {
  ...claimBatch.claims[0]!,
  payer: { payerId: 'SBXPPO', name: 'SANDBOX PPO' },
  subscriber: { ...claimBatch.claims[0]!.subscriber, memberId: 'W123456789' },
};

/** The primary's 835 figures, made into the 2320/2430 loops of a secondary claim. */
function secondaryFrom(primary: ClaimPayment, memberId: string): ProfessionalClaim {
  return {
    ...primaryClaim,
    patientControlNumber: 'V1001A2',
    payer: { payerId: 'SUPPL1', name: 'SANDBOX SUPPLEMENT' },
    subscriber: { ...primaryClaim.subscriber, memberId },
    payerSequence: 'S',
    priorPayers: [
      {
        payerSequence: 'P',
        payer: { payerId: 'SBXPPO', name: 'SANDBOX PPO' },
        subscriber: { firstName: 'ANA', lastName: 'TESTER', memberId: 'W123456789' },
        relationship: 'self',
        paidCents: primary.paidCents,
        adjudicationDate: '2026-03-10',
        adjustments: primary.adjustments,
        lines: primary.lines.map((l, i) => ({
          lineNumber: i + 1,
          procedureCode: l.procedureCode,
          modifiers: l.modifiers,
          units: l.units,
          paidCents: l.paidCents,
          adjustments: l.adjustments,
        })),
      },
    ],
  };
}

/** The secondary 837P as the sandbox receives it: written, then read back from the text. */
function asReceived(claim: ProfessionalClaim): ProfessionalClaim {
  const batch: ClaimBatch = { ...claimBatch, claims: [claim] };
  return read837P(write837P(batch, { envelope }))[0]!.claims[0]!;
}

const casTotal = (p: ClaimPayment) =>
  [...p.adjustments, ...p.lines.flatMap((l) => l.adjustments)].reduce((s, a) => s + a.amountCents, 0);

describe('sandbox payer adjudicating a secondary claim against the primary figures', () => {
  const primary = adjudicateClaim(primaryClaim, { duplicate: false });
  const primaryPatientShare = primary.patientResponsibilityCents;

  it('has a patient share from the primary to coordinate (copay and coinsurance)', () => {
    expect(primary.statusCode).toBe('1');
    expect(primaryPatientShare).toBeGreaterThan(0);
  });

  it('pays the whole remaining patient share for a member without cost sharing (OA-23 for the rest)', () => {
    const payment = adjudicateSecondaryClaim(asReceived(secondaryFrom(primary, 'SECFULL1')));
    expect(payment.statusCode).toBe('2');
    expect(payment.paidCents).toBe(primaryPatientShare);
    expect(payment.patientResponsibilityCents).toBe(0);
    expect(payment.chargeCents).toBe(payment.paidCents + casTotal(payment));
    const oa23 = payment.lines.flatMap((l) => l.adjustments).filter((a) => a.group === 'OA');
    expect(oa23.every((a) => a.reasonCode === '23')).toBe(true);
    expect(oa23.reduce((s, a) => s + a.amountCents, 0)).toBe(primary.chargeCents - primaryPatientShare);
  });

  it("keeps the member's own deductible and coinsurance with the patient (PR), config-driven", () => {
    // SECGAP01 (config/sandbox-members.json): $10.00 deductible left, then 10% coinsurance.
    const payment = adjudicateSecondaryClaim(asReceived(secondaryFrom(primary, 'SECGAP01')));
    const coinsurance = Math.floor(
      ((primary.lines[0]!.adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0) -
        1000) *
        1000) /
        10000,
    );
    expect(payment.lines[0]!.adjustments).toContainEqual({ group: 'PR', reasonCode: '1', amountCents: 1000 });
    expect(payment.lines[0]!.adjustments).toContainEqual({
      group: 'PR',
      reasonCode: '2',
      amountCents: coinsurance,
    });
    expect(payment.paidCents + payment.patientResponsibilityCents).toBe(primaryPatientShare);
    expect(payment.patientResponsibilityCents).toBeGreaterThan(1000);
    for (const line of payment.lines)
      expect(line.chargeCents).toBe(line.paidCents + line.adjustments.reduce((s, a) => s + a.amountCents, 0));
    expect(payment.chargeCents).toBe(payment.paidCents + casTotal(payment));
  });
});

describe('sandbox crossover', () => {
  const primary = adjudicateClaim(primaryClaim, { duplicate: false });

  it('forwards an XOVER01 member claim (CLP02 19, MA18, NM1*TT) and adjudicates it as the crossover payer', async () => {
    const { payment, crossover } = crossOver(primary, 'XOVER01');
    expect(payment.statusCode).toBe('19');
    expect(crossover?.payerId).toBe('SUPPL1');
    expect(crossover!.payment.patientControlNumber).toBe(primary.patientControlNumber);
    expect(crossover!.payment.paidCents + crossover!.payment.patientResponsibilityCents).toBe(
      primary.patientResponsibilityCents,
    );
    const advice = {
      traceNumber: 'T1',
      payerId: 'SBXPPO',
      payerName: 'SANDBOX PPO',
      paymentCents: payment.paidCents,
      paymentMethod: 'ACH',
      paymentDate: '2026-03-10',
      payeeNpi: '1234567893',
      claims: [payment],
      providerAdjustments: [],
    };
    const text = write835([advice], { envelope });
    const { ok, output } = await validateWithPyx12(text);
    expect(output).not.toContain('Failure');
    expect(ok).toBe(true);
    const read = read835(text)[0]!.claims[0]!;
    expect(crossoverOf(read)).toEqual({
      carrier: { name: 'SANDBOX SUPPLEMENT', payerId: 'SUPPL1' },
      evidence: ['status-19', 'crossover-carrier', 'remark'],
    });
  });

  it('does not cross over members without the setting', () => {
    expect(crossOver(primary, 'W123456789').crossover).toBeUndefined();
    expect(crossoverOf(primary)).toBeNull();
  });
});
