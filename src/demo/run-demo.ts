import { getStaff, MISSING_API_KEY, type ApiTarget } from './api-client';
import { demoVisits } from './demo-visits';
import { followVisits, postVisits, type PostFailure, type VisitView } from './follow-visits';
import { payPatientBalances, type PatientPaymentsSummary } from './patient-payments';

export { demoVisits, memberPrefixFor } from './demo-visits';

/**
 * `dermclaims demo`: posts generated visits to a running API, waits for their workflows to settle,
 * pays what the patients owe, checks the books and summarises what happened. Logs visit ids and
 * amounts only, never patient data.
 */

/** Statuses where a visit waits for nobody but staff, a lab, the patient (a statement is out) or nothing at all. */
export const SETTLED_STATUSES = new Set([
  'closed',
  'cancelled',
  'needs_review',
  'pathology_hold',
  'patient_billed',
]);

export interface DemoOptions {
  target: ApiTarget;
  visits: number;
  seed: number;
  /** Goes into every visit id (`V-<runId>-00001`), so repeated runs create new visits. */
  runId: string;
  /** Concurrent HTTP requests. */
  concurrency?: number;
  /** How long to wait for every visit to settle. */
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Show progress bars on stderr. */
  progress?: boolean;
  today?: Date;
}

/** What `GET /v1/reports/ledger` said at the end of the run (null: no supervisor key). */
export interface DemoLedgerCheck {
  claimsChecked: number;
  remittancesChecked: number;
  discrepancies: Array<{ check: string; subject: string; message: string }>;
}

export interface DemoSummary {
  runId: string;
  posted: number;
  postFailures: PostFailure[];
  settled: number;
  timedOut: string[];
  statuses: Record<string, number>;
  claimsSubmitted: number;
  visitsWithClaims: number;
  /** Secondary and tertiary claims: sent as an 837P, or crossed over by the primary payer. */
  secondaryClaims: { sent: number; crossedOver: number };
  flaggedForReview: number;
  paid: number;
  selfPayOnly: number;
  chargesCents: number;
  insurancePaidCents: number;
  patientBalanceCents: number;
  insuranceBalanceCents: number;
  /** Visits whose decision came with a patient estimate from benefits or at self-pay prices. */
  visitsWithEstimate: number;
  /** Decision reasons by stable code (docs/decision-policy.md), over all visits. */
  decisionReasons: Record<string, number>;
  patientPayments: PatientPaymentsSummary;
  ledgerCheck: DemoLedgerCheck | null;
  metrics: Record<string, unknown> | null;
  elapsedMs: number;
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  // Following the visits needs a staff key: refuse before posting anything.
  if (!options.target.apiKey) throw new Error(MISSING_API_KEY);
  const started = Date.now();
  const concurrency = options.concurrency ?? 8;
  const progress = options.progress ?? process.stderr.isTTY === true;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const follow = { deadline, concurrency, pollIntervalMs: options.pollIntervalMs ?? 1000, progress };
  const visits = demoVisits({
    count: options.visits,
    seed: options.seed,
    runId: options.runId,
    today: options.today,
  });

  // 1. Post every visit, signed; 2. follow them until each settles.
  const { accepted, postFailures } = await postVisits(options.target, visits, { concurrency, progress });
  const settling = await followVisits(options.target, accepted, {
    ...follow,
    label: 'settling',
    settled: (view) => SETTLED_STATUSES.has(view.status),
  });
  // 3. The patients pay their balances; the visits they paid close.
  const patientPayments = await payPatientBalances(
    options.target,
    options.runId,
    settling.views,
    concurrency,
  );
  const paying = [...settling.views].filter(([, v]) => v.status === 'patient_billed').map(([id]) => id);
  const closing = await followVisits(options.target, paying, {
    ...follow,
    label: 'paying',
    settled: (view) => view.status !== 'patient_billed' || view.ledger.patientBalanceCents > 0,
  });
  const views = new Map([...settling.views, ...closing.views]);
  // 4. The books, and the practice's figures.
  const [ledgerCheck, metrics] = await Promise.all([
    fetchLedgerCheck(options.target),
    fetchMetrics(options.target),
  ]);
  return {
    runId: options.runId,
    posted: accepted.length,
    postFailures,
    settled: accepted.length - settling.pending.length,
    timedOut: [...settling.pending, ...closing.pending],
    ...summariseVisits(accepted, views),
    patientPayments,
    ledgerCheck,
    metrics,
    elapsedMs: Date.now() - started,
  };
}

