import { createClearinghouse } from '../../src/clearinghouse/factory';
import {
  startSandboxHttpServer,
  type RunningSandboxServer,
} from '../../src/clearinghouse/sandbox/http-server';
import { SandboxClearinghouse } from '../../src/clearinghouse/sandbox/sandbox-clearinghouse';
import {
  ClearinghouseRequestError,
  HttpX12Transport,
  X12HttpClearinghouse,
} from '../../src/clearinghouse/x12-http-clearinghouse';
import { controlNumberForKey } from '../../src/clearinghouse/x12-clearinghouse';
import { read999, readTA1, write270, write837P } from '../../src/x12';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { batch, claim, eligibilityRequest, expectPyx12Valid, practice, testClock } from './fixtures';

let test: TestDatabase;
let server: RunningSandboxServer;
let clearinghouse: X12HttpClearinghouse;
const clock = testClock();

beforeAll(async () => {
  test = await createTestDatabase();
  server = await startSandboxHttpServer({ db: test.db, port: 0, host: '127.0.0.1', clock: clock.now });
  clearinghouse = createClearinghouse({
    db: test.db,
    sandboxTiming: { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
    clearinghouseUrl: server.url,
    practice,
    clock: clock.now,
  }) as X12HttpClearinghouse;
});

afterAll(async () => {
  await server?.stop();
  await test?.drop();
});

const envelope = {
  senderId: practice.submitter.id,
  receiverId: practice.receiver.id,
  interchangeControlNumber: 77,
  groupControlNumber: 77,
  createdAt: new Date('2026-03-02T15:00:00Z'),
};
const good837 = write837P(batch(claim('RAW1', { lines: [{ code: '11102', chargeCents: 15000 }] })), {
  envelope,
});

async function stored(): Promise<{ submissions: number; documents: number; adjudications: number }> {
  return {
    submissions: await test.db.sandboxSubmission.count(),
    documents: await test.db.sandboxDocument.count(),
    adjudications: await test.db.sandboxAdjudication.count(),
  };
}

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/edi-x12', ...headers },
  });
}

