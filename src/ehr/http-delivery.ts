import type { Request } from 'express';
import type { EhrConnection, EhrConnections } from './connections';
import { verifyConnectionSignature } from './signature';

/**
 * The first checks of an HTTP delivery from an EHR: a known connection and its signature over the
 * raw bytes. An unknown connection and a bad signature answer alike (401), so ids cannot be probed.
 */
export function authenticateDelivery(
  connections: EhrConnections | undefined,
  req: Request,
  now: Date,
  toleranceSeconds: number,
): { ok: true; connection: EhrConnection; body: Buffer } | { ok: false; reason: string } {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const id = typeof req.params.connectionId === 'string' ? req.params.connectionId : '';
  const connection = connections?.byId(id);
  if (!connection) return { ok: false, reason: 'unknown EHR connection or wrong signature' };
  const check = verifyConnectionSignature(
    connection.signingSecret,
    body,
    (name) => req.get(name),
    Math.floor(now.getTime() / 1000),
    toleranceSeconds,
  );
  return check.ok ? { ok: true, connection, body } : { ok: false, reason: check.reason };
}
