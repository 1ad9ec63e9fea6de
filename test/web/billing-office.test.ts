import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { claimStateQuery } from '../../src/temporal/visit-messages';
import { ensureInboxWorkflow } from '../../src/temporal/visit-workflows';
import { visitWorkflowId, type VisitBillingState } from '../../src/visit-billing/messages';
import { startTestApi, TEST_TASK_QUEUE, TEST_WEBHOOK_SECRET, type RunningTestApi } from '../support/api-server';
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

async function waitForState(visitId: string, done: (s: VisitBillingState) => boolean): Promise<VisitBillingState> {
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
  await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page };
}

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: "apt-get install chromium" (or set CHROMIUM_PATH)`);
  }
  api = await startTestApi({ worker: true });
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
    await page.locator('#amend-check').getByText(/27447 is not on the practice's fee schedule/).waitFor();
    // Sent anyway: the workflow's Update refuses it, with the reason, and nothing changes.
    await page.getByRole('button', { name: 'Amend and release' }).click();
    await page.locator('#decision-outcome').getByText(/Refused, nothing changed/).waitFor();
    expect(await page.locator('#decision-outcome').innerText()).toContain("27447 is not on the practice's fee schedule");
    const unchanged = await waitForState(visit.visitId, (s) => s.status === 'needs_review');
    expect(unchanged.openReview?.taskId).toBe(held.openReview?.taskId);
    expect(unchanged.lines).toEqual(held.lines);
    expect(await page.locator('#coded-lines .code').allInnerTexts()).toEqual(held.lines.map((l) => l.code));

    await firstCode.fill('99213');
    await page.locator('#amend-check').getByText('The coding rules accept these lines.').waitFor();
    await page.locator('#amend-form').getByLabel('Note (optional)').fill('coverage confirmed by phone');
    await page.getByRole('button', { name: 'Amend and release' }).click();
    await page.locator('#decision-outcome').getByText(/Done: amend by web\.biller/).waitFor();
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
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalations' }).count()).toBe(0);
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
