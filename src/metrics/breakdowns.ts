import type { ClaimFacts } from './revenue-cycle';

/** A/R aging buckets (days since the date of service), as practices and HFMA report them. */
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucketOf(ageDays: number): AgingBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 60) return '31-60';
  if (ageDays <= 90) return '61-90';
  if (ageDays <= 120) return '91-120';
  return '120+';
}

/** What one claim contributes to the money figures, read from its claim, ledger and remittance rows. */
export interface ClaimMoneyFacts extends ClaimFacts {
  claimId: string;
  payerId: string;
  chargeCents: number;
  /** Denial adjustments (not PR, not contractual) as "CO-4" with their amount. */
  denialAdjustments: Array<{ code: string; cents: number }>;
  contractualCents: number;
  paidCents: number;
  firstPaymentAt: Date | null;
  /** What the payer still owes on this claim (INSURANCE_AR). */
  insuranceBalanceCents: number;
  /** Every payment came from an ERA the clearinghouse delivered (no staff upload). */
  autoPosted: boolean;
  /** A review task was opened for the claim's visit: staff had to look at it. */
  touchedByStaff: boolean;
  /** P primary, S/T a later payer billed with the prior payers' figures (the same services). */
  payerSequence: 'P' | 'S' | 'T';
  /** What the patient paid on the claim's visit (on the primary claim only, so counted once). */
  patientPaymentsCents: number;
}

export type AgingCents = Record<AgingBucket, number>;

export interface PayerFigures {
  payerId: string;
  claimsSubmitted: number;
  claimsAdjudicated: number;
  claimsDenied: number;
  denialRate: number | null;
  aging: AgingCents;
}

export interface WeekFigures {
  /** Monday of the ISO week of submission (YYYY-MM-DD). */
  weekStart: string;
  submitted: number;
  denied: number;
  paidCents: number;
}

export interface ClaimBreakdowns {
  /** Denied charges ÷ adjudicated charges. */
  denialRateDollars: number | null;
  deniedChargeCents: number;
  denialsByCarc: Array<{ code: string; claims: number; cents: number }>;
  byPayer: PayerFigures[];
  arAging: AgingCents;
  /** Share of open insurance A/R older than 90 days. */
  arOver90Share: number | null;
  /** Mean days from submission to the first payment posted. */
  timeToPaymentDays: number | null;
  /** Payments ÷ (charges − contractual adjustments), over adjudicated claims. */
  netCollectionRate: number | null;
  /** Share of paid claims whose payments were posted from clearinghouse ERAs with no staff step. */
  autoPostedShare: number | null;
  /** Share of submitted claims whose visit needed a staff review task. */
  staffTouchedShare: number | null;
  weekly: WeekFigures[];
}

const DAY_MS = 86_400_000;
const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function emptyAging(): AgingCents {
  return { '0-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 };
}

function agingOf(claims: ClaimMoneyFacts[], now: Date): AgingCents {
  const aging = emptyAging();
  for (const c of claims) {
    if (c.insuranceBalanceCents <= 0) continue;
    aging[agingBucketOf((now.getTime() - c.dateOfService.getTime()) / DAY_MS)] += c.insuranceBalanceCents;
  }
  return aging;
}

function denialsByCarc(claims: ClaimMoneyFacts[]): ClaimBreakdowns['denialsByCarc'] {
  const byCode = new Map<string, { claims: Set<string>; cents: number }>();
  for (const c of claims)
    for (const d of c.denialAdjustments) {
      const entry = byCode.get(d.code) ?? { claims: new Set<string>(), cents: 0 };
      entry.claims.add(c.claimId);
      entry.cents += d.cents;
      byCode.set(d.code, entry);
    }
  return [...byCode]
    .map(([code, e]) => ({ code, claims: e.claims.size, cents: e.cents }))
    .sort((a, b) => b.claims - a.claims || a.code.localeCompare(b.code));
}

function byPayer(claims: ClaimMoneyFacts[], now: Date): PayerFigures[] {
  const payers = [...new Set(claims.map((c) => c.payerId))].sort();
  return payers.map((payerId) => {
    const mine = claims.filter((c) => c.payerId === payerId);
    const adjudicated = mine.filter((c) => c.adjudicated);
    const denied = adjudicated.filter((c) => c.denied).length;
    return {
      payerId,
      claimsSubmitted: mine.filter((c) => c.submittedAt !== null).length,
      claimsAdjudicated: adjudicated.length,
      claimsDenied: denied,
      denialRate: ratio(denied, adjudicated.length),
      aging: agingOf(mine, now),
    };
  });
}

/** Monday (UTC) of the week a date falls in. */
export function weekStartOf(date: Date): string {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

function weekly(claims: ClaimMoneyFacts[]): WeekFigures[] {
  const weeks = new Map<string, WeekFigures>();
  for (const c of claims) {
    if (!c.submittedAt) continue;
    const weekStart = weekStartOf(c.submittedAt);
    const week = weeks.get(weekStart) ?? { weekStart, submitted: 0, denied: 0, paidCents: 0 };
    week.submitted += 1;
    week.denied += c.adjudicated && c.denied ? 1 : 0;
    week.paidCents += c.paidCents;
    weeks.set(weekStart, week);
  }
  return [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
}

/**
 * Net collection rate: what was collected (every payer's payments and the patients' payments) over
 * what was collectible (charges less contractual adjustments), per visit on its primary claim: a
 * secondary claim bills the same services again, so its charges are not counted twice.
 */
function netCollectionRate(adjudicated: ClaimMoneyFacts[]): number | null {
  const primary = adjudicated.filter((c) => c.payerSequence === 'P');
  const collected = sum(adjudicated.map((c) => c.paidCents + c.patientPaymentsCents));
  return ratio(collected, sum(primary.map((c) => c.chargeCents - c.contractualCents)));
}

/** The money and workload breakdowns of the dashboard, from per-claim facts as of `now`. */
export function computeClaimBreakdowns(claims: ClaimMoneyFacts[], now: Date): ClaimBreakdowns {
  const adjudicated = claims.filter((c) => c.adjudicated);
  const submitted = claims.filter((c) => c.submittedAt !== null);
  const paid = claims.filter((c) => c.paidCents > 0);
  const deniedChargeCents = sum(adjudicated.filter((c) => c.denied).map((c) => c.chargeCents));
  const arAging = agingOf(claims, now);
  const openAR = sum(Object.values(arAging));
  const waits = claims
    .filter((c) => c.submittedAt && c.firstPaymentAt)
    .map((c) => (c.firstPaymentAt!.getTime() - c.submittedAt!.getTime()) / DAY_MS);
  return {
    denialRateDollars: ratio(deniedChargeCents, sum(adjudicated.map((c) => c.chargeCents))),
    deniedChargeCents,
    denialsByCarc: denialsByCarc(claims),
    byPayer: byPayer(claims, now),
    arAging,
    arOver90Share: ratio(arAging['91-120'] + arAging['120+'], openAR),
    timeToPaymentDays: mean(waits),
    netCollectionRate: netCollectionRate(adjudicated),
    autoPostedShare: ratio(paid.filter((c) => c.autoPosted).length, paid.length),
    staffTouchedShare: ratio(submitted.filter((c) => c.touchedByStaff).length, submitted.length),
    weekly: weekly(claims),
  };
}
