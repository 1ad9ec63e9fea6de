import { createHmac } from 'node:crypto';
import { secretsEqual } from '../security/constant-time';

/**
 * EHR webhook signatures: header `X-Dermclaims-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp is signed so a captured request
 * cannot be replayed after the tolerance window.
 */
export const SIGNATURE_HEADER = 'x-dermclaims-signature';

function webhookDigest(secret: string, body: string | Buffer, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signWebhookBody(secret: string, body: string | Buffer, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${webhookDigest(secret, body, String(timestampSeconds))}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * The one accepted spelling: `t=` whole seconds, `,`, `v1=` 64 lower-case hex digits, nothing else
 * (no spaces, no repeated or extra keys, no other case or encoding of the digest).
 */
const SIGNATURE_FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export function verifyWebhookSignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const match = SIGNATURE_FORMAT.exec(header);
  if (!match)
    return {
      ok: false,
      reason: 'malformed signature header: expected t=<unix seconds>,v1=<64 lower-case hex>',
    };
  const [, timestamp, digest] = match as unknown as [string, string, string];
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: `signature timestamp is outside the ${toleranceSeconds}s tolerance` };
  }
  // The digest covers `t` exactly as sent.
  if (!secretsEqual(digest, webhookDigest(secret, body, timestamp))) {
    return { ok: false, reason: 'signature does not match the body' };
  }
  return { ok: true };
}
