import type { Database } from '../../db/client';
import type { ProviderAdjustment } from '../../remittance/types';

type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

/** A negative balance a provider still owes the payer, carried between payment runs. */
export interface OwedBalance {
  reference: string;
  amountCents: number;
}

/**
 * How payers carry a negative run (docs/sandbox.md): never a debit. A run's net (Σ CLP04 − Σ PLB)
 * first recovers what earlier runs carried forward, oldest first (PLB FB, positive, their
 * reference); what is still negative is carried forward (PLB FB, negative, a new reference), so
 * BPR02 is never below 0.
 */
export function carryForward(
  netCents: number,
  owed: readonly OwedBalance[],
  traceNumber: string,
): { adjustments: ProviderAdjustment[]; owed: OwedBalance[] } {
  let available = netCents;
  const adjustments: ProviderAdjustment[] = [];
  const left: OwedBalance[] = [];
  for (const debt of owed) {
    const recovered = Math.min(debt.amountCents, Math.max(available, 0));
    if (recovered > 0)
      adjustments.push({ reasonCode: 'FB', reference: debt.reference, amountCents: recovered });
    available -= recovered;
    left.push({ reference: debt.reference, amountCents: debt.amountCents - recovered });
  }
  if (available < 0) {
    const reference = `FB${traceNumber}`;
    adjustments.push({ reasonCode: 'FB', reference, amountCents: available });
    left.push({ reference, amountCents: -available });
  }
  return { adjustments, owed: left };
}

/** carryForward over the sandbox's stored balances of one run key (submitter | payer | payee). */
export async function carryForwardBalances(
  tx: Tx,
  runKey: string,
  netCents: number,
  traceNumber: string,
): Promise<ProviderAdjustment[]> {
  const rows = await tx.sandboxForwardBalance.findMany({
    where: { runKey, amountCents: { gt: 0 } },
    orderBy: [{ createdAt: 'asc' }, { reference: 'asc' }],
  });
  const result = carryForward(netCents, rows, traceNumber);
  for (const balance of result.owed) {
    await tx.sandboxForwardBalance.upsert({
      where: { reference: balance.reference },
      create: { reference: balance.reference, runKey, amountCents: balance.amountCents },
      update: { amountCents: balance.amountCents },
    });
  }
  return result.adjustments;
}
