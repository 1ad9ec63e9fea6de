import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { recordAudit } from '../audit/audit-log';
import { VisitCompletedEventSchema, type VisitCompletedEvent } from '../visit/schema';

export interface IntakeProblem {
  path: string;
  message: string;
}

export type IntakeResult =
  | { ok: true; visit: VisitCompletedEvent; duplicateDelivery: boolean }
  | { ok: false; problems: IntakeProblem[] };

/** Parses a visit-completed event, listing every problem with its JSON path. */
export function parseVisitEvent(body: unknown): IntakeResult {
  const parsed = VisitCompletedEventSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.length ? issue.path.join('.') : '(body)',
        message: issue.message,
      })),
    };
  }
  const visit = parsed.data;
  const problems = crossReferenceProblems(visit);
  return problems.length ? { ok: false, problems } : { ok: true, visit, duplicateDelivery: false };
}

/** References inside the document must point at something that exists. */
function crossReferenceProblems(visit: VisitCompletedEvent): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  const lesionIds = new Set(visit.lesions.map((l) => l.id));
  const procedureIds = new Set(visit.procedures.map((p) => p.id));
  const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
  for (const id of duplicates(visit.lesions.map((l) => l.id)))
    problems.push({ path: 'lesions', message: `lesion id ${id} appears twice` });
  for (const id of duplicates(visit.procedures.map((p) => p.id)))
    problems.push({ path: 'procedures', message: `procedure id ${id} appears twice` });
  visit.procedures.forEach((p, i) =>
    p.lesionIds.forEach((id, j) => {
      if (!lesionIds.has(id))
        problems.push({ path: `procedures.${i}.lesionIds.${j}`, message: `no lesion with id ${id}` });
    }),
  );
  visit.diagnoses.forEach((d, i) => {
    d.lesionIds.forEach((id, j) => {
      if (!lesionIds.has(id))
        problems.push({ path: `diagnoses.${i}.lesionIds.${j}`, message: `no lesion with id ${id}` });
    });
    d.procedureIds.forEach((id, j) => {
      if (!procedureIds.has(id))
        problems.push({ path: `diagnoses.${i}.procedureIds.${j}`, message: `no procedure with id ${id}` });
    });
  });
  if (visit.coverage && visit.coverage.relationship !== 'self' && !visit.coverage.subscriber) {
    problems.push({
      path: 'coverage.subscriber',
      message: 'required when the patient is not the subscriber',
    });
  }
  return problems;
}

/** JSON with object keys sorted, so documents compare equal whatever order jsonb stored them in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The clinical and billing content of a document: what a redelivery must match to be "the same". */
function documentContent(document: unknown): string {
  const { eventId: _eventId, completedAt: _completedAt, ...content } = document as Record<string, unknown>;
  return canonicalJson(content);
}

export interface StoredVisit {
  duplicateDelivery: boolean;
  newVisit: boolean;
  /** Set when the EHR sent changed documentation for a visit already on file. */
  amendedRevision?: number;
}

/**
 * Records the visit and the delivery in one transaction. A redelivery of the same content changes
 * nothing; changed content for a known visit is kept as a numbered revision for the workflow to
 * apply (before the claim goes out) or to raise with staff (after).
 */
export async function storeVisit(
  db: Database,
  visit: VisitCompletedEvent,
  rawBody: Buffer,
  workflowId: string,
): Promise<StoredVisit> {
  const bodySha256 = createHash('sha256').update(rawBody).digest('hex');
  return db.$transaction(async (tx) => {
    const delivered = await tx.webhookDelivery.findUnique({ where: { eventId: visit.eventId } });
    if (delivered) return { duplicateDelivery: true, newVisit: false };
    const existing = await tx.visit.findUnique({
      where: { id: visit.visitId },
      include: { revisions: { orderBy: { revision: 'desc' }, take: 1 } },
    });
    let amendedRevision: number | undefined;
    if (!existing) {
      await tx.visit.create({
        data: {
          id: visit.visitId,
          practiceId: visit.practiceId,
          dateOfService: new Date(`${visit.dateOfService}T00:00:00Z`),
          payerId: visit.coverage?.payerId,
          document: visit as object,
          workflowId,
        },
      });
    } else {
      const latest = existing.revisions[0]?.document ?? existing.document;
      if (documentContent(latest) !== documentContent(visit)) {
        amendedRevision = (existing.revisions[0]?.revision ?? 1) + 1;
        await tx.visitRevision.create({
          data: {
            visitId: visit.visitId,
            revision: amendedRevision,
            eventId: visit.eventId,
            document: visit as object,
          },
        });
      }
    }
    await tx.webhookDelivery.create({ data: { eventId: visit.eventId, visitId: visit.visitId, bodySha256 } });
    await recordAudit(tx, {
      visitId: visit.visitId,
      actor: 'ehr',
      action: !existing ? 'visit.received' : amendedRevision ? 'visit.amended' : 'visit.redelivered',
      detail: { eventId: visit.eventId, revision: amendedRevision ?? null },
      eventKey: `delivery:${visit.eventId}`,
    });
    return { duplicateDelivery: false, newVisit: !existing, amendedRevision };
  });
}
