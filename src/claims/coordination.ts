import type { ClaimLineRecord, Claim } from '../db/client';
import type { ClaimPayment } from '../remittance/types';
import type { PriorPayerFigures } from './types';

/**
 * What a later payer's 837P quotes of a prior payer (loops 2320/2430): that payer's 835 for the
 * previous claim, its lines matched to ours by the line item control number (REF*6R).
 */
export function priorPayerFigures(
  previous: Pick<Claim, 'payerSequence' | 'coverageIndex'> & { lines: ClaimLineRecord[] },
  payment: ClaimPayment,
  adjudicationDate: string,
): PriorPayerFigures {
  const lineNumberOf = (control: string | undefined, index: number) =>
    previous.lines.find((l) => l.lineControlNumber === control)?.lineNumber ?? index + 1;
  return {
    payerSequence: previous.payerSequence,
    coverageIndex: previous.coverageIndex,
    paidCents: payment.paidCents,
    adjudicationDate,
    adjustments: payment.adjustments,
    lines: payment.lines.map((line, index) => ({
      lineNumber: lineNumberOf(line.lineControlNumber, index),
      procedureCode: line.procedureCode,
      modifiers: line.modifiers,
      units: line.units,
      paidCents: line.paidCents,
      adjustments: line.adjustments,
    })),
  };
}
