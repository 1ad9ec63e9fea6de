import { SingleBar, Presets } from 'cli-progress';
import type { VisitDocumentInput } from '../visit/schema';
import {
  describeFetchError,
  getStaff,
  MISSING_API_KEY,
  postVisitCompleted,
  type ApiTarget,
} from './api-client';
import { generateVisit, seededRandom } from './visit-generator';

/**
 * `dermclaims demo`: posts generated visits to a running API, waits for their workflows to settle
 * and summarises what happened. Logs visit ids and amounts only, never patient data.
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

/** The member-id prefix picks the sandbox payer's scenario (docs/sandbox.md). */
export function memberPrefixFor(seed: number, index: number): string | undefined {
  const r = seededRandom(seed * 7919 + index * 31 + 17)();
  if (r < 0.05) return 'REJ'; // front-end rejection (277CA A7:33): staff review
  if (r < 0.15) return 'DED'; // $100 of the deductible left: the patient owes more
  if (r < 0.2) return 'HDHP'; // high-deductible plan
  return undefined;
}

/** The N visits of a demo run: every scenario of the generator, a few sandbox member prefixes. */
export function demoVisits(options: {
  count: number;
  seed: number;
  runId: string;
  today?: Date;
}): VisitDocumentInput[] {
  const today = options.today ?? new Date();
  return Array.from({ length: options.count }, (_, index) => {
    const daysAgo = 1 + Math.floor(seededRandom(options.seed * 13 + index)() * 7);
    const dateOfService = new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    return generateVisit({
      seed: options.seed,
      index: index + 1,
      dateOfService,
      memberPrefix: memberPrefixFor(options.seed, index),
      runId: options.runId,
    });
  });
}

/** The parts of `GET /v1/visits/:id` the summary reads. */
interface VisitView {
  status: string;
  workflow: { paidCents?: number; patientResponsibilityCents?: number } | null;
  claims: Array<{
    attempt: number;
    submittedAt: string | null;
    paidAt: string | null;
    totalChargeCents: number;
  }>;
  ledger: { insuranceBalanceCents: number; patientBalanceCents: number };
  reviewTasks: Array<{ status: string; kind: string }>;
  patientEstimate?: { basis: string; totalCents: number } | null;
  decisionReasons?: Array<{ code: string; message: string }>;
}

export interface DemoSummary {
  runId: string;
  posted: number;
  postFailures: Array<{ visitId: string; status: number; error: string }>;
  settled: number;
  timedOut: string[];
  statuses: Record<string, number>;
  claimsSubmitted: number;
  visitsWithClaims: number;
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
  metrics: Record<string, unknown> | null;
  elapsedMs: number;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return results;
}

