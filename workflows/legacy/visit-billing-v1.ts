import {
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillingActivities } from '../../activities';
import type { PostingSummary } from '../../activities/posting';
import type { CodingResult } from '../../src/coding/types';
import type { ClaimRoute } from '../../src/decision/decide-claim-route';
import type { EligibilityResult } from '../../src/eligibility/types';
import type {
  AcknowledgementNotice,
  PathologyResult,
  RemittanceNotice,
  ReviewDecision,
  ReviewTaskView,
  VisitBillingInput,
  VisitBillingState,
} from '../../src/visit-billing/messages';
import type { ClaimStatus } from '../../src/visit-billing/vocabulary';
import {
  claimAcknowledgedSignal,
  claimStateQuery,
  documentationAmendedSignal,
  pathologyResultSignal,
  reviewDecisionSignal,
  remittanceReceivedSignal,
} from '../messages';
import { ClaimStatusKey, NeedsReviewKey, PayerIdKey, PracticeIdKey } from '../search-attributes';
import { serviceDateTags } from '../service-date';

const nonRetryableErrorTypes = ['InvalidBillingData'];
/** Known denial fixes are applied at most this often per visit before staff take over. */
const MAX_AUTOMATIC_CORRECTIONS = 2;
const AUTOMATIC_REVIEWER = 'dermclaims denial rules';

type ClaimFrequencyChoice = { code: '1' | '7'; originalPayerClaimNumber?: string };

/** Database work: quick, retried often. */
const db = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes,
  },
});

/** Calls to the clearinghouse: slower, retried for a day before the workflow hears about it. */
const clearinghouse = proxyActivities<BillingActivities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes,
  },
});

/**
 * FROZEN: the visit workflow as released before v2 (type `visitBillingWorkflow`). It stays
 * registered, unchanged in behaviour, for runs started before the v2 release; new visits start
 * `visitBillingWorkflowV2`. Replay-tested against histories recorded from that release
 * (test/workflows/histories/v1). Remove it, its histories and the activities only it calls
 * (updateVisitStatus, loadVisit, codeVisit, recordPathologyResult, applyCodeAmendment) once
 * `WorkflowType = "visitBillingWorkflow" AND ExecutionStatus = "Running"` finds no run.
 *
 * One visit, from completed documentation to cash: coding → eligibility → decision → claim →
 * tracking → posting → patient statement. Holds no patient data: activities read it by visit id.
 */
