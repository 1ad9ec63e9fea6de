import { z } from 'zod';
import type { Database, Prisma } from '../db/client';
import { ReviewTaskKind } from '../db/generated/enums';
import { reviewReasonCodes } from '../decision/reasons';
import { safeText } from '../visit/primitives';

/** Filters and paging of the review queue (the API's query string and the web pages' alike). */
export const ReviewQueueQuerySchema = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  kind: z.enum(ReviewTaskKind).optional(),
  /** Text a reason contains, e.g. a CARC ("CO-4") or "inactive"; case-insensitive. */
  reason: safeText(64, { minLength: 1 }).optional(),
  /** A stable decision reason code (src/decision/reasons.ts), e.g. `prior_auth_missing`. */
  reasonCode: z.enum(reviewReasonCodes).optional(),
  payer: safeText(64, { minLength: 1 }).optional(),
  /** Only tasks open at least this many days. */
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
  priority: z.coerce.number().int().min(0).max(2).optional(),
  assignee: z.enum(['biller', 'supervisor']).optional(),
  /** Supervisors' worklist: tasks escalated to a supervisor and the escalation kinds. */
  escalated: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(500),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuerySchema>;

export interface ReviewQueueRow {
  taskId: string;
  visitId: string;
  kind: ReviewTaskKind;
  reasons: string[];
  reasonCodes: string[];
  status: string;
  priority: number;
  assignedRole: string;
  payerId: string | null;
  dateOfService: string;
  remindersSent: number;
  createdAt: Date;
  resolvedBy: string | null;
}

export interface ReviewQueuePage {
  tasks: ReviewQueueRow[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;

/** What a supervisor decides (src/auth/permissions.ts: escalation task kinds and escalated reviews). */
const ESCALATED: Prisma.ReviewTaskWhereInput[] = [
  { assignedRole: 'supervisor' },
  { kind: { in: ['no_payment', 'pathology_overdue'] } },
];

/** Task ids whose reasons contain the text (JSON text search: reasons are a JSON array of strings). */
async function idsWithReason(db: Database, text: string): Promise<string[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "ReviewTask" WHERE reasons::text ILIKE ${pattern}`;
  return rows.map((r) => r.id);
}

async function whereOf(db: Database, q: ReviewQueueQuery, now: Date): Promise<Prisma.ReviewTaskWhereInput> {
  return {
    status: q.status,
    kind: q.kind,
    reasonCodes: q.reasonCode ? { has: q.reasonCode } : undefined,
    priority: q.priority,
    assignedRole: q.assignee,
    visit: q.payer ? { payerId: q.payer } : undefined,
    createdAt:
      q.minAgeDays !== undefined ? { lte: new Date(now.getTime() - q.minAgeDays * DAY_MS) } : undefined,
    id: q.reason ? { in: await idsWithReason(db, q.reason) } : undefined,
    OR: q.escalated === 'true' ? ESCALATED : undefined,
  };
}

/** One page of the queue, most urgent first (priority, then oldest), with the total that matched. */
export async function listReviewTasks(
  db: Database,
  q: ReviewQueueQuery,
  now: Date,
): Promise<ReviewQueuePage> {
  const where = await whereOf(db, q, now);
  const [total, tasks] = await Promise.all([
    db.reviewTask.count({ where }),
    db.reviewTask.findMany({
      where,
      include: { visit: { select: { payerId: true, dateOfService: true } } },
      orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    tasks: tasks.map((t) => ({
      taskId: t.id,
      visitId: t.visitId,
      kind: t.kind,
      reasons: Array.isArray(t.reasons) ? t.reasons.map(String) : [],
      reasonCodes: t.reasonCodes,
      status: t.status,
      priority: t.priority,
      assignedRole: t.assignedRole,
      payerId: t.visit.payerId,
      dateOfService: t.visit.dateOfService.toISOString().slice(0, 10),
      remindersSent: t.remindersSent,
      createdAt: t.createdAt,
      resolvedBy: t.resolvedBy,
    })),
  };
}
