import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { issueApiKey, revokeApiKey } from '../../auth/api-keys';
import { PasswordSchema } from '../../auth/passwords';
import { StaffRoleSchema, UsernameSchema } from '../../auth/roles';
import {
  createUser,
  findUser,
  listUsers,
  setPassword,
  updateUser,
  UserAdminError,
  type UserView,
} from '../../auth/users';
import { noteAudit } from '../audit-trail';
import { requirePermission } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf } from '../schemas';
import { auditEventsHandler } from './audit-events';

export const NewUserSchema = z.object({
  username: UsernameSchema,
  role: StaffRoleSchema,
  password: PasswordSchema.optional(),
});
export const UserChangeSchema = z
  .object({ role: StaffRoleSchema.optional(), disabled: z.literal(true).optional() })
  .refine((c) => c.role !== undefined || c.disabled !== undefined, {
    message: 'give a role or disabled: true',
  });
export const NewKeySchema = z.object({ label: z.string().min(1).max(64).optional() });
export const PasswordBodySchema = z.object({ password: PasswordSchema });

const userTarget = (req: Request) => ({ resourceType: 'user', resourceId: String(req.params.userId) });

/** 400 with the problems, or the parsed body. */
function parse<T>(schema: z.ZodType<T>, body: unknown, res: Response): T | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  res.status(400).json({ error: 'invalid request', problems: problemsOf(parsed.error) });
  return undefined;
}

const STATUS_OF: Record<UserAdminError['code'], number> = { exists: 409, not_found: 404, last_admin: 409 };

/** User-administration failures are 404/409 answers; anything else reaches the error middleware. */
const userAdmin = (handler: (req: Request, res: Response) => Promise<void>) =>
  route((req, res) =>
    handler(req, res).catch((error: unknown) => {
      if (!(error instanceof UserAdminError)) throw error;
      res.status(STATUS_OF[error.code]).json({ error: error.message });
    }),
  );

/** Admin endpoints: users, their roles and passwords, API keys, and the audit trail. */
export function adminRoutes(deps: ApiDependencies): Router {
  const router = Router();
  const manage = (action: string, target?: (req: Request) => { resourceType: string; resourceId: string }) =>
    requirePermission(deps, 'users.manage', { action, target });

  router.get(
    '/v1/admin/users',
    manage('users.list'),
    route(async (_req, res) => void res.json({ users: await listUsers(deps.db) })),
  );
  router.post(
    '/v1/admin/users',
    manage('user.create'),
    userAdmin(async (req, res) => {
      const body = parse(NewUserSchema, req.body, res);
      if (!body) return;
      const user = await createUser(deps.db, body);
      noteAudit(req, {
        resourceType: 'user',
        resourceId: user.id,
        detail: { username: user.username, role: user.role },
      });
      res.status(201).json({ user });
    }),
  );
  /** Routes on /v1/admin/users/:userId: the body checked, the user found (404), then the change. */
  const onUser = <T>(
    schema: z.ZodType<T>,
    change: (body: T, user: UserView, req: Request, res: Response) => Promise<void>,
  ) =>
    userAdmin(async (req, res) => {
      const body = parse(schema, req.body, res);
      if (body === undefined) return;
      await change(body, await findUser(deps.db, String(req.params.userId)), req, res);
    });

  router.patch(
    '/v1/admin/users/:userId',
    manage('user.update', userTarget),
    onUser(UserChangeSchema, async (change, user, req, res) => {
      noteAudit(req, { detail: change });
      res.json({ user: await updateUser(deps.db, user.id, change, deps.clock()) });
    }),
  );
  router.put(
    '/v1/admin/users/:userId/password',
    manage('user.set-password', userTarget),
    onUser(PasswordBodySchema, async (body, user, _req, res) => {
      await setPassword(deps.db, user.id, body.password, deps.clock());
      res.status(204).send();
    }),
  );
  router.post(
    '/v1/admin/users/:userId/api-keys',
    manage('api-key.issue', userTarget),
    onUser(NewKeySchema, async (body, user, req, res) => {
      if (user.disabledAt) {
        res.status(409).json({ error: `${user.username} is disabled` });
        return;
      }
      const issued = await issueApiKey(deps.db, user.id, body.label);
      noteAudit(req, { detail: { keyId: issued.keyId } });
      // The only time the key is shown: only its hash is stored.
      res.status(201).json({ username: user.username, keyId: issued.keyId, key: issued.key });
    }),
  );
  router.delete(
    '/v1/admin/api-keys/:keyId',
    manage('api-key.revoke', (req) => ({ resourceType: 'api-key', resourceId: String(req.params.keyId) })),
    route(async (req, res) => {
      const revoked = await revokeApiKey(deps.db, String(req.params.keyId), deps.clock());
      if (!revoked) res.status(404).json({ error: `no API key ${String(req.params.keyId)}` });
      else res.status(204).send();
    }),
  );
  router.get(
    '/v1/admin/audit-events',
    requirePermission(deps, 'audit.read', { action: 'audit.read' }),
    route(auditEventsHandler(deps)),
  );
  return router;
}
