import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit-log';
import { issueApiKey, revokeApiKey } from '../auth/api-keys';
import { PasswordSchema } from '../auth/passwords';
import { StaffRoleSchema, UsernameSchema } from '../auth/roles';
import { createUser, findUser, listUsers, setPassword, updateUser, UserAdminError } from '../auth/users';
import type { Database } from '../db/client';

export interface Print {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `dermclaims users …` and `dermclaims keys add`: user administration straight on the database,
 * for the operator who holds DATABASE_URL (how the first admin is made). Each change is in the
 * audit trail with the actor "cli".
 */
export function usersCommands(db: Database, print: Print, now: () => Date = () => new Date()) {
  const audit = (action: string, resourceType: string, resourceId: string, detail: Record<string, unknown>) =>
    recordAudit(db, {
      actor: 'cli',
      action,
      resourceType,
      resourceId,
      detail,
      eventKey: `cli:${randomUUID()}`,
    });

  const issueKey = async (userId: string, username: string, label?: string) => {
    const issued = await issueApiKey(db, userId, label);
    await audit('api-key.issue', 'user', userId, { keyId: issued.keyId });
    print.out(`API key for ${username} (shown once; only its hash is stored):`);
    print.out(issued.key);
  };

  return {
    async add(name: string, options: { role: string; password?: string; key: boolean }): Promise<number> {
      const username = UsernameSchema.safeParse(name);
      const role = StaffRoleSchema.safeParse(options.role);
      const password =
        options.password === undefined ? undefined : PasswordSchema.safeParse(options.password);
      if (!username.success) return fail(print, `username: ${username.error.issues[0]!.message}`);
      if (!role.success) return fail(print, `--role must be one of ${StaffRoleSchema.options.join(', ')}`);
      if (password && !password.success) return fail(print, `password: ${password.error.issues[0]!.message}`);
      const user = await createUser(db, {
        username: username.data,
        role: role.data,
        password: password?.data,
      });
      await audit('user.create', 'user', user.id, { username: user.username, role: user.role });
      print.out(`created ${user.username} (${user.role})`);
      if (options.key) await issueKey(user.id, user.username, 'created with dermclaims users add');
      return 0;
    },

    async keysAdd(name: string, options: { label?: string }): Promise<number> {
      const user = await findUser(db, name);
      if (user.disabledAt) return fail(print, `${user.username} is disabled`);
      await issueKey(user.id, user.username, options.label);
      return 0;
    },

    async list(): Promise<number> {
      for (const user of await listUsers(db)) {
        const state = user.disabledAt ? 'disabled' : 'active';
        print.out(`${user.username}\t${user.role}\t${state}\tpassword: ${user.hasPassword ? 'set' : 'none'}`);
        for (const key of user.apiKeys) {
          const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
          const revoked = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
          print.out(`  key ${key.keyId}\t${revoked}\t${used}\t${key.label ?? ''}`);
        }
      }
      return 0;
    },

    async revoke(keyId: string): Promise<number> {
      if (!(await revokeApiKey(db, keyId, now()))) return fail(print, `no API key ${keyId}`);
      await audit('api-key.revoke', 'api-key', keyId, {});
      print.out(`revoked key ${keyId}`);
      return 0;
    },

    async disable(name: string): Promise<number> {
      const user = await updateUser(db, (await findUser(db, name)).id, { disabled: true }, now());
      await audit('user.update', 'user', user.id, { disabled: true });
      print.out(`disabled ${user.username}; its keys and sessions are revoked`);
      return 0;
    },

    async setPassword(name: string, password: string): Promise<number> {
      const checked = PasswordSchema.safeParse(password);
      if (!checked.success) return fail(print, `password: ${checked.error.issues[0]!.message}`);
      const user = await findUser(db, name);
      await setPassword(db, user.id, checked.data, now());
      await audit('user.set-password', 'user', user.id, {});
      print.out(`password set for ${user.username}; its open sessions are ended`);
      return 0;
    },
  };
}

function fail(print: Print, message: string): number {
  print.err(message);
  return 1;
}

/** User-administration refusals (exists, not found, last admin) are exit 1 with the reason. */
export async function runUsersCommand(print: Print, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UserAdminError)) throw error;
    return fail(print, error.message);
  }
}
