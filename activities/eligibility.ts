import type { ActivityDependencies } from './dependencies';
import type { CodingResult } from '../src/coding/types';
import { decideClaimRoute, type ClaimRoute } from '../src/decision/decide-claim-route';
import type { EligibilityResult } from '../src/eligibility/types';
import { readVisitDocument } from './visits';

export function createEligibilityActivities(deps: ActivityDependencies) {
  return {
    /** Stage 3: coverage, patient share and prior-authorization needs (270/271). */
    async checkEligibility(input: { visitId: string; procedureCodes: string[] }): Promise<EligibilityResult> {
      const visit = await readVisitDocument(deps, input.visitId);
      if (!visit.coverage) throw new Error('checkEligibility called for a self-pay visit');
      const subscriber = visit.coverage.relationship === 'self' ? visit.patient : visit.coverage.subscriber!;
      const result = await deps.clearinghouse.checkEligibility({
        payerId: visit.coverage.payerId,
        memberId: visit.coverage.memberId,
        providerNpi: deps.practice.billingProvider.npi,
        subscriber: {
          firstName: subscriber.firstName,
          lastName: subscriber.lastName,
          dateOfBirth: subscriber.dateOfBirth,
        },
        dateOfService: visit.dateOfService,
        serviceTypeCodes: ['30', '98'],
        procedureCodes: input.procedureCodes,
      });
      const checkKey = `${input.visitId}:${input.procedureCodes.join(',')}`;
      await deps.db.eligibilityCheck.upsert({
        where: { checkKey },
        create: { visitId: input.visitId, checkKey, status: result.status, result: result as object },
        update: { status: result.status, result: result as object },
      });
      return result;
    },

    /** Stage 4: auto-submit or hold for review, with the reasons. */
    async decideClaimRoute(input: {
      coding: CodingResult;
      eligibility: EligibilityResult | null;
    }): Promise<ClaimRoute> {
      return decideClaimRoute(input.coding, input.eligibility, deps.decisionPolicy);
    },
  };
}
