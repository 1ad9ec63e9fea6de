import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * EHR webhook signatures: header `X-Dermclaims-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp is signed so a captured request
 * cannot be replayed after the tolerance window.
 */
export const SIGNATURE_HEADER = 'x-dermclaims-signature';

export function signWebhookBody(secret: string, body: string | Buffer, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyWebhookSignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const [key, ...rest] = part.trim().split('=');
      return [key, rest.join('=')];
    }),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return { ok: false, reason: `signature timestamp is outside the ${toleranceSeconds}s tolerance` };
  }
  const expected = Buffer.from(signWebhookBody(secret, body, timestamp).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match the body' };
  }
  return { ok: true };
}
