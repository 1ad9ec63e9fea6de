import request from 'supertest';
import { storeInboundDocument } from '../../src/inbox/inbound-documents';
import type { RemittanceAdvice } from '../../src/remittance/types';
import { staffOfEveryRole, type TestStaff } from '../support/staff';
import { startStaffApi, type StaffApi } from '../support/staff-api';

let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

/** An ERA of one claim payment nobody billed here (the ledger check ignores it; it still balances). */
function era(
  traceNumber: string,
  payerId: string,
  paymentCents: number,
  paymentMethod: string,
): RemittanceAdvice {
  return {
    traceNumber,
    payerId,
    payerName: `PAYER ${payerId}`,
    paymentCents,
    paymentMethod,
    paymentDate: '2026-03-01',
    claims: [
      {
        patientControlNumber: `ELSEWHERE-${traceNumber}-${payerId}`,
        statusCode: '1',
        chargeCents: paymentCents,
        paidCents: paymentCents,
        patientResponsibilityCents: 0,
        payerClaimNumber: 'X1',
        adjustments: [],
        lines: [],
        remarkCodes: [],
      },
    ],
    providerAdjustments: [],
  };
}

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'books-test');
  await storeInboundDocument(api.database.db, {
    id: 'era-file-1',
    kind: '835',
    receivedAt: '2026-03-01T10:00:00Z',
    raw: '',
    acknowledgements: [],
    remittances: [
      era('EFT100', 'P1', 5000, 'ACH'),
      era('EFT200', 'P2', 7000, 'ACH'),
      era('CHK300', 'P1', 900, 'CHK'),
      era('TWICE', 'P1', 300, 'ACH'),
      era('TWICE', 'P2', 400, 'ACH'),
    ],
  });
});
afterAll(() => api.close());

const remittanceId = async (traceNumber: string, payerId: string) =>
  (
    await api.database.db.remittance.findUniqueOrThrow({
      where: { payerId_traceNumber: { payerId, traceNumber } },
    })
  ).id;

function deposit(who: TestStaff, key: string | undefined, body: object) {
  const req = request(api.app).post('/v1/deposits').set('authorization', who.bearer);
  return (key ? req.set('idempotency-key', key) : req).send(body);
}

describe('POST /v1/deposits', () => {
  it('records a deposit once per key and answers its ERA match; the same key with another deposit is refused', async () => {
    const body = { amountCents: 5000, traceNumber: 'EFT100', depositDate: '2026-03-03' };
    const first = await deposit(staff.biller, 'dep-key-0001', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ...body,
      payerId: null,
      match: { status: 'matched', remittanceId: await remittanceId('EFT100', 'P1'), differenceCents: 0 },
    });
    const again = await deposit(staff.biller, 'dep-key-0001', body);
    expect(again.status).toBe(200);
    expect(again.body.depositId).toBe(first.body.depositId);
    const other = await deposit(staff.biller, 'dep-key-0001', { ...body, amountCents: 5001 });
    expect(other.status).toBe(409);
    expect(await api.database.db.bankDeposit.count({ where: { idempotencyKey: 'dep-key-0001' } })).toBe(1);
    const audits = await api.database.db.auditEvent.findMany({
      where: { action: 'deposit.record', actor: staff.biller.username },
      orderBy: { at: 'asc' },
    });
    expect(audits.map((a) => [a.outcome, a.resourceId])).toEqual([
      ['succeeded', first.body.depositId],
      ['succeeded', first.body.depositId],
      ['rejected', first.body.depositId],
    ]);
  });

  it('refuses bad input with every problem, and records nothing', async () => {
    const before = await api.database.db.bankDeposit.count();
    const bad = await deposit(staff.biller, undefined, {
      amountCents: 12.5,
      traceNumber: 'has spaces',
      depositDate: '2026-02-30',
      extra: true,
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.problems as Array<{ path: string }>).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['Idempotency-Key', 'amountCents', 'traceNumber', 'depositDate']),
    );
    expect(await api.database.db.bankDeposit.count()).toBe(before);
  });

  it('is billing staff work: an admin may not record deposits', async () => {
    const refused = await deposit(staff.admin, 'dep-key-admin', {
      amountCents: 1,
      traceNumber: 'X',
      depositDate: '2026-03-03',
    });
    expect(refused.status).toBe(403);
    expect(await api.database.db.bankDeposit.count({ where: { idempotencyKey: 'dep-key-admin' } })).toBe(0);
  });
});

