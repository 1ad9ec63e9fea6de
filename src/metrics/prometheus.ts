import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client';
import { visitWorkflowTypes } from '../visit-billing/messages';
import { activityRegistry } from './activity-metrics';
import { loadRevenueCycleMetrics, type RevenueCycleReport } from './revenue-cycle';

/**
 * The API process's Prometheus metrics: one registry per API app (tests start several), webhook
 * traffic counted as it happens, and gauges read from the database and Temporal at each scrape.
 */
export interface PrometheusMetrics {
  registry: Registry;
  /** Counts and times every request under /v1/webhooks (mount before the webhook routes). */
  webhookTimer: RequestHandler;
  /** Refreshes the gauges, then answers the exposition text. */
  scrape(sources: { db: Database; temporal: Client; now: Date }): Promise<string>;
}

const BUSINESS_GAUGES: Array<[keyof RevenueCycleReport, string, string]> = [
  [
    'firstPassAcceptanceRate',
    'first_pass_acceptance_ratio',
    'First-attempt claims accepted without rejection',
  ],
  ['denialRate', 'denial_ratio', 'Adjudicated claims denied in whole or in part (by count)'],
  ['denialRateDollars', 'denial_dollars_ratio', 'Denied charges over adjudicated charges'],
  ['daysInAR', 'days_in_ar', 'Open receivables over average daily charges'],
  ['claimLagDays', 'claim_lag_days', 'Mean days from date of service to submission'],
  ['timeToPaymentDays', 'time_to_payment_days', 'Mean days from submission to first payment'],
  ['netCollectionRate', 'net_collection_ratio', 'Payments over charges net of contractual adjustments'],
  ['autoPostedShare', 'auto_posted_ratio', 'Paid claims posted from clearinghouse ERAs with no staff step'],
  ['staffTouchedShare', 'staff_touched_ratio', 'Submitted claims whose visit needed a staff review task'],
  ['openInsuranceARCents', 'open_insurance_ar_cents', 'Open insurance receivables (cents)'],
  ['openPatientARCents', 'open_patient_ar_cents', 'Open patient receivables (cents)'],
  ['collectedCents', 'collected_cents', 'Payer payments posted (cents)'],
];

const RUNNING_BILLING_WORKFLOWS = `ExecutionStatus = "Running" AND (WorkflowType = "${visitWorkflowTypes.current}" OR WorkflowType = "${visitWorkflowTypes.legacyV1}")`;

/** The webhooks: our JSON (src/api/routes/webhook.ts), FHIR notifications and HL7 over HTTP. */
const WEBHOOKS = new Set(['visit-completed', 'fhir', 'hl7']);

function webhookTimerOf(registry: Registry): RequestHandler {
  const requests = new Counter({
    name: 'dermclaims_webhook_requests_total',
    help: 'Webhook requests by path and answer status',
    labelNames: ['path', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'dermclaims_webhook_request_duration_seconds',
    help: 'Webhook request latency, from arrival to the answer',
    labelNames: ['path'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req, res, next) => {
    // Known webhook paths only: whatever else a caller sends must not grow the label set.
    const name = req.path.split('/')[1] ?? '';
    const path = WEBHOOKS.has(name) ? `/v1/webhooks/${name}` : '/v1/webhooks/(other)';
    const end = latency.startTimer({ path });
    res.on('finish', () => {
      end();
      requests.inc({ path, status: String(res.statusCode) });
    });
    next();
  };
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []): Gauge {
  return new Gauge({ name: `dermclaims_${name}`, help, labelNames, registers: [registry] });
}

export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dermclaims_api_' });
  const webhookTimer = webhookTimerOf(registry);
  const visitsByStage = gauge(registry, 'visits_by_stage', 'Visits by billing stage (workflow status)', [
    'stage',
  ]);
  const running = gauge(
    registry,
    'workflows_running',
    'Billing workflows running in Temporal (-1: Temporal did not answer)',
  );
  const reviewQueue = gauge(registry, 'review_queue_size', 'Open review tasks by kind and assignee', [
    'kind',
    'assignee',
  ]);
  const unmatched = gauge(registry, 'unmatched_payments', 'Remittance claims matched to no claim');
  const problemDocuments = gauge(
    registry,
    'unreadable_documents',
    'Clearinghouse documents that could not be read',
  );
  const business = BUSINESS_GAUGES.map(([key, name, help]) => [key, gauge(registry, name, help)] as const);
  const efficiency = gauge(registry, 'efficiency_score', 'Revenue-cycle efficiency score (0-100)');
  const estimateWithinDollar = gauge(
    registry,
    'estimate_within_one_dollar_ratio',
    "Paid claims whose patient estimate was within $1.00 of the 835's patient responsibility",
  );
  const estimateError = gauge(
    registry,
    'estimate_mean_abs_error_cents',
    'Mean |835 patient responsibility - patient estimate| over paid claims (cents)',
  );

  async function scrape({ db, temporal, now }: { db: Database; temporal: Client; now: Date }) {
    const [stages, tasks, unmatchedCount, problems, report, runningCount] = await Promise.all([
      db.visit.groupBy({ by: ['status'], _count: { _all: true } }),
      db.reviewTask.groupBy({
        by: ['kind', 'assignedRole'],
        where: { status: 'open' },
        _count: { _all: true },
      }),
      db.remittanceClaim.count({ where: { claimId: null } }),
      db.inboundDocument.count({ where: { problem: { not: null } } }),
      loadRevenueCycleMetrics(db, now),
      temporal.workflow
        .count(RUNNING_BILLING_WORKFLOWS)
        .then((c) => c.count)
        .catch(() => -1),
    ]);
    visitsByStage.reset();
    for (const s of stages) visitsByStage.set({ stage: s.status }, s._count._all);
    reviewQueue.reset();
    for (const t of tasks) reviewQueue.set({ kind: t.kind, assignee: t.assignedRole }, t._count._all);
    unmatched.set(unmatchedCount);
    problemDocuments.set(problems);
    running.set(runningCount);
    for (const [key, g] of business) {
      const value = report[key];
      if (typeof value === 'number') g.set(value);
      else g.set(NaN); // no data yet: NaN, not a misleading 0
    }
    efficiency.set(report.efficiency.score ?? NaN);
    estimateWithinDollar.set(report.estimateAccuracy.withinOneDollarRate ?? NaN);
    estimateError.set(report.estimateAccuracy.meanAbsoluteErrorCents ?? NaN);
    // The billing workers' activity counters, when a worker runs in this process.
    return Registry.merge([registry, activityRegistry]).metrics();
  }
  return { registry, webhookTimer, scrape };
}
