import { createHash } from 'node:crypto';
import { Prisma, type Database } from '../db/client';
import { recordAudit } from '../audit/audit-log';
import { unstorableStringProblem, type FieldProblem } from '../visit/primitives';
import { VisitCompletedEventSchema, type VisitCompletedEvent } from '../visit/schema';
import { visitDateProblems } from './visit-dates';
import { cleanX12Delimiters, type IntakeFinding } from './x12-text';

export type IntakeProblem = FieldProblem;

export type IntakeResult =
  | {
      ok: true;
      visit: VisitCompletedEvent;
      duplicateDelivery: boolean;
      /** What intake cleaned so the visit can be billed (X12 delimiters in names/addresses). */
      findings: IntakeFinding[];
    }
  | { ok: false; problems: IntakeProblem[] };

export interface ParseOptions {
  /** The clock dates are judged against (the API passes its injected clock). */
  now?: Date;
}

/** Parses a visit-completed event, listing every problem with its JSON path. */
export function parseVisitEvent(body: unknown, options: ParseOptions = {}): IntakeResult {
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
  const { visit, findings, problems: textProblems } = cleanX12Delimiters(parsed.data);
  // Every text field refuses NUL and lone surrogates itself; this catches one that forgot to.
  const unstorable = unstorableStringProblem(visit);
  if (unstorable) return { ok: false, problems: [unstorable] };
  const problems = [
    ...textProblems,
    ...crossReferenceProblems(visit),
    ...visitDateProblems(visit, options.now ?? new Date()),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, visit, duplicateDelivery: false, findings };
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

export type StoredVisit =
  | {
      ok: true;
      duplicateDelivery: boolean;
      newVisit: boolean;
      /** Set when the EHR sent changed documentation for a visit already on file. */
      amendedRevision?: number;
    }
  /** The event id is already on file for another visit or with other content: nothing written. */
  | { ok: false; conflict: string };

/** Advisory-lock namespaces (first key of pg_advisory_xact_lock(int, int)). */
const EVENT_LOCK = 1_001;
const VISIT_LOCK = 1_002;
const STORE_ATTEMPTS = 3;

/**
 * Records the visit and the delivery in one transaction. A redelivery of the same content changes
 * nothing; changed content for a known visit is kept as a numbered revision for the workflow to
 * apply (before the claim goes out) or to raise with staff (after). An event id that is on file
 * for another visit or with other content is refused and nothing is written.
 *
 * Concurrent deliveries of one event or one visit queue on transaction-scoped advisory locks
 * (event first, then visit, so two transactions never wait on each other in a cycle); a unique
 * violation or serialization failure that slips past them is retried.
 */
export async function storeVisit(
  db: Database,
  visit: VisitCompletedEvent,
  rawBody: Buffer,
  workflowId: string,
  /** Who delivered it on the audit trail: "ehr" (the webhook) or "ehr:<connection id>". */
  actor = 'ehr',
): Promise<StoredVisit> {
  const hashes = {
    bodySha256: sha256(rawBody),
    documentSha256: sha256(canonicalJson(visit)),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_LOCK}::int, hashtext(${visit.eventId}))`;
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${VISIT_LOCK}::int, hashtext(${visit.visitId}))`;
          return recordDelivery(tx, visit, workflowId, hashes, actor);
        },
        { maxWait: 10_000, timeout: 20_000 },
      );
    } catch (error) {
      if (attempt >= STORE_ATTEMPTS || !isWriteRace(error)) throw error;
    }
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isWriteRace(error: unknown): boolean {
  // P2002 unique constraint, P2034 write conflict or deadlock.
  return error instanceof Prisma.PrismaClientKnownRequestError && ['P2002', 'P2034'].includes(error.code);
}

type Transaction = Prisma.TransactionClient;

async function recordDelivery(
  tx: Transaction,
  visit: VisitCompletedEvent,
  workflowId: string,
  hashes: { bodySha256: string; documentSha256: string },
  actor: string,
): Promise<StoredVisit> {
  const delivered = await tx.webhookDelivery.findUnique({ where: { eventId: visit.eventId } });
  if (delivered) return redeliveryOf(delivered, visit, hashes.documentSha256);
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
  await tx.webhookDelivery.create({ data: { eventId: visit.eventId, visitId: visit.visitId, ...hashes } });
  await recordAudit(tx, {
    visitId: visit.visitId,
    actor,
    action: !existing ? 'visit.received' : amendedRevision ? 'visit.amended' : 'visit.redelivered',
    detail: { eventId: visit.eventId, revision: amendedRevision ?? null },
    eventKey: `delivery:${visit.eventId}`,
  });
  return { ok: true, duplicateDelivery: false, newVisit: !existing, amendedRevision };
}

/** An event id seen before: the same delivery again, or an idempotency key reused for something else. */
function redeliveryOf(
  delivered: { visitId: string; documentSha256: string | null },
  visit: VisitCompletedEvent,
  documentSha256: string,
): StoredVisit {
  if (delivered.visitId !== visit.visitId)
    return { ok: false, conflict: `eventId ${visit.eventId} was already delivered for another visit` };
  // Deliveries stored before documents were hashed compare by visit only.
  if (delivered.documentSha256 !== null && delivered.documentSha256 !== documentSha256)
    return {
      ok: false,
      conflict: `eventId ${visit.eventId} was already delivered with other content; send changed documentation under a new eventId`,
    };
  return { ok: true, duplicateDelivery: true, newVisit: false };
}
