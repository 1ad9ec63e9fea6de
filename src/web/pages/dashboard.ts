import type { Request, Response, Router } from 'express';
import type { ApiDependencies } from '../../api/dependencies';
import { route } from '../../api/http';
import { AGING_BUCKETS } from '../../metrics/breakdowns';
import { loadRevenueCycleMetrics, type RevenueCycleReport } from '../../metrics/revenue-cycle';
import { days, dollars, percent, score } from '../format';
import { pageById } from '../navigation';
import { pageAccess, pageContext } from '../page-access';
import { jsonForPage, renderPage } from '../render';

type FigureKey = {
  [K in keyof RevenueCycleReport]: RevenueCycleReport[K] extends number | null ? K : never;
}[keyof RevenueCycleReport];

interface Figure {
  /** Where the figure is in GET /v1/metrics (a dotted path for nested ones). */
  key: FigureKey | `estimateAccuracy.${keyof RevenueCycleReport['estimateAccuracy']}`;
  label: string;
  format: (value: number | null) => string;
  /** The claims behind the figure. */
  href?: string;
}

/** The figure's value in the report, following a dotted key. */
export function figureValue(report: RevenueCycleReport, key: Figure['key']): number | null {
  if (!key.includes('.')) return report[key as FigureKey];
  const [, field] = key.split('.') as ['estimateAccuracy', keyof RevenueCycleReport['estimateAccuracy']];
  return report.estimateAccuracy[field];
}

const count = (v: number | null) => (v === null ? '—' : String(v));
const money = (v: number | null) => (v === null ? '—' : dollars(v));

/** The figures of GET /v1/metrics, in the order an owner reads them. */
export const FIGURES: readonly Figure[] = [
  {
    key: 'firstPassAcceptanceRate',
    label: 'First-pass acceptance',
    format: percent,
    href: '/claims?rejected=true',
  },
  { key: 'denialRate', label: 'Denial rate (claims)', format: percent, href: '/claims?denied=true' },
  { key: 'denialRateDollars', label: 'Denial rate (dollars)', format: percent, href: '/claims?denied=true' },
  { key: 'daysInAR', label: 'Days in A/R', format: days },
  { key: 'arOver90Share', label: 'A/R over 90 days', format: percent, href: '/claims?aging=91-120' },
  { key: 'claimLagDays', label: 'Claim lag (service → submitted)', format: days },
  { key: 'timeToPaymentDays', label: 'Time to payment (submitted → paid)', format: days },
  { key: 'netCollectionRate', label: 'Net collection rate', format: percent },
  { key: 'autoPostedShare', label: 'Paid claims auto-posted', format: percent },
  {
    key: 'staffTouchedShare',
    label: 'Claims touched by staff',
    format: percent,
    href: '/queue?status=resolved',
  },
  { key: 'claimsSubmitted', label: 'Claims submitted', format: count, href: '/claims' },
  { key: 'openReviewTasks', label: 'Open review tasks', format: count, href: '/queue' },
  { key: 'openInsuranceARCents', label: 'Open insurance A/R', format: money },
  { key: 'openPatientARCents', label: 'Open patient A/R', format: money },
  { key: 'collectedCents', label: 'Collected from payers', format: money },
  { key: 'estimateAccuracy.claimsCompared', label: 'Patient estimates compared with the 835', format: count },
  { key: 'estimateAccuracy.withinOneDollarRate', label: 'Patient estimates within $1.00', format: percent },
  { key: 'estimateAccuracy.meanAbsoluteErrorCents', label: 'Patient estimate mean error', format: money },
];

/** What the charts draw; every bar and point links to the claims behind it. */
function chartData(report: RevenueCycleReport) {
  return {
    aging: {
      buckets: AGING_BUCKETS,
      payers: report.byPayer.map((p) => ({
        payerId: p.payerId,
        cents: AGING_BUCKETS.map((b) => p.aging[b]),
        links: AGING_BUCKETS.map(
          (b) => `/claims?${new URLSearchParams({ payer: p.payerId, aging: b }).toString()}`,
        ),
      })),
    },
    weekly: report.weekly,
    carc: report.denialsByCarc.map((d) => ({ ...d, link: `/claims?carc=${encodeURIComponent(d.code)}` })),
  };
}

async function showDashboard(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const report = await loadRevenueCycleMetrics(deps.db, deps.clock());
  renderPage(
    res,
    'dashboard',
    {
      ...pageContext(req, 'Revenue-cycle dashboard', 'dashboard'),
      scripts: ['chart.umd.min.js', 'dashboard.js'],
    },
    {
      report,
      figures: FIGURES.map((f) => ({ ...f, shown: f.format(figureValue(report, f.key)) })),
      buckets: AGING_BUCKETS,
      percent,
      dollars,
      score,
      charts: jsonForPage(chartData(report)),
    },
  );
}

export function dashboardPages(router: Router, deps: ApiDependencies): void {
  const page = pageById('dashboard');
  router.get(
    page.href,
    pageAccess(deps, page.permission, { action: 'page.dashboard' }),
    route((req, res) => showDashboard(deps, req, res)),
  );
}
