/**
 * Claims and the 835 that pays them, for the posting benchmark and its test: `claims` visits with
 * one submitted claim each (charge on the ledger), and a generated 835 paying every one of them
 * (bench/generate-835.ts), read with our 835 reader and stored as the inbox stores it.
 */
import type { Database } from '../src/db/client';
import { storeInboundDocument } from '../src/inbox/inbound-documents';
import { chargePostings } from '../src/posting/ledger-entries';
import { read835WithProblems, write835 } from '../src/x12';
import { claimAt, payments } from './generate-835';

const CHUNK = 2000;

export const benchClaimId = (n: number) => `clm_bench_${n}`;

export async function createBenchClaims(db: Database, claims: number): Promise<void> {
  for (let start = 0; start < claims; start += CHUNK) {
    const numbers = Array.from({ length: Math.min(CHUNK, claims - start) }, (_, i) => start + i);
    await db.visit.createMany({
      data: numbers.map((n) => ({
        id: `bench-visit-${n}`,
        practiceId: 'bench',
        dateOfService: new Date('2026-02-02T00:00:00Z'),
        payerId: '60054',
        document: {},
        status: 'submitted' as const,
        workflowId: `visit-bench-visit-${n}`,
      })),
    });
    await db.claim.createMany({
      data: numbers.map((n) => ({
        id: benchClaimId(n),
        visitId: `bench-visit-${n}`,
        patientControlNumber: claimAt(n).patientControlNumber,
        attempt: 1,
        payerId: '60054',
        status: 'accepted' as const,
        totalChargeCents: claimAt(n).chargeCents,
        diagnosisCodes: ['L57.0'],
      })),
    });
    await db.ledgerEntry.createMany({
      data: numbers.flatMap((n) =>
        chargePostings(benchClaimId(n), claimAt(n).chargeCents).map((p) => ({
          ...p,
          visitId: `bench-visit-${n}`,
          claimId: benchClaimId(n),
        })),
      ),
    });
  }
}

/** The 835 text: payments of 1,000 claims each. */
export function bench835(claims: number): string {
  return write835(payments(0, claims, 1000), {
    envelope: {
      senderId: 'PAYER',
      receiverId: 'DERMCLAIMS',
      interchangeControlNumber: 1,
      groupControlNumber: 1,
      createdAt: new Date('2026-03-01T00:00:00Z'),
    },
  });
}

/**
 * Reads the 835 with our reader and stores it as the inbox does: the whole document in one
 * transaction. Returns the claim payments' ids in file order.
 */
export async function storeBench835(db: Database, text: string): Promise<string[]> {
  const read = read835WithProblems(text);
  if (read.problems.length > 0)
    throw new Error(`generated 835 does not read: ${JSON.stringify(read.problems)}`);
  await storeInboundDocument(db, {
    id: 'bench-835',
    kind: '835',
    receivedAt: '2026-03-01T00:00:00Z',
    raw: text,
    acknowledgements: [],
    remittances: read.remittances,
  });
  const stored = await db.remittanceClaim.findMany({
    select: { id: true },
    orderBy: [{ remittance: { traceNumber: 'asc' } }, { sequence: 'asc' }],
  });
  return stored.map((rc) => rc.id);
}
