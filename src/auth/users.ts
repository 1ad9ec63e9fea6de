import type { ApiKey, Database, User } from '../db/client';
import { hashPassword } from './passwords';
import type { StaffRole } from './roles';

export class UserAdminError extends Error {
  constructor(
    readonly code: 'exists' | 'not_found' | 'last_admin',
    message: string,
  ) {
    super(message);
  }
}

export interface UserView {
  id: string;
  username: string;
  role: StaffRole;
  hasPassword: boolean;
  createdAt: Date;
  disabledAt: Date | null;
  apiKeys: Array<{
    keyId: string;
    label: string | null;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }>;
}

type UserRow = User & { apiKeys: ApiKey[] };

function view(user: UserRow): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
    apiKeys: user.apiKeys.map((k) => ({
      keyId: k.id,
      label: k.label,
      createdAt: k.createdAt,
      lastUsedAt: k.lastUsedAt,
      revokedAt: k.revokedAt,
    })),
  };
}

const withKeys = { apiKeys: { orderBy: { createdAt: 'asc' as const } } };

export async function createUser(
  db: Database,
  input: { username: string; role: StaffRole; password?: string },
): Promise<UserView> {
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const created = await db.user.createManyAndReturn({
    data: [{ username: input.username, role: input.role, passwordHash }],
    skipDuplicates: true,
  });
  if (created.length === 0) throw new UserAdminError('exists', `user ${input.username} already exists`);
  return view({ ...created[0]!, apiKeys: [] });
}

export async function listUsers(db: Database): Promise<UserView[]> {
  const users = await db.user.findMany({ orderBy: { username: 'asc' }, include: withKeys });
  return users.map(view);
}

/** A user by id or username. */
export async function findUser(db: Database, idOrName: string): Promise<UserView> {
  const user = await db.user.findFirst({
    where: { OR: [{ id: idOrName }, { username: idOrName }] },
    include: withKeys,
  });
  if (!user) throw new UserAdminError('not_found', `no user ${idOrName}`);
  return view(user);
}

export async function setPassword(db: Database, userId: string, password: string, now: Date): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    // A new password ends the sessions opened with the old one.
    await tx.webSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  });
}

/**
 * Changes a role or disables a user. Disabling revokes every key and session at once. The last
 * active admin can be neither disabled nor demoted, so the practice never locks itself out.
 */
export async function updateUser(
  db: Database,
  userId: string,
  change: { role?: StaffRole; disabled?: true },
  now: Date,
): Promise<UserView> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserAdminError('not_found', `no user ${userId}`);
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabledAt &&
      (change.disabled || (change.role && change.role !== 'admin'));
    if (losesAdmin) {
      // Row locks on the active admins: two admins cannot demote each other at the same time.
      const admins = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL FOR UPDATE`;
      if (admins.length <= 1)
        throw new UserAdminError('last_admin', `${user.username} is the last active admin`);
    }
    await tx.user.update({
      where: { id: userId },
      data: { role: change.role, disabledAt: change.disabled ? (user.disabledAt ?? now) : undefined },
    });
    if (change.disabled) {
      await tx.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
      await tx.webSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    }
  });
  return findUser(db, userId);
}
