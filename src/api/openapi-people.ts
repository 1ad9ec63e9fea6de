import { z } from 'zod';
import { AuditQuerySchema } from './routes/audit-events';
import { LoginSchema } from './routes/session';
import { NewKeySchema, NewUserSchema, PasswordBodySchema, UserChangeSchema } from './routes/admin';
import { CSRF_HEADER } from './auth';

/** The OpenAPI parts of people, roles and the audit trail (merged by ./openapi.ts). */
export const staffSecuritySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'dck_<key id>_<secret>',
    description:
      'A staff API key (`dermclaims users add NAME --role ROLE`); what it may do is its user’s role.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'dermclaims_session',
    description: 'The cookie set by POST /v1/session (`__Host-dermclaims_session` when served over HTTPS).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description:
      'The csrfToken of the session; required with the cookie on every request that changes state.',
  },
};

/** Reads: an API key or the session cookie. */
export const staffRead = [{ apiKey: [] }, { session: [] }];
/** Changes: an API key, or the session cookie with its CSRF token. */
export const staffWrite = [{ apiKey: [] }, { session: [], csrfToken: [] }];

const schema = (zod: z.ZodType) => z.toJSONSchema(zod, { io: 'input' });
const json = (body: object) => ({ content: { 'application/json': { schema: body } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const peopleSchemas = {
  Login: schema(LoginSchema),
  NewUser: schema(NewUserSchema),
  UserChange: schema(UserChangeSchema),
  NewApiKey: schema(NewKeySchema),
  NewPassword: schema(PasswordBodySchema),
  StaffActor: {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      username: { type: 'string' },
      role: { enum: ['biller', 'supervisor', 'admin'] },
    },
  },
};

const userId = { name: 'userId', in: 'path', required: true, schema: { type: 'string' } };
const unauthenticated = { description: 'no valid API key or session' };
const forbidden = {
  description: 'the role does not hold the permission; nothing was changed (docs/people.md)',
};

/** Query parameters from the zod schema the handler validates with. */
function queryParameters(zod: z.ZodObject): object[] {
  const shape = (z.toJSONSchema(zod, { io: 'input' }) as { properties: Record<string, object> }).properties;
  return Object.entries(shape).map(([name, property]) => ({ name, in: 'query', schema: property }));
}

export const peoplePaths = {
  '/v1/session': {
    post: {
      summary: 'Sign in with a password: sets the HttpOnly, SameSite=Strict session cookie',
      requestBody: { required: true, ...json(ref('Login')) },
      responses: {
        '201': {
          description: 'signed in; the body carries the user, the CSRF token and when the session ends',
        },
        '400': { description: 'invalid body' },
        '401': { description: 'wrong username or password' },
      },
    },
    get: {
      summary: 'Who is signed in (and, for a session, its CSRF token and end)',
      security: staffRead,
      responses: { '200': { description: 'the user', ...json({ type: 'object' }) }, '401': unauthenticated },
    },
    delete: {
      summary: 'Sign out: ends the session and clears the cookie',
      security: staffWrite,
      responses: {
        '204': { description: 'signed out' },
        '401': unauthenticated,
        '409': { description: 'an API key has no session' },
      },
    },
  },
  '/v1/admin/users': {
    get: {
      summary: 'Users, roles and API keys (ids and use, never keys)',
      security: staffRead,
      responses: { '200': { description: 'users' } },
    },
    post: {
      summary: 'Create a user (optionally with a password)',
      security: staffWrite,
      requestBody: { required: true, ...json(ref('NewUser')) },
      responses: {
        '201': { description: 'created' },
        '400': { description: 'invalid body' },
        '409': { description: 'the username exists' },
      },
    },
  },
  '/v1/admin/users/{userId}': {
    patch: {
      summary: 'Change a role or disable a user (every key and session stops at once)',
      security: staffWrite,
      parameters: [userId],
      requestBody: { required: true, ...json(ref('UserChange')) },
      responses: {
        '200': { description: 'the user' },
        '400': { description: 'invalid body' },
        '404': { description: 'no such user' },
        '409': { description: 'the last active admin cannot be disabled or demoted' },
      },
    },
  },
  '/v1/admin/users/{userId}/password': {
    put: {
      summary: 'Set a password (ends the user’s open sessions)',
      security: staffWrite,
      parameters: [userId],
      requestBody: { required: true, ...json(ref('NewPassword')) },
      responses: {
        '204': { description: 'set' },
        '400': { description: 'too short or too long' },
        '404': { description: 'no such user' },
      },
    },
  },
  '/v1/admin/users/{userId}/api-keys': {
    post: {
      summary: 'Issue an API key; the key is in this answer only (only its hash is stored)',
      security: staffWrite,
      parameters: [userId],
      requestBody: { required: false, ...json(ref('NewApiKey')) },
      responses: {
        '201': { description: 'the key' },
        '404': { description: 'no such user' },
        '409': { description: 'the user is disabled' },
      },
    },
  },
  '/v1/admin/api-keys/{keyId}': {
    delete: {
      summary: 'Revoke an API key',
      security: staffWrite,
      parameters: [{ name: 'keyId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '204': { description: 'revoked' }, '404': { description: 'no such key' } },
    },
  },
  '/v1/admin/audit-events': {
    get: {
      summary:
        'The audit trail, newest first: filter by user, role, visit, action, outcome, resource, time; page with `before`',
      security: staffRead,
      parameters: queryParameters(AuditQuerySchema),
      responses: {
        '200': { description: 'events and the `next` cursor' },
        '400': { description: 'invalid filter' },
      },
    },
  },
};

/** Every staff operation also answers 401 (who are you?) and 403 (your role may not). */
export function withStaffResponses<
  T extends Record<string, Record<string, { security?: unknown; responses?: object }>>,
>(paths: T): T {
  for (const operations of Object.values(paths))
    for (const operation of Object.values(operations)) {
      if (operation.security !== staffRead && operation.security !== staffWrite) continue;
      operation.responses = { '401': unauthenticated, '403': forbidden, ...operation.responses };
    }
  return paths;
}