async function fetchLedgerCheck(target: ApiTarget): Promise<DemoLedgerCheck | null> {
  if (!target.supervisorApiKey) return null;
  const response = await getStaff(target, '/v1/reports/ledger', target.supervisorApiKey);
  if (response.status !== 200) throw new Error(`the ledger report failed: HTTP ${response.status}`);
  return response.body as DemoLedgerCheck;
}

async function fetchMetrics(target: ApiTarget): Promise<Record<string, unknown> | null> {
  const response = await getStaff(target, '/v1/metrics');
  return response.status === 200 ? (response.body as Record<string, unknown>) : null;
}

type VisitCounts = Omit<
  DemoSummary,
  | 'runId'
  | 'posted'
  | 'postFailures'
  | 'settled'
  | 'timedOut'
  | 'patientPayments'
  | 'ledgerCheck'
  | 'metrics'
  | 'elapsedMs'
>;

function summariseVisits(visitIds: string[], views: Map<string, VisitView>): VisitCounts {
  const counts: VisitCounts = {
    statuses: {},
    claimsSubmitted: 0,
    visitsWithClaims: 0,
    secondaryClaims: { sent: 0, crossedOver: 0 },
    flaggedForReview: 0,
    paid: 0,
    selfPayOnly: 0,
    chargesCents: 0,
    insurancePaidCents: 0,
    patientBalanceCents: 0,
    insuranceBalanceCents: 0,
    visitsWithEstimate: 0,
    decisionReasons: {},
  };
  for (const visitId of visitIds) {
    const view = views.get(visitId);
    const status = view?.status ?? 'unknown';
    counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
    if (view) countVisit(counts, view);
  }
  return counts;
}

function countVisit(counts: VisitCounts, view: VisitView): void {
  const submitted = view.claims.filter((c) => c.submittedAt !== null);
  counts.claimsSubmitted += submitted.length;
  if (submitted.length > 0) counts.visitsWithClaims += 1;
  for (const claim of view.claims.filter((c) => c.payerSequence === 'S' || c.payerSequence === 'T')) {
    if (claim.submittedAt !== null) counts.secondaryClaims.sent += 1;
    else if (claim.paidAt !== null) counts.secondaryClaims.crossedOver += 1;
  }
  if (view.status === 'needs_review' || view.reviewTasks.length > 0) counts.flaggedForReview += 1;
  if (view.claims.some((c) => c.paidAt !== null) || (view.workflow?.paidCents ?? 0) > 0) counts.paid += 1;
  if (view.claims.length === 0 && ['closed', 'patient_billed'].includes(view.status)) counts.selfPayOnly += 1;
  counts.chargesCents += view.claims
    .filter((c) => (c.payerSequence ?? 'P') === 'P')
    .reduce((sum, c) => sum + c.totalChargeCents, 0);
  counts.insurancePaidCents += view.workflow?.paidCents ?? 0;
  counts.patientBalanceCents += view.ledger.patientBalanceCents;
  counts.insuranceBalanceCents += view.ledger.insuranceBalanceCents;
  if (view.patientEstimate && view.patientEstimate.basis !== 'unconfirmed') counts.visitsWithEstimate += 1;
  for (const { code } of view.decisionReasons ?? [])
    counts.decisionReasons[code] = (counts.decisionReasons[code] ?? 0) + 1;
}

/** 123456 → "$1,234.56"; -500 → "-$5.00". */
export function formatDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : 'n/a');
const decimal = (value: unknown) => (typeof value === 'number' ? value.toFixed(1) : 'n/a');
const estimateAccuracy = (m: Record<string, unknown>) =>
  m.estimateAccuracy as { withinOneDollarRate?: unknown; meanAbsoluteErrorCents?: unknown } | undefined;
const dollars = (value: unknown) => (typeof value === 'number' ? formatDollars(value) : 'n/a');

function formatPatientPayments(p: PatientPaymentsSummary): string {
  const refused = p.failures.length ? ` (${p.failures.length} refused)` : '';
  return `${p.paymentsPosted} posted for ${p.visitsBilled} visits billed to the patient, ${formatDollars(p.paidCents)}${refused}`;
}

