import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/client';

/** A bank deposit as staff record it from the bank statement. */
export const BankDepositSchema = z
  .object({
    amountCents: z.number().int().positive().max(2_000_000_000),
    /** TRN02: the EFT trace (or check) number the bank shows for the credit. */
    traceNumber: z
      .string()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and hyphens (TRN02)'),
    depositDate: z.iso.date(),
    payerId: z.string().min(1).max(80).optional(),
  })
  .strict();
export type BankDepositInput = z.infer<typeof BankDepositSchema>;

export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** EFT payment methods (BPR04): these ERAs must be met by a bank credit; checks are listed apart. */
const EFT_METHODS = new Set(['ACH', 'FWT', 'BOP']);

export type DepositRecorded =
  { outcome: 'created' | 'repeated'; deposit: DepositView } | { outcome: 'key_conflict'; depositId: string };

export interface DepositView {
  depositId: string;
  amountCents: number;
  traceNumber: string;
  depositDate: string;
  payerId: string | null;
  match: DepositMatch;
}

export type DepositMatch =
  | { status: 'matched'; remittanceId: string; eraAmountCents: number; differenceCents: number }
  | { status: 'no_era' }
  | { status: 'ambiguous'; remittanceIds: string[] };

const hashOf = (input: BankDepositInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.amountCents, input.traceNumber, input.depositDate, input.payerId ?? null]))
    .digest('hex');

/**
 * Records a deposit once per Idempotency-Key: the same key with the same deposit answers what it
 * recorded; with another deposit it is refused (nothing written).
 */
export async function recordBankDeposit(
  db: Database,
  input: BankDepositInput,
  idempotencyKey: string,
  recordedBy: string,
): Promise<DepositRecorded> {
  const payloadHash = hashOf(input);
  const created = await db.bankDeposit.createManyAndReturn({
    data: [
      {
        idempotencyKey,
        payloadHash,
        amountCents: input.amountCents,
        traceNumber: input.traceNumber,
        depositDate: new Date(`${input.depositDate}T00:00:00Z`),
        payerId: input.payerId,
        recordedBy,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  const stored = await db.bankDeposit.findUniqueOrThrow({ where: { idempotencyKey } });
  if (stored.payloadHash !== payloadHash) return { outcome: 'key_conflict', depositId: stored.id };
  const eras = await erasFor(db, [stored.traceNumber]);
  return {
    outcome: created.length > 0 ? 'created' : 'repeated',
    deposit: { ...depositView(stored), match: matchOf(stored, eras) },
  };
}

type StoredDeposit = Awaited<ReturnType<Database['bankDeposit']['findUniqueOrThrow']>>;

interface Era {
  id: string;
  payerId: string;
  traceNumber: string;
  paymentCents: number;
  paymentMethod: string;
  paymentDate: Date;
}

function erasFor(db: Database, traceNumbers?: string[]): Promise<Era[]> {
  return db.remittance.findMany({
    where: traceNumbers ? { traceNumber: { in: traceNumbers } } : {},
    select: {
      id: true,
      payerId: true,
      traceNumber: true,
      paymentCents: true,
      paymentMethod: true,
      paymentDate: true,
    },
    orderBy: [{ paymentDate: 'asc' }, { id: 'asc' }],
  });
}

function depositView(d: StoredDeposit): Omit<DepositView, 'match'> {
  return {
    depositId: d.id,
    amountCents: d.amountCents,
    traceNumber: d.traceNumber,
    depositDate: d.depositDate.toISOString().slice(0, 10),
    payerId: d.payerId,
  };
}

/** TRN02, and the payer when the deposit names one; the amount is compared, not matched on. */
function matchOf(deposit: StoredDeposit, eras: Era[]): DepositMatch {
  const candidates = eras.filter(
    (e) => e.traceNumber === deposit.traceNumber && (!deposit.payerId || e.payerId === deposit.payerId),
  );
  if (candidates.length === 0) return { status: 'no_era' };
  if (candidates.length > 1) return { status: 'ambiguous', remittanceIds: candidates.map((e) => e.id) };
  const era = candidates[0]!;
  return {
    status: 'matched',
    remittanceId: era.id,
    eraAmountCents: era.paymentCents,
    differenceCents: deposit.amountCents - era.paymentCents,
  };
}

export interface EraView {
  remittanceId: string;
  payerId: string;
  traceNumber: string;
  paymentCents: number;
  paymentMethod: string;
  paymentDate: string;
}

export interface DepositReconciliation {
  /** Deposits matched to exactly one ERA; `differenceCents` ≠ 0 is an amount mismatch. */
  matched: Array<{ deposit: Omit<DepositView, 'match'>; era: EraView; differenceCents: number }>;
  amountMismatches: number;
  /** No ERA with that trace number (and payer), several, or one another deposit already met. */
  depositsWithoutEra: Array<{
    deposit: Omit<DepositView, 'match'>;
    reason: 'no_era' | 'ambiguous' | 'era_already_deposited';
    remittanceIds: string[];
  }>;
  /** EFT/ACH ERAs no deposit has met. */
  erasWithoutDeposit: EraView[];
  /** Check payments not yet deposited (listed apart: a check is deposited by the practice). */
  checksWithoutDeposit: EraView[];
}

const eraView = (e: Era): EraView => ({
  remittanceId: e.id,
  payerId: e.payerId,
  traceNumber: e.traceNumber,
  paymentCents: e.paymentCents,
  paymentMethod: e.paymentMethod,
  paymentDate: e.paymentDate.toISOString().slice(0, 10),
});

export async function reconcileDeposits(db: Database): Promise<DepositReconciliation> {
  const [deposits, eras] = await Promise.all([
    db.bankDeposit.findMany({ orderBy: [{ depositDate: 'asc' }, { createdAt: 'asc' }] }),
    erasFor(db),
  ]);
  const report: DepositReconciliation = {
    matched: [],
    amountMismatches: 0,
    depositsWithoutEra: [],
    erasWithoutDeposit: [],
    checksWithoutDeposit: [],
  };
  const deposited = new Map<string, string>();
  const byId = new Map(eras.map((e) => [e.id, e]));
  for (const deposit of deposits) {
    const match = matchOf(deposit, eras);
    const view = depositView(deposit);
    if (match.status === 'no_era')
      report.depositsWithoutEra.push({ deposit: view, reason: 'no_era', remittanceIds: [] });
    else if (match.status === 'ambiguous')
      report.depositsWithoutEra.push({
        deposit: view,
        reason: 'ambiguous',
        remittanceIds: match.remittanceIds,
      });
    else if (deposited.has(match.remittanceId))
      report.depositsWithoutEra.push({
        deposit: view,
        reason: 'era_already_deposited',
        remittanceIds: [match.remittanceId],
      });
    else {
      deposited.set(match.remittanceId, deposit.id);
      report.matched.push({
        deposit: view,
        era: eraView(byId.get(match.remittanceId)!),
        differenceCents: match.differenceCents,
      });
      if (match.differenceCents !== 0) report.amountMismatches += 1;
    }
  }
  for (const era of eras) {
    if (deposited.has(era.id) || era.paymentCents <= 0) continue;
    if (EFT_METHODS.has(era.paymentMethod)) report.erasWithoutDeposit.push(eraView(era));
    else if (era.paymentMethod === 'CHK') report.checksWithoutDeposit.push(eraView(era));
  }
  return report;
}
