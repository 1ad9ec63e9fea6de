import { z } from 'zod';
import { ReviewTaskKind } from '../db/generated/enums';
import { OpaqueIdSchema, VisitCompletedEventSchema } from '../visit/schema';
import {
  peoplePaths,
  peopleSchemas,
  staffRead,
  staffSecuritySchemes,
  staffWrite,
  withStaffResponses,
} from './openapi-people';
import { reviewReasonCodes } from '../decision/reasons';
import { ehrPaths, ehrSecuritySchemes } from './openapi-ehr';
import { booksPaths } from './openapi-books';
import { remittancePaths } from './openapi-remittances';
import { patientBillingPaths, patientBillingSchemas } from './openapi-patient-billing';
import { AmendmentCheckSchema, PathologyResultSchema, ReviewDecisionSchema } from './schemas';

/** JSON Schema of the visit-completed event, as published in docs/visit-completed.schema.json. */
export function visitCompletedJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://dermclaims.dev/schemas/visit-completed.v1.json',
    title: 'dermclaims visit-completed event (schema versions 1 and 2)',
    ...z.toJSONSchema(VisitCompletedEventSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}

const problem = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    problems: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const cents = { type: 'integer' };
/** The patient's estimated share (src/eligibility/patient-estimate.ts), integer cents. */
const patientEstimateSchema = {
  type: 'object',
  required: ['basis', 'totalCents'],
  properties: {
    basis: { type: 'string', enum: ['benefits', 'self_pay', 'unconfirmed'] },
    allowedSource: { type: 'string', enum: ['payer_schedule', 'charges', 'mixed', 'none'] },
    allowedCents: cents,
    copayCents: cents,
    deductibleCents: cents,
    coinsuranceCents: cents,
    outOfPocketCapCents: cents,
    selfPayCents: cents,
    totalCents: cents,
  },
};
/** GET /v1/visits/{visitId}: the fields clients rely on; the rest of the record is open. */
const visitBillingSchema = {
  type: 'object',
  required: ['visitId', 'status', 'decisionReasons'],
  properties: {
    visitId: { type: 'string' },
    status: { type: 'string' },
    patientEstimate: { oneOf: [{ $ref: '#/components/schemas/PatientEstimate' }, { type: 'null' }] },
    decisionReasons: {
      type: 'array',
      description: 'why the claim was submitted, held or billed to the patient (docs/decision-policy.md)',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const { $schema: _dialect, ...opaqueIdJsonSchema } = z.toJSONSchema(OpaqueIdSchema);
const visitIdParam = { name: 'visitId', in: 'path', required: true, schema: opaqueIdJsonSchema };
/** What a client can do next with the visit id the webhook answers. */
const visitLinks = Object.fromEntries(
  ['getVisit', 'decideReview', 'receivePathologyResult'].map((operationId) => [
    operationId,
    { operationId, parameters: { visitId: '$response.body#/visitId' } },
  ]),
);
const text = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'no control characters (C0, DEL, C1), as safeText in src/visit/primitives.ts',
  pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f]+$',
};
const reviewQueueParameters = [
  { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'resolved'] } },
  { name: 'kind', in: 'query', schema: { type: 'string', enum: Object.values(ReviewTaskKind) } },
  { name: 'reason', in: 'query', description: 'text a reason contains (e.g. CO-4)', schema: text },
  {
    name: 'reasonCode',
    in: 'query',
    description: 'only tasks with this decision reason code (docs/decision-policy.md)',
    schema: { type: 'string', enum: [...reviewReasonCodes] },
  },
  { name: 'payer', in: 'query', schema: text },
  { name: 'minAgeDays', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 3650 } },
  { name: 'priority', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 2 } },
  { name: 'assignee', in: 'query', schema: { type: 'string', enum: ['biller', 'supervisor'] } },
  { name: 'escalated', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100000 } },
  { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
];
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Answers several operations share; every one carries a Problem body. */
const sharedResponses = {
  BadRequest: {
    description: 'invalid request; every problem with its path; nothing changed',
    ...json(problem),
  },
  Unauthorized: { description: 'missing or wrong staff token', ...json(problem) },
  PayloadTooLarge: {
    description: 'the body is larger than the limit (1 MB JSON, 50 MB X12)',
    ...json(problem),
  },
  UnsupportedMediaType: {
    description: 'a charset other than UTF-8 or an unsupported Content-Encoding',
    ...json(problem),
  },
  TooManyRequests: {
    description: 'rate limit reached for this client and group of endpoints',
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 0 } } },
    ...json(problem),
  },
};

/** The statuses every operation can answer besides its own: 429, and for bodies 413/415. */
const withBody = {
  '400': ref('BadRequest'),
  '413': ref('PayloadTooLarge'),
  '415': ref('UnsupportedMediaType'),
};
const always = { '429': ref('TooManyRequests') };
const staffOnly = { '401': ref('Unauthorized') };

