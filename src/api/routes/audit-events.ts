import type { Request, Response } from 'express';
import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import type { Prisma } from '../../db/client';
import { AuditOutcome } from '../../db/generated/enums';
import type { ApiDependencies } from '../dependencies';
import { problemsOf } from '../schemas';

const text = z.string().min(1).max(128);

export const AuditQuerySchema = z.object({
  actor: text.optional(),
  userId: text.optional(),
  role: z.enum(STAFF_ROLES).optional(),
  visitId: text.optional(),
  action: text.optional(),
  outcome: z.enum(AuditOutcome).optional(),
  resourceType: text.optional(),
  resourceId: text.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` cursor of the previous page. */
  before: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[0-9a-f-]{36}$/, 'a "next" cursor from a previous page')
    .optional(),
});
type AuditQuery = z.infer<typeof AuditQuerySchema>;

function whereOf(q: AuditQuery): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.since) and.push({ at: { gte: new Date(q.since) } });
  if (q.until) and.push({ at: { lt: new Date(q.until) } });
  if (q.before) {
    const [at, id] = q.before.split('|') as [string, string];
    and.push({ OR: [{ at: { lt: new Date(at) } }, { at: new Date(at), id: { lt: id } }] });
  }
  return {
    actor: q.actor,
    actorUserId: q.userId,
    actorRole: q.role,
    visitId: q.visitId,
    action: q.action,
    outcome: q.outcome,
    resourceType: q.resourceType,
    resourceId: q.resourceId,
    AND: and,
  };
}

/** GET /v1/admin/audit-events: newest first, filtered, paged with the `next` cursor. */
export function auditEventsHandler(deps: Pick<ApiDependencies, 'db'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = AuditQuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: 'invalid audit query', problems: problemsOf(query.error) });
      return;
    }
    const events = await deps.db.auditEvent.findMany({
      where: whereOf(query.data),
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.data.limit,
    });
    const last = events.length === query.data.limit ? events[events.length - 1] : undefined;
    res.json({ events, next: last ? `${last.at.toISOString()}|${last.id}` : null });
  };
}