export async function visitBillingWorkflow(input: VisitBillingInput): Promise<VisitBillingState> {
  const { visitId, timers } = input;
  const state: VisitBillingState = {
    visitId,
    status: 'received',
    attempt: 0,
    lines: [],
    selfPayLines: [],
    diagnosisCodes: [],
    findings: [],
    pendingPathologyLesionIds: [],
    history: [],
  };
  const reviewDecisions: ReviewDecision[] = [];
  const pathologyResults: PathologyResult[] = [];
  const acknowledgements: AcknowledgementNotice[] = [];
  const remittances: RemittanceNotice[] = [];
  const seenDocuments = new Set<string>();
  const postedRemittances = new Set<string>();
  const recordedAcknowledgements = new Set<string>();
  const claimIdsByPcn = new Map<string, string>();
  let automaticCorrections = 0;
  let lastPayerClaimNumber: string | undefined;
  const pendingRevisions: number[] = [];

  setHandler(claimStateQuery, () => state);
  setHandler(reviewDecisionSignal, (decision) => {
    if (state.openReview) reviewDecisions.push(decision);
    else log.warn('review decision ignored: no review is open', { action: decision.action });
  });
  setHandler(pathologyResultSignal, (result) => void pathologyResults.push(result));
  setHandler(documentationAmendedSignal, ({ revision }) => void pendingRevisions.push(revision));
  setHandler(claimAcknowledgedSignal, (notice) => {
    const key = `${notice.documentId}:${notice.acknowledgement.patientControlNumber}`;
    if (!seenDocuments.has(key)) {
      seenDocuments.add(key);
      acknowledgements.push(notice);
    }
  });
  setHandler(remittanceReceivedSignal, (notice) => {
    if (!seenDocuments.has(notice.remittanceClaimId)) {
      seenDocuments.add(notice.remittanceClaimId);
      remittances.push(notice);
    }
  });

  let transitions = 0;
  const serviceDate = serviceDateTags();
  async function moveTo(status: ClaimStatus, note: string): Promise<void> {
    state.status = status;
    state.history.push({ at: new Date().toISOString(), status, note });
    upsertSearchAttributes([
      { key: ClaimStatusKey, value: status },
      { key: NeedsReviewKey, value: status === 'needs_review' || state.openReview !== undefined },
      ...serviceDate.onStatusChange(),
    ]);
    transitions += 1;
    await db.updateVisitStatus({ visitId, status, note, eventKey: `${workflowInfo().runId}:${transitions}` });
  }

  let reviewCount = 0;
  /**
   * Opens a staff task and waits for its decision, reminding staff on every timer tick. Returns
   * null when `superseded()` turns true first (the task is closed as superseded).
   */
  async function awaitStaffUnless(
    kind: ReviewTaskView['kind'],
    reasons: string[],
    superseded: () => boolean,
  ): Promise<ReviewDecision | null> {
    reviewCount += 1;
    const task: ReviewTaskView = {
      taskId: `${visitId}:${kind}:${reviewCount}`,
      kind,
      reasons,
      remindersSent: 0,
    };
    state.openReview = task;
    reviewDecisions.length = 0;
    await db.openReviewTask({ visitId, task });
    await moveTo('needs_review', `${kind}: ${reasons.join('; ')}`);
    const answered = () => reviewDecisions.length > 0 || superseded();
    while (!(await condition(answered, timers.reviewReminder))) {
      task.remindersSent += 1;
      await db.remindReviewTask({ taskId: task.taskId, reminderNumber: task.remindersSent });
    }
    state.openReview = undefined;
    upsertSearchAttributes([{ key: NeedsReviewKey, value: false }]);
    const decision = reviewDecisions.shift();
    if (!decision) {
      await db.supersedeReviewTask({ taskId: task.taskId, reason: 'the EHR amended the documentation' });
      return null;
    }
    await db.resolveReviewTask({ taskId: task.taskId, decision });
    return decision;
  }

  async function awaitStaff(kind: ReviewTaskView['kind'], reasons: string[]): Promise<ReviewDecision> {
    return (await awaitStaffUnless(kind, reasons, () => false))!;
  }

  // Stage 1: the visit.
  let visit = await db.loadVisit({ visitId });
  function tagRun(): void {
    upsertSearchAttributes([
      { key: PracticeIdKey, value: visit.practiceId },
      ...serviceDate.forVisit(visit.dateOfService),
      ...(visit.payerId ? [{ key: PayerIdKey, value: visit.payerId }] : []),
    ]);
  }
  tagRun();

  const amended = () => pendingRevisions.length > 0;
  /** Makes the newest amended documentation the visit's documentation. */
  async function applyPendingRevision(): Promise<number | undefined> {
    if (!amended()) return undefined;
    const latest = Math.max(...pendingRevisions);
    pendingRevisions.length = 0;
    await db.applyVisitRevision({ visitId, revision: latest });
    visit = await db.loadVisit({ visitId });
    tagRun();
    return latest;
  }

  let revision = 0;
  let coding: CodingResult;
  let eligibility: EligibilityResult | null;
  let route: ClaimRoute;
  // Stages 2-4, started again when the EHR amends the documentation before the claim goes out.
  prepare: for (;;) {
    await applyPendingRevision();
    // Stage 2: coding, holding for pathology where the report decides the code.
    revision += 1;
    await moveTo('coding', 'coding the visit documentation');
    coding = await db.codeVisit({ visitId, revision });
    while (coding.pathologyHold) {
      state.pendingPathologyLesionIds = coding.pathologyHold.lesionIds;
      await moveTo('pathology_hold', coding.pathologyHold.reason);
      const reported = () => pathologyResults.length > 0 || amended();
      if (!(await condition(reported, timers.pathologyDeadline))) {
        // The deadline passed: staff chase the lab; the claim keeps waiting for the report.
        reviewCount += 1;
        await db.openReviewTask({
          visitId,
          task: {
            taskId: `${visitId}:pathology_overdue:${reviewCount}`,
            kind: 'pathology_overdue',
            reasons: [
              `no pathology report after ${timers.pathologyDeadline} for lesions ${coding.pathologyHold.lesionIds.join(', ')}`,
            ],
            remindersSent: 0,
          },
        });
        await condition(reported);
      }
      if (amended()) continue prepare;
      while (pathologyResults.length > 0) {
        await db.recordPathologyResult({ visitId, pathology: pathologyResults.shift()! });
      }
      revision += 1;
      coding = await db.codeVisit({ visitId, revision });
    }
    state.pendingPathologyLesionIds = [];
    applyCoding(coding);

    // Stage 3: eligibility.
    eligibility = null;
    if (!visit.selfPay && coding.lines.length > 0) {
      await moveTo('eligibility', 'checking coverage (270/271)');
      eligibility = await clearinghouse.checkEligibility({
        visitId,
        procedureCodes: coding.lines.map((l) => l.code),
      });
    }

    // Stage 4: decision.
    route = await db.decideClaimRoute({ coding, eligibility });
    state.decision = route;
    while (route.action === 'review') {
      const decision = await awaitStaffUnless('coding_review', route.reasons, amended);
      if (!decision) continue prepare; // superseded: the documentation changed under review
      if (decision.action === 'reject') return finish('cancelled', `rejected by ${decision.reviewer}`);
      if (decision.action === 'bill_patient') {
        coding = { ...coding, selfPayLines: [...coding.selfPayLines, ...coding.lines], lines: [] };
        applyCoding(coding);
        route = { action: 'self_pay', reasons: [`billed to the patient by ${decision.reviewer}`] };
      } else if (decision.action === 'amend') {
        revision += 1;
        coding = await db.applyCodeAmendment({ visitId, revision, previous: coding, decision });
        applyCoding(coding);
        route = await db.decideClaimRoute({ coding, eligibility });
        // Staff have spoken for the codes; only coverage problems send it back.
        if (route.action === 'review')
          route = { action: 'submit', reasons: [`amended by ${decision.reviewer}`] };
      } else {
        route = { action: 'submit', reasons: [`approved by ${decision.reviewer}`] };
      }
      state.decision = route;
    }
    break;
  }

  // Cosmetic, non-covered and staff-redirected services go to the patient, never onto an 837.
  if (coding.selfPayLines.length > 0) {
    await db.billSelfPay({ visitId, lines: coding.selfPayLines, key: `coding-${revision}` });
  }

  if (route.action === 'submit') {
    await submitUntilSettled({ code: '1' });
    // Documentation amended after the claim went out: staff decide whether it needs correcting.
    while (amended()) {
      const applied = await applyPendingRevision();
      const decision = await awaitStaff('documentation_amended', [
        `the EHR amended the documentation (revision ${applied}) after the claim was submitted: review whether a corrected claim is needed`,
      ]);
      if (decision.action !== 'amend') continue;
      revision += 1;
      coding = await db.applyCodeAmendment({ visitId, revision, previous: coding, decision });
      applyCoding(coding);
      await submitUntilSettled(
        lastPayerClaimNumber ? { code: '7', originalPayerClaimNumber: lastPayerClaimNumber } : { code: '1' },
      );
    }
  }
  await settlePatientBalance();
  return finish('closed', 'visit fully billed');

  function applyCoding(result: CodingResult): void {
    state.lines = result.lines;
    state.selfPayLines = result.selfPayLines;
    state.diagnosisCodes = result.diagnosisCodes;
    state.findings = result.findings;
    state.confidence = result.confidence.score;
  }

  /** Stages 5-7: claim out, acknowledgements and remittance in, corrections as needed. */
  async function submitUntilSettled(first: ClaimFrequencyChoice): Promise<void> {
    let frequency = first;
    for (;;) {
      state.attempt += 1;
      const claim = await db.createClaim({ visitId, attempt: state.attempt, coding, frequency });
      state.claimId = claim.claimId;
      state.patientControlNumber = claim.patientControlNumber;
      claimIdsByPcn.set(claim.patientControlNumber, claim.claimId);
      await clearinghouse.submitClaim({ claimId: claim.claimId });
      await moveTo('submitted', `claim ${claim.patientControlNumber} submitted (attempt ${state.attempt})`);

      const ack = await awaitAcknowledgement(claim.claimId, claim.patientControlNumber);
      if (ack && !ack.acknowledgement.accepted) {
        await moveTo('rejected', ack.acknowledgement.reasons.join('; '));
        const decision = await awaitStaff('rejection', ack.acknowledgement.reasons);
        if (!(await applyCorrection(decision))) return;
        frequency = { code: '1' }; // a rejected claim was never filed: the fix goes out as a new original
        continue;
      }
      if (ack) await moveTo('accepted', `accepted by the payer (${ack.acknowledgement.categoryCode})`);

      const notice = await awaitRemittance(claim.claimId, claim.patientControlNumber);
      if (!notice) {
        const decision = await awaitStaff('no_payment', [
          'no remittance after repeated claim status inquiries',
        ]);
        if (decision.action === 'approve') continue; // resubmit
        if (!(await applyCorrection(decision))) return;
        continue;
      }
      const posting = await postRemittanceNotice(notice);
      await recordAcknowledgements(claim.claimId, claim.patientControlNumber);
      await postEarlierAttempts(claim.patientControlNumber);
      if (posting.statusCode !== '4' && posting.insuranceBalanceCents === 0) {
        await moveTo(
          'paid',
          `paid ${posting.paidCents} cents; patient owes ${posting.patientResponsibilityCents}`,
        );
        return;
      }
      // An adjudicated claim is corrected by replacement (frequency 7 quoting the payer's claim number).
      const replacement = { code: '7' as const, originalPayerClaimNumber: posting.payerClaimNumber };
      const plan = await db.planDenialResolution({
        claimId: claim.claimId,
        remittanceClaimId: notice.remittanceClaimId,
      });
      if (plan.action === 'correct' && automaticCorrections < MAX_AUTOMATIC_CORRECTIONS) {
        automaticCorrections += 1;
        revision += 1;
        coding = await db.applyCodeAmendment({
          visitId,
          revision,
          previous: coding,
          decision: {
            action: 'amend',
            reviewer: AUTOMATIC_REVIEWER,
            note: plan.explanation.join('; '),
            lines: plan.lines,
          },
        });
        applyCoding(coding);
        await moveTo(
          'denied',
          `${posting.denialReasons.join(', ')}: corrected automatically (${plan.explanation.join('; ')})`,
        );
        frequency = replacement;
        continue;
      }
      if (plan.action === 'write_off') {
        await db.settleInsuranceBalance({
          claimId: claim.claimId,
          to: 'write_off',
          reviewer: AUTOMATIC_REVIEWER,
          key: claim.claimId,
        });
        await moveTo('paid', `bundled lines written off: ${plan.explanation.join('; ')}`);
        return;
      }
      await moveTo(
        'denied',
        `denied or short-paid: ${posting.denialReasons.join(', ') || posting.statusCode}`,
      );
      const decision = await awaitStaff('denial', [
        `payer denied or reduced the claim: ${posting.denialReasons.join(', ')}`,
        `open insurance balance ${posting.insuranceBalanceCents} cents`,
        ...(plan.action === 'staff' ? plan.reasons : ['automatic corrections exhausted']),
      ]);
      if (decision.action === 'approve' || decision.action === 'bill_patient') {
        await db.settleInsuranceBalance({
          claimId: claim.claimId,
          to: decision.action === 'approve' ? 'write_off' : 'patient',
          reviewer: decision.reviewer,
          key: claim.claimId,
        });
        return;
      }
      if (!(await applyCorrection(decision))) return;
      frequency = replacement;
    }
  }

  async function postRemittanceNotice(notice: RemittanceNotice): Promise<PostingSummary> {
    postedRemittances.add(notice.remittanceClaimId);
    const posting = await db.postRemittance({
      claimId: claimIdsByPcn.get(notice.patientControlNumber)!,
      remittanceClaimId: notice.remittanceClaimId,
    });
    if (posting.statusCode !== '22') lastPayerClaimNumber = posting.payerClaimNumber;
    state.paidCents = (state.paidCents ?? 0) + posting.paidCents;
    state.patientResponsibilityCents =
      (state.patientResponsibilityCents ?? 0) + posting.patientResponsibilityCents;
    return posting;
  }

  /** Reversals and late payments of earlier attempts are posted to those claims as they arrive. */
  async function postEarlierAttempts(currentPcn: string): Promise<void> {
    for (const notice of remittances) {
      const earlier =
        notice.patientControlNumber !== currentPcn && claimIdsByPcn.has(notice.patientControlNumber);
      if (earlier && !postedRemittances.has(notice.remittanceClaimId)) await postRemittanceNotice(notice);
    }
  }

  /** Amend → recode and go again; reject → stop; approve → resubmit as is. */
  async function applyCorrection(decision: ReviewDecision): Promise<boolean> {
    if (decision.action === 'reject' || decision.action === 'bill_patient') {
      if (decision.action === 'bill_patient' && state.claimId) {
        await db.settleInsuranceBalance({
          claimId: state.claimId,
          to: 'patient',
          reviewer: decision.reviewer,
          key: state.claimId,
        });
      }
      return false;
    }
    if (decision.action === 'amend') {
      revision += 1;
      coding = await db.applyCodeAmendment({ visitId, revision, previous: coding, decision });
      applyCoding(coding);
    }
    return true;
  }

  async function awaitAcknowledgement(
    claimId: string,
    pcn: string,
  ): Promise<AcknowledgementNotice | undefined> {
    const forClaim = () => acknowledgements.filter((a) => a.acknowledgement.patientControlNumber === pcn);
    // A 999 acceptance only says the file was readable; the 277CA (or any rejection) decides.
    const mine = () => forClaim().find((a) => !a.acknowledgement.accepted || a.source === '277CA');
    let inquiries = 0;
    while (
      !(await condition(
        () => mine() !== undefined || remittanceFor(pcn) !== undefined,
        timers.acknowledgementTimeout,
      ))
    ) {
      inquiries += 1;
      const report = await clearinghouse.inquireClaimStatus({ claimId, inquiryNumber: inquiries });
      if (
        report.categoryCode.startsWith('A3') ||
        report.categoryCode.startsWith('A6') ||
        report.categoryCode.startsWith('A7')
      ) {
        return {
          documentId: `inquiry:${inquiries}`,
          source: '277CA',
          acknowledgement: {
            patientControlNumber: pcn,
            accepted: false,
            categoryCode: report.categoryCode,
            statusCode: report.statusCode,
            reasons: [report.message],
          },
        };
      }
      if (inquiries >= timers.maxStatusInquiries) return undefined; // keep going: the 835 may still come
    }
    await recordAcknowledgements(claimId, pcn);
    return mine();
  }

  /** Every acknowledgement of the claim lands in its status history once, late ones included. */
  async function recordAcknowledgements(claimId: string, pcn: string): Promise<void> {
    for (const notice of acknowledgements) {
      const key = `${notice.documentId}:${pcn}`;
      if (notice.acknowledgement.patientControlNumber !== pcn || recordedAcknowledgements.has(key)) continue;
      recordedAcknowledgements.add(key);
      await db.recordAcknowledgement({ claimId, notice });
    }
  }

  function remittanceFor(pcn: string): RemittanceNotice | undefined {
    return remittances.find(
      (r) => r.patientControlNumber === pcn && !postedRemittances.has(r.remittanceClaimId),
    );
  }

  async function awaitRemittance(claimId: string, pcn: string): Promise<RemittanceNotice | undefined> {
    for (let inquiries = 1; inquiries <= timers.maxStatusInquiries + 1; inquiries++) {
      if (await condition(() => remittanceFor(pcn) !== undefined, timers.remittanceFollowUp))
        return remittanceFor(pcn);
      if (inquiries <= timers.maxStatusInquiries) {
        const report = await clearinghouse.inquireClaimStatus({ claimId, inquiryNumber: 100 + inquiries });
        log.info('claim status inquiry', { category: report.categoryCode, status: report.statusCode });
      }
    }
    return undefined;
  }

  async function settlePatientBalance(): Promise<void> {
    const statement = await db.issuePatientStatement({ visitId, statementKey: `${visitId}:final` });
    if (statement) await moveTo('patient_billed', `statement for ${statement.amountDueCents} cents issued`);
  }

  async function finish(status: ClaimStatus, note: string): Promise<VisitBillingState> {
    await moveTo(status, note);
    return state;
  }
}
