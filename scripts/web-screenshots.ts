/**
 * Takes the README's screenshots of the web app (docs/screenshot-*.png): a scratch API with the
 * worker on the Temporal dev server, a few visits (one held for review), headless Chromium.
 *
 *   npx tsx scripts/web-screenshots.ts
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signWebhookBody } from '../src/intake/webhook-signature';
import { ensureInboxWorkflow } from '../src/temporal/visit-workflows';
import { visitWorkflowId } from '../src/visit-billing/messages';
import { startTestApi, TEST_TASK_QUEUE, TEST_WEBHOOK_SECRET } from '../test/support/api-server';
import { createStaff } from '../test/support/staff';
import { actinicKeratosisVisit } from '../test/support/visit-fixture';

const PASSWORD = 'screenshot-password-0123';

async function main(): Promise<void> {
  const api = await startTestApi({ worker: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await ensureInboxWorkflow(api.temporal.client, TEST_TASK_QUEUE, '300ms');
    await createStaff(api.database.db, 'dev-supervisor', 'supervisor', PASSWORD);
    const visits = [
      actinicKeratosisVisit('V-1001'),
      actinicKeratosisVisit('V-1002'),
      actinicKeratosisVisit('V-1003', 'INACT55501'),
      actinicKeratosisVisit('V-1004', 'INACT55502'),
    ];
    for (const visit of visits) {
      const raw = JSON.stringify(visit);
      await fetch(`${api.url}/v1/webhooks/visit-completed`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-dermclaims-signature': signWebhookBody(TEST_WEBHOOK_SECRET, raw, Math.floor(Date.now() / 1000)),
        },
        body: raw,
      });
    }
    for (const id of ['V-1001', 'V-1002'])
      await api.temporal.client.workflow.getHandle(visitWorkflowId(id)).result();
    while ((await api.database.db.reviewTask.count({ where: { status: 'open' } })) < 2)
      await new Promise((r) => setTimeout(r, 200));

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${api.url}/sign-in`);
    await page.getByLabel('Username').fill('dev-supervisor');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/queue'), page.getByRole('button', { name: 'Sign in' }).click()]);
    const shots: Array<[string, string]> = [
      ['/queue', 'queue'],
      ['/claims/V-1003', 'claim'],
      ['/dashboard', 'dashboard'],
    ];
    for (const [url, name] of shots) {
      await page.goto(`${api.url}${url}`);
      await page.waitForLoadState('networkidle');
      const file = path.join('docs', `screenshot-${name}.png`);
      await page.screenshot({ path: file, type: 'png' });
      console.log(`wrote ${file}`);
    }
  } finally {
    await browser.close();
    await api.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