describe('GET /v1/deposits/reconciliation', () => {
  it('lists matches (with amount mismatches), deposits without an ERA, EFT ERAs without a deposit and checks apart', async () => {
    const date = '2026-03-04';
    expect(
      (
        await deposit(staff.supervisor, 'dep-key-0002', {
          amountCents: 999,
          traceNumber: 'NOSUCH',
          depositDate: date,
        })
      ).body.match,
    ).toEqual({ status: 'no_era' });
    const ambiguous = await deposit(staff.biller, 'dep-key-0003', {
      amountCents: 300,
      traceNumber: 'TWICE',
      depositDate: date,
    });
    expect(ambiguous.body.match).toMatchObject({ status: 'ambiguous' });
    const short = await deposit(staff.biller, 'dep-key-0004', {
      amountCents: 350,
      traceNumber: 'TWICE',
      depositDate: date,
      payerId: 'P2',
    });
    expect(short.body.match).toMatchObject({ status: 'matched', eraAmountCents: 400, differenceCents: -50 });

    const report = await request(api.app)
      .get('/v1/deposits/reconciliation')
      .set('authorization', staff.biller.bearer);
    expect(report.status).toBe(200);
    expect(
      report.body.matched.map((m: { era: { traceNumber: string }; differenceCents: number }) => [
        m.era.traceNumber,
        m.differenceCents,
      ]),
    ).toEqual([
      ['EFT100', 0],
      ['TWICE', -50],
    ]);
    expect(report.body.amountMismatches).toBe(1);
    expect(
      report.body.depositsWithoutEra.map((d: { deposit: { traceNumber: string }; reason: string }) => [
        d.deposit.traceNumber,
        d.reason,
      ]),
    ).toEqual([
      ['NOSUCH', 'no_era'],
      ['TWICE', 'ambiguous'],
    ]);
    expect(
      report.body.erasWithoutDeposit
        .map((e: { traceNumber: string; payerId: string }) => [e.traceNumber, e.payerId])
        .sort(),
    ).toEqual([
      ['EFT200', 'P2'],
      ['TWICE', 'P1'],
    ]);
    expect(report.body.checksWithoutDeposit.map((e: { traceNumber: string }) => e.traceNumber)).toEqual([
      'CHK300',
    ]);
  });
});

describe('GET /v1/reports/ledger', () => {
  it('is the ledger check for supervisors and admins, not billers', async () => {
    for (const who of [staff.supervisor, staff.admin]) {
      const report = await request(api.app).get('/v1/reports/ledger').set('authorization', who.bearer);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ claimsChecked: 0, remittancesChecked: 5, discrepancies: [] });
      expect(report.body.checks).toContain('claim-balance');
    }
    expect(
      (await request(api.app).get('/v1/reports/ledger').set('authorization', staff.biller.bearer)).status,
    ).toBe(403);
  });

  it('names a remittance whose BPR amount disagrees with its claims', async () => {
    const id = await remittanceId('EFT200', 'P2');
    await api.database.db.$executeRaw`UPDATE "Remittance" SET "paymentCents" = 7100 WHERE id = ${id}`;
    const report = await request(api.app)
      .get('/v1/reports/ledger')
      .set('authorization', staff.supervisor.bearer);
    expect(report.body.discrepancies).toEqual([
      expect.objectContaining({ check: 'remittance-balance', subject: id }),
    ]);
    await api.database.db.$executeRaw`UPDATE "Remittance" SET "paymentCents" = 7000 WHERE id = ${id}`;
  });
});
