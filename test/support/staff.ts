import { issueApiKey } from '../../src/auth/api-keys';
import type { StaffRole } from '../../src/auth/roles';
import { createUser } from '../../src/auth/users';
import type { Database } from '../../src/db/client';

export interface TestStaff {
  userId: string;
  username: string;
  role: StaffRole;
  keyId: string;
  /** The value of the Authorization header. */
  bearer: string;
}

/** A user with an API key, straight in the database (as `dermclaims users add` makes them). */
export async function createStaff(
  db: Database,
  username: string,
  role: StaffRole,
  password?: string,
): Promise<TestStaff> {
  const user = await createUser(db, { username, role, password });
  const { keyId, key } = await issueApiKey(db, user.id, 'test');
  return { userId: user.id, username, role, keyId, bearer: `Bearer ${key}` };
}

/** One user of each role, named `<prefix>-<role>`. */
export async function staffOfEveryRole(db: Database, prefix: string): Promise<Record<StaffRole, TestStaff>> {
  return {
    biller: await createStaff(db, `${prefix}-biller`, 'biller'),
    supervisor: await createStaff(db, `${prefix}-supervisor`, 'supervisor'),
    admin: await createStaff(db, `${prefix}-admin`, 'admin'),
  };
}
