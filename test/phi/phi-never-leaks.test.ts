/**
 * Distinctive made-up patient data pushed through every path of a running dermclaims (the same
 * startDermclaims that `npm start` runs: dev server with its Web UI, worker, API, codec server) —
 * success through the claim, validation failures, database failures, staff actions — and then
 * looked for in everything that is not the database: the logs (dermclaims' and the Temporal
 * SDK's), the raw workflow histories as the Temporal server stores them, and the search attributes.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, promisify } from 'node:util';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { startDermclaims, type RunningDermclaims } from '../../src/runtime/start-dermclaims';
import { findTemporalCli } from '../../src/temporal/binaries';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../src/temporal/codec/aes-gcm-codec';
import { payloadsToJson } from '../../src/temporal/codec/payload-json';
import { INBOX_WORKFLOW_ID, visitWorkflowId, type VisitBillingState } from '../../src/visit-billing/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createStaff } from '../support/staff';
import { freePort } from '../support/ports';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { capturingLogger, madeUpPhi, phiFoundIn } from './made-up-phi';

const SECRET = 'phi-webhook-secret-0123456789';
/** A supervisor's API key (set up in beforeAll): staff act as known users. */
let STAFF = '';
const CODEC_TOKEN = 'phi-codec-token-0123456789';
const KEY_ID = 'phi-test-1';
const logs = capturingLogger();
const consoleLines: string[] = [];

let scratch: TestDatabase;
let dataDir: string;
let running: RunningDermclaims;
let api: string;
let plain: Client;
let uiPort: number;

/** The made-up patient, in the visit document the EHR posts. */
function withPatient<T extends Record<string, unknown>>(visit: T, memberId: string = madeUpPhi.memberId): T {
  const coverage = visit.coverage as Record<string, unknown>;
  return {
    ...visit,
    patient: {
      id: 'MRN-ZQ-1',
      firstName: madeUpPhi.firstName,
      lastName: madeUpPhi.lastName,
      dateOfBirth: madeUpPhi.dateOfBirth,
      sex: 'M',
      address: { line1: madeUpPhi.addressLine, city: madeUpPhi.city, state: 'IL', postalCode: '62704' },
    },
    coverage: { ...coverage, memberId },
  };
}

function postVisit(body: unknown) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return request(api)
    .post('/v1/webhooks/visit-completed')
    .set('content-type', 'application/json')
    .set('x-dermclaims-signature', signWebhookBody(SECRET, raw, Math.floor(Date.now() / 1000)))
    .send(raw);
}

const staff = (method: 'get' | 'post', route: string) =>
  request(api)[method](route).set('authorization', STAFF).set('content-type', 'application/json');

async function waitFor<T>(read: () => Promise<T | undefined>, what: string, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const handleOf = (visitId: string) => running.client.workflow.getHandle(visitWorkflowId(visitId));
const stateOf = (visitId: string) => handleOf(visitId).query<VisitBillingState>('claimState');
const reaches = (visitId: string, status: VisitBillingState['status']) =>
  waitFor(
    async () => ((await stateOf(visitId)).status === status ? true : undefined),
    `${visitId} ${status}`,
  );

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(format(...args));
      original(...args);
    });
  }
  scratch = await createTestDatabase();
  STAFF = (await createStaff(scratch.db, 'phi-supervisor', 'supervisor')).bearer;
  dataDir = await mkdtemp(path.join(tmpdir(), 'dermclaims-phi-'));
  const [temporalPort, apiPort] = [await freePort(), await freePort()];
  uiPort = await freePort();
  // Inactive coverage goes to staff (the review below), and the 2025 example documents are not held
  // for timely filing on today's clock (docs/decision-policy.md).
  const policyFile = path.join(dataDir, 'decision-policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      defaults: { whenNoActiveCoverage: 'review', timelyFilingDays: 3650 },
      payers: {},
      practices: {},
    }),
  );
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    DERMCLAIMS_DATA_DIR: dataDir,
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    TEMPORAL_TASK_QUEUE: 'phi-billing',
    API_PORT: String(apiPort),
    DECISION_POLICY_FILE: policyFile,
    MLLP_PORT: '0', // any free port: concurrent runs never share the default 2575
    EHR_WEBHOOK_SECRET: SECRET,
    DERMCLAIMS_PAYLOAD_KEYS: `${KEY_ID}:${randomBytes(32).toString('base64')}`,
    DERMCLAIMS_CODEC_TOKEN: CODEC_TOKEN,
    INBOX_POLL_INTERVAL: '300ms',
    ACK_TIMEOUT: '1 hour',
    REMITTANCE_FOLLOW_UP: '1 hour',
    // Nobody pays here: the statements go out a second apart, then a collections task closes the run.
    STATEMENT_CYCLE_DURATION: '1 second',
  });
  running = await startDermclaims(config, logs.logger);
  api = running.apiUrl!;
  plain = new Client({ connection: running.client.connection, namespace: 'default' }); // no codec
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await scratch?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

