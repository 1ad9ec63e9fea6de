import type { ActivityDependencies } from './dependencies';
import { timelyFilingDeadline, timelyFilingLimits } from '../src/claims/timely-filing';
import { configuredDecisionPolicy } from '../src/decision/policy-config';
import { recordAudit } from '../src/audit/audit-log';
import { buildProfessionalClaim, patientControlNumber } from '../src/claims/build-claim';
import type {
  ClaimBatch,
  ClaimBilling,
  ClaimCoordination,
  ClaimFrequency,
  ProfessionalClaim,
} from '../src/claims/types';
import { priorAuthorizationNumberFor } from '../src/eligibility/prior-authorization';
import type { PatientEstimate } from '../src/eligibility/patient-estimate';
import type { ClaimStatusReport } from '../src/clearinghouse/types';
import type { ClaimLine, CodingResult } from '../src/coding/types';
import type { ClaimLineRecord } from '../src/db/client';
import { chargePostings, type LedgerPosting } from '../src/posting/ledger-entries';
import { boundFreeText } from '../src/temporal/free-text';
import { NdcUnitSchema } from '../src/visit/schema';
import type { AcknowledgementNotice } from '../src/visit-billing/messages';
import { readVisitDocument } from './visits';
import { invalidData } from './errors';

export interface CreatedClaim {
  claimId: string;
  patientControlNumber: string;
  totalChargeCents: number;
}

/** A stored claim line as the billing type, with its REF*6R line control number. */
export function claimLineOf(record: ClaimLineRecord): ClaimLine & { lineControlNumber: string } {
  return {
    code: record.code,
    modifiers: record.modifiers,
    units: record.units,
    chargeCents: record.chargeCents,
    diagnosisPointers: record.diagnosisPointers,
    lesionId: record.lesionId ?? undefined,
    label: record.label,
    lineControlNumber: record.lineControlNumber,
    ...(record.ndcCode && record.ndcQuantity && record.ndcUnit
      ? {
          ndc: {
            code: record.ndcCode,
            quantity: record.ndcQuantity.toNumber(),
            unit: NdcUnitSchema.parse(record.ndcUnit),
          },
        }
      : {}),
  };
}

/** The claim's lines as ClaimLine rows (numbered from 1 in claim order). */
export function claimLineRows(claim: Pick<ProfessionalClaim, 'lines'>) {
  return claim.lines.map((line, index) => ({
    lineNumber: index + 1,
    lineControlNumber: line.lineControlNumber,
    code: line.code,
    modifiers: line.modifiers,
    units: line.units,
    chargeCents: line.chargeCents,
    diagnosisPointers: line.diagnosisPointers,
    lesionId: line.lesionId,
    label: line.label,
    ndcCode: line.ndc?.code,
    ndcQuantity: line.ndc?.quantity,
    ndcUnit: line.ndc?.unit,
  }));
}

export async function writePostings(
  tx: Pick<ActivityDependencies['db'], 'ledgerEntry'>,
  visitId: string,
  claimId: string | null,
  postings: LedgerPosting[],
): Promise<void> {
  if (postings.length === 0) return;
  await tx.ledgerEntry.createMany({
    data: postings.map((p) => ({ ...p, visitId, claimId })),
    skipDuplicates: true,
  });
}

type Transaction = Parameters<Parameters<ActivityDependencies['db']['$transaction']>[0]>[0];

/** One acknowledgement on the claim's status history (once per document); status only moves forward. */
export async function storeAcknowledgement(
  tx: Transaction,
  clock: () => Date,
  claimId: string,
  notice: AcknowledgementNotice,
): Promise<void> {
  const { acknowledgement: ack, documentId, source } = notice;
  await tx.claimStatusEvent.createMany({
    data: [
      {
        claimId,
        source,
        sourceRef: documentId,
        categoryCode: ack.categoryCode,
        statusCode: ack.statusCode,
        message: ack.accepted ? 'accepted' : ack.reasons.join('; '),
      },
    ],
    skipDuplicates: true,
  });
  // A 999 acceptance only means the file was readable: the claim's status waits for the 277CA.
  if (ack.accepted && source === '999') return;
  // Status only moves forward: a late 277CA never takes a paid claim back to "accepted".
  await tx.claim.updateMany({
    where: {
      id: claimId,
      status: { in: ack.accepted ? ['created', 'submitted'] : ['created', 'submitted', 'accepted'] },
    },
    data: ack.accepted
      ? { status: 'accepted', acceptedAt: clock(), payerClaimNumber: ack.payerClaimNumber }
      : { status: 'rejected' },
  });
}