/** A staff message (review decision, pathology result) to a visit's running workflow. */
function workflowMessageResponses(delivered: string, notExpected: string) {
  return {
    '202': { description: delivered, ...json({ type: 'object' }) },
    ...withBody,
    ...staffOnly,
    '404': { description: 'no running billing workflow for this visit', ...json(problem) },
    '409': { description: notExpected, ...json(problem) },
    '503': workflowSilent,
    ...always,
  };
}

/** The visit's workflow did not answer the API's query: nothing was sent. */
const workflowSilent = {
  description: "the visit's workflow did not answer in time; nothing was sent (Retry-After)",
  ...json(problem),
};

/** The review decision's refinement (an amendment gives its lines), stated in JSON Schema too. */
function reviewDecisionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReviewDecisionSchema, { io: 'input' }),
    if: { properties: { action: { const: 'amend' } }, required: ['action'] },
    then: { required: ['lines'] },
  };
}

export interface OpenApiDocument extends Record<string, unknown> {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'dermclaims API',
      version: '1.0.0',
      description:
        'Visit intake (EHR webhook), coding preview, the billing review queue, claim state and revenue-cycle metrics. ' +
        'Staff sign in with an API key or a session; each route needs a permission of the caller’s role (docs/people.md), ' +
        'and every staff request is in the audit trail. ' +
        'Every operation can answer 429 (rate limit, with Retry-After); a method not listed for a path answers 405 with Allow.',
    },
    components: {
      securitySchemes: {
        ...staffSecuritySchemes,
        ...ehrSecuritySchemes,
        ehrSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Dermclaims-Signature',
          description: 't=<unix seconds>,v1=<64 lower-case hex HMAC-SHA256(secret, "<t>.<raw body>")>',
        },
      },
      schemas: {
        VisitCompletedEvent: visitCompletedJsonSchema(),
        ReviewDecision: reviewDecisionJsonSchema(),
        PathologyResult: z.toJSONSchema(PathologyResultSchema, { io: 'input' }),
        Problem: problem,
        VisitBilling: visitBillingSchema,
        PatientEstimate: patientEstimateSchema,
        ...patientBillingSchemas,
        ...peopleSchemas,
      },
      responses: sharedResponses,
    },
    paths: withStaffResponses({
      '/v1/webhooks/visit-completed': {
        post: {
          operationId: 'receiveVisitCompleted',
          summary: 'The EHR reports a completed visit; starts (or finds) its billing workflow',
          security: [{ ehrSignature: [] }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/VisitCompletedEvent' }) },
          responses: {
            '202': {
              description: 'accepted; the workflow id is derived from the visit id',
              links: visitLinks,
              ...json({
                type: 'object',
                required: ['visitId', 'workflowId', 'runId', 'duplicate', 'findings'],
                properties: {
                  visitId: { type: 'string' },
                  workflowId: { type: 'string' },
                  runId: { type: 'string' },
                  duplicate: { type: 'boolean' },
                  findings: {
                    description: 'what intake cleaned, by JSON path (never the values)',
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['path', 'message'],
                      properties: { path: { type: 'string' }, message: { type: 'string' } },
                    },
                  },
                  amendment: {
                    type: 'object',
                    properties: { revision: { type: 'integer' }, delivered: { type: 'boolean' } },
                  },
                },
              }),
            },
            ...withBody,
            '400': {
              description:
                'not UTF-8, not JSON, or not a valid event (every problem with its path); nothing stored or started',
              ...json(problem),
            },
            '401': { description: 'missing, malformed, stale or wrong signature', ...json(problem) },
            '409': {
              description:
                'the eventId was already delivered for another visit or with other content; nothing stored or started',
              ...json(problem),
            },
            ...always,
          },
        },
      },
      '/v1/coding/preview': {
        post: {
          operationId: 'previewCoding',
          summary: 'Code a visit document without starting anything',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/VisitCompletedEvent' }) },
          responses: {
            '200': { description: 'the coding result', ...json({ type: 'object' }) },
            ...withBody,
            '422': { description: 'documentation cannot be coded', ...json(problem) },
            ...always,
          },
        },
      },
      '/v1/review-tasks': {
        get: {
          operationId: 'listReviewTasks',
          summary: 'Claims and visits waiting for billing staff',
          security: staffRead,
          description:
            'Most urgent first (priority, then oldest), filtered and paged on the server; the answer has `total`, `page` and `pageSize`.',
          parameters: reviewQueueParameters,
          responses: {
            '200': { description: 'review tasks', ...json({ type: 'object' }) },
            '400': ref('BadRequest'),
            ...staffOnly,
            ...always,
          },
        },
      },
      '/v1/visits/{visitId}': {
        get: {
          operationId: 'getVisit',
          summary: "A visit's billing state: workflow query plus claims, ledger and statements",
          security: staffRead,
          parameters: [visitIdParam],
          responses: {
            '200': { description: 'visit state', ...json({ $ref: '#/components/schemas/VisitBilling' }) },
            '400': ref('BadRequest'),
            ...staffOnly,
            '404': { description: 'unknown visit', ...json(problem) },
            ...always,
          },
        },
      },
      '/v1/visits/{visitId}/review-decision': {
        post: {
          operationId: 'decideReview',
          summary:
            'Approve, amend, reject, bill the patient or request documentation for the open review (a workflow Update: the outcome or the refusal comes back at once)',
          security: staffWrite,
          parameters: [visitIdParam],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/ReviewDecision' }) },
          responses: {
            '200': {
              description: 'decision applied: { visitId, taskId, action, decidedBy }',
              ...json({ type: 'object' }),
            },
            ...withBody,
            ...staffOnly,
            '404': { description: 'no billing workflow for the visit', ...json(problem) },
            '409': {
              description:
                'conflict (refusal: no_open_review, already_decided, decision_in_progress, stale_task); nothing changed',
              ...json(problem),
            },
            '422': {
              description:
                'the task does not take this action, or the coding rules reject the amended codes (refusal, problems); nothing changed',
              ...json(problem),
            },
            '503': workflowSilent,
            ...always,
          },
        },
      },
      '/v1/visits/{visitId}/amendment-check': {
        post: {
          operationId: 'checkAmendment',
          summary:
            'Check amended lines against the coding rules the workflow applies (as a biller types); nothing is sent or stored',
          security: staffWrite,
          parameters: [visitIdParam],
          requestBody: {
            required: true,
            ...json(z.toJSONSchema(AmendmentCheckSchema, { io: 'input' })),
          },
          responses: {
            '200': { description: '{ accepted, problems }', ...json({ type: 'object' }) },
            ...withBody,
            ...staffOnly,
            '404': { description: 'unknown visit or no billing workflow', ...json(problem) },
            '503': workflowSilent,
            ...always,
          },
        },
      },
      '/v1/visits/{visitId}/pathology-results': {
        post: {
          operationId: 'receivePathologyResult',
          summary: 'A final pathology result for a lesion the claim is waiting on',
          security: staffWrite,
          parameters: [visitIdParam],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/PathologyResult' }) },
          responses: workflowMessageResponses('delivered', 'lesion not waiting'),
        },
      },
      '/v1/remittances': {
        post: {
          operationId: 'uploadRemittance',
          summary: 'Upload an 835 ERA received outside the clearinghouse; posted by each visit workflow',
          security: staffWrite,
          requestBody: {
            required: true,
            content: {
              'application/edi-x12': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          responses: {
            '202': {
              description: 'stored once per payment (payer + TRN) and routed to the claims',
              ...json({ type: 'object' }),
            },
            ...withBody,
            '400': {
              description: 'not an 835, not valid X12, or does not balance; nothing stored',
              ...json(problem),
            },
            ...staffOnly,
            ...always,
          },
        },
      },
      '/v1/inbound-documents': {
        get: {
          operationId: 'listInboundDocuments',
          summary:
            'Clearinghouse documents received (999, 277CA, 835) with their X12 findings; problem=true lists unreadable ones, findings=true those with findings',
          security: staffRead,
          parameters: [
            { name: 'problem', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
            { name: 'findings', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: {
            '200': { description: 'documents, newest first', ...json({ type: 'object' }) },
            '400': ref('BadRequest'),
            ...staffOnly,
            ...always,
          },
        },
      },
      '/v1/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'First-pass acceptance, denial rate, claim lag, days in A/R',
          security: staffRead,
          responses: {
            '200': { description: 'metrics', ...json({ type: 'object' }) },
            ...staffOnly,
            ...always,
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getPrometheusMetrics',
          summary:
            'Prometheus exposition: webhook requests and latency, visits by stage, running workflows, queue sizes, business gauges',
          security: staffRead,
          responses: {
            '200': {
              description: 'Prometheus text format 0.0.4',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            ...staffOnly,
            ...always,
          },
        },
      },
      '/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Temporal and database reachability',
          responses: {
            '200': { description: 'both reachable', ...json({ type: 'object' }) },
            '503': { description: 'one of them is not', ...json({ type: 'object' }) },
            ...always,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', ...json({ type: 'object' }) }, ...always },
        },
      },
      ...withCommonResponses(peoplePaths),
      ...withCommonResponses(remittancePaths),
      ...withCommonResponses(patientBillingPaths),
      ...ehrPaths,
      ...withCommonResponses(booksPaths),
    }),
  };
}

/** Sign-in and admin operations answer what every operation may: 429, and for bodies 400/413/415. */
function withCommonResponses<T extends Record<string, Record<string, Record<string, unknown>>>>(paths: T): T {
  for (const operations of Object.values(paths))
    for (const operation of Object.values(operations)) {
      const own = (operation.responses ?? {}) as Record<string, unknown>;
      operation.responses = { ...(operation.requestBody ? withBody : {}), ...always, ...own };
    }
  return paths;
}
