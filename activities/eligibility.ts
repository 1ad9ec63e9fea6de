import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDependencies } from './dependencies';
import type { CodingResult } from '../src/coding/types';
import { decideClaimRoute, type ClaimRoute, type DecisionContext } from '../src/decision/decide-claim-route';
import { configuredAllowedAmounts, estimatePatientShare } from '../src/eligibility/patient-estimate';
import { codesLackingAuthorization } from '../src/eligibility/prior-authorization';
import { configuredDecisionPolicy } from '../src/decision/policy-config';
import { cacheable, weekStartOf } from '../src/eligibility/cache';
import { coveragesOnFile, nextCoverageStep, type CoverageAnswer } from '../src/eligibility/coverage-fallback';
import { classifyRejection, onlyPayerNotResponding } from '../src/eligibility/rejections';
import type { EligibilityResult, VisitEligibility } from '../src/eligibility/types';
import type { VisitCompletedEvent } from '../src/visit/schema';
import { readVisitDocument } from './visits';

/** The failure type of an eligibility check the payer did not answer (AAA 42/80): retried with backoff. */
export const PAYER_NOT_RESPONDING = 'PayerNotResponding';

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** A clearinghouse that reports AAA codes only as errors gets them classified here. */
function withRejections(result: EligibilityResult): EligibilityResult {
  if (result.rejections || result.status !== 'error') return result;
  const aaa = result.errors.filter((e) => /^([0-9]{2}|T4)$/.test(e.code));
  return aaa.length > 0 ? { ...result, rejections: aaa.map((e) => classifyRejection(e.code)) } : result;
}

async function askCoverage(
  deps: ActivityDependencies,
  visit: VisitCompletedEvent,
  coverageIndex: number,
  procedureCodes: string[],
): Promise<CoverageAnswer> {
  const coverage = coveragesOnFile(visit)[coverageIndex]!;
  const key = {
    patientKey: `${visit.practiceId}:${visit.patient.id}`,
    payerId: coverage.payerId,
    memberId: coverage.memberId,
  };
  const cached = await deps.db.eligibilityCacheEntry.findFirst({
    where: { ...key, weekStart: asDate(weekStartOf(visit.dateOfService)) },
    orderBy: { createdAt: 'desc' },
  });
  if (cached)
    return { coverageIndex, result: cached.result as unknown as EligibilityResult, fromCache: true };
  const subscriber = coverage.relationship === 'self' ? visit.patient : coverage.subscriber!;
  const result = withRejections(
    await deps.clearinghouse.checkEligibility({
      payerId: coverage.payerId,
      memberId: coverage.memberId,
      providerNpi: deps.practice.billingProvider.npi,
      subscriber: {
        firstName: subscriber.firstName,
        lastName: subscriber.lastName,
        dateOfBirth: subscriber.dateOfBirth,
      },
      dateOfService: visit.dateOfService,
      serviceTypeCodes: ['30', '98'],
      procedureCodes,
    }),
  );
  if (onlyPayerNotResponding(result.rejections ?? []))
    throw ApplicationFailure.create({
      type: PAYER_NOT_RESPONDING,
      message: `payer ${coverage.payerId} did not answer the eligibility check (AAA ${result.rejections!.map((r) => r.code).join(', ')}); asking again later`,
    });
  if (cacheable(result)) {
    const entry = { ...key, dateOfService: asDate(visit.dateOfService) };
    await deps.db.eligibilityCacheEntry.upsert({
      where: { patientKey_payerId_memberId_dateOfService: entry },
      create: {
        ...entry,
        weekStart: asDate(weekStartOf(visit.dateOfService)),
        status: result.status,
        result: result as object,
      },
      update: { status: result.status, result: result as object },
    });
  }
  return { coverageIndex, result, fromCache: false };
}

