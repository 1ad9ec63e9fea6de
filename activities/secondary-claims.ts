import type { ActivityDependencies } from './dependencies';
import { recordAudit } from '../src/audit/audit-log';
import { buildProfessionalClaim, patientControlNumber } from '../src/claims/build-claim';
import {
  NEXT_PAYER_SEQUENCE,
  type ClaimCoordination,
  type PayerSequence,
  type ProfessionalClaim,
} from '../src/claims/types';
import type { CodingResult } from '../src/coding/types';
import type { Claim, ClaimLineRecord, RemittanceClaim } from '../src/db/client';
import { coveragesOnFile } from '../src/eligibility/coverage-fallback';
import { secondaryBilledPostings } from '../src/posting/ledger-entries';
import { priorPayerFigures } from '../src/claims/coordination';
import { crossoverOf } from '../src/remittance/crossover';
import type { ClaimPayment } from '../src/remittance/types';
import { claimLineOf, claimLineRows, writePostings, type CreatedClaim } from './claims';
import { readVisitDocument } from './visits';

/** A secondary or tertiary claim, created; `crossover` when the prior payer forwarded it itself. */
export interface CreatedSecondaryClaim extends CreatedClaim {
  payerSequence: PayerSequence;
  /** What the patient owed after the prior payer, now billed to this one. */
  transferredCents: number;
  crossover?: ClaimCoordination['crossover'];
}

type PreviousClaim = Claim & { lines: ClaimLineRecord[] };

function codingOfLines(lines: ClaimLineRecord[], diagnosisCodes: string[]): CodingResult {
  return {
    diagnosisCodes,
    lines: [...lines].sort((a, b) => a.lineNumber - b.lineNumber).map(claimLineOf),
    selfPayLines: [],
    findings: [],
    pathologyHold: null,
    confidence: { score: 1, factors: [] },
    providerDifferences: [],
  };
}

function createdFrom(claim: Claim, transferredCents: number): CreatedSecondaryClaim {
  const coordination = claim.coordination as ClaimCoordination | null;
  return {
    claimId: claim.id,
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: claim.totalChargeCents,
    payerSequence: claim.payerSequence,
    transferredCents,
    ...(coordination?.crossover ? { crossover: coordination.crossover } : {}),
  };
}

export function createSecondaryClaimActivities(deps: ActivityDependencies) {
  async function sumOf(where: { claimId: string; account: string; entryType?: string }): Promise<number> {
    const sum = await deps.db.ledgerEntry.aggregate({ where, _sum: { amountCents: true } });
    return sum._sum.amountCents ?? 0;
  }

  /** The prior payer's last posted payment of the claim (not a reversal, not a denial). */
  async function postedPayment(claimId: string): Promise<(RemittanceClaim & { date: string }) | null> {
    const found = await deps.db.remittanceClaim.findFirst({
      where: { claimId, postedAt: { not: null }, statusCode: { notIn: ['4', '22'] } },
      orderBy: { postedAt: 'desc' },
      include: { remittance: true },
    });
    return found ? { ...found, date: found.remittance.paymentDate.toISOString().slice(0, 10) } : null;
  }

  /** What the patient owes on a settled claim, or 0 when there is nothing for a next payer. */
  async function owedAfter(previous: PreviousClaim): Promise<number> {
    if ((await sumOf({ claimId: previous.id, account: 'INSURANCE_AR' })) !== 0) return 0;
    return sumOf({ claimId: previous.id, account: 'PATIENT_AR', entryType: 'patient_responsibility' });
  }

  async function storeClaim(
    visitId: string,
    attempt: number,
    claim: ProfessionalClaim & { coverageIndex: number },
    coordination: ClaimCoordination,
    transferredCents: number,
  ): Promise<Claim> {
    const claimId = `clm_${claim.patientControlNumber}`;
    return deps.db.$transaction(async (tx) => {
      const known = await tx.claim.findUnique({ where: { id: claimId } });
      if (known) return known;
      const created = await tx.claim.create({
        data: {
          id: claimId,
          visitId,
          patientControlNumber: claim.patientControlNumber,
          attempt,
          frequencyCode: '1',
          payerId: claim.payer.payerId,
          coverageIndex: claim.coverageIndex,
          payerType: claim.payer.payerType,
          payerSequence: claim.payerSequence ?? 'S',
          coordination: coordination as object,
          status: 'created',
          totalChargeCents: claim.totalChargeCents,
          diagnosisCodes: claim.diagnosisCodes,
          lines: { create: claimLineRows(claim) },
        },
      });
      await writePostings(tx, visitId, claimId, secondaryBilledPostings(claimId, transferredCents));
      await recordAudit(tx, {
        visitId,
        claimId,
        actor: 'system',
        action: 'claim.created',
        detail: {
          attempt,
          payerSequence: claim.payerSequence,
          transferredCents,
          crossover: coordination.crossover !== undefined,
        },
        eventKey: `claim-created:${claimId}`,
      });
      return created;
    });
  }

  return {
    /**
     * After a claim settled with a patient share: the claim to the visit's next coverage in billing
     * order (secondary after primary, tertiary after secondary), with the prior payers' figures,
     * and what the patient owed moved onto it. Null when there is no next payer or nothing to bill.
     */
    async createSecondaryClaim(input: {
      visitId: string;
      previousClaimId: string;
      attempt: number;
    }): Promise<CreatedSecondaryClaim | null> {
      const existing = await deps.db.claim.findUnique({
        where: { visitId_attempt: { visitId: input.visitId, attempt: input.attempt } },
      });
      // Created by an earlier try of this activity: the same answer, the transfer read back.
      if (existing)
        return createdFrom(
          existing,
          await sumOf({ claimId: existing.id, account: 'INSURANCE_AR', entryType: 'secondary_billed' }),
        );
      const previous = await deps.db.claim.findUniqueOrThrow({
        where: { id: input.previousClaimId },
        include: { lines: true },
      });
      const sequence = NEXT_PAYER_SEQUENCE[previous.payerSequence];
      const visit = await readVisitDocument(deps, input.visitId);
      const coverageIndex = previous.coverageIndex + 1;
      const coverage = coveragesOnFile(visit)[coverageIndex];
      const paid = await postedPayment(previous.id);
      const owed = await owedAfter(previous);
      if (!sequence || !coverage || !paid || owed <= 0) return null;
      const payment = paid.detail as unknown as ClaimPayment;
      const prior = (previous.coordination as ClaimCoordination | null)?.priorPayers ?? [];
      const coordination: ClaimCoordination = {
        priorPayers: [...prior, priorPayerFigures(previous, payment, paid.date)],
        ...(crossoverOf(payment)
          ? { crossover: { crossedOverPcn: previous.patientControlNumber, payerId: coverage.payerId } }
          : {}),
      };
      const { billingNumber } = await deps.db.visit.findUniqueOrThrow({
        where: { id: input.visitId },
        select: { billingNumber: true },
      });
      const pcn = patientControlNumber(billingNumber, input.attempt);
      const claim = buildProfessionalClaim(
        visit,
        codingOfLines(previous.lines, previous.diagnosisCodes),
        pcn,
        { code: '1' },
        { coverageIndex, payerSequence: sequence, priorPayers: coordination.priorPayers },
      );
      const stored = await storeClaim(
        input.visitId,
        input.attempt,
        { ...claim, coverageIndex },
        coordination,
        owed,
      );
      return createdFrom(stored, owed);
    },
  };
}
