import express, { type RequestHandler } from 'express';
import type { FieldProblem } from '../visit/primitives';

/** The largest JSON body any route takes. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * JSON bodies as the API accepts them: UTF-8 only (RFC 8259), decoded strictly so that bytes that
 * are not UTF-8 are refused (400) instead of silently becoming U+FFFD. What the strings may
 * contain is each schema's business (src/visit/primitives.ts `safeText`).
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonDocument =
  { ok: true; value: unknown } | { ok: false; error: string; problems: FieldProblem[] };

/** Raw bytes → JSON value, or the problem when they are not UTF-8 or not JSON. */
export function readJsonDocument(bytes: Uint8Array): JsonDocument {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return invalid('body is not valid UTF-8', 'contains bytes that are not UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return invalid('body is not valid JSON', 'invalid JSON');
  }
}

function invalid(error: string, message: string): JsonDocument {
  return { ok: false, error, problems: [{ path: '(body)', message }] };
}

/** Errors the error middleware answers by their `type` (src/api/request-errors.ts). */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/** express.json that refuses charsets other than UTF-8 (415) and bytes that are not UTF-8 (400). */
export function jsonBodies(): RequestHandler {
  return express.json({
    limit: JSON_BODY_LIMIT,
    verify: (_req, _res, bytes, encoding) => {
      if (encoding !== 'utf-8' && encoding !== 'utf8')
        throw bodyError(415, 'charset.unsupported', `unsupported charset "${encoding}"`);
      try {
        strictUtf8.decode(bytes);
      } catch {
        throw bodyError(400, 'charset.invalid', 'body is not valid UTF-8');
      }
    },
  });
}
