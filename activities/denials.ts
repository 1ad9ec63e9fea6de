import type { ActivityDependencies } from './dependencies';
import { planDenialResolution, type DenialResolution } from '../src/denials/plan-denial-resolution';
import type { ClaimPayment } from '../src/remittance/types';
import { claimLineOf } from './claims';
import { readVisitDocument } from './visits';
import { invalidData } from './errors';

export function createDenialActivities(deps: ActivityDependencies) {
  return {
    /** Known fixes for a denial (add 25, add XS, write off a bundled line), or a task for staff. */
    async planDenialResolution(input: {
      claimId: string;
      remittanceClaimId: string;
    }): Promise<DenialResolution> {
      const claim = await deps.db.claim.findUnique({
        where: { id: input.claimId },
        include: { lines: { orderBy: { lineNumber: 'asc' } } },
      });
      const remittanceClaim = await deps.db.remittanceClaim.findUnique({
        where: { id: input.remittanceClaimId },
      });
      if (!claim || !remittanceClaim)
        throw invalidData(`claim ${input.claimId} or its remittance is missing`);
      const visit = await readVisitDocument(deps, claim.visitId);
      return planDenialResolution({
        lines: claim.lines.map(claimLineOf),
        payment: remittanceClaim.detail as unknown as ClaimPayment,
        emSeparatelyIdentifiable: visit.encounter.emSeparatelyIdentifiable,
        dateOfService: visit.dateOfService,
        // The payer's policy decides the distinct-procedure modifier (59 vs XS), as in coding.
        ...(visit.coverage
          ? { payer: { payerId: visit.coverage.payerId, payerType: visit.coverage.payerType } }
          : {}),
      });
    },
  };
}
