import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import type { ClaimPayment } from '../remittance/types';
import type { PayerSequence } from '../claims/types';
import { allAdjustments, denialCodes, remittancePostings } from './ledger-entries';

export interface PostingSummary {
  statusCode: string;
  /** CLP07: what a replacement claim must quote in REF*F8. */
  payerClaimNumber: string;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Open insurance receivable on the claim after posting (0 when fully adjudicated). */
  insuranceBalanceCents: number;
  /** CARC codes of non-contractual denials, e.g. "CO-4", for the denial worklist. */
  denialReasons: string[];
}

export interface ClaimPaymentPosting extends PostingSummary {
  remittanceClaimId: string;
  claimId: string;
  /** False when an earlier run had posted it already (nothing was written this time). */
  posted: boolean;
}

export interface PostClaimPaymentsResult {
  postings: ClaimPaymentPosting[];
  /** Remittance claims that do not exist, or whose claim is not known. */
  notFound: string[];
}

/** A claim payment to post, with the claim it pays. */
interface PaymentToPost {
  remittanceClaimId: string;
  claimId: string;
  visitId: string;
  patientEstimateCents: number | null;
  /** On a secondary or tertiary claim the prior payer's impact (OA-23) posts nothing. */
  payerSequence: PayerSequence;
  payment: ClaimPayment;
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

/** Rows per transaction: big enough to amortise the round trips, small enough for one statement's parameters. */
const CHUNK = 500;

/**
 * Posts claim payments of stored 835s onto the ledger, many at a time: the Payment row is the
 * gate (inserted with ON CONFLICT DO NOTHING, so posting twice — or two posters at once — posts
 * once), then adjustments, ledger entries, claim and remittance-claim updates and audit events for
 * the payments that got through, each one set-based statement per chunk. `claimFor` names the
 * claim a remittance claim pays when the caller knows it (the visit's workflow does); otherwise
 * the matched claim, else the claim with that patient control number.
 */
export async function postClaimPayments(
  db: Database,
  clock: () => Date,
  remittanceClaimIds: string[],
  claimFor: Record<string, string> = {},
): Promise<PostClaimPaymentsResult> {
  const { toPost, notFound } = await loadPayments(db, remittanceClaimIds, claimFor);
  const postedNow = new Set<string>();
  for (const round of roundsOfDistinctClaims(toPost)) {
    for (let start = 0; start < round.length; start += CHUNK) {
      const chunk = round.slice(start, start + CHUNK);
      const posted = await db.$transaction((tx) => postChunk(tx, clock(), chunk), { timeout: 60_000 });
      posted.forEach((id) => postedNow.add(id));
    }
  }
  return { postings: await summarise(db, toPost, postedNow), notFound };
}

async function loadPayments(
  db: Database,
  ids: string[],
  claimFor: Record<string, string>,
): Promise<{ toPost: Array<PaymentToPost & { alreadyPosted: boolean }>; notFound: string[] }> {
  const remittanceClaims = await db.remittanceClaim.findMany({
    where: { id: { in: ids } },
    select: { id: true, claimId: true, patientControlNumber: true, detail: true, postedAt: true },
  });
  const unmatchedPcns = remittanceClaims.filter((rc) => !claimFor[rc.id] && !rc.claimId);
  const byPcn = new Map(
    (
      await db.claim.findMany({
        where: { patientControlNumber: { in: unmatchedPcns.map((rc) => rc.patientControlNumber) } },
        select: { id: true, patientControlNumber: true },
      })
    ).map((c) => [c.patientControlNumber, c.id]),
  );
  const claimIdOf = (rc: (typeof remittanceClaims)[number]) =>
    claimFor[rc.id] ?? rc.claimId ?? byPcn.get(rc.patientControlNumber);
  const claims = new Map(
    (
      await db.claim.findMany({
        where: { id: { in: remittanceClaims.map(claimIdOf).filter((id) => id !== undefined) } },
        select: { id: true, visitId: true, patientEstimateCents: true, payerSequence: true },
      })
    ).map((c) => [c.id, c]),
  );
  const byId = new Map(remittanceClaims.map((rc) => [rc.id, rc]));
  const toPost: Array<PaymentToPost & { alreadyPosted: boolean }> = [];
  const notFound: string[] = [];
  for (const id of ids) {
    const rc = byId.get(id);
    const claim = rc && claims.get(claimIdOf(rc) ?? '');
    if (!rc || !claim) {
      notFound.push(id);
      continue;
    }
    toPost.push({
      remittanceClaimId: rc.id,
      claimId: claim.id,
      visitId: claim.visitId,
      patientEstimateCents: claim.patientEstimateCents,
      payerSequence: claim.payerSequence,
      payment: rc.detail as unknown as ClaimPayment,
      alreadyPosted: rc.postedAt !== null,
    });
  }
  return { toPost, notFound };
}

/**
 * Payments of one claim (a payment and its later reversal) must update the claim in order: each
 * round holds a claim at most once, and rounds run one after another.
 */
function roundsOfDistinctClaims<T extends PaymentToPost & { alreadyPosted: boolean }>(items: T[]): T[][] {
  const rounds: T[][] = [];
  const roundOfClaim = new Map<string, number>();
  for (const item of items) {
    if (item.alreadyPosted) continue;
    const round = (roundOfClaim.get(item.claimId) ?? -1) + 1;
    roundOfClaim.set(item.claimId, round);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}

/** Returns the remittance claims this chunk posted (those another run had not). */
async function postChunk(tx: Transaction, now: Date, chunk: PaymentToPost[]): Promise<string[]> {
  const toPost = await insertPayments(tx, chunk);
  if (toPost.length === 0) return [];
  await insertAdjustments(tx, toPost);
  await insertLedgerEntries(tx, toPost);
  await markRemittanceClaimsPosted(tx, now, toPost);
  await updateClaims(tx, now, toPost);
  await insertAuditEvents(tx, toPost);
  return toPost.map((p) => p.remittanceClaimId);
}

// Inserts are INSERT … SELECT FROM unnest(one array per column): one statement and a handful of
// parameters per chunk, where Prisma's createMany binds every value (ten times slower here).

/** The gate: the payments no earlier run (or concurrent poster) has inserted. */
async function insertPayments(tx: Transaction, chunk: PaymentToPost[]): Promise<PaymentToPost[]> {
  const inserted = await tx.$queryRaw<Array<{ remittanceClaimId: string }>>`
    INSERT INTO "Payment" (id, "remittanceClaimId", "claimId", "amountCents")
    SELECT * FROM unnest(
      ${chunk.map(() => randomUUID())}::text[],
      ${chunk.map((p) => p.remittanceClaimId)}::text[],
      ${chunk.map((p) => p.claimId)}::text[],
      ${chunk.map((p) => p.payment.paidCents)}::int[])
    ON CONFLICT ("remittanceClaimId") DO NOTHING
    RETURNING "remittanceClaimId"`;
  const fresh = new Set(inserted.map((row) => row.remittanceClaimId));
  return chunk.filter((p) => fresh.has(p.remittanceClaimId));
}

async function insertAdjustments(tx: Transaction, toPost: PaymentToPost[]): Promise<void> {
  const rows = toPost.flatMap((p) => allAdjustments(p.payment).map((a) => ({ p, a })));
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Adjustment" (id, "claimId", "remittanceClaimId", "groupCode", "reasonCode", "amountCents", "lineControlNumber")
    SELECT * FROM unnest(
      ${rows.map(() => randomUUID())}::text[],
      ${rows.map((r) => r.p.claimId)}::text[],
      ${rows.map((r) => r.p.remittanceClaimId)}::text[],
      ${rows.map((r) => r.a.group)}::text[],
      ${rows.map((r) => r.a.reasonCode)}::text[],
      ${rows.map((r) => r.a.amountCents)}::int[],
      ${rows.map((r) => r.a.lineControlNumber ?? null)}::text[])`;
}

async function insertLedgerEntries(tx: Transaction, toPost: PaymentToPost[]): Promise<void> {
  const rows = toPost.flatMap((p) =>
    remittancePostings(p.remittanceClaimId, p.payment, p).map((posting) => ({ p, posting })),
  );
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "LedgerEntry" (id, "visitId", "claimId", account, "entryType", "amountCents", "reasonCode", memo, "idempotencyKey")
    SELECT * FROM unnest(
      ${rows.map(() => randomUUID())}::text[],
      ${rows.map((r) => r.p.visitId)}::text[],
      ${rows.map((r) => r.p.claimId)}::text[],
      ${rows.map((r) => r.posting.account)}::text[],
      ${rows.map((r) => r.posting.entryType)}::text[],
      ${rows.map((r) => r.posting.amountCents)}::int[],
      ${rows.map((r) => r.posting.reasonCode ?? null)}::text[],
      ${rows.map((r) => r.posting.memo)}::text[],
      ${rows.map((r) => r.posting.idempotencyKey)}::text[])
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}

async function insertAuditEvents(tx: Transaction, toPost: PaymentToPost[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (id, "visitId", "claimId", actor, action, detail, "eventKey")
    SELECT id, visit_id, claim_id, 'system', 'remittance.posted', detail::jsonb, event_key FROM unnest(
      ${toPost.map(() => randomUUID())}::text[],
      ${toPost.map((p) => p.visitId)}::text[],
      ${toPost.map((p) => p.claimId)}::text[],
      ${toPost.map((p) => JSON.stringify(auditDetail(p)))}::text[],
      ${toPost.map((p) => `remittance-posted:${p.remittanceClaimId}`)}::text[])
      AS t(id, visit_id, claim_id, detail, event_key)
    ON CONFLICT ("eventKey") DO NOTHING`;
}

async function markRemittanceClaimsPosted(tx: Transaction, now: Date, toPost: PaymentToPost[]) {
  await tx.$executeRaw`
    UPDATE "RemittanceClaim" AS rc SET "postedAt" = ${now}, "claimId" = v.claim_id
    FROM unnest(${toPost.map((p) => p.remittanceClaimId)}::text[], ${toPost.map((p) => p.claimId)}::text[])
      AS v(id, claim_id)
    WHERE rc.id = v.id`;
}

function claimStatusAfter(statusCode: string): 'denied' | 'reversed' | 'paid' {
  return statusCode === '4' ? 'denied' : statusCode === '22' ? 'reversed' : 'paid';
}

/** Status, payer claim number, and the estimate's accuracy (the 835's patient share less the estimate). */
async function updateClaims(tx: Transaction, now: Date, toPost: PaymentToPost[]) {
  const column = <T>(pick: (p: PaymentToPost) => T) => toPost.map(pick);
  await tx.$executeRaw`
    UPDATE "Claim" AS c SET
      status = v.status::"ClaimRecordStatus",
      "paidAt" = ${now},
      "payerClaimNumber" = v.payer_claim_number,
      "estimateVarianceCents" = CASE
        WHEN c."patientEstimateCents" IS NOT NULL AND v.status_code <> '22'
        THEN v.patient_responsibility - c."patientEstimateCents"
        ELSE c."estimateVarianceCents" END
    FROM unnest(
      ${column((p) => p.claimId)}::text[],
      ${column((p) => claimStatusAfter(p.payment.statusCode))}::text[],
      ${column((p) => p.payment.statusCode)}::text[],
      ${column((p) => p.payment.payerClaimNumber)}::text[],
      ${column((p) => p.payment.patientResponsibilityCents)}::int[]
    ) AS v(id, status, status_code, payer_claim_number, patient_responsibility)
    WHERE c.id = v.id`;
}

function auditDetail(p: PaymentToPost) {
  return {
    remittanceClaimId: p.remittanceClaimId,
    statusCode: p.payment.statusCode,
    paidCents: p.payment.paidCents,
    patientResponsibilityCents: p.payment.patientResponsibilityCents,
  };
}

async function summarise(
  db: Database,
  items: PaymentToPost[],
  postedNow: Set<string>,
): Promise<ClaimPaymentPosting[]> {
  const balances = await db.ledgerEntry.groupBy({
    by: ['claimId'],
    where: { claimId: { in: [...new Set(items.map((p) => p.claimId))] }, account: 'INSURANCE_AR' },
    _sum: { amountCents: true },
  });
  const balanceOf = new Map(balances.map((b) => [b.claimId, b._sum.amountCents ?? 0]));
  return items.map((p) => ({
    remittanceClaimId: p.remittanceClaimId,
    claimId: p.claimId,
    posted: postedNow.has(p.remittanceClaimId),
    statusCode: p.payment.statusCode,
    payerClaimNumber: p.payment.payerClaimNumber,
    paidCents: p.payment.paidCents,
    patientResponsibilityCents: p.payment.patientResponsibilityCents,
    insuranceBalanceCents: balanceOf.get(p.claimId) ?? 0,
    denialReasons: denialCodes(p.payment),
  }));
}

/**
 * One claim payment onto a known claim (the visit workflow's postRemittance, the staff match of an
 * unmatched payment, a late remittance): the batched poster with one id.
 */
export async function postClaimPayment(
  db: Database,
  clock: () => Date,
  input: { claimId: string; remittanceClaimId: string },
): Promise<PostingSummary | null> {
  const { postings } = await postClaimPayments(db, clock, [input.remittanceClaimId], {
    [input.remittanceClaimId]: input.claimId,
  });
  const posting = postings[0];
  if (!posting) return null;
  const { remittanceClaimId: _r, claimId: _c, posted: _p, ...summary } = posting;
  return summary;
}

/** The poster the API and the inbox's late path hand around. */
export function remittancePoster(deps: { db: Database; clock: () => Date }) {
  return async (input: { claimId: string; remittanceClaimId: string }): Promise<PostingSummary> => {
    const summary = await postClaimPayment(deps.db, deps.clock, input);
    if (!summary) throw new Error(`remittance claim ${input.remittanceClaimId} or its claim not found`);
    return summary;
  };
}