/** The payer's timely-filing deadline for a claim of this visit (src/claims/timely-filing.ts). */
function claimFilingDeadline(
  deps: ActivityDependencies,
  visit: { dateOfService: Date; practiceId: string },
  payerId: string,
): Date {
  const policy = deps.decisionPolicy.file ?? configuredDecisionPolicy;
  const { timelyFilingDays } = timelyFilingLimits(policy, visit.practiceId, payerId);
  return timelyFilingDeadline(visit.dateOfService, timelyFilingDays);
}

export function createClaimActivities(deps: ActivityDependencies) {
  async function loadBatch(claimId: string): Promise<{ batch: ClaimBatch; visitId: string }> {
    const claim = await deps.db.claim.findUnique({
      where: { id: claimId },
      include: { lines: { orderBy: { lineNumber: 'asc' } } },
    });
    if (!claim) throw invalidData(`claim ${claimId} does not exist`);
    const visit = await readVisitDocument(deps, claim.visitId);
    const coding: CodingResult = {
      diagnosisCodes: claim.diagnosisCodes,
      lines: claim.lines.map(claimLineOf),
      selfPayLines: [],
      findings: [],
      pathologyHold: null,
      confidence: { score: 1, factors: [] },
      providerDifferences: [],
    };
    const professionalClaim = buildProfessionalClaim(
      visit,
      coding,
      claim.patientControlNumber,
      {
        code: claim.frequencyCode as ClaimFrequency,
        originalPayerClaimNumber: claim.payerClaimNumber ?? undefined,
      },
      {
        coverageIndex: claim.coverageIndex,
        payerType: (claim.payerType ?? undefined) as ClaimBilling['payerType'],
        priorAuthorizationNumber: claim.priorAuthorizationNumber ?? undefined,
        payerSequence: claim.payerSequence,
        priorPayers: (claim.coordination as ClaimCoordination | null)?.priorPayers,
      },
    );
    const { billingProvider, submitter, receiver } = deps.practice;
    return {
      batch: { billingProvider, submitter, receiver, claims: [professionalClaim] },
      visitId: claim.visitId,
    };
  }

  return {
    /** Stage 5a: the claim and its lines, and the charge on the ledger (idempotent per attempt). */
    async createClaim(input: {
      visitId: string;
      attempt: number;
      coding: CodingResult;
      frequency: { code: ClaimFrequency; originalPayerClaimNumber?: string };
      /** The coverage eligibility settled on, and a staff-entered prior authorization number. */
      billing?: ClaimBilling;
      patientEstimate?: PatientEstimate;
    }): Promise<CreatedClaim> {
      // An attempt created before (by an earlier try, or under the earlier CLM01 format) is reused.
      const existing = await deps.db.claim.findUnique({
        where: { visitId_attempt: { visitId: input.visitId, attempt: input.attempt } },
      });
      if (existing)
        return {
          claimId: existing.id,
          patientControlNumber: existing.patientControlNumber,
          totalChargeCents: existing.totalChargeCents,
        };
      const visit = await readVisitDocument(deps, input.visitId);
      const { billingNumber, ...visitRow } = await deps.db.visit.findUniqueOrThrow({
        where: { id: input.visitId },
        select: { billingNumber: true, dateOfService: true, practiceId: true },
      });
      const pcn = patientControlNumber(billingNumber, input.attempt);
      const priorAuthorizationNumber = priorAuthorizationNumberFor(
        visit.priorAuthorizations ?? [],
        input.coding.lines.map((l) => l.code),
        input.billing?.priorAuthorizationNumber,
      );
      const billing = { ...input.billing, priorAuthorizationNumber };
      const claim = buildProfessionalClaim(visit, input.coding, pcn, input.frequency, billing);
      const claimId = `clm_${pcn}`;
      await deps.db.$transaction(async (tx) => {
        if (await tx.claim.findUnique({ where: { id: claimId } })) return;
        await tx.claim.create({
          data: {
            id: claimId,
            visitId: input.visitId,
            patientControlNumber: claim.patientControlNumber,
            attempt: input.attempt,
            frequencyCode: claim.frequencyCode,
            payerClaimNumber: claim.originalPayerClaimNumber,
            payerId: claim.payer.payerId,
            coverageIndex: billing.coverageIndex ?? 0,
            payerType: claim.payer.payerType,
            priorAuthorizationNumber: claim.priorAuthorizationNumber,
            patientEstimateCents: input.patientEstimate?.totalCents,
            patientEstimate: input.patientEstimate as object | undefined,
            timelyFilingDeadline: claimFilingDeadline(deps, visitRow, claim.payer.payerId),
            status: 'created',
            totalChargeCents: claim.totalChargeCents,
            diagnosisCodes: claim.diagnosisCodes,
            lines: { create: claimLineRows(claim) },
          },
        });
        // A corrected claim replaces the earlier one: the earlier charge is reversed (the payer
        // reverses its payment with CLP02 = 22), so the visit is never billed twice.
        const earlier = await tx.claim.findMany({
          where: { visitId: input.visitId, attempt: { lt: input.attempt } },
        });
        for (const c of earlier) {
          const charged = await tx.ledgerEntry.aggregate({
            where: { claimId: c.id, account: 'INSURANCE_AR', entryType: 'charge' },
            _sum: { amountCents: true },
          });
          const open = charged._sum.amountCents ?? 0;
          if (open === 0) continue;
          await writePostings(tx, input.visitId, c.id, [
            {
              account: 'INSURANCE_AR',
              entryType: 'charge',
              amountCents: -open,
              memo: `charge replaced by attempt ${input.attempt}`,
              idempotencyKey: `charge-reversal:${c.id}`,
            },
          ]);
        }
        await writePostings(tx, input.visitId, claimId, chargePostings(claimId, claim.totalChargeCents));
        await recordAudit(tx, {
          visitId: input.visitId,
          claimId,
          actor: 'system',
          action: 'claim.created',
          detail: {
            attempt: input.attempt,
            frequency: claim.frequencyCode,
            totalChargeCents: claim.totalChargeCents,
          },
          eventKey: `claim-created:${claimId}`,
        });
      });
      return {
        claimId,
        patientControlNumber: claim.patientControlNumber,
        totalChargeCents: claim.totalChargeCents,
      };
    },

    /** Stage 5b: send the 837P. The claim id is the idempotency key: a retry never submits twice. */
    async submitClaim(input: { claimId: string }): Promise<{ submissionId: string }> {
      const already = await deps.db.submission.findUnique({ where: { idempotencyKey: input.claimId } });
      if (already) return { submissionId: already.submissionId };
      const { batch, visitId } = await loadBatch(input.claimId);
      const receipt = await deps.clearinghouse.submitClaims(batch, { idempotencyKey: input.claimId });
      await deps.db.$transaction(async (tx) => {
        await tx.submission.createMany({
          data: [
            {
              claimId: input.claimId,
              idempotencyKey: input.claimId,
              clearinghouse: deps.clearinghouse.name,
              submissionId: receipt.submissionId,
            },
          ],
          skipDuplicates: true,
        });
        await tx.claim.update({
          where: { id: input.claimId },
          data: { status: 'submitted', submittedAt: deps.clock() },
        });
        await recordAudit(tx, {
          visitId,
          claimId: input.claimId,
          actor: 'system',
          action: 'claim.submitted',
          detail: { submissionId: receipt.submissionId, clearinghouse: deps.clearinghouse.name },
          eventKey: `claim-submitted:${input.claimId}`,
        });
      });
      return { submissionId: receipt.submissionId };
    },

    async recordAcknowledgement(input: { claimId: string; notice: AcknowledgementNotice }): Promise<void> {
      await deps.db.$transaction((tx) => storeAcknowledgement(tx, deps.clock, input.claimId, input.notice));
    },

    /** Tracking: a 276 claim status inquiry, recorded with the 277 answer. */
    async inquireClaimStatus(input: { claimId: string; inquiryNumber: number }): Promise<ClaimStatusReport> {
      const { batch } = await loadBatch(input.claimId);
      const claim = batch.claims[0]!;
      const report = await deps.clearinghouse.getClaimStatus({
        payerId: claim.payer.payerId,
        patientControlNumber: claim.patientControlNumber,
        memberId: claim.subscriber.memberId,
        providerNpi: batch.billingProvider.npi,
        dateOfService: claim.dateOfService,
        chargeCents: claim.totalChargeCents,
      });
      await deps.db.claimStatusEvent.createMany({
        data: [
          {
            claimId: input.claimId,
            source: '277',
            sourceRef: `inquiry:${input.inquiryNumber}`,
            categoryCode: report.categoryCode,
            statusCode: report.statusCode,
            message: report.message,
          },
        ],
        skipDuplicates: true,
      });
      return boundFreeText(report); // the payer's message reaches the workflow history
    },
  };
}