function formatLedgerCheck(check: DemoLedgerCheck | null): string {
  if (!check) return 'not run (no supervisor key: set DERMCLAIMS_SUPERVISOR_API_KEY)';
  const checked = `${check.claimsChecked} claims, ${check.remittancesChecked} remittances checked`;
  const n = check.discrepancies.length;
  return n === 0 ? `${checked}: no discrepancy` : `${checked}: ${n} DISCREPANCIES`;
}

export function formatDemoSummary(summary: DemoSummary): string {
  const rows: Array<[string, string]> = [
    [
      'visits posted',
      `${summary.posted}${summary.postFailures.length ? ` (${summary.postFailures.length} refused)` : ''}`,
    ],
    [
      'settled',
      `${summary.settled}${summary.timedOut.length ? ` (${summary.timedOut.length} still running)` : ''}`,
    ],
    ['claims submitted', `${summary.claimsSubmitted} (for ${summary.visitsWithClaims} visits)`],
    [
      'secondary claims',
      `${summary.secondaryClaims.sent} sent, ${summary.secondaryClaims.crossedOver} crossed over by the primary`,
    ],
    ['flagged for review', String(summary.flaggedForReview)],
    ['paid by insurance', `${summary.paid} visits, ${formatDollars(summary.insurancePaidCents)}`],
    ['self-pay only', String(summary.selfPayOnly)],
    ['charges on claims', formatDollars(summary.chargesCents)],
    ['patient balance', formatDollars(summary.patientBalanceCents)],
    ['insurance balance', formatDollars(summary.insuranceBalanceCents)],
    ['with a patient estimate', String(summary.visitsWithEstimate)],
    ['patient payments', formatPatientPayments(summary.patientPayments)],
    ['ledger check', formatLedgerCheck(summary.ledgerCheck)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`demo run ${summary.runId}: ${(summary.elapsedMs / 1000).toFixed(1)} s`];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  lines.push(
    `  ${'final status'.padEnd(width)}  ${Object.entries(summary.statuses)
      .sort((a, b) => b[1] - a[1])
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}`,
  );
  const reasons = Object.entries(summary.decisionReasons).sort(([a], [b]) => a.localeCompare(b));
  lines.push(
    `  ${'decision reasons'.padEnd(width)}  ${reasons.length ? reasons.map(([code, n]) => `${code} ${n}`).join(', ') : 'none'}`,
  );
  for (const d of summary.ledgerCheck?.discrepancies.slice(0, 20) ?? [])
    lines.push(`  discrepancy ${d.check} ${d.subject}: ${d.message}`);
  for (const failure of summary.patientPayments.failures.slice(0, 5))
    lines.push(`  payment refused for ${failure.visitId}: HTTP ${failure.status} ${failure.error}`);
  for (const failure of summary.postFailures.slice(0, 5))
    lines.push(`  refused ${failure.visitId}: HTTP ${failure.status} ${failure.error}`);
  if (summary.timedOut.length > 0)
    lines.push(
      `  still running: ${summary.timedOut.slice(0, 10).join(', ')}${summary.timedOut.length > 10 ? ', …' : ''}`,
    );
  const m = summary.metrics;
  if (m) {
    lines.push('revenue-cycle metrics (whole database, GET /v1/metrics):');
    const metricRows: Array<[string, string]> = [
      ['claims submitted', String(m.claimsSubmitted ?? 'n/a')],
      ['first-pass acceptance', percent(m.firstPassAcceptanceRate)],
      ['denial rate', percent(m.denialRate)],
      ['claim lag (days)', decimal(m.claimLagDays)],
      ['days in A/R', decimal(m.daysInAR)],
      ['open insurance A/R', dollars(m.openInsuranceARCents)],
      ['open patient A/R', dollars(m.openPatientARCents)],
      ['collected', dollars(m.collectedCents)],
      ['open review tasks', String(m.openReviewTasks ?? 'n/a')],
      ['estimate within $1', percent(estimateAccuracy(m)?.withinOneDollarRate)],
      ['estimate mean error', dollars(estimateAccuracy(m)?.meanAbsoluteErrorCents)],
    ];
    const w = Math.max(...metricRows.map(([label]) => label.length));
    for (const [label, value] of metricRows) lines.push(`  ${label.padEnd(w)}  ${value}`);
  } else {
    lines.push('revenue-cycle metrics: unavailable (GET /v1/metrics failed)');
  }
  return lines.join('\n');
}
