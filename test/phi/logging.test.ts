import { createTestDatabase, type TestDatabase } from '../support/database';
import { serializeError, scrubMessage } from '../../src/logging/error-serializer';
import { capturingLogger, madeUpPhi, phiFoundIn } from './made-up-phi';

let scratch: TestDatabase;

beforeAll(async () => {
  scratch = await createTestDatabase();
});
afterAll(async () => {
  await scratch?.drop();
});

const document = {
  patient: {
    firstName: madeUpPhi.firstName,
    lastName: madeUpPhi.lastName,
    dateOfBirth: madeUpPhi.dateOfBirth,
    address: { line1: madeUpPhi.addressLine, city: madeUpPhi.city },
  },
  coverage: { memberId: madeUpPhi.memberId },
};

async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

test('a Prisma validation error quotes the whole document, the logged error keeps its type only', async () => {
  const error = await thrownBy(() =>
    scratch.db.visit.create({
      data: {
        id: 'V-LOG-1',
        practiceId: 'P',
        dateOfService: `${madeUpPhi.lastName} ${madeUpPhi.dateOfBirth}` as unknown as Date,
        document,
        workflowId: 'visit-V-LOG-1',
      },
    }),
  );
  // Even with errorFormat "minimal", Prisma prints the arguments: this is what must never be logged.
  expect(phiFoundIn((error as Error).message)).toEqual(
    expect.arrayContaining([madeUpPhi.lastName, madeUpPhi.memberId]),
  );
  const { logger, text } = capturingLogger();
  logger.error({ err: error, visitId: 'V-LOG-1' }, 'request failed');
  expect(phiFoundIn(text())).toEqual([]);
  expect(JSON.parse(text())).toMatchObject({
    visitId: 'V-LOG-1',
    err: { type: 'PrismaClientValidationError', message: 'invalid query arguments' },
  });
});

test('a unique-constraint violation is logged as its code, model and fields', async () => {
  const row = { id: 'V-LOG-2', practiceId: 'P', dateOfService: new Date('2026-11-20'), document };
  await scratch.db.visit.create({ data: { ...row, workflowId: 'visit-V-LOG-2' } });
  const error = await thrownBy(() =>
    scratch.db.visit.create({ data: { ...row, workflowId: 'visit-V-LOG-2b' } }),
  );
  const serialized = serializeError(error);
  expect(serialized).toMatchObject({ type: 'PrismaClientKnownRequestError', code: 'P2002', model: 'Visit' });
  expect(phiFoundIn(JSON.stringify(serialized))).toEqual([]);
});

test('a check-constraint violation from PostgreSQL is logged as its SQLSTATE', async () => {
  await scratch.db.$executeRawUnsafe(
    `ALTER TABLE "SandboxSubmission" ADD CONSTRAINT log_test CHECK (batch::text NOT LIKE '%Quixotefield%')`,
  );
  const error = await thrownBy(() =>
    scratch.db.sandboxSubmission.create({
      data: { idempotencyKey: 'K', submissionId: 'S', batch: document },
    }),
  );
  expect(serializeError(error)).toMatchObject({ code: '23514', message: 'database error' });
  expect(phiFoundIn(JSON.stringify(serializeError(error)))).toEqual([]);
});

test('parse errors lose the body snippet they quote', () => {
  let error: unknown;
  try {
    JSON.parse(`${madeUpPhi.firstName} ${madeUpPhi.lastName}`);
  } catch (e) {
    error = e;
  }
  expect(phiFoundIn((error as Error).message)).toContain(madeUpPhi.firstName); // Node quotes the body
  expect(serializeError(error)).toMatchObject({ type: 'SyntaxError', message: 'invalid syntax' });
  const bodyParser = Object.assign(new Error(`Unexpected token in "${madeUpPhi.memberId}"`), {
    type: 'entity.parse.failed',
  });
  expect(serializeError(bodyParser)).toMatchObject({ code: 'entity.parse.failed' });
  expect(phiFoundIn(JSON.stringify(serializeError(bodyParser)))).toEqual([]);
});

test('messages keep their words and lose quoted values, "=" values and further lines', () => {
  expect(scrubMessage(`Key (memberId)=(${madeUpPhi.memberId}) already exists`)).toBe(
    'Key (memberId)=(…) already exists',
  );
  expect(scrubMessage(`lookup failed for memberId=${madeUpPhi.memberId}, retrying`)).toBe(
    'lookup failed for memberId=…, retrying',
  );
  expect(scrubMessage(`no match for "{"name": "${madeUpPhi.lastName}"}" in 'x'`)).toBe('no match for […]');
  expect(scrubMessage(`visit V1 is not on file\n${JSON.stringify(document)}`)).toBe(
    'visit V1 is not on file',
  );
  expect(scrubMessage('x'.repeat(500))).toHaveLength(161);
});

test('thrown non-errors and causes: only kinds and scrubbed messages', () => {
  expect(serializeError(document)).toEqual({ type: 'object', message: '[not an Error]' });
  expect(serializeError(`${madeUpPhi.lastName}`)).toEqual({ type: 'string', message: '[not an Error]' });
  const wrapped = new Error('activity failed', { cause: new Error(`row "${madeUpPhi.lastName}" rejected`) });
  const serialized = serializeError(wrapped);
  expect(serialized.cause).toMatchObject({ type: 'Error', message: 'row […] rejected' });
  expect(serialized.stack?.every((frame) => frame.startsWith('at '))).toBe(true);
});

test('patient fields are redacted wherever they sit: top level, nested, inside arrays', () => {
  const { logger, text } = capturingLogger();
  logger.info(
    {
      visitId: 'V-LOG-3',
      patient: document.patient,
      visit: { patient: document.patient, coverage: { memberId: madeUpPhi.memberId } },
      visits: [{ patient: document.patient }, { lastName: madeUpPhi.lastName }],
      decision: { action: 'approve', note: madeUpPhi.note },
      pathology: { reportedBy: madeUpPhi.reportedBy },
      body: JSON.stringify(document),
      deep: { nested: [{ dateOfBirth: madeUpPhi.dateOfBirth }] },
    },
    'careless call',
  );
  expect(phiFoundIn(text())).toEqual([]);
  const line = JSON.parse(text());
  expect(line.visitId).toBe('V-LOG-3');
  expect(line.decision).toEqual({ action: 'approve', note: '[PHI]' });
  expect(line.visits[1]).toEqual({ lastName: '[PHI]' });
});
