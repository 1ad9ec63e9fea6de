import type { Database } from '../db/client';

type AccountDb = Pick<Database, 'visit' | 'patientAccount'>;

/** The EHR's patient id on a stored visit (stays inside the database: never in a URL or log). */
async function ehrPatientOf(db: Pick<Database, 'visit'>, visitId: string) {
  const visit = await db.visit.findUniqueOrThrow({ where: { id: visitId } });
  const patient = (visit.document as { patient?: { id?: unknown } }).patient;
  if (typeof patient?.id !== 'string') throw new Error(`visit ${visitId} has no patient id`);
  return { practiceId: visit.practiceId, ehrPatientId: patient.id };
}

/** The visit's patient account (its opaque id), made the first time it is needed. */
export async function ensurePatientAccount(db: AccountDb, visitId: string): Promise<string> {
  const key = await ehrPatientOf(db, visitId);
  const account = await db.patientAccount.upsert({
    where: { practiceId_ehrPatientId: key },
    create: key,
    update: {},
  });
  return account.id;
}

/** The visits of an account: stored visit documents of its practice naming its EHR patient id. */
export async function visitIdsOfAccount(
  db: AccountDb,
  accountId: string,
): Promise<{ accountId: string; visitIds: string[] } | null> {
  const account = await db.patientAccount.findUnique({ where: { id: accountId } });
  if (!account) return null;
  const visits = await db.visit.findMany({
    where: {
      practiceId: account.practiceId,
      document: { path: ['patient', 'id'], equals: account.ehrPatientId },
    },
    orderBy: { dateOfService: 'asc' },
    select: { id: true },
  });
  return { accountId, visitIds: visits.map((v) => v.id) };
}
