import type { VisitCompletedEvent } from '../visit/schema';
import type { ClaimLine, CodingResult } from './types';

export type { CodingResult, ClaimLine, CodingFinding } from './types';

/** Practice fee schedule: charge per unit in integer cents, by CPT/HCPCS code. */
export type FeeSchedule = Readonly<Record<string, number>>;

export interface CodingOptions {
  feeSchedule: FeeSchedule;
}

/**
 * Pass-through coding (foundation stage): validates the provider's own codes and turns them into
 * claim lines. Replaced by the dermatology coding engine.
 */
export function codeVisit(visit: VisitCompletedEvent, options: CodingOptions): CodingResult {
  const diagnosisCodes = [...new Set(visit.diagnoses.map((d) => d.code))];
  const lines: ClaimLine[] = visit.providerCodes.map((pc) => {
    const pointers = (pc.diagnosisCodes.length ? pc.diagnosisCodes : [diagnosisCodes[0]!])
      .map((code) => diagnosisCodes.indexOf(code) + 1)
      .filter((p) => p > 0);
    return {
      code: pc.code,
      modifiers: pc.modifiers,
      units: pc.units,
      chargeCents: (options.feeSchedule[pc.code] ?? 0) * pc.units,
      diagnosisPointers: pointers,
      label: pc.code,
    };
  });
  return {
    diagnosisCodes,
    lines,
    selfPayLines: [],
    findings: [],
    pathologyHold: null,
    confidence: { score: 1, factors: [] },
    providerDifferences: [],
  };
}
