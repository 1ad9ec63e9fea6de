import type { Coverage, VisitCompletedEvent } from '../visit/schema';
import type { CoverageAttempt, EligibilityResult, OtherPayer, VisitEligibility } from './types';

/** A coverage on file, as the fallback needs it (no names or dates of birth). */
export interface CoverageOnFile {
  payerId: string;
  payerName: string;
  payerType: CoverageAttempt['payerType'];
}

export interface CoverageAnswer {
  coverageIndex: number;
  result: EligibilityResult;
  fromCache: boolean;
}

/** Ask this coverage next, or the visit's eligibility is settled. */
export type FallbackStep = { ask: number } | { settled: VisitEligibility };

/**
 * Coverage fallback, one answer at a time: the primary on file first; when it is inactive, or
 * active but the 271 names another payer as primary, the next coverage on file (the named payer
 * first). A rejection a person must fix stops the search (billing another payer would hide it);
 * no active coverage at all bills the patient, with the reason.
 */
export function nextCoverageStep(coverages: CoverageOnFile[], answers: CoverageAnswer[]): FallbackStep {
  const last = answers[answers.length - 1];
  if (!last) return { ask: 0 };
  const attempts = answers.map((a) => attemptOf(coverages, a));
  const settled = (extra: Partial<VisitEligibility> = {}): FallbackStep => ({
    settled: { ...last.result, coverageIndex: last.coverageIndex, attempts, ...extra },
  });
  const untried = coverages.map((_, i) => i).filter((i) => !answers.some((a) => a.coverageIndex === i));
  switch (last.result.status) {
    case 'error':
      return settled();
    case 'active': {
      const primary = otherPrimary(last.result);
      if (!primary)
        return settled({ claimPayerType: claimPayerType(coverages[last.coverageIndex]!, last.result) });
      const named = untried.find((i) => sameCarrier(coverages[i]!, primary));
      const next = named ?? untried[0];
      if (next !== undefined) return { ask: next };
      const name = primary.payerName ?? primary.payerId ?? 'another payer';
      return settled({
        status: 'error',
        errors: [
          ...last.result.errors,
          {
            code: 'OTHER_PRIMARY',
            message: `the 271 says ${name} pays first, and no such coverage is on file`,
          },
        ],
      });
    }
    case 'inactive': {
      if (untried[0] !== undefined) return { ask: untried[0] };
      const why = attempts.map((a) => a.skippedBecause ?? `${a.payerId} ${a.status}`).join('; ');
      return settled({
        selfPayReason: `No active coverage on file (${why}): the visit is billed to the patient.`,
      });
    }
    default: {
      const never: never = last.result.status;
      throw new Error(`unhandled eligibility status ${String(never)}`);
    }
  }
}

function attemptOf(coverages: CoverageOnFile[], answer: CoverageAnswer): CoverageAttempt {
  const coverage = coverages[answer.coverageIndex]!;
  const attempt: CoverageAttempt = {
    coverageIndex: answer.coverageIndex,
    payerId: coverage.payerId,
    payerType: coverage.payerType,
    status: answer.result.status,
    fromCache: answer.fromCache,
  };
  const primary = otherPrimary(answer.result);
  if (answer.result.status === 'inactive')
    attempt.skippedBecause = `${coverage.payerName} coverage is inactive${answer.result.coverageEnd ? ` (ended ${answer.result.coverageEnd})` : ''}`;
  else if (answer.result.status === 'active' && primary)
    attempt.skippedBecause = `${coverage.payerName} says ${primary.payerName ?? primary.payerId ?? 'another payer'} is primary`;
  return attempt;
}

function otherPrimary(result: EligibilityResult): OtherPayer | undefined {
  return result.otherPayers?.find((p) => p.isPrimary);
}

function sameCarrier(coverage: CoverageOnFile, payer: OtherPayer): boolean {
  if (payer.payerId && payer.payerId === coverage.payerId) return true;
  return !!payer.payerName && payer.payerName.toUpperCase() === coverage.payerName.toUpperCase();
}

/** What the 271 says wins: a Medicare plan the payer reports as Advantage (HN) is billed as one. */
export function claimPayerType(
  coverage: CoverageOnFile,
  result: EligibilityResult,
): CoverageAttempt['payerType'] {
  const medicare = result.insuranceType?.medicare ?? null;
  switch (medicare) {
    case 'advantage':
      return 'medicare_advantage';
    case 'original':
      return 'medicare';
    case null:
      return coverage.payerType;
    default: {
      const never: never = medicare;
      throw new Error(`unhandled Medicare kind ${String(never)}`);
    }
  }
}

/** Every coverage on file, in billing order (index 0 is the primary the EHR sent). */
export function coveragesOnFile(visit: Pick<VisitCompletedEvent, 'coverage' | 'otherCoverages'>): Coverage[] {
  return visit.coverage ? [visit.coverage, ...(visit.otherCoverages ?? [])] : [];
}
