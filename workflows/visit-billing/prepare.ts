import { condition } from '@temporalio/workflow';
import type { CodingResult } from '../../src/coding/types';
import type { ClaimRoute } from '../../src/decision/decide-claim-route';
import { isReviewReasonCode } from '../../src/decision/reasons';
import { database } from './activities';
import { checkVisitEligibility } from './eligibility';
import { releaseClaim } from './patient-balance';
import { flush, moveTo, updateSearchAttributes } from './progress';
import {
  amended,
  applyCoding,
  assertNever,
  takeLatestRevision,
  type BillingRun,
  type Phase,
  type StaffQuestion,
} from './state';

/**
 * Stages 1-4: the visit's documentation (the newest revision), coding (holding for pathology
 * where the report decides the code), eligibility and the decision: submit, self-pay or staff.
 */
export async function prepare(run: BillingRun): Promise<Phase> {
  run.revision += 1;
  moveTo(run, 'coding', 'coding the visit documentation');
  const prepared = await database.prepareCoding({
    visitId: run.visitId,
    revision: run.revision,
    applyRevision: takeLatestRevision(run),
    pathology: [],
  });
  run.visit = prepared.visit;
  updateSearchAttributes(run);
  const coding = await awaitPathology(run, prepared.coding);
  if (!coding) return { step: 'prepare' }; // the EHR amended the documentation while we waited
  applyCoding(run, coding);
  return decide(run, coding);
}

/** Codes again from each final pathology report until no lesion waits; undefined when amended. */
async function awaitPathology(run: BillingRun, first: CodingResult): Promise<CodingResult | undefined> {
  let coding = first;
  while (coding.pathologyHold) {
    const hold = coding.pathologyHold;
    run.view.pendingPathologyLesionIds = hold.lesionIds;
    moveTo(run, 'pathology_hold', hold.reason);
    await flush(run);
    const reported = () => run.pathologyResults.length > 0 || amended(run);
    if (!(await condition(reported, run.timers.pathologyDeadline))) {
      await raisePathologyOverdue(run, hold.lesionIds);
      await condition(reported);
    }
    if (amended(run)) return undefined;
    const pathology = run.pathologyResults.splice(0);
    run.revision += 1;
    ({ coding } = await database.prepareCoding({ visitId: run.visitId, revision: run.revision, pathology }));
    if (run.pathologyOverdueTaskId) {
      await database.closeReviewTask({
        taskId: run.pathologyOverdueTaskId,
        reason: 'pathology report received',
      });
      run.pathologyOverdueTaskId = undefined;
    }
  }
  run.view.pendingPathologyLesionIds = [];
  return coding;
}

/** Past the deadline, staff chase the lab; the claim keeps waiting for the report. */
async function raisePathologyOverdue(run: BillingRun, lesionIds: string[]): Promise<void> {
  if (run.pathologyOverdueTaskId) return;
  run.tasksOpened += 1;
  const taskId = `${run.visitId}:pathology_overdue:${run.tasksOpened}`;
  run.pathologyOverdueTaskId = taskId;
  await database.openReviewTask({
    visitId: run.visitId,
    task: {
      taskId,
      kind: 'pathology_overdue',
      reasons: [
        `no pathology report after ${String(run.timers.pathologyDeadline)} for lesions ${lesionIds.join(', ')}`,
      ],
      remindersSent: 0,
    },
  });
}

async function decide(run: BillingRun, coding: CodingResult): Promise<Phase> {
  run.eligibility = null;
  if (run.visit && !run.visit.selfPay && coding.lines.length > 0) {
    moveTo(run, 'eligibility', 'checking coverage (270/271)');
    run.eligibility = await checkVisitEligibility(
      run,
      coding.lines.map((l) => l.code),
    );
  }
  const route = await database.decideClaimRoute({
    visitId: run.visitId,
    coding,
    eligibility: run.eligibility,
    priorAuthorizationNumber: run.priorAuthorizationNumber,
  });
  run.route = route;
  run.view.decision = route;
  if (route.estimate) run.view.patientEstimate = route.estimate;
  switch (route.action) {
    case 'review':
      return { step: 'staff_review', question: codingReview(route) };
    case 'submit':
    case 'self_pay':
      return releaseClaim(run, route);
    default:
      return assertNever(route);
  }
}

/** The decision's review reasons, with their codes for the task and the ReviewReasons attribute. */
function codingReview(route: Extract<ClaimRoute, { action: 'review' }>): StaffQuestion {
  const reasonCodes = (route.reasonCodes ?? []).filter(isReviewReasonCode);
  return {
    kind: 'coding_review',
    reasons: route.reasons,
    ...(reasonCodes.length > 0 ? { reasonCodes } : {}),
  };
}
