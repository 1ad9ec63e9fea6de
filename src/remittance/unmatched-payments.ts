import type { Database } from '../db/client';
import { Prisma } from '../db/client';

/** Why a claim of ours may be the one an unmatched 835 claim payment is for, and how much it counts. */
const EVIDENCE = {
  same_member_id: { points: 50, reason: "the patient's member id (NM1*QC) is the visit's" },
  same_date_of_service: { points: 30, reason: 'same date of service (DTM*232/472)' },
  same_charge: { points: 20, reason: 'same total charge (CLP03)' },
} as const;
export type MatchEvidence = keyof typeof EVIDENCE;

/** At most this many suggestions per payment, best first. */
const SUGGESTIONS = 5;

export interface SuggestedMatch {
  claimId: string;
  visitId: string;
  patientControlNumber: string;
  /** 0–100: the points of the evidence found. */
  score: number;
  evidence: MatchEvidence[];
  reasons: string[];
}

export interface UnmatchedPayment {
  id: string;
  /** CLP01 as the payer sent it. */
  patientControlNumber: string;
  payerId: string;
  traceNumber: string;
  paymentDate: string;
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  serviceDate: string | null;
  /** Whether the 835 named the patient's member id (the id itself is never returned). */
  memberIdSent: boolean;
  suggestions: SuggestedMatch[];
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

interface CandidateRow {
  remittanceClaimId: string;
  claimId: string;
  visitId: string;
  patientControlNumber: string;
  same_charge: boolean;
  same_date_of_service: boolean;
  same_member_id: boolean;
}

/**
 * Our claims of the same payer alike in charge, date of service or member id. The member id is
 * compared here, in the database: it never reaches the application, the logs or the response.
 */
async function candidates(db: Database, remittanceClaimIds: string[]): Promise<CandidateRow[]> {
  if (remittanceClaimIds.length === 0) return [];
  return db.$queryRaw<CandidateRow[]>`
    SELECT rc.id AS "remittanceClaimId", c.id AS "claimId", c."visitId", c."patientControlNumber",
      c."totalChargeCents" = rc."chargeCents" AS same_charge,
      COALESCE(v."dateOfService" = rc."serviceDate", false) AS same_date_of_service,
      COALESCE(rc."patientMemberId" IS NOT NULL AND (
        v.document->'coverage'->>'memberId' = rc."patientMemberId"
        OR COALESCE(v.document->'otherCoverages', '[]'::jsonb)
          @> jsonb_build_array(jsonb_build_object('memberId', rc."patientMemberId"))), false) AS same_member_id
    FROM "RemittanceClaim" rc
    JOIN "Remittance" r ON r.id = rc."remittanceId"
    JOIN "Claim" c ON c."payerId" = r."payerId"
    JOIN "Visit" v ON v.id = c."visitId"
    WHERE rc.id IN (${Prisma.join(remittanceClaimIds)})
      AND (c."totalChargeCents" = rc."chargeCents"
        OR v."dateOfService" = rc."serviceDate"
        OR (rc."patientMemberId" IS NOT NULL AND (
          v.document->'coverage'->>'memberId' = rc."patientMemberId"
          OR COALESCE(v.document->'otherCoverages', '[]'::jsonb)
            @> jsonb_build_array(jsonb_build_object('memberId', rc."patientMemberId")))))`;
}

/** A candidate scored: the points of its evidence, the reasons in words. */
export function scoreCandidate(
  found: Record<MatchEvidence, boolean>,
): Pick<SuggestedMatch, 'score' | 'evidence' | 'reasons'> {
  const evidence = (Object.keys(EVIDENCE) as MatchEvidence[]).filter((e) => found[e]);
  return {
    score: evidence.reduce((sum, e) => sum + EVIDENCE[e].points, 0),
    evidence,
    reasons: evidence.map((e) => EVIDENCE[e].reason),
  };
}

function suggestionsFor(rows: CandidateRow[]): SuggestedMatch[] {
  return rows
    .map((row) => ({
      claimId: row.claimId,
      visitId: row.visitId,
      patientControlNumber: row.patientControlNumber,
      ...scoreCandidate(row),
    }))
    .sort((a, b) => b.score - a.score || a.patientControlNumber.localeCompare(b.patientControlNumber))
    .slice(0, SUGGESTIONS);
}

/** One page of the 835 claim payments that matched no claim (oldest payment first), with suggestions. */
export async function listUnmatchedPayments(
  db: Database,
  page: { page: number; pageSize: number },
): Promise<{ payments: UnmatchedPayment[]; total: number; page: number; pageSize: number }> {
  const where = { claimId: null };
  const [total, rows] = await Promise.all([
    db.remittanceClaim.count({ where }),
    db.remittanceClaim.findMany({
      where,
      include: { remittance: { select: { payerId: true, paymentDate: true, traceNumber: true } } },
      orderBy: [{ remittance: { paymentDate: 'asc' } }, { id: 'asc' }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
  ]);
  const found = await candidates(
    db,
    rows.map((r) => r.id),
  );
  const payments = rows.map((r) => ({
    id: r.id,
    patientControlNumber: r.patientControlNumber,
    payerId: r.remittance.payerId,
    traceNumber: r.remittance.traceNumber,
    paymentDate: day(r.remittance.paymentDate)!,
    statusCode: r.statusCode,
    chargeCents: r.chargeCents,
    paidCents: r.paidCents,
    serviceDate: day(r.serviceDate),
    memberIdSent: r.patientMemberId !== null,
    suggestions: suggestionsFor(found.filter((c) => c.remittanceClaimId === r.id)),
  }));
  return { payments, total, page: page.page, pageSize: page.pageSize };
}
