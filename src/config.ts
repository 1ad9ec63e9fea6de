import { defaultStatementCycles, statementCycleTimers } from './patient-billing/statement-config';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import path from 'node:path';
import { z } from 'zod';
import { defaultRateLimits } from './api/rate-limit';
import { loadDecisionPolicyFile } from './decision/policy-config';
import { defaultBillingTimers, type BillingTimers } from './visit-billing/vocabulary';

const durationText = z
  .string()
  .regex(
    /^\d+(\.\d+)?\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/,
    'must be a duration such as "30s" or "2 days"',
  );

const EnvSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    TEMPORAL_ADDRESS: z.string().optional(),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('dermclaims-billing'),
    TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
    TEMPORAL_PORT: z.coerce.number().int().positive().default(7233),
    API_PORT: z.coerce.number().int().nonnegative().default(3000),
    API_HOST: z.string().default('127.0.0.1'),
    /** Express "trust proxy": `false`, `true`, a hop count, or addresses/subnets (e.g. `loopback`). */
    API_TRUST_PROXY: z.string().min(1).default('false'),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(defaultRateLimits.windowSeconds),
    RATE_LIMIT_WEBHOOK: z.coerce.number().int().nonnegative().default(defaultRateLimits.webhook),
    RATE_LIMIT_STAFF: z.coerce.number().int().nonnegative().default(defaultRateLimits.staff),
    RATE_LIMIT_PUBLIC: z.coerce.number().int().nonnegative().default(defaultRateLimits.public),
    DERMCLAIMS_DATA_DIR: z.string().default('data'),
    /** HMAC-SHA256 secret shared with the EHR for webhook signatures. */
    EHR_WEBHOOK_SECRET: z.string().min(16).default('dermclaims-dev-webhook-secret'),
    /** Staff sign-in: sessions end this long after login, or after this long unused. */
    SESSION_TTL: durationText.default('8 hours'),
    SESSION_IDLE_TIMEOUT: durationText.default('30 minutes'),
    /** `auto`: Secure cookies unless the API is reached on localhost. */
    SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    /** mTLS to the Temporal frontend (docs/deployment.md): PEM files of the client and the server's CA. */
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS_CA: z.string().min(1).optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /** TLS without client certificates (e.g. a CA the system trusts): `true`. */
    TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
    /** EHR connections for FHIR notifications and HL7 v2 (docs/integrations.md). */
    DERMCLAIMS_EHR_CONNECTIONS: z.string().min(1).default('config/ehr-connections.json'),
    /** The HL7 v2 MLLP listener of `up` and `api`: port ("off": none) and the address it binds. */
    MLLP_PORT: z.union([z.literal('off'), z.coerce.number().int().nonnegative().max(65535)]).default(2575),
    MLLP_HOST: z.string().min(1).default('127.0.0.1'),
    WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
    AUTO_SUBMIT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.85),
    /** Another decision policy than config/decision-policy.json (docs/decision-policy.md); checked at start. */
    DECISION_POLICY_FILE: z.string().min(1).optional(),
    REVIEW_REMINDER_INTERVAL: durationText.default(String(defaultBillingTimers.reviewReminder)),
    /** An untouched review raises its priority after this long, and goes to a supervisor after twice. */
    REVIEW_ESCALATION: durationText.default(String(defaultBillingTimers.reviewEscalation)),
    PATHOLOGY_DEADLINE: durationText.default(String(defaultBillingTimers.pathologyDeadline)),
    ACK_TIMEOUT: durationText.default(String(defaultBillingTimers.acknowledgementTimeout)),
    REMITTANCE_FOLLOW_UP: durationText.default(String(defaultBillingTimers.remittanceFollowUp)),
    INBOX_POLL_INTERVAL: durationText.default('5s'),
    /**
     * Every statement cycle lasts this long instead of its days in config/statement-cycles.json:
     * for demos and tests, where nobody waits a month for a patient. Unset in production.
     */
    STATEMENT_CYCLE_DURATION: durationText.optional(),
    /** An X12 clearinghouse service (e.g. `dermclaims sandbox`); the in-process sandbox when unset. */
    CLEARINGHOUSE_URL: z.string().url().optional(),
    SANDBOX_ACK_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
    SANDBOX_PAYMENT_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    /** Payload encryption keys, `id:base64,id:base64` (first = current); else the key file. */
    DERMCLAIMS_PAYLOAD_KEYS: z.string().optional(),
    DERMCLAIMS_PAYLOAD_KEY_FILE: z.string().optional(),
    /** Token that lets an admin decode payloads through the codec server (else data/codec-token). */
    DERMCLAIMS_CODEC_TOKEN: z.string().min(16).optional(),
    /** The codec endpoint as the browser reaches it, and the Temporal UI origins allowed to call it. */
    DERMCLAIMS_CODEC_ENDPOINT: z.string().url().optional(),
    DERMCLAIMS_CODEC_ORIGINS: z.string().optional(),
  })
  .refine((e) => (e.TEMPORAL_TLS_CERT === undefined) === (e.TEMPORAL_TLS_KEY === undefined), {
    message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (the client certificate and its key)',
    path: ['TEMPORAL_TLS_CERT'],
  });

