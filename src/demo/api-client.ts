import { signWebhookBody, SIGNATURE_HEADER } from '../intake/webhook-signature';

/** Where the demo and `dermclaims send` find the API and its secrets (env, else src/config.ts defaults). */
export interface ApiTarget {
  apiUrl: string;
  webhookSecret: string;
  /** A staff API key (DERMCLAIMS_API_KEY, else the dev biller's key that `dermclaims up` saved). */
  apiKey?: string;
  /**
   * A supervisor's key for the ledger report (DERMCLAIMS_SUPERVISOR_API_KEY, else the dev
   * supervisor's key); without one the demo says the ledger check was not run.
   */
  supervisorApiKey?: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

export const MISSING_API_KEY =
  'no staff API key: set DERMCLAIMS_API_KEY (e.g. from "npx dermclaims users add NAME --role biller")';

export async function apiTargetFromEnv(
  apiUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiTarget> {
  const { loadConfig } = await import('../config');
  const config = loadConfig(env);
  const { readDevApiKey } = await import('../auth/dev-users');
  return {
    apiUrl: (apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    webhookSecret: config.webhook.secret,
    apiKey: env.DERMCLAIMS_API_KEY ?? (await readDevApiKey(config.dataDir, 'biller')),
    supervisorApiKey:
      env.DERMCLAIMS_SUPERVISOR_API_KEY ?? (await readDevApiKey(config.dataDir, 'supervisor')),
  };
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Signs the raw body exactly as sent (HMAC over "<t>.<body>") and posts it to the visit-completed webhook. */
export async function postVisitCompleted(
  target: ApiTarget,
  rawBody: string,
  now: () => number = Date.now,
): Promise<ApiResponse> {
  const signature = signWebhookBody(target.webhookSecret, rawBody, Math.floor(now() / 1000));
  const response = await fetch(`${target.apiUrl}/v1/webhooks/visit-completed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    body: rawBody,
  });
  return { status: response.status, body: await readBody(response) };
}

/** GET on a staff endpoint with the target's API key (or another staff key). */
export async function getStaff(
  target: ApiTarget,
  pathname: string,
  apiKey = target.apiKey,
): Promise<ApiResponse> {
  if (!apiKey) throw new Error(MISSING_API_KEY);
  const response = await fetch(`${target.apiUrl}${pathname}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return { status: response.status, body: await readBody(response) };
}

/** POST of a JSON body to a staff endpoint with the target's API key and an idempotency key. */
export async function postStaff(
  target: ApiTarget,
  pathname: string,
  body: unknown,
  idempotencyKey: string,
): Promise<ApiResponse> {
  if (!target.apiKey) throw new Error(MISSING_API_KEY);
  const response = await fetch(`${target.apiUrl}${pathname}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${target.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await readBody(response) };
}

/** A connection failure reads better than "fetch failed". */
export function describeFetchError(error: unknown, apiUrl: string): string {
  const { cause, message } = error as { cause?: { code?: string; message?: string }; message?: string };
  // undici's TypeError may come from another realm (jest), so no instanceof.
  if (message === 'fetch failed') {
    const why = cause?.code ?? cause?.message ?? 'connection failed';
    return `cannot reach the dermclaims API at ${apiUrl} (${why}): is "dermclaims up" running?`;
  }
  return `request to ${apiUrl} failed: ${message ?? String(error)}`;
}