function bar(label: string, enabled: boolean): SingleBar | null {
  if (!enabled) return null;
  return new SingleBar(
    {
      format: `${label.padEnd(8)} [{bar}] {value}/{total} {percentage}% | {duration_formatted}`,
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  // Following the visits needs a staff key: refuse before posting anything.
  if (!options.target.apiKey) throw new Error(MISSING_API_KEY);
  const started = Date.now();
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const progress = options.progress ?? process.stderr.isTTY === true;
  const visits = demoVisits({
    count: options.visits,
    seed: options.seed,
    runId: options.runId,
    today: options.today,
  });

  // 1. Post every visit, signed.
  const postFailures: DemoSummary['postFailures'] = [];
  const accepted: string[] = [];
  const posting = bar('posting', progress);
  posting?.start(visits.length, 0);
  await mapLimit(visits, concurrency, async (visit) => {
    try {
      const response = await postVisitCompleted(options.target, JSON.stringify(visit));
      if (response.status === 202) accepted.push(visit.visitId);
      else
        postFailures.push({
          visitId: visit.visitId,
          status: response.status,
          error: JSON.stringify(response.body).slice(0, 300),
        });
    } catch (error) {
      throw new Error(describeFetchError(error, options.target.apiUrl), { cause: error });
    } finally {
      posting?.increment();
    }
  });
  posting?.stop();

  // 2. Poll until every accepted visit settles (or the timeout).
  const views = new Map<string, VisitView>();
  const pending = new Set(accepted);
  const settling = bar('settling', progress);
  settling?.start(accepted.length, 0);
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    await mapLimit([...pending], concurrency, async (visitId) => {
      const response = await getStaff(options.target, `/v1/visits/${encodeURIComponent(visitId)}`);
      if (response.status === 401 || response.status === 403)
        throw new Error(
          `the API refused the staff API key (${response.status}): set DERMCLAIMS_API_KEY to a biller's key`,
        );
      if (response.status !== 200) return;
      const view = response.body as VisitView;
      views.set(visitId, view);
      if (SETTLED_STATUSES.has(view.status)) pending.delete(visitId);
    });
    settling?.update(accepted.length - pending.size);
    if (pending.size === 0 || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  settling?.stop();

  // 3. Summarise.
  const statuses: Record<string, number> = {};
  let claimsSubmitted = 0;
  let visitsWithClaims = 0;
  let flaggedForReview = 0;
  let paid = 0;
  let selfPayOnly = 0;
  let chargesCents = 0;
  let insurancePaidCents = 0;
  let patientBalanceCents = 0;
  let insuranceBalanceCents = 0;
  let visitsWithEstimate = 0;
  const decisionReasons: Record<string, number> = {};
  for (const visitId of accepted) {
    const view = views.get(visitId);
    const status = view?.status ?? 'unknown';
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!view) continue;
    const submitted = view.claims.filter((c) => c.submittedAt !== null);
    claimsSubmitted += submitted.length;
    if (submitted.length > 0) visitsWithClaims += 1;
    if (view.status === 'needs_review' || view.reviewTasks.length > 0) flaggedForReview += 1;
    if (view.claims.some((c) => c.paidAt !== null) || (view.workflow?.paidCents ?? 0) > 0) paid += 1;
    if (view.claims.length === 0 && ['closed', 'patient_billed'].includes(view.status)) selfPayOnly += 1;
    chargesCents += view.claims.reduce((sum, c) => sum + c.totalChargeCents, 0);
    insurancePaidCents += view.workflow?.paidCents ?? 0;
    patientBalanceCents += view.ledger.patientBalanceCents;
    insuranceBalanceCents += view.ledger.insuranceBalanceCents;
    if (view.patientEstimate && view.patientEstimate.basis !== 'unconfirmed') visitsWithEstimate += 1;
    for (const { code } of view.decisionReasons ?? [])
      decisionReasons[code] = (decisionReasons[code] ?? 0) + 1;
  }
  const metricsResponse = await getStaff(options.target, '/v1/metrics');
  return {
    runId: options.runId,
    posted: accepted.length,
    postFailures,
    settled: accepted.length - pending.size,
    timedOut: [...pending],
    statuses,
    claimsSubmitted,
    visitsWithClaims,
    flaggedForReview,
    paid,
    selfPayOnly,
    chargesCents,
    insurancePaidCents,
    patientBalanceCents,
    insuranceBalanceCents,
    visitsWithEstimate,
    decisionReasons,
    metrics: metricsResponse.status === 200 ? (metricsResponse.body as Record<string, unknown>) : null,
    elapsedMs: Date.now() - started,
  };
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
    ['flagged for review', String(summary.flaggedForReview)],
    ['paid by insurance', `${summary.paid} visits, ${formatDollars(summary.insurancePaidCents)}`],
    ['self-pay only', String(summary.selfPayOnly)],
    ['charges on claims', formatDollars(summary.chargesCents)],
    ['patient balance', formatDollars(summary.patientBalanceCents)],
    ['insurance balance', formatDollars(summary.insuranceBalanceCents)],
    ['with a patient estimate', String(summary.visitsWithEstimate)],
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