export type DermclaimsConfig = ReturnType<typeof loadConfig>;

/** Defaults: the API's own /codec, called by the local dev server's UI. */
function codecSettings(e: z.infer<typeof EnvSchema>) {
  const apiHost = e.API_HOST === '0.0.0.0' ? '127.0.0.1' : e.API_HOST;
  const origins = e.DERMCLAIMS_CODEC_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean) ?? [`http://127.0.0.1:${e.TEMPORAL_UI_PORT}`, `http://localhost:${e.TEMPORAL_UI_PORT}`];
  return {
    token: e.DERMCLAIMS_CODEC_TOKEN,
    endpoint: e.DERMCLAIMS_CODEC_ENDPOINT ?? `http://${apiHost}:${e.API_PORT}/codec`,
    allowedOrigins: origins,
  };
}

/** Which proxies may name the client's address (X-Forwarded-For), for the audit trail. */
function trustProxyOf(text: string): boolean | number | string {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Configuration from the environment, validated; every setting has an embedded default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`invalid configuration:\n  ${problems}`);
  }
  const e = parsed.data;
  const timers: BillingTimers = {
    reviewReminder: e.REVIEW_REMINDER_INTERVAL as BillingTimers['reviewReminder'],
    reviewEscalation: e.REVIEW_ESCALATION as BillingTimers['reviewEscalation'],
    pathologyDeadline: e.PATHOLOGY_DEADLINE as BillingTimers['pathologyDeadline'],
    acknowledgementTimeout: e.ACK_TIMEOUT as BillingTimers['acknowledgementTimeout'],
    remittanceFollowUp: e.REMITTANCE_FOLLOW_UP as BillingTimers['remittanceFollowUp'],
    maxStatusInquiries: defaultBillingTimers.maxStatusInquiries,
    // config/statement-cycles.json, checked when this module loads (a bad file stops the start).
    statementCycles: statementCycleTimers(defaultStatementCycles).map((cycle) => ({
      ...cycle,
      untilNext: (e.STATEMENT_CYCLE_DURATION as Duration | undefined) ?? cycle.untilNext,
    })),
  };
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      tls: {
        enabled: e.TEMPORAL_TLS === 'true' || Boolean(e.TEMPORAL_TLS_CERT ?? e.TEMPORAL_TLS_CA),
        certPath: e.TEMPORAL_TLS_CERT,
        keyPath: e.TEMPORAL_TLS_KEY,
        caPath: e.TEMPORAL_TLS_CA,
        serverName: e.TEMPORAL_TLS_SERVER_NAME,
      },
    },
    api: {
      port: e.API_PORT,
      host: e.API_HOST,
      trustProxy: trustProxyOf(e.API_TRUST_PROXY),
      rateLimits: {
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
        webhook: e.RATE_LIMIT_WEBHOOK,
        staff: e.RATE_LIMIT_STAFF,
        public: e.RATE_LIMIT_PUBLIC,
      },
    },
    dataDir: path.resolve(e.DERMCLAIMS_DATA_DIR),
    webhook: { secret: e.EHR_WEBHOOK_SECRET, toleranceSeconds: e.WEBHOOK_TOLERANCE_SECONDS },
    ehr: {
      connectionsFile: e.DERMCLAIMS_EHR_CONNECTIONS,
      mllp: e.MLLP_PORT === 'off' ? undefined : { port: e.MLLP_PORT, host: e.MLLP_HOST },
    },
    auth: {
      session: {
        ttlMs: msToNumber(e.SESSION_TTL as Duration),
        idleMs: msToNumber(e.SESSION_IDLE_TIMEOUT as Duration),
      },
      secureCookies:
        e.SESSION_COOKIE_SECURE === 'auto' ? ('auto' as const) : e.SESSION_COOKIE_SECURE === 'true',
    },
    decisionPolicy: {
      autoSubmitMinConfidence: e.AUTO_SUBMIT_MIN_CONFIDENCE,
      ...(e.DECISION_POLICY_FILE
        ? { file: loadDecisionPolicyFile(path.resolve(e.DECISION_POLICY_FILE)) }
        : {}),
    },
    timers,
    inboxPollInterval: e.INBOX_POLL_INTERVAL as BillingTimers['reviewReminder'],
    clearinghouseUrl: e.CLEARINGHOUSE_URL,
    sandbox: { acknowledgementDelayMs: e.SANDBOX_ACK_DELAY_MS, paymentDelayMs: e.SANDBOX_PAYMENT_DELAY_MS },
    logLevel: e.LOG_LEVEL,
    payloadKeys: { keys: e.DERMCLAIMS_PAYLOAD_KEYS, keyFile: e.DERMCLAIMS_PAYLOAD_KEY_FILE },
    codec: codecSettings(e),
  };
}
