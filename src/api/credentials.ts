import type { Request } from 'express';
import type { StaffActor } from '../auth/roles';

/** How a request proved who it is. */
export type Credential =
  | { via: 'api-key'; actor: StaffActor }
  | { via: 'session'; actor: StaffActor; token: string; csrfToken: string; expiresAt: Date };

const credentials = new WeakMap<Request, Credential>();

export function setCredential(req: Request, credential: Credential): void {
  credentials.set(req, credential);
}

/** The credential `authenticate` accepted; only reachable on routes mounted after it. */
export function credentialOf(req: Request): Credential {
  const credential = credentials.get(req);
  if (!credential) throw new Error('route is not behind authenticate()');
  return credential;
}

/** The acting user: always from the credential, never from the request body. */
export function actorOf(req: Request): StaffActor {
  return credentialOf(req).actor;
}
