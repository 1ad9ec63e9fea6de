/** Generated balanced 835 payments for the benchmarks (bench/x12-835.ts, bench/posting.ts). */
import type { ClaimPayment, RemittanceAdvice } from '../src/remittance/types';

/** A claim with two lines (E/M + biopsy); `generate` adds the CAS that balance it. */
export function claimAt(n: number): ClaimPayment {
  const charge = 10000 + (n % 97) * 125;
  const paid = Math.floor(charge * 0.6);
  const half = Math.floor(charge / 2);
  const halfPaid = Math.floor(paid / 2);
  return {
    patientControlNumber: `PCN${n}`,
    statusCode: '1',
    chargeCents: charge,
    paidCents: paid,
    patientResponsibilityCents: Math.floor((charge - paid) / 2),
    payerClaimNumber: `PAYER${n}`,
    adjustments: [],
    remarkCodes: [],
    lines: [
      {
        procedureCode: '99213',
        modifiers: ['25'],
        chargeCents: half,
        paidCents: halfPaid,
        units: 1,
        lineControlNumber: `PCN${n}-1`,
        remarkCodes: [],
        adjustments: [],
      },
      {
        procedureCode: '11102',
        modifiers: [],
        chargeCents: charge - half,
        paidCents: paid - halfPaid,
        units: 1,
        lineControlNumber: `PCN${n}-2`,
        remarkCodes: ['N130'],
        adjustments: [{ group: 'PR', reasonCode: '2', amountCents: Math.floor((charge - paid) / 2) }],
      },
    ],
  };
}

/** Balanced payments of `perPayment` claims each, numbered from `first`. */
export function payments(first: number, claims: number, perPayment: number): RemittanceAdvice[] {
  const advices: RemittanceAdvice[] = [];
  for (let start = first; start < first + claims; start += perPayment) {
    const list: ClaimPayment[] = [];
    for (let n = start; n < Math.min(first + claims, start + perPayment); n += 1) {
      const claim = claimAt(n);
      // Balance every line with a CO-45 contractual adjustment, then the claim with what is left.
      for (const line of claim.lines) {
        const sum = line.adjustments.reduce((t, a) => t + a.amountCents, 0);
        const missing = line.chargeCents - line.paidCents - sum;
        if (missing !== 0) line.adjustments.push({ group: 'CO', reasonCode: '45', amountCents: missing });
      }
      const lineSum = claim.lines.flatMap((l) => l.adjustments).reduce((t, a) => t + a.amountCents, 0);
      claim.adjustments =
        lineSum === claim.chargeCents - claim.paidCents
          ? []
          : [{ group: 'CO', reasonCode: '45', amountCents: claim.chargeCents - claim.paidCents - lineSum }];
      list.push(claim);
    }
    const paid = list.reduce((t, c) => t + c.paidCents, 0);
    advices.push({
      traceNumber: `EFT${start}`,
      payerId: '60054',
      payerName: 'BENCH PAYER',
      paymentCents: paid,
      paymentMethod: 'ACH',
      paymentDate: '2026-03-01',
      payeeNpi: '1234567893',
      claims: list,
      providerAdjustments: [],
    });
  }
  return advices;
}