const PATHOLOGY = 'PHI-PATH-1';
const REVIEW = 'PHI-REVIEW-1';
const DB_FAILURE = 'PHI-DBFAIL-1';
const visitIds = [PATHOLOGY, REVIEW, DB_FAILURE];

test('success: webhook → pathology hold → staff report ("reported by") → claim → 835 → closed', async () => {
  const example = JSON.parse(
    readFileSync(path.join(__dirname, '../../docs/examples/visit-excision-pending-pathology.json'), 'utf8'),
  ) as Record<string, unknown>;
  const visit = withPatient({ ...example, visitId: PATHOLOGY, eventId: `EV-${PATHOLOGY}` });
  expect((await postVisit(visit)).status).toBe(202);
  await reaches(PATHOLOGY, 'pathology_hold');
  const report = await staff('post', `/v1/visits/${PATHOLOGY}/pathology-results`).send({
    lesionId: 'L1',
    result: 'malignant',
    diagnosisCode: 'C44.519',
    reportedBy: madeUpPhi.reportedBy,
  });
  expect(report.status).toBe(202);
  const final = (await handleOf(PATHOLOGY).result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect((await staff('get', `/v1/visits/${PATHOLOGY}`)).status).toBe(200);
}, 120_000);

test('staff action: a review decision whose note names the patient and a relative', async () => {
  const visit = withPatient(actinicKeratosisVisit(REVIEW), `INACT${madeUpPhi.memberId}`); // held: inactive
  expect((await postVisit(visit)).status).toBe(202);
  await reaches(REVIEW, 'needs_review');
  const decision = await staff('post', `/v1/visits/${REVIEW}/review-decision`).send({
    action: 'bill_patient',
    reviewer: 'biller-3',
    note: madeUpPhi.note,
  });
  expect(decision.status).toBe(200);
  expect(((await handleOf(REVIEW).result()) as VisitBillingState).status).toBe('closed');
}, 120_000);

test('validation failures: a schema violation, broken JSON on every kind of route, the coding preview', async () => {
  const visit = withPatient(actinicKeratosisVisit('PHI-BAD-1'));
  const invalid = await postVisit({
    ...visit,
    patient: { ...visit.patient, address: { city: madeUpPhi.city } },
  });
  expect(invalid.status).toBe(400);
  const brokenJson = `{"patient": {"lastName": "${madeUpPhi.lastName}", "dateOfBirth": ${madeUpPhi.dateOfBirth}`;
  expect((await postVisit(brokenJson)).status).toBe(400);
  // Node's JSON.parse quotes the start of the body in its message: what the logs used to carry.
  const brokenFirst = `${madeUpPhi.firstName} ${madeUpPhi.lastName}, ${madeUpPhi.memberId}`;
  for (const route of ['/v1/coding/preview', `/v1/visits/${REVIEW}/review-decision`]) {
    const response = await staff('post', route).send(brokenFirst);
    expect(response.status).toBeGreaterThanOrEqual(400);
  }
  const preview = await request(api).post('/v1/coding/preview').send(visit);
  expect(preview.status).toBe(200);
  const tooLong = await staff('post', `/v1/visits/${REVIEW}/review-decision`).send({
    action: 'approve',
    reviewer: 'biller-3',
    note: `${madeUpPhi.note} `.repeat(40),
  });
  expect(tooLong.status).toBe(400);
});

test('database failures: a webhook write the database refuses; a submission it refuses while the activity retries', async () => {
  await scratch.db.$executeRawUnsafe(
    `ALTER TABLE "Visit" ADD CONSTRAINT phi_refuse_practice CHECK ("practiceId" <> 'PRAC-BROKEN')`,
  );
  const refused = await postVisit(
    withPatient({ ...actinicKeratosisVisit('PHI-WRITE-1'), practiceId: 'PRAC-BROKEN' }),
  );
  expect(refused.status).toBeGreaterThanOrEqual(500); // the database's fault, not the EHR's
  expect(phiFoundIn(JSON.stringify(refused.body))).toEqual([]);

  await scratch.db.$executeRawUnsafe(
    `ALTER TABLE "SandboxSubmission" ADD CONSTRAINT phi_refuse_claim CHECK (upper(batch::text) NOT LIKE '%QUIXOTEFIELD%') NOT VALID`,
  );
  expect((await postVisit(withPatient(actinicKeratosisVisit(DB_FAILURE)))).status).toBe(202);
  const failing = await waitFor(async () => {
    const described = await plain.workflowService.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId: visitWorkflowId(DB_FAILURE) },
    });
    const submit = described.pendingActivities?.find((a) => a.activityType?.name === 'submitClaim');
    return submit && (submit.attempt ?? 0) >= 2 ? described : undefined;
  }, 'submitClaim to fail and retry');
  // The failure as the server keeps it: its message is encoded and encrypted, like any payload.
  const lastFailure = failing.pendingActivities!.find(
    (a) => a.activityType?.name === 'submitClaim',
  )!.lastFailure!;
  expect(lastFailure.message).toBe('Encoded failure');
  expect(Buffer.from(lastFailure.encodedAttributes!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
  const rawDescription =
    temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(failing).finish();
  expect(phiFoundIn(Buffer.from(rawDescription).toString('latin1'))).toEqual([]);

  await scratch.db.$executeRawUnsafe(`ALTER TABLE "SandboxSubmission" DROP CONSTRAINT phi_refuse_claim`);
  expect(((await handleOf(DB_FAILURE).result()) as VisitBillingState).status).toBe('closed');
}, 120_000);

