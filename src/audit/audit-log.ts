import type { Database } from '../db/client';

export interface AuditRecord {
  visitId?: string;
  claimId?: string;
  /** "system", "ehr", or the staff user id. */
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  /** Unique per state change, so a retried write records it once. */
  eventKey: string;
}

type AuditWriter = Pick<Database, 'auditEvent'>;

export async function recordAudit(db: AuditWriter, record: AuditRecord): Promise<void> {
  await db.auditEvent.createMany({
    data: [{ ...record, detail: record.detail as object }],
    skipDuplicates: true,
  });
}
