import { z } from 'zod';
import { OpaqueIdSchema } from '../visit/schema';
import { MatchPaymentSchema, ResolveLateRemittanceSchema, TaskIdSchema } from './routes/remittances';
import { staffRead, staffWrite } from './openapi-people';

const json = (body: object) => ({ content: { 'application/json': { schema: body } } });
const problem = { $ref: '#/components/schemas/Problem' };
const cents = { type: 'integer', description: 'integer cents' };

const suggestion = {
  type: 'object',
  required: ['claimId', 'visitId', 'patientControlNumber', 'score', 'evidence', 'reasons'],
  properties: {
    claimId: { type: 'string' },
    visitId: { type: 'string' },
    patientControlNumber: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 100 },
    evidence: {
      type: 'array',
      items: { type: 'string', enum: ['same_member_id', 'same_date_of_service', 'same_charge'] },
    },
    reasons: { type: 'array', items: { type: 'string' } },
  },
};

const unmatchedPayment = {
  type: 'object',
  required: ['id', 'patientControlNumber', 'payerId', 'traceNumber', 'paidCents', 'suggestions'],
  properties: {
    id: { type: 'string' },
    patientControlNumber: { type: 'string', description: 'CLP01 as the payer sent it' },
    payerId: { type: 'string' },
    traceNumber: { type: 'string', description: 'TRN02 of the payment' },
    paymentDate: { type: 'string', format: 'date' },
    statusCode: { type: 'string', description: 'CLP02' },
    chargeCents: cents,
    paidCents: cents,
    serviceDate: { type: ['string', 'null'], format: 'date', description: 'DTM*232 or DTM*472' },
    memberIdSent: {
      type: 'boolean',
      description: 'whether the 835 named the member id (NM1*QC); the id itself is never returned',
    },
    suggestions: {
      type: 'array',
      items: suggestion,
      description: 'our claims of the same payer, best first',
    },
  },
};

const remittanceBalance = {
  type: 'object',
  required: ['remittanceId', 'traceNumber', 'paymentCents', 'postedCents', 'differenceCents', 'balanced'],
  properties: {
    remittanceId: { type: 'string' },
    payerId: { type: 'string' },
    traceNumber: { type: 'string' },
    paymentDate: { type: 'string', format: 'date' },
    paymentCents: { ...cents, description: 'BPR02, signed' },
    claimPaymentsCents: { ...cents, description: 'Σ CLP04 of the claims posted' },
    byCategory: {
      type: 'object',
      description: 'Σ PLB per category, X12 sign (interest negative, takebacks positive)',
      properties: { interest: cents, forward_balance: cents, takeback: cents, other: cents },
    },
    providerAdjustmentsCents: cents,
    postedCents: { ...cents, description: 'Σ posted claim payments − Σ PLB' },
    differenceCents: { ...cents, description: 'postedCents − paymentCents' },
    balanced: { type: 'boolean' },
    unpostedClaims: { type: 'integer', description: 'claims of the 835 not posted (unmatched or waiting)' },
    statedClaimPaymentsCents: { ...cents, description: 'Σ CLP04 of every claim of the 835, posted or not' },
  },
};

const { $schema: _dialect, ...opaqueId } = z.toJSONSchema(OpaqueIdSchema);
const pageParameters = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100000 } },
  { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
];

const taskIdSchema = z.toJSONSchema(TaskIdSchema);
const idParam = { name: 'id', in: 'path', required: true, schema: opaqueId };

/** The unmatched payments queue (src/api/routes/unmatched-payments.ts). */
export const remittancePaths = {
  '/v1/unmatched-payments': {
    get: {
      operationId: 'listUnmatchedPayments',
      summary: '835 claim payments that matched no claim of ours, with suggested matches (score and reasons)',
      security: staffRead,
      parameters: pageParameters,
      responses: {
        '200': {
          description: 'one page, oldest payment first',
          ...json({
            type: 'object',
            required: ['payments', 'total', 'page', 'pageSize'],
            properties: {
              payments: { type: 'array', items: unmatchedPayment },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          }),
        },
        '400': { description: 'invalid paging', ...json(problem) },
      },
    },
  },
  '/v1/remittance-balances': {
    get: {
      operationId: 'listRemittanceBalances',
      summary:
        "Each remittance's postings against its BPR (Σ posted CLP04 − Σ PLB = BPR02); unbalanced=true (default) lists those that do not add up",
      security: staffRead,
      parameters: [
        { name: 'unbalanced', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
        ...pageParameters,
      ],
      responses: {
        '200': {
          description: 'one page, oldest payment first',
          ...json({
            type: 'object',
            required: ['remittances', 'page', 'pageSize'],
            properties: {
              remittances: { type: 'array', items: remittanceBalance },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          }),
        },
        '400': { description: 'invalid query', ...json(problem) },
      },
    },
  },
  '/v1/late-remittances/{taskId}/resolve': {
    post: {
      operationId: 'resolveLateRemittance',
      summary:
        "Close a late_reversal task (a payment or reversal posted after the visit's workflow closed) with what staff did; again: the first resolution, nothing changed",
      security: staffWrite,
      parameters: [{ name: 'taskId', in: 'path', required: true, schema: taskIdSchema }],
      requestBody: { required: true, ...json(z.toJSONSchema(ResolveLateRemittanceSchema, { io: 'input' })) },
      responses: {
        '200': { description: 'resolved: { taskId, resolvedBy, replay }', ...json({ type: 'object' }) },
        '404': { description: 'no such late_reversal task', ...json(problem) },
      },
    },
  },
  '/v1/account-tasks/{taskId}/resolve': {
    post: {
      operationId: 'resolveAccountTask',
      summary:
        "Close a task no workflow owns (late_reversal, patient_refund, patient_collections — the last a supervisor's) with what staff did; again: the first resolution, nothing changed",
      security: staffWrite,
      parameters: [{ name: 'taskId', in: 'path', required: true, schema: taskIdSchema }],
      requestBody: { required: true, ...json(z.toJSONSchema(ResolveLateRemittanceSchema, { io: 'input' })) },
      responses: {
        '200': { description: 'resolved: { taskId, resolvedBy, replay }', ...json({ type: 'object' }) },
        '403': {
          description: 'a collections task and a role without review.decide-escalated',
          ...json(problem),
        },
        '404': { description: 'no such task of those kinds', ...json(problem) },
      },
    },
  },
  '/v1/unmatched-payments/{id}/match': {
    post: {
      operationId: 'matchUnmatchedPayment',
      summary:
        "Attach an unmatched payment to one of our claims (same payer) and post it, or tell the visit's workflow when it still waits (billers; idempotent)",
      security: staffWrite,
      parameters: [idParam],
      requestBody: { required: true, ...json(z.toJSONSchema(MatchPaymentSchema, { io: 'input' })) },
      responses: {
        '201': {
          description: 'matched: { remittanceClaimId, claimId, delivery, replay }',
          ...json({ type: 'object' }),
        },
        '200': { description: 'the same match again: nothing changed', ...json({ type: 'object' }) },
        '404': { description: 'no such unmatched payment', ...json(problem) },
        '409': { description: 'already attached to another claim; nothing changed', ...json(problem) },
        '422': {
          description: 'no such claim, or a claim of another payer; nothing changed',
          ...json(problem),
        },
        '503': { description: 'posting is not configured on this API', ...json(problem) },
      },
    },
  },
};
