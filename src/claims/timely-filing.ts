import { recordAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import { configuredDecisionPolicy, settingsFor, type DecisionPolicyFile } from '../decision/policy-config';
import { ReviewPriority } from '../visit-billing/vocabulary';

const DAY_MS = 86_400_000;

/** The payer's limit for a practice (config/decision-policy.json: defaults ← payer ← practice). */
export function timelyFilingLimits(policy: DecisionPolicyFile, practiceId: string, payerId: string | null) {
  const { timelyFilingDays, timelyFilingWarningDays } = settingsFor(policy, practiceId, payerId);
  return { timelyFilingDays, timelyFilingWarningDays };
}

/** The last day to file: the date of service (a UTC date) plus the limit in days. */
export function timelyFilingDeadline(dateOfService: Date, timelyFilingDays: number): Date {
  const day = Date.UTC(
    dateOfService.getUTCFullYear(),
    dateOfService.getUTCMonth(),
    dateOfService.getUTCDate(),
  );
  return new Date(day + timelyFilingDays * DAY_MS);
}

/** Whole days from today (a UTC date) to the deadline; negative once it has passed. */
export function daysUntilDeadline(deadline: Date, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.floor((deadline.getTime() - today) / DAY_MS);
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function timelyFilingReason(deadline: Date, now: Date): string {
  const days = daysUntilDeadline(deadline, now);
  const when = days < 0 ? `passed ${-days} days ago` : days === 0 ? 'is today' : `is in ${days} days`;
  return `Timely filing: the claim's filing deadline ${isoDate(deadline)} ${when}, and the payer has not accepted or paid it.`;
}

/** The timely-filing task the sweep opens for a claim that has no open review (one per claim). */
export const timelyFilingTaskId = (claimId: string) => `tf_${claimId}`;
const TASK_PREFIX = 'tf_';

export interface TimelyFilingSweep {
  /** Claims created before deadlines were tracked, given theirs now. */
  backfilled: number;
  /** Open claims within their payer's warning window. */
  atRisk: number;
  raised: string[];
  opened: string[];
  /** The sweep's own tasks whose claim was accepted, paid or replaced since. */
  closed: string[];
}

/**
 * Escalates every claim not yet accepted or paid whose filing deadline is within its payer's
 * warning window: the visit's open review task is raised to a supervisor with the deadline as a
 * reason, or — when nothing is open — a timely_filing task is opened. Idempotent: a task already
 * escalated for timely filing is left alone, and the sweep's own tasks close when their claim no
 * longer is at risk.
 */
export async function sweepTimelyFiling(
  db: Database,
  clock: () => Date,
  policy: DecisionPolicyFile = configuredDecisionPolicy,
): Promise<TimelyFilingSweep> {
  const now = clock();
  const backfilled = await backfillDeadlines(db, policy);
  const open = await openClaims(db);
  const atRisk = open.filter((c) => {
    const { timelyFilingWarningDays } = timelyFilingLimits(policy, c.practiceId, c.payerId);
    return daysUntilDeadline(c.deadline, now) <= timelyFilingWarningDays;
  });
  const raised: string[] = [];
  const opened: string[] = [];
  for (const claim of atRisk) {
    const outcome = await escalate(db, now, claim);
    if (outcome?.kind === 'raised') raised.push(outcome.taskId);
    if (outcome?.kind === 'opened') opened.push(outcome.taskId);
  }
  const closed = await closeSettledTasks(db, now, new Set(atRisk.map((c) => timelyFilingTaskId(c.claimId))));
  return { backfilled, atRisk: atRisk.length, raised, opened, closed };
}

/** Claims created before the column existed: deadline from the visit's date of service. */
async function backfillDeadlines(db: Database, policy: DecisionPolicyFile): Promise<number> {
  const missing = await db.claim.findMany({
    where: { timelyFilingDeadline: null },
    select: { id: true, payerId: true, visit: { select: { practiceId: true, dateOfService: true } } },
    take: 5000,
  });
  for (const claim of missing) {
    const { timelyFilingDays } = timelyFilingLimits(policy, claim.visit.practiceId, claim.payerId);
    await db.claim.update({
      where: { id: claim.id },
      data: { timelyFilingDeadline: timelyFilingDeadline(claim.visit.dateOfService, timelyFilingDays) },
    });
  }
  return missing.length;
}

interface OpenClaim {
  claimId: string;
  visitId: string;
  payerId: string;
  practiceId: string;
  deadline: Date;
}

/** Each billing visit's current claim (its latest attempt) that the payer has not accepted or paid. */
async function openClaims(db: Database): Promise<OpenClaim[]> {
  return db.$queryRaw<OpenClaim[]>`
    SELECT c.id AS "claimId", c."visitId", c."payerId", v."practiceId", c."timelyFilingDeadline" AS deadline
    FROM "Claim" c JOIN "Visit" v ON v.id = c."visitId"
    WHERE c.status IN ('created', 'submitted', 'rejected')
      AND c."timelyFilingDeadline" IS NOT NULL
      AND v.status NOT IN ('closed', 'cancelled')
      AND NOT EXISTS (SELECT 1 FROM "Claim" l WHERE l."visitId" = c."visitId" AND l.attempt > c.attempt)
    ORDER BY c."timelyFilingDeadline", c.id`;
}

type Escalation = { kind: 'raised' | 'opened'; taskId: string } | null;

async function escalate(db: Database, now: Date, claim: OpenClaim): Promise<Escalation> {
  const reason = timelyFilingReason(claim.deadline, now);
  const task = await db.reviewTask.findFirst({
    where: { visitId: claim.visitId, status: 'open' },
    orderBy: { createdAt: 'desc' },
  });
  if (task) {
    const done =
      task.reasonCodes.includes('timely_filing_near') &&
      task.priority >= ReviewPriority.supervisor &&
      task.assignedRole === 'supervisor';
    return done ? null : raiseTask(db, now, task, claim, reason);
  }
  return openTask(db, now, claim, reason);
}

async function raiseTask(
  db: Database,
  now: Date,
  task: { id: string; reasons: unknown; reasonCodes: string[] },
  claim: OpenClaim,
  reason: string,
): Promise<Escalation> {
  const reasons = Array.isArray(task.reasons) ? task.reasons.map(String) : [];
  await db.$transaction(async (tx) => {
    await tx.reviewTask.update({
      where: { id: task.id },
      data: {
        priority: ReviewPriority.supervisor,
        assignedRole: 'supervisor',
        escalatedAt: now,
        reasons: [...reasons, reason],
        reasonCodes: [...new Set([...task.reasonCodes, 'timely_filing_near'])],
      },
    });
    await recordAudit(tx, {
      visitId: claim.visitId,
      claimId: claim.claimId,
      actor: 'system',
      action: 'review.escalated.timely_filing',
      detail: { taskId: task.id, deadline: isoDate(claim.deadline) },
      eventKey: `timely-filing-raise:${task.id}`,
    });
  });
  return { kind: 'raised', taskId: task.id };
}

async function openTask(db: Database, now: Date, claim: OpenClaim, reason: string): Promise<Escalation> {
  const taskId = timelyFilingTaskId(claim.claimId);
  const created = await db.$transaction(async (tx) => {
    const { count } = await tx.reviewTask.createMany({
      data: [
        {
          id: taskId,
          visitId: claim.visitId,
          kind: 'timely_filing',
          reasons: [reason],
          reasonCodes: ['timely_filing_near'],
          priority: ReviewPriority.supervisor,
          assignedRole: 'supervisor',
          escalatedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (count > 0)
      await recordAudit(tx, {
        visitId: claim.visitId,
        claimId: claim.claimId,
        actor: 'system',
        action: 'review.opened.timely_filing',
        detail: { taskId, deadline: isoDate(claim.deadline) },
        eventKey: `timely-filing-open:${taskId}`,
      });
    return count > 0;
  });
  return created ? { kind: 'opened', taskId } : null;
}

/** The sweep's own open tasks whose claim is no longer at risk (accepted, paid, replaced): resolved. */
async function closeSettledTasks(db: Database, now: Date, stillAtRisk: Set<string>): Promise<string[]> {
  const tasks = await db.reviewTask.findMany({
    where: { kind: 'timely_filing', status: 'open', id: { startsWith: TASK_PREFIX } },
    select: { id: true, visitId: true },
  });
  const settled = tasks.filter((t) => !stillAtRisk.has(t.id));
  for (const task of settled)
    await db.$transaction(async (tx) => {
      await tx.reviewTask.update({
        where: { id: task.id },
        data: {
          status: 'resolved',
          resolvedAt: now,
          resolvedBy: 'system',
          resolution: { reason: 'claim no longer at risk' },
        },
      });
      await recordAudit(tx, {
        visitId: task.visitId,
        actor: 'system',
        action: 'review.closed',
        detail: { taskId: task.id, reason: 'claim accepted, paid or replaced before its filing deadline' },
        eventKey: `timely-filing-close:${task.id}`,
      });
    });
  return settled.map((t) => t.id);
}