describe('the sandbox as an HTTP service, through X12HttpClearinghouse', () => {
  it('createClearinghouse: in-process sandbox without a URL, HTTP adapter with one', () => {
    expect(clearinghouse).toBeInstanceOf(X12HttpClearinghouse);
    const local = createClearinghouse({
      db: test.db,
      sandboxTiming: { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
      practice,
    });
    expect(local).toBeInstanceOf(SandboxClearinghouse);
  });

  let cursor: string | null = null;

  it('837P over HTTP: 202, 999 + 277CA + 835 delivered as X12 and read back', async () => {
    const receipt = await clearinghouse.submitClaims(
      batch(
        claim('H1', { lines: [{ code: '11102', chargeCents: 15000 }] }),
        claim('H2', { memberId: 'REJ0002', lines: [{ code: '11102', chargeCents: 15000 }] }),
        claim('H3', { memberId: 'LATE0002', lines: [{ code: '17000', chargeCents: 9000 }] }),
      ),
      { idempotencyKey: 'claim-h' },
    );
    expect(receipt.newlyAccepted).toBe(true);
    const page = await clearinghouse.listInbound(null);
    cursor = page.nextCursor;
    expect(page.documents.map((d) => d.kind)).toEqual(['999', '277CA', '835']);
    const [ack, ca, era] = await Promise.all(page.documents.map((d) => clearinghouse.fetchDocument(d.id)));
    expect(ack!.acknowledgements.map((a) => a.patientControlNumber)).toEqual(['H1', 'H2', 'H3']);
    expect(ca!.acknowledgements.find((a) => a.patientControlNumber === 'H2')).toMatchObject({
      accepted: false,
      categoryCode: 'A7',
      statusCode: '33',
    });
    expect(era!.remittances[0]!.claims.map((c) => c.patientControlNumber)).toEqual(['H1', 'H3']);
    expect(era!.remittances[0]!.providerAdjustments[0]).toMatchObject({
      reasonCode: 'L6',
      reference: 'SBXH3',
    });
    for (const d of [ack!, ca!, era!]) await expectPyx12Valid(d.raw);
  });

  it('a resent batch over HTTP is recognised by its Idempotency-Key', async () => {
    const before = await stored();
    const again = await clearinghouse.submitClaims(
      batch(claim('H1', { lines: [{ code: '11102', chargeCents: 15000 }] })),
      { idempotencyKey: 'claim-h' },
    );
    expect(again.newlyAccepted).toBe(false);
    expect(await stored()).toEqual(before);
    expect((await clearinghouse.listInbound(cursor)).documents).toEqual([]);
  });

  it('270 → 271 and 276 → 277 over HTTP', async () => {
    expect(await clearinghouse.checkEligibility(eligibilityRequest('DED0003'))).toMatchObject({
      status: 'active',
      deductibleRemainingCents: 10000,
    });
    const status = await clearinghouse.getClaimStatus({
      payerId: 'BCBS1',
      patientControlNumber: 'H1',
      memberId: 'MH1',
      providerNpi: practice.billingProvider.npi,
      dateOfService: '2026-02-20',
      chargeCents: 15000,
    });
    expect(status).toMatchObject({ categoryCode: 'F1', statusCode: '65', payerClaimNumber: 'SBXH1' });
  });

  it('837 control numbers come from the idempotency key: the same input gives the same X12', () => {
    expect(controlNumberForKey('claim-h')).toBe(controlNumberForKey('claim-h'));
    expect(controlNumberForKey('claim-h')).not.toBe(controlNumberForKey('claim-i'));
  });
});

describe('bad X12 to the HTTP service', () => {
  it('not X12 at all → 400 with the X12Error, nothing stored', async () => {
    const before = await stored();
    const response = await post('/x12/837', 'hello, this is not X12', { 'idempotency-key': 'bad-1' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string }; ta1?: string };
    expect(body.error.code).toBe('DELIMITERS');
    expect(body.error.message).toMatch(/ISA/);
    expect(body.ta1).toBeUndefined();
    expect(await stored()).toEqual(before);
  });

  it('IEA control number not matching ISA13 → 400 CONTROL_NUMBER and a TA1 rejection (note 001)', async () => {
    const before = await stored();
    const text = good837.replace(/IEA\*1\*000000077~/, 'IEA*1*000000078~');
    const response = await post('/x12/837', text, { 'idempotency-key': 'bad-2' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; segmentId: string };
      ta1: string;
    };
    expect(body.error).toMatchObject({ code: 'CONTROL_NUMBER', segmentId: 'IEA' });
    expect(body.error.message).toContain('IEA');
    expect(readTA1(body.ta1)[0]).toMatchObject({
      interchangeControlNumber: '000000077',
      status: 'R',
      noteCode: '001',
    });
    expect(await stored()).toEqual(before);
  });

  it('SE01 segment count wrong → 400 SEGMENT_COUNT and a 999 rejecting the set (IK5*R*4)', async () => {
    const before = await stored();
    const text = good837.replace(/SE\*(\d+)\*0001~/, (_m, n: string) => `SE*${Number(n) + 1}*0001~`);
    const response = await post('/x12/837', text, { 'idempotency-key': 'bad-3' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; segmentId: string; segmentPosition: number };
      ack999: string;
    };
    expect(body.error).toMatchObject({ code: 'SEGMENT_COUNT', segmentId: 'SE' });
    const [ack] = read999(body.ack999);
    expect(ack!.status).toBe('R');
    expect(ack!.transactions[0]).toMatchObject({
      setId: '837',
      controlNumber: '0001',
      status: 'R',
      errorCodes: ['4'],
    });
    await expectPyx12Valid(body.ack999);
    expect(await stored()).toEqual(before);
  });

  it('a 270 posted as a claim → 400 UNSUPPORTED naming ST01', async () => {
    const before = await stored();
    const text = write270(eligibilityRequest('M1'), { envelope });
    const response = await post('/x12/837', text, { 'idempotency-key': 'bad-4' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNSUPPORTED');
    expect(body.error.message).toContain('ST element ST01: this endpoint accepts 837 (005010X222A1) only');
    expect(await stored()).toEqual(before);
  });

  it('no Idempotency-Key → 400, nothing stored', async () => {
    const before = await stored();
    const response = await post('/x12/837', good837);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY');
    expect(await stored()).toEqual(before);
  });

  it('CLM02 not the sum of the lines → 202 but a 999 rejection (IK3 CLM, IK4 782) and no adjudication', async () => {
    const before = await stored();
    const text = good837.replace('CLM*RAW1*150*', 'CLM*RAW1*151*');
    const response = await post('/x12/837', text, { 'idempotency-key': 'bad-5' });
    expect(response.status).toBe(202);
    const receipt = (await response.json()) as { submissionId: string; ack999: string };
    const [ack] = read999(receipt.ack999);
    expect(ack!.transactions[0]).toMatchObject({ status: 'R' });
    expect(ack!.transactions[0]!.segmentErrors[0]).toMatchObject({
      segmentId: 'CLM',
      loopId: '2300',
      elementErrors: [{ elementPosition: 2, dataElementReference: '782', errorCode: 'I12' }],
    });
    await expectPyx12Valid(receipt.ack999);
    const after = await stored();
    expect(after).toEqual({
      ...before,
      submissions: before.submissions + 1,
      documents: before.documents + 1,
    });
    const document = await clearinghouse.fetchDocument(`${receipt.submissionId}-999`);
    expect(document.acknowledgements).toEqual([
      expect.objectContaining({ patientControlNumber: 'RAW1', accepted: false, categoryCode: 'A3' }),
    ]);
  });

  it('the adapter turns a 400 into a non-retryable ClearinghouseRequestError carrying the TA1', async () => {
    const transport = new HttpX12Transport(server.url);
    const text = good837.replace(/IEA\*1\*000000077~/, 'IEA*1*000000078~');
    const error = await transport.send837(text, 'bad-6').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClearinghouseRequestError);
    expect(error).toMatchObject({ name: 'InvalidBillingData', status: 400, code: 'CONTROL_NUMBER' });
    expect((error as ClearinghouseRequestError).acknowledgement).toContain('TA1*000000077');
  });

  it('unknown documents → 404', async () => {
    const response = await fetch(`${server.url}/inbound/nope`);
    expect(response.status).toBe(404);
  });
});