export function createEligibilityActivities(deps: ActivityDependencies) {
  return {
    /**
     * Stage 3: coverage, patient share and prior-authorization needs (270/271), falling back to the
     * next coverage on file when the primary is inactive or not primary; answers cached per patient,
     * payer and week. A payer that does not answer fails the attempt (retried with backoff).
     */
    async checkEligibility(input: { visitId: string; procedureCodes: string[] }): Promise<VisitEligibility> {
      const visit = await readVisitDocument(deps, input.visitId);
      const coverages = coveragesOnFile(visit);
      if (coverages.length === 0) throw new Error('checkEligibility called for a self-pay visit');
      const answers: CoverageAnswer[] = [];
      for (;;) {
        const step = nextCoverageStep(coverages, answers);
        if ('ask' in step) {
          answers.push(await askCoverage(deps, visit, step.ask, input.procedureCodes));
          continue;
        }
        const result = step.settled;
        const checkKey = `${input.visitId}:${input.procedureCodes.join(',')}`;
        await deps.db.eligibilityCheck.upsert({
          where: { checkKey },
          create: { visitId: input.visitId, checkKey, status: result.status, result: result as object },
          update: { status: result.status, result: result as object },
        });
        return result;
      }
    },

    /**
     * Stage 4: auto-submit or hold for review with every reason (the practice's and payer's
     * decision policy), and the patient's estimated share. Histories recorded before the policy
     * call this without a visit id: the coding and the 271 alone decide.
     */
    async decideClaimRoute(input: {
      visitId?: string;
      coding: CodingResult;
      eligibility: VisitEligibility | null;
      /** A staff-entered prior authorization number. */
      priorAuthorizationNumber?: string;
    }): Promise<ClaimRoute> {
      if (!input.visitId) return decideClaimRoute(input.coding, input.eligibility, deps.decisionPolicy);
      const visit = await readVisitDocument(deps, input.visitId);
      const context = await decisionContext(deps, visit, input);
      const policy = { ...deps.decisionPolicy, file: deps.decisionPolicy.file ?? configuredDecisionPolicy };
      const route = decideClaimRoute(input.coding, input.eligibility, policy, context);
      const estimate = estimatePatientShare({
        lines: input.coding.lines,
        selfPayLines: input.coding.selfPayLines,
        payerId: context.payerId,
        eligibility: input.eligibility,
        allowed: deps.allowedAmounts ?? configuredAllowedAmounts,
      });
      return { ...route, estimate };
    },
  };
}

/** What the policy needs beyond the coding and the 271: history and authorizations on file. */
async function decisionContext(
  deps: ActivityDependencies,
  visit: VisitCompletedEvent,
  input: { coding: CodingResult; eligibility: VisitEligibility | null; priorAuthorizationNumber?: string },
): Promise<DecisionContext> {
  const coverage = input.eligibility
    ? coveragesOnFile(visit)[input.eligibility.coverageIndex ?? 0]
    : undefined;
  const payerId = coverage?.payerId ?? null;
  const others = { practiceId: visit.practiceId, id: { not: visit.visitId } };
  const earlierClaims = payerId ? await deps.db.claim.count({ where: { payerId, visit: others } }) : 0;
  const earlierVisits = coverage
    ? await deps.db.visit.count({
        where: {
          ...others,
          payerId: coverage.payerId,
          dateOfService: { lte: asDate(visit.dateOfService) },
          AND: [
            { document: { path: ['patient', 'id'], equals: visit.patient.id } },
            { document: { path: ['coverage', 'memberId'], equals: coverage.memberId } },
          ],
        },
      })
    : 0;
  return {
    practiceId: visit.practiceId,
    payerId,
    dateOfService: visit.dateOfService,
    today: deps.clock().toISOString().slice(0, 10),
    lacksAuthorization: codesLackingAuthorization(
      input.eligibility?.priorAuthRequiredFor ?? [],
      input.coding.lines.map((l) => l.code),
      visit.priorAuthorizations ?? [],
      input.priorAuthorizationNumber,
    ),
    firstClaimForPayer: payerId !== null && earlierClaims === 0,
    firstVisitWithCoverage: coverage !== undefined && earlierVisits === 0,
  };
}
