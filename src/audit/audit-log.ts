import type { StaffActor, StaffRole } from '../auth/roles';
import type { Database } from '../db/client';
import type { AuditOutcome } from '../db/generated/enums';

/** succeeded, denied (403), rejected (other 4xx), failed (5xx): the Prisma enum `AuditOutcome`. */
export type { AuditOutcome };

export interface AuditRecord {
  visitId?: string;
  claimId?: string;
  /** The staff user's username, "system" (the workflow), "ehr" (the webhook) or "cli" (an operator). */
  actor: string;
  actorUserId?: string;
  actorRole?: StaffRole;
  action: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: AuditOutcome;
  /** Where an API request came from. */
  ip?: string;
  userAgent?: string;
  detail: Record<string, unknown>;
  /** Unique per state change, so a retried write records it once. */
  eventKey: string;
  /** When (the database's clock unless given). */
  at?: Date;
}

type AuditWriter = Pick<Database, 'auditEvent'>;

export async function recordAudit(db: AuditWriter, record: AuditRecord): Promise<void> {
  await recordAudits(db, [record]);
}

/** Several audit records in one statement (each still recorded once, by its event key). */
export async function recordAudits(db: AuditWriter, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.auditEvent.createMany({
    data: records.map((record) => ({ ...record, detail: record.detail as object })),
    skipDuplicates: true,
  });
}

/** The actor columns of an audit record for a staff user (or a named system actor). */
export function auditActor(
  actor: StaffActor | undefined,
  fallback: string,
): Pick<AuditRecord, 'actor' | 'actorUserId' | 'actorRole'> {
  return actor
    ? { actor: actor.username, actorUserId: actor.userId, actorRole: actor.role }
    : { actor: fallback };
}
