import { z } from 'zod';
import { VisitCompletedEventSchema } from '../visit/schema';
import {
  peoplePaths,
  peopleSchemas,
  staffRead,
  staffSecuritySchemes,
  staffWrite,
  withStaffResponses,
} from './openapi-people';
import { PathologyResultSchema, ReviewDecisionSchema } from './schemas';

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
  properties: {
    error: { type: 'string' },
    problems: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const visitIdParam = { name: 'visitId', in: 'path', required: true, schema: { type: 'string' } };

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'dermclaims API',
      version: '1.0.0',
      description:
        'Visit intake (EHR webhook), coding preview, the billing review queue, claim state and revenue-cycle metrics. ' +
        'Staff sign in with an API key or a session; each route needs a permission of the caller’s role (docs/people.md), ' +
        'and every staff request is in the audit trail.',
    },
    components: {
      securitySchemes: {
        ...staffSecuritySchemes,
        ehrSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Dermclaims-Signature',
          description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>',
        },
      },
      schemas: {
        VisitCompletedEvent: visitCompletedJsonSchema(),
        ReviewDecision: z.toJSONSchema(ReviewDecisionSchema, { io: 'input' }),
        PathologyResult: z.toJSONSchema(PathologyResultSchema, { io: 'input' }),
        Problem: problem,
        ...peopleSchemas,
      },
    },
    paths: withStaffResponses({
      '/v1/webhooks/visit-completed': {
        post: {
          summary: 'The EHR reports a completed visit; starts (or finds) its billing workflow',
          security: [{ ehrSignature: [] }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/VisitCompletedEvent' }) },
          responses: {
            '202': {
              description: 'accepted; the workflow id is derived from the visit id',
              ...json({
                type: 'object',
                properties: {
                  visitId: { type: 'string' },
                  workflowId: { type: 'string' },
                  runId: { type: 'string' },
                  duplicate: { type: 'boolean' },
                },
              }),
            },
            '400': { description: 'invalid event; nothing stored or started', ...json(problem) },
            '401': { description: 'missing, stale or wrong signature' },
          },
        },
      },
      '/v1/coding/preview': {
        post: {
          summary: 'Code a visit document without starting anything',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/VisitCompletedEvent' }) },
          responses: {
            '200': { description: 'the coding result' },
            '400': { description: 'invalid event', ...json(problem) },
            '422': { description: 'documentation cannot be coded', ...json(problem) },
          },
        },
      },
      '/v1/review-tasks': {
        get: {
          summary: 'Claims and visits waiting for billing staff',
          security: staffRead,
          parameters: [{ name: 'status', in: 'query', schema: { enum: ['open', 'resolved'] } }],
          responses: { '200': { description: 'review tasks' } },
        },
      },
      '/v1/visits/{visitId}': {
        get: {
          summary: "A visit's billing state: workflow query plus claims, ledger and statements",
          security: staffRead,
          parameters: [visitIdParam],
          responses: { '200': { description: 'visit state' }, '404': { description: 'unknown visit' } },
        },
      },
      '/v1/visits/{visitId}/review-decision': {
        post: {
          summary:
            'Approve, amend, reject, bill the patient or request documentation for the open review (a workflow Update: the outcome or the refusal comes back at once)',
          security: staffWrite,
          parameters: [visitIdParam],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/ReviewDecision' }) },
          responses: {
            '200': { description: 'decision applied: { visitId, taskId, action }' },
            '400': { description: 'invalid decision', ...json(problem) },
            '404': { description: 'no billing workflow for the visit' },
            '409': {
              description:
                'conflict (refusal: no_open_review, already_decided, decision_in_progress, stale_task); nothing changed',
            },
            '422': {
              description:
                'the task does not take this action, or the coding rules reject the amended codes (refusal, problems); nothing changed',
            },
          },
        },
      },
      '/v1/visits/{visitId}/pathology-results': {
        post: {
          summary: 'A final pathology result for a lesion the claim is waiting on',
          security: staffWrite,
          parameters: [visitIdParam],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/PathologyResult' }) },
          responses: { '202': { description: 'delivered' }, '409': { description: 'lesion not waiting' } },
        },
      },
      '/v1/remittances': {
        post: {
          summary: 'Upload an 835 ERA received outside the clearinghouse; posted by each visit workflow',
          security: staffWrite,
          requestBody: { required: true, content: { 'application/edi-x12': { schema: { type: 'string' } } } },
          responses: {
            '202': { description: 'stored once per payment (payer + TRN) and routed to the claims' },
            '400': {
              description: 'not an 835, not valid X12, or does not balance; nothing stored',
              ...json(problem),
            },
          },
        },
      },
      '/v1/inbound-documents': {
        get: {
          summary: 'Clearinghouse documents received (999, 277CA, 835); problem=true lists unreadable ones',
          security: staffRead,
          parameters: [{ name: 'problem', in: 'query', schema: { enum: ['true', 'false'] } }],
          responses: { '200': { description: 'documents, newest first' } },
        },
      },
      '/v1/metrics': {
        get: {
          summary: 'First-pass acceptance, denial rate, claim lag, days in A/R',
          security: staffRead,
          responses: { '200': { description: 'metrics' } },
        },
      },
      '/health': {
        get: { summary: 'Temporal and database reachability', responses: { '200': {}, '503': {} } },
      },
      ...peoplePaths,
    }),
  };
}
