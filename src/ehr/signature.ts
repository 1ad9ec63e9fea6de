import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, verifyWebhookSignature, type SignatureCheck } from '../intake/webhook-signature';
import { secretsEqual } from '../security/constant-time';

/**
 * An EHR connection signs each HTTP delivery with its own secret, either as dermclaims' webhook does
 * (`X-Dermclaims-Signature: t=<seconds>,v1=<hex>`, replay window) or as FHIR servers such as Medplum
 * sign Subscription notifications (`X-Signature: <hex HMAC-SHA256 of the body>`; a replay of an
 * unchanged body is an idempotent redelivery).
 */
export const PLAIN_SIGNATURE_HEADER = 'x-signature';

export function signPlain(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyConnectionSignature(
  secret: string,
  body: Buffer,
  header: (name: string) => string | undefined,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  const timestamped = header(SIGNATURE_HEADER);
  if (timestamped !== undefined)
    return verifyWebhookSignature(secret, body, timestamped, nowSeconds, toleranceSeconds);
  const plain = header(PLAIN_SIGNATURE_HEADER);
  if (plain === undefined)
    return { ok: false, reason: `missing ${SIGNATURE_HEADER} or ${PLAIN_SIGNATURE_HEADER} header` };
  if (!/^[0-9a-f]{64}$/.test(plain))
    return { ok: false, reason: `malformed ${PLAIN_SIGNATURE_HEADER}: expected 64 lower-case hex digits` };
  return secretsEqual(plain, signPlain(secret, body))
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body' };
}
