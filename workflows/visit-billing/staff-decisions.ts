import type { CodingResult } from '../../src/coding/types';
import type { ReviewDecision } from '../../src/visit-billing/messages';
import { database } from './activities';
import { releaseClaim } from './patient-balance';
import { applyCoding, assertNever, codingOf, type BillingRun, type Phase, type StaffQuestion } from './state';

/**
 * What each answer to each question does. Every (task kind, action) pair is spelled out; the
 * actions a task does not take were refused by the validator and cannot arrive here.
 */
export async function afterStaffDecision(
  run: BillingRun,
  question: StaffQuestion,
  decision: ReviewDecision,
  amendedCoding: CodingResult | undefined,
): Promise<Phase> {
  const answer: Answer = { decision, amendedCoding, by: decision.actor?.username ?? decision.reviewer };
  if (decision.priorAuthorizationNumber) run.priorAuthorizationNumber = decision.priorAuthorizationNumber;
  switch (question.kind) {
    case 'coding_review':
      return afterCodingReview(run, answer);
    case 'documentation_requested':
      return {
        step: 'finished',
        status: 'cancelled',
        note: `no documentation coming: closed by ${answer.by}`,
      };
    case 'rejection':
    case 'no_payment':
      return afterUnpaidClaim(run, question, answer);
    case 'denial':
      return afterDenial(run, question, answer);
    case 'documentation_amended':
      return afterLateDocumentation(run, answer);
    default:
      return assertNever(question);
  }
}

interface Answer {
  decision: ReviewDecision;
  /** For an amendment: its codes, checked by the coding rules when the decision was taken in. */
  amendedCoding: CodingResult | undefined;
  by: string;
}

function notTaken(kind: StaffQuestion['kind'], action: ReviewDecision['action']): never {
  throw new Error(`a ${kind} task does not take ${action} (the validator refuses it)`);
}

function applyAmendment(run: BillingRun, amendedCoding: CodingResult | undefined): void {
  if (!amendedCoding) throw new Error('an accepted amendment carries its checked codes');
  run.revision += 1;
  applyCoding(run, amendedCoding);
}

async function afterCodingReview(run: BillingRun, { decision, amendedCoding, by }: Answer): Promise<Phase> {
  switch (decision.action) {
    case 'approve':
      return releaseClaim(run, { action: 'submit', reasons: [`approved by ${by}`] });
    case 'amend': {
      applyAmendment(run, amendedCoding);
      const route = await database.decideClaimRoute({ coding: codingOf(run), eligibility: run.eligibility });
      // Staff have spoken for the codes; only the route's non-review outcomes still apply.
      return releaseClaim(
        run,
        route.action === 'review' ? { action: 'submit', reasons: [`amended by ${by}`] } : route,
      );
    }
    case 'reject':
      return { step: 'finished', status: 'cancelled', note: `rejected by ${by}` };
    case 'bill_patient': {
      const coding = codingOf(run);
      applyCoding(run, { ...coding, selfPayLines: [...coding.selfPayLines, ...coding.lines], lines: [] });
      return releaseClaim(run, { action: 'self_pay', reasons: [`billed to the patient by ${by}`] });
    }
    case 'request_documentation':
      return {
        step: 'staff_review',
        question: {
          kind: 'documentation_requested',
          reasons: [
            `${by} asked the EHR for amended documentation${decision.note ? `: ${decision.note}` : ''}`,
          ],
        },
      };
    default:
      return assertNever(decision.action);
  }
}

/** A rejected claim was never filed, and an unanswered one may be lost: the fix goes out again. */
async function afterUnpaidClaim(
  run: BillingRun,
  question: Extract<StaffQuestion, { kind: 'rejection' | 'no_payment' }>,
  { decision, amendedCoding, by }: Answer,
): Promise<Phase> {
  const again = question.kind === 'rejection' ? { code: '1' as const } : run.frequency;
  switch (decision.action) {
    case 'approve':
      return { step: 'submit', frequency: again };
    case 'amend':
      applyAmendment(run, amendedCoding);
      return { step: 'submit', frequency: again };
    case 'reject':
      return { step: 'after_submission' };
    case 'bill_patient':
      if (run.view.claimId) await settle(run, run.view.claimId, 'patient', by);
      return { step: 'after_submission' };
    case 'request_documentation':
      return notTaken(question.kind, decision.action);
    default:
      return assertNever(decision.action);
  }
}

async function afterDenial(
  run: BillingRun,
  question: Extract<StaffQuestion, { kind: 'denial' }>,
  { decision, amendedCoding, by }: Answer,
): Promise<Phase> {
  switch (decision.action) {
    case 'approve':
      await settle(run, question.claimId, 'write_off', by);
      return { step: 'after_submission' };
    case 'bill_patient':
      await settle(run, question.claimId, 'patient', by);
      return { step: 'after_submission' };
    case 'amend':
      applyAmendment(run, amendedCoding);
      return { step: 'submit', frequency: question.replacement };
    case 'reject':
    case 'request_documentation':
      return notTaken(question.kind, decision.action);
    default:
      return assertNever(decision.action);
  }
}

/** Documentation amended after the claim went out: staff decide whether a corrected claim is due. */
function afterLateDocumentation(run: BillingRun, { decision, amendedCoding }: Answer): Phase {
  switch (decision.action) {
    case 'approve':
      return { step: 'after_submission' };
    case 'amend':
      applyAmendment(run, amendedCoding);
      return {
        step: 'submit',
        frequency: run.lastPayerClaimNumber
          ? { code: '7', originalPayerClaimNumber: run.lastPayerClaimNumber }
          : { code: '1' },
      };
    case 'reject':
    case 'bill_patient':
    case 'request_documentation':
      return notTaken('documentation_amended', decision.action);
    default:
      return assertNever(decision.action);
  }
}

async function settle(
  _run: BillingRun,
  claimId: string,
  to: 'write_off' | 'patient',
  by: string,
): Promise<void> {
  await database.settleInsuranceBalance({ claimId, to, reviewer: by, key: claimId });
}
