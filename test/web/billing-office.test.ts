import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { claimStateQuery } from '../../src/temporal/visit-messages';
import { ensureInboxWorkflow } from '../../src/temporal/visit-workflows';
import { visitWorkflowId, type VisitBillingState } from '../../src/visit-billing/messages';
import {
  startTestApi,
  TEST_TASK_QUEUE,
  TEST_WEBHOOK_SECRET,
  type RunningTestApi,
} from '../support/api-server';
import { createStaff, type TestStaff } from '../support/staff';
import { actinicKeratosisVisit } from '../support/visit-fixture';

/** Debian's chromium (apt-get install chromium; .ci/run installs it), or CHROMIUM_PATH. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery staple 11';

let api: RunningTestApi;
let browser: Browser;
let biller: TestStaff;
let supervisor: TestStaff;

async function postVisit(body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${api.url}/v1/webhooks/visit-completed`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dermclaims-signature': signWebhookBody(TEST_WEBHOOK_SECRET, raw, Math.floor(Date.now() / 1000)),
    },
    body: raw,
  });
  return response.status;
}

async function waitForState(
  visitId: string,
  done: (s: VisitBillingState) => boolean,
): Promise<VisitBillingState> {
  const handle = api.temporal.client.workflow.getHandle(visitWorkflowId(visitId));
  for (let i = 0; i < 600; i++) {
    const state = await handle.query(claimStateQuery).catch(() => undefined);
    if (state && done(state)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`visit ${visitId} did not reach the expected state`);
}

/** A fresh browser context signed in through the sign-in page (CSP bypassed only to inject axe). */
async function signIn(who: TestStaff, landing = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${api.url}${landing}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return { context, page };
}

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: "apt-get install chromium" (or set CHROMIUM_PATH)`);
  }
  // The flagged claim is held for inactive coverage: this office reviews those rather than billing
  // the patient at once (docs/decision-policy.md, whenNoActiveCoverage).
  api = await startTestApi({
    worker: true,
    decisionPolicy: {
      autoSubmitMinConfidence: 0.85,
      file: { defaults: { whenNoActiveCoverage: 'review' }, payers: {}, practices: {} },
    },
  });
  await ensureInboxWorkflow(api.temporal.client, TEST_TASK_QUEUE, '300ms');
  biller = await createStaff(api.database.db, 'web.biller', 'biller', PASSWORD);
  supervisor = await createStaff(api.database.db, 'web.supervisor', 'supervisor', PASSWORD);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

test('a biller finds a flagged claim, an invalid amendment is refused with nothing changed, a valid one submits the claim', async () => {
  const visit = actinicKeratosisVisit('WEB-REVIEW-1', 'INACT55501'); // sandbox: coverage inactive
  expect(await postVisit(visit)).toBe(202);
  const held = await waitForState(visit.visitId, (s) => s.status === 'needs_review');

  const { context, page } = await signIn(biller);
  try {
    expect(new URL(page.url()).pathname).toBe('/queue');
    await page.getByLabel('Reason contains').fill('inactive');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/reason=inactive/);
    await page.getByRole('link', { name: visit.visitId }).click();
    await page.waitForURL(`**/claims/${visit.visitId}`);

    // The coding rules answer while the biller types.
    const firstCode = page.getByLabel('Line 1 code');
    await firstCode.fill('27447');
    await page
      .locator('#amend-check')
      .getByText(/27447 is not on the practice's fee schedule/)
      .waitFor();
    // Sent anyway: the workflow's Update refuses it, with the reason, and nothing changes.
    await page.getByRole('button', { name: 'Amend and release' }).click();
    await page
      .locator('#decision-outcome')
      .getByText(/Refused, nothing changed/)
      .waitFor();
    expect(await page.locator('#decision-outcome').innerText()).toContain(
      "27447 is not on the practice's fee schedule",
    );
    const unchanged = await waitForState(visit.visitId, (s) => s.status === 'needs_review');
    expect(unchanged.openReview?.taskId).toBe(held.openReview?.taskId);
    expect(unchanged.lines).toEqual(held.lines);
    expect(await page.locator('#coded-lines .code').allInnerTexts()).toEqual(held.lines.map((l) => l.code));

    await firstCode.fill('99213');
    await page.locator('#amend-check').getByText('The coding rules accept these lines.').waitFor();
    await page.locator('#amend-form').getByLabel('Note (optional)').fill('coverage confirmed by phone');
    await page.getByRole('button', { name: 'Amend and release' }).click();
    await page
      .locator('#decision-outcome')
      .getByText(/Done: amend by web\.biller/)
      .waitFor();
    // The page follows the workflow without a reload.
    await page.locator('#history li[data-status="submitted"]').waitFor({ timeout: 60_000 });
    const task = await api.database.db.reviewTask.findFirstOrThrow({ where: { visitId: visit.visitId } });
    expect(task).toMatchObject({ status: 'resolved', resolvedBy: biller.username });
  } finally {
    await context.close();
  }
});

test('a biller cannot open a supervisor page: the 403 page, and no link to it', async () => {
  const { context, page } = await signIn(biller);
  try {
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalations' }).count(),
    ).toBe(0);
    const response = await page.goto(`${api.url}/worklists/escalations`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('403: not allowed');
  } finally {
    await context.close();
  }
  const asSupervisor = await signIn(supervisor, '/worklists/escalations');
  try {
    expect(new URL(asSupervisor.page.url()).pathname).toBe('/worklists/escalations');
    expect(await asSupervisor.page.getByRole('heading', { level: 1 }).innerText()).toBe('Escalations');
  } finally {
    await asSupervisor.context.close();
  }
});

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const days = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} days`);
const count = (v: number | null) => (v === null ? '—' : String(v));
const money = (cents: number | null) =>
  cents === null
    ? '—'
    : `${cents < 0 ? '−' : ''}$${Math.floor(Math.abs(cents) / 100).toLocaleString('en-US')}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Each figure of /v1/metrics and how the dashboard writes it. */
const SHOWN: Record<string, (v: number | null) => string> = {
  firstPassAcceptanceRate: percent,
  denialRate: percent,
  denialRateDollars: percent,
  daysInAR: days,
  arOver90Share: percent,
  claimLagDays: days,
  timeToPaymentDays: days,
  netCollectionRate: percent,
  autoPostedShare: percent,
  staffTouchedShare: percent,
  claimsSubmitted: count,
  openReviewTasks: count,
  openInsuranceARCents: money,
  openPatientARCents: money,
  collectedCents: money,
  'estimateAccuracy.claimsCompared': count,
  'estimateAccuracy.withinOneDollarRate': percent,
  'estimateAccuracy.meanAbsoluteErrorCents': money,
};

/** A figure of GET /v1/metrics by its dotted key. */
const metricAt = (metrics: Record<string, unknown>, key: string) =>
  key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], metrics) as
    number | null;

test("the dashboard's figures equal /v1/metrics after visits have been billed and paid", async () => {
  const visits = ['WEB-PAID-1', 'WEB-PAID-2'].map((id) => actinicKeratosisVisit(id));
  for (const visit of visits) expect(await postVisit(visit)).toBe(202);
  // Every visit so far runs to its end (the flagged one too, after its amendment).
  for (const id of ['WEB-REVIEW-1', ...visits.map((v) => v.visitId)])
    await api.temporal.client.workflow.getHandle(visitWorkflowId(id)).result();

  const { context, page } = await signIn(supervisor, '/dashboard');
  try {
    const metrics = (await (await page.request.get(`${api.url}/v1/metrics`)).json()) as Record<
      string,
      unknown
    > & {
      efficiency: { score: number | null };
      byPayer: Array<{ payerId: string; aging: Record<string, number> }>;
    };
    expect(metrics.claimsSubmitted).toBeGreaterThanOrEqual(3);
    expect(metrics.collectedCents).toBeGreaterThan(0);
    // The paid visits had benefits from the sandbox's 271: their estimates were compared at posting.
    expect(metricAt(metrics, 'estimateAccuracy.claimsCompared')).toBeGreaterThanOrEqual(1);
    for (const [key, shown] of Object.entries(SHOWN)) {
      const text = await page.locator(`.figures [data-metric="${key}"]`).innerText();
      expect([key, text.trim()]).toEqual([key, shown(metricAt(metrics, key))]);
    }
    expect(await page.locator('[data-metric="efficiency.score"]').innerText()).toBe(
      metrics.efficiency.score === null ? '—' : metrics.efficiency.score.toFixed(1),
    );
    expect(await page.locator('#efficiency-formula').innerText()).toMatch(/^score = 100 × \(30·first-pass/);
    for (const payer of metrics.byPayer)
      for (const [bucket, cents] of Object.entries(payer.aging))
        expect(
          await page.locator(`tr[data-payer="${payer.payerId}"] td[data-bucket="${bucket}"]`).innerText(),
        ).toBe(money(cents));
    // A drill-down opens the claims behind a figure.
    await page.locator('.figures [data-metric="claimsSubmitted"] a').click();
    await page.waitForURL('**/claims');
    expect(await page.locator('#claims tbody tr').count()).toBe(metrics.claimsSubmitted);
  } finally {
    await context.close();
  }
});

test('the pages pass an automated accessibility check (axe-core: no serious or critical violations)', async () => {
  const { context, page } = await signIn(supervisor);
  const signedOut = await browser.newContext({ bypassCSP: true });
  try {
    const pages: Array<[Page, string]> = [
      [await signedOut.newPage(), '/sign-in'],
      [page, '/queue'],
      [page, '/worklists/denials'],
      [page, '/claims/WEB-REVIEW-1'],
      [page, '/dashboard'],
    ];
    for (const [tab, path] of pages) {
      await tab.goto(`${api.url}${path}`);
      await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await tab.evaluate(async () => {
        type Rule = { id: string; impact: string; nodes: unknown[] };
        const axe = (
          globalThis as unknown as { axe: { run(): Promise<{ violations: Rule[]; passes: Rule[] }> } }
        ).axe;
        const result = await axe.run();
        return {
          passed: result.passes.length,
          serious: result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
        };
      });
      expect(violations.passed).toBeGreaterThan(10); // axe ran its rules on this page
      expect([path, violations.serious]).toEqual([path, []]);
    }
  } finally {
    await signedOut.close();
    await context.close();
  }
});

test('GET /metrics speaks Prometheus to a metrics reader only; the review queue filters on the server', async () => {
  expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
  const scrape = await fetch(`${api.url}/metrics`, { headers: { authorization: supervisor.bearer } });
  expect(scrape.status).toBe(200);
  expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await scrape.text();
  expect(text).toMatch(
    /^dermclaims_webhook_requests_total\{path="\/v1\/webhooks\/visit-completed",status="202"\} 3$/m,
  );
  expect(text).toMatch(
    /^dermclaims_webhook_request_duration_seconds_count\{path="\/v1\/webhooks\/visit-completed"\} 3$/m,
  );
  expect(text).toMatch(/^dermclaims_visits_by_stage\{stage="closed"\} 3$/m);
  expect(text).toMatch(/^dermclaims_workflows_running 0$/m);
  expect(text).toMatch(/^dermclaims_first_pass_acceptance_ratio \d/m);
  // The worker runs in this process: its activity attempts are counted, one submission per claim.
  expect(text).toMatch(
    /^dermclaims_activity_attempts_total\{activity="submitClaim",outcome="completed"\} 3$/m,
  );
  expect(text).toMatch(/^dermclaims_activity_duration_seconds_count\{activity="submitClaim"\} 3$/m);
  expect(text).toMatch(/^# TYPE dermclaims_activity_retries_total counter$/m);
  expect(text).toMatch(/^dermclaims_estimate_within_one_dollar_ratio [\d.]+$/m);

  const queue = (query: string) =>
    fetch(`${api.url}/v1/review-tasks?${query}`, { headers: { authorization: biller.bearer } }).then(
      async (r) => ({
        status: r.status,
        body: (await r.json()) as { total: number; tasks: Array<{ visitId: string }> },
      }),
    );
  const found = await queue('status=resolved&reason=INACTIVE&payer=BCBS1');
  expect(found.body.tasks.map((t) => t.visitId)).toEqual(['WEB-REVIEW-1']);
  expect((await queue('status=resolved&payer=NOPE')).body.total).toBe(0);
  const byCode = await queue('status=resolved&reasonCode=eligibility_inactive');
  expect(byCode.body.tasks.map((t) => t.visitId)).toEqual(['WEB-REVIEW-1']);
  expect((await queue('status=resolved&reasonCode=prior_auth_missing')).body.total).toBe(0);
  expect((await queue('reasonCode=no_such_code')).status).toBe(400);
  expect((await queue('status=resolved&kind=denial')).body.total).toBe(0);
  expect((await queue('priority=7')).status).toBe(400);
});