/** Every payload in a raw history (proto object form, bytes as base64) with where it was found. */
function payloadsIn(
  node: unknown,
  at: string[] = [],
): Array<{ at: string; metadata: Record<string, string> }> {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => payloadsIn(item, [...at, String(i)]));
  const record = node as Record<string, unknown>;
  const metadata = record.metadata as Record<string, string> | undefined;
  if (metadata && typeof metadata === 'object' && 'encoding' in metadata) {
    const decoded = Object.fromEntries(
      Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
    return [{ at: at.join('.'), metadata: decoded }];
  }
  return Object.entries(record).flatMap(([key, value]) => payloadsIn(value, [...at, key]));
}

test('raw histories fetched without the codec: every payload binary/encrypted with its key id, no patient data', async () => {
  const History = temporal.api.history.v1.History;
  for (const workflowId of [...visitIds.map(visitWorkflowId), INBOX_WORKFLOW_ID]) {
    const history = await plain.workflow.getHandle(workflowId).fetchHistory();
    const raw = Buffer.from(History.encode(history).finish()).toString('latin1');
    expect({ workflowId, found: phiFoundIn(raw) }).toEqual({ workflowId, found: [] });

    const payloads = payloadsIn(History.toObject(History.fromObject(history), { bytes: String }));
    // Search attributes are indexed by the server in the clear (next test); a marker's `data` is
    // (and a patch's `patch-data`) is written by the SDK's core (a patch id; a local activity's
    // sequence, type and times). A local
    // activity's result is in its marker's `result`: encrypted like every other payload.
    const coreMarkerData = (at: string) =>
      /markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(at);
    const ours = payloads.filter((p) => !/searchAttributes/.test(p.at) && !coreMarkerData(p.at));
    expect(ours.length).toBeGreaterThan(workflowId === INBOX_WORKFLOW_ID ? 1 : 8);
    for (const p of ours) {
      expect({
        workflowId,
        at: p.at,
        encoding: p.metadata.encoding,
        key: p.metadata[KEY_ID_METADATA],
      }).toEqual({
        workflowId,
        at: p.at,
        encoding: ENCRYPTED_ENCODING,
        key: KEY_ID,
      });
    }
    for (const p of payloads.filter((p) => coreMarkerData(p.at)))
      expect(p.metadata.encoding).toBe('json/plain');
  }
});

