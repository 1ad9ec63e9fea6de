import type { WorkflowHandle } from '@temporalio/client';
import type { BillingActivities } from '../../activities';
import { claimAcknowledgedSignal, remittanceReceivedSignal } from '../../workflows/messages';
import type { CodingResult } from '../../src/coding/types';

export type ActivityCalls = Array<{ name: string; input: unknown }>;

export const codedVisit: CodingResult = {
  diagnosisCodes: ['L57.0', 'L82.1'],
  lines: [
    {
      code: '99213',
      modifiers: ['25'],
      units: 1,
      chargeCents: 13500,
      diagnosisPointers: [2],
      label: 'office visit',
    },
    {
      code: '17000',
      modifiers: [],
      units: 1,
      chargeCents: 12000,
      diagnosisPointers: [1],
      label: 'AK destruction',
    },
  ],
  selfPayLines: [],
  findings: [],
  pathologyHold: null,
  confidence: { score: 0.95, factors: [] },
  providerDifferences: [],
};

/**
 * In-memory stand-ins for the activities, recording every call, so workflow tests exercise the
 * orchestration alone. Overrides replace individual activities.
 */
export function mockActivities(
  calls: ActivityCalls,
  overrides: Partial<BillingActivities> = {},
): BillingActivities {
  const record =
    <I, O>(name: string, result: (input: I) => O | Promise<O>) =>
    async (input: I): Promise<O> => {
      calls.push({ name, input });
      return result(input);
    };
  const base: Partial<BillingActivities> = {
    loadVisit: record('loadVisit', (i: { visitId: string }) => ({
      visitId: i.visitId,
      practiceId: 'PRAC-1',
      dateOfService: '2026-11-20',
      payerId: 'BCBS1',
      selfPay: false,
    })),
    updateVisitStatus: record('updateVisitStatus', () => undefined),
    codeVisit: record('codeVisit', () => codedVisit),
    recordPathologyResult: record('recordPathologyResult', () => undefined),
    applyCodeAmendment: record(
      'applyCodeAmendment',
      (i: Parameters<BillingActivities['applyCodeAmendment']>[0]) => ({
        ...i.previous,
        lines: (i.decision.lines ?? []).map((l) => ({ ...l, chargeCents: 1000 * l.units, label: l.code })),
      }),
    ),
    checkEligibility: record('checkEligibility', () => ({
      status: 'active' as const,
      priorAuthRequiredFor: [],
      errors: [],
    })),
    decideClaimRoute: record('decideClaimRoute', () => ({ action: 'submit' as const, reasons: ['clean'] })),
    openReviewTask: record('openReviewTask', () => undefined),
    remindReviewTask: record('remindReviewTask', () => undefined),
    resolveReviewTask: record('resolveReviewTask', () => undefined),
    supersedeReviewTask: record('supersedeReviewTask', () => undefined),
    applyVisitRevision: record('applyVisitRevision', () => undefined),
    billSelfPay: record('billSelfPay', () => 0),
    createClaim: record('createClaim', (i: { visitId: string; attempt: number }) => ({
      claimId: `clm-${i.attempt}`,
      patientControlNumber: `PCN${i.attempt}`,
      totalChargeCents: 25500,
    })),
    submitClaim: record('submitClaim', () => ({ submissionId: 'SUB-1' })),
    // No further coverage unless a test says so: the visit goes on to the patient balance.
    createSecondaryClaim: record('createSecondaryClaim', () => null),
    recordAcknowledgement: record('recordAcknowledgement', () => undefined),
    inquireClaimStatus: record('inquireClaimStatus', (i: { claimId: string }) => ({
      patientControlNumber: i.claimId,
      categoryCode: 'P1',
      statusCode: '20',
      message: 'pending',
    })),
    postRemittance: record('postRemittance', () => ({
      statusCode: '1',
      payerClaimNumber: 'PAYER-CLM-1',
      paidCents: 15300,
      patientResponsibilityCents: 3825,
      insuranceBalanceCents: 0,
      denialReasons: [],
    })),
    planDenialResolution: record('planDenialResolution', () => ({
      action: 'staff' as const,
      reasons: ['CO-11 on 17110: no known automatic fix'],
    })),
    settleInsuranceBalance: record('settleInsuranceBalance', () => 0),
    issuePatientStatement: record('issuePatientStatement', () => ({
      statementId: 'ST-1',
      amountDueCents: 3825,
    })),
    issueCycleStatement: record(
      'issueCycleStatement',
      (i: { cycle: number; kind: 'initial' | 'reminder' | 'final' }) => ({
        statementId: `ST-${i.cycle}`,
        amountDueCents: 3825,
        cycle: i.cycle,
        kind: i.kind,
      }),
    ),
    // Paid by the end of the first cycle unless a test says otherwise.
    patientBalance: record('patientBalance', () => 0),
  };
  const merged = { ...base, ...overrides } as BillingActivities;
  // The v2 workflow's folded steps, built from the single steps so tests can override those.
  const folded: Partial<BillingActivities> = {
    prepareCoding: async (input) => {
      calls.push({ name: 'prepareCoding', input });
      if (input.applyRevision !== undefined)
        await merged.applyVisitRevision({ visitId: input.visitId, revision: input.applyRevision });
      for (const pathology of input.pathology)
        await merged.recordPathologyResult({ visitId: input.visitId, pathology });
      const visit = await merged.loadVisit({ visitId: input.visitId });
      return { visit, coding: await merged.codeVisit({ visitId: input.visitId, revision: input.revision }) };
    },
    reviewAmendment: async (input) => {
      calls.push({ name: 'reviewAmendment', input });
      const coding = await merged.applyCodeAmendment(input);
      return { accepted: true as const, coding };
    },
    recordVisitProgress: async (report) => {
      calls.push({ name: 'recordVisitProgress', input: report });
      for (const ack of report.acknowledgements) await merged.recordAcknowledgement(ack);
      for (const change of report.changes)
        await merged.updateVisitStatus({
          visitId: report.visitId,
          status: change.status,
          note: change.note,
          eventKey: String(change.sequence),
        });
    },
    closeReviewTask: record('closeReviewTask', () => undefined),
  };
  return { ...merged, ...folded, ...pick(overrides, ['reviewAmendment', 'prepareCoding']) };
}

function pick(overrides: Partial<BillingActivities>, names: Array<keyof BillingActivities>) {
  return Object.fromEntries(names.filter((n) => overrides[n]).map((n) => [n, overrides[n]]));
}

export function callsTo(calls: ActivityCalls, name: string): unknown[] {
  return calls.filter((c) => c.name === name).map((c) => c.input);
}

/** The clearinghouse inbox would deliver these; buffered by the workflow until it needs them. */
export async function deliverAcceptanceAndPayment(handle: WorkflowHandle, pcn = 'PCN1'): Promise<void> {
  await handle.signal(claimAcknowledgedSignal, {
    documentId: 'DOC-277CA',
    source: '277CA',
    acknowledgement: {
      patientControlNumber: pcn,
      accepted: true,
      categoryCode: 'A2',
      statusCode: '20',
      reasons: [],
    },
  });
  await handle.signal(remittanceReceivedSignal, {
    documentId: 'DOC-835',
    remittanceClaimId: `RC-${pcn}`,
    patientControlNumber: pcn,
    statusCode: '1',
  });
}
