import { z } from 'zod';
import { PatientPaymentRequestSchema } from '../payments/patient-payments';
import { OpaqueIdSchema } from '../visit/schema';
import { staffRead, staffWrite } from './openapi-people';

/** Patient statements, patient payments and balances (src/api/routes/patient-billing.ts). */
const problem = { $ref: '#/components/schemas/Problem' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const cents = { type: 'integer', description: 'integer cents' };
const badRequest = {
  '400': { description: 'invalid request; every problem with its path', ...json(problem) },
};
const statementId = {
  name: 'statementId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^ST-[0-9a-f-]{36}$' },
};
const { $schema: _visitDialect, ...visitIdSchema } = z.toJSONSchema(OpaqueIdSchema);
const { $schema: _dialect, ...paymentRequest } = z.toJSONSchema(PatientPaymentRequestSchema, { io: 'input' });

const statementLink = {
  type: 'object',
  required: ['statementId', 'cycle', 'kind', 'amountDueCents', 'issuedAt'],
  properties: {
    statementId: { type: 'string' },
    cycle: { type: 'integer', description: '1 = the first statement; 0 = issued before statement cycles' },
    kind: { type: 'string', enum: ['initial', 'reminder', 'final'] },
    amountDueCents: cents,
    issuedAt: { type: 'string', format: 'date-time' },
    html: { type: ['string', 'null'], description: 'GET this for the statement as HTML' },
    pdf: { type: ['string', 'null'], description: 'GET this for the statement as PDF' },
  },
};

export const patientBillingSchemas = {
  PatientPaymentRequest: paymentRequest,
  PatientPayment: {
    type: 'object',
    required: ['paymentId', 'visitId', 'amountCents', 'method', 'receivedAt', 'receivedBy'],
    properties: {
      paymentId: { type: 'string' },
      visitId: { type: 'string' },
      amountCents: cents,
      method: { type: 'string', enum: ['card', 'cash', 'check', 'ach'] },
      reference: { type: ['string', 'null'] },
      receivedAt: { type: 'string', format: 'date-time' },
      receivedBy: { type: 'string', description: 'the staff user who recorded it' },
    },
  },
  VisitPatientBalance: {
    type: 'object',
    required: ['visitId', 'balanceCents', 'statements', 'payments'],
    properties: {
      visitId: { type: 'string' },
      balanceCents: { ...cents, description: 'PATIENT_AR on the visit; negative is a credit' },
      statements: { type: 'array', items: statementLink },
      payments: { type: 'array', items: { $ref: '#/components/schemas/PatientPayment' } },
      accountId: { type: 'string', description: "the patient's account (an opaque id)" },
      account: { type: 'string', description: 'GET this for the patient account' },
    },
  },
  PatientAccount: {
    type: 'object',
    required: ['accountId', 'balanceCents', 'visits'],
    properties: {
      accountId: { type: 'string' },
      balanceCents: cents,
      visits: { type: 'array', items: { $ref: '#/components/schemas/VisitPatientBalance' } },
    },
  },
};

const notFound = (what: string) => ({ '404': { description: what, ...json(problem) } });

export const patientBillingPaths = {
  '/v1/statements/{statementId}': {
    get: {
      operationId: 'getStatement',
      summary: 'A patient statement as issued (HTML), rendered from its stored snapshot',
      security: staffRead,
      parameters: [statementId],
      responses: {
        '200': { description: 'the statement', content: { 'text/html': { schema: { type: 'string' } } } },
        ...badRequest,
        ...notFound('no such statement, or one issued before statement documents'),
      },
    },
  },
  '/v1/statements/{statementId}.pdf': {
    get: {
      operationId: 'getStatementPdf',
      summary: 'A patient statement as issued (PDF)',
      security: staffRead,
      parameters: [statementId],
      responses: {
        '200': {
          description: 'the statement',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...badRequest,
        ...notFound('no such statement, or one issued before statement documents'),
      },
    },
  },
  '/v1/visits/{visitId}/patient-balance': {
    get: {
      operationId: 'getVisitPatientBalance',
      summary: 'What the patient owes on a visit: statements (with links), payments, balance',
      security: staffRead,
      parameters: [{ name: 'visitId', in: 'path', required: true, schema: visitIdSchema }],
      responses: {
        '200': { description: 'the balance', ...json({ $ref: '#/components/schemas/VisitPatientBalance' }) },
        ...badRequest,
        ...notFound('unknown visit'),
      },
    },
  },
  '/v1/patient-accounts/{accountId}': {
    get: {
      operationId: 'getPatientAccount',
      summary: "A patient's account (an opaque id, never the EHR's patient id): every visit's balance",
      security: staffRead,
      parameters: [
        { name: 'accountId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      responses: {
        '200': { description: 'the account', ...json({ $ref: '#/components/schemas/PatientAccount' }) },
        ...badRequest,
        ...notFound('unknown patient account'),
      },
    },
  },
  '/v1/patient-payments': {
    post: {
      operationId: 'recordPatientPayment',
      summary:
        'A payment the patient made, posted once per Idempotency-Key to PATIENT_AR; card and ACH are charged through the payment processor',
      security: staffWrite,
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
          description:
            'the same key and payment again returns the first answer; another payment under it is refused',
        },
      ],
      requestBody: { required: true, ...json({ $ref: '#/components/schemas/PatientPaymentRequest' }) },
      responses: {
        '201': {
          description: 'posted: the payment, the balance after it, and the refund task a credit opened',
          ...json({
            type: 'object',
            properties: {
              payment: { $ref: '#/components/schemas/PatientPayment' },
              balanceCents: cents,
              refundTaskId: { type: 'string' },
            },
          }),
        },
        '200': {
          description: 'the same key and payment again: the first payment, nothing posted twice',
          ...json({ type: 'object' }),
        },
        '402': { description: 'the processor declined (declineReason); nothing posted', ...json(problem) },
        ...notFound('unknown visit; nothing posted'),
        '422': {
          description: 'the Idempotency-Key was used for another payment; nothing posted',
          ...json(problem),
        },
      },
    },
  },
};