test('search attributes hold ids, codes and the month of service only', async () => {
  for (const visitId of visitIds) {
    const description = await plain.workflow.getHandle(visitWorkflowId(visitId)).describe();
    const attributes = Object.fromEntries(
      description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
    );
    expect(phiFoundIn(JSON.stringify(attributes))).toEqual([]);
    expect(attributes).not.toHaveProperty('DateOfService');
    expect((attributes.ServiceMonth as Date).getUTCDate()).toBe(1);
    // Ours, and Temporal's own (BuildIds; TemporalChangeVersion when a run took a patch).
    expect(
      Object.keys(attributes)
        .filter((name) => name !== 'TemporalChangeVersion')
        .sort(),
    ).toEqual([
      'BuildIds',
      'ClaimStatus',
      'NeedsReview',
      'PayerId',
      'PracticeId',
      'ReviewPriority',
      'ServiceMonth',
    ]);
    const raw = temporal.api.common.v1.SearchAttributes.encode(
      description.raw.workflowExecutionInfo!.searchAttributes!,
    );
    expect(phiFoundIn(Buffer.from(raw.finish()).toString('latin1'))).toEqual([]);
  }
});

/** The payloads in `temporal workflow show --output json`: their encodings and their data as text. */
function payloadTexts(output: string): { encodings: string[]; text: string } {
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch {
    return { encodings: [], text: '' }; // the CLI refused and printed an error
  }
  const found: Array<{ encoding: string; data: string }> = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as { metadata?: { encoding?: string }; data?: string };
    if (record.metadata?.encoding && typeof record.data === 'string') {
      const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
      found.push({ encoding: text(record.metadata.encoding), data: text(record.data) });
    }
    Object.values(node).forEach(walk);
  };
  walk(json);
  return { encodings: found.map((f) => f.encoding), text: found.map((f) => f.data).join('\n') };
}

/** The review decision (the decideReview Update) of the REVIEW visit as the server stores it. */
async function storedReviewSignal(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const accepted = history.events!.find(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'decideReview',
  );
  return accepted!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads!;
}

test('with the codec it reads back decoded: the client, the codec server (for an authorised caller), the Temporal CLI', async () => {
  // A client with the codec decodes results; one without cannot even read them.
  expect(((await handleOf(REVIEW).result()) as VisitBillingState).visitId).toBe(REVIEW);
  await expect(plain.workflow.getHandle(visitWorkflowId(REVIEW)).result()).rejects.toThrow();

  const stored = await storedReviewSignal(plain.workflow.getHandle(visitWorkflowId(REVIEW)));
  const body = payloadsToJson(stored);
  const anonymous = await request(api).post('/codec/decode').send(body);
  expect(anonymous.status).toBe(401);
  const wrong = await request(api).post('/codec/decode').set('authorization', STAFF).send(body);
  expect(wrong.status).toBe(403);
  const admin = await request(api)
    .post('/codec/decode')
    .set('authorization', `Bearer ${CODEC_TOKEN}`)
    .set('origin', `http://127.0.0.1:${uiPort}`)
    .send(body);
  expect(admin.status).toBe(200);
  expect(admin.headers['access-control-allow-origin']).toBe(`http://127.0.0.1:${uiPort}`);
  const decision = JSON.parse(Buffer.from(admin.body.payloads[0].data, 'base64').toString('utf8'));
  // Signed by the credential: the supervisor whose key sent it (a body's reviewer is ignored).
  expect(decision).toMatchObject({
    action: 'bill_patient',
    reviewer: 'phi-supervisor',
    note: madeUpPhi.note,
  });

  // The Temporal CLI speaks the same codec-server protocol as the Web UI.
  const cli = (...codec: string[]) =>
    promisify(execFile)(findTemporalCli()!, [
      'workflow',
      'show',
      '--workflow-id',
      visitWorkflowId(REVIEW),
      '--address',
      running.temporalAddress,
      '--output',
      'json',
      '--codec-endpoint',
      running.codec.endpoint,
      ...codec,
    ]).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  const decodedByCli = payloadTexts(await cli('--codec-auth', `Bearer ${CODEC_TOKEN}`));
  expect(decodedByCli.encodings).not.toContain(ENCRYPTED_ENCODING);
  expect(decodedByCli.text).toContain(madeUpPhi.note);
  const refusedCli = await cli();
  expect(phiFoundIn(refusedCli + payloadTexts(refusedCli).text)).toEqual([]);
}, 60_000);

test('npm start gives the Temporal Web UI the codec endpoint', async () => {
  const settings = (await (await fetch(`${running.temporalUiUrl}/api/v1/settings`)).json()) as {
    Codec?: { Endpoint?: string };
  };
  expect(settings.Codec?.Endpoint).toBe(running.codec.endpoint);
  expect(running.codec.endpoint).toBe(`${api}/codec`);
});

/** Runs in the page (serialized by Playwright): does the page's text include this? */
const pageShows = (text: string) =>
  (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(
    text,
  );

/** Debian's chromium (apt-get install chromium; .ci/run installs it), or CHROMIUM_PATH. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the Temporal Web UI shows decoded payloads once the admin has signed in to the codec server', async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: "apt-get install chromium" (or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const ui = running.temporalUiUrl!;
    const { runId } = await handleOf(REVIEW).describe();
    const workflowPage = `${ui}/namespaces/default/workflows/${visitWorkflowId(REVIEW)}/${runId}/history`;
    // The admin's Data Encoder settings: this endpoint, "Include cross-origin credentials".
    await page.goto(ui);
    await page.evaluate((endpoint) => {
      const { localStorage } = globalThis as unknown as {
        localStorage: { setItem(k: string, v: string): void };
      };
      localStorage.setItem('endpoint', JSON.stringify(endpoint));
      localStorage.setItem('includeCredentials', 'true');
      localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
    }, running.codec.endpoint);

    const decodedInput = '"reviewReminder"';
    await page.goto(workflowPage);
    await page.waitForLoadState('networkidle');
    const before = await page.locator('body').innerText();
    expect(before).toContain(visitWorkflowId(REVIEW));
    expect(before).not.toContain(decodedInput); // not signed in: the codec server answers 401

    await page.goto(`${running.codec.endpoint}/login`);
    await page.fill('input[name=token]', CODEC_TOKEN);
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    expect(await page.locator('body').innerText()).toContain('Signed in');

    await page.goto(workflowPage);
    await page.waitForFunction(pageShows, decodedInput, { timeout: 30_000 });
    expect(await page.locator('body').innerText()).toContain(REVIEW);
    // The staff decision as the admin reads it: open the signal event, its input is decoded.
    await page.getByText('Workflow Execution Update Accepted').first().click();
    await page.waitForFunction(pageShows, madeUpPhi.note, { timeout: 30_000 });
  } finally {
    await browser.close();
  }
}, 90_000);

test('last, the logs of all of the above — dermclaims’ and the Temporal SDK’s — carry only ids and codes', () => {
  const text = logs.text();
  expect(phiFoundIn(text)).toEqual([]);
  expect(phiFoundIn(consoleLines.join('\n'))).toEqual([]);
  const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  // The paths above were logged, as ids and error codes.
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ msg: 'visit-completed accepted', visitId: PATHOLOGY }),
      expect.objectContaining({ msg: 'codec request', action: 'codec.decode', namespace: 'default' }),
      expect.objectContaining({ msg: 'request failed', err: expect.objectContaining({ code: '23514' }) }),
      expect.objectContaining({
        component: 'temporal',
        msg: 'Activity failed',
        activityType: 'submitClaim',
        error: expect.objectContaining({ type: expect.any(String) }),
      }),
    ]),
  );
});
