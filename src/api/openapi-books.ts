import { z } from 'zod';
import { BankDepositSchema } from '../remittance/deposits';
import { staffRead, staffWrite } from './openapi-people';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const problem = { $ref: '#/components/schemas/Problem' };
const object = { type: 'object' };

/** The ledger report, bank deposits and their reconciliation (src/api/routes/books.ts). */
export const booksPaths = {
  '/v1/reports/ledger': {
    get: {
      operationId: 'getLedgerReport',
      summary:
        'The ledger check (`dermclaims ledger check`): claims, remittances and ledger entries that disagree, by opaque id',
      security: staffRead,
      responses: {
        '200': {
          description: 'claims and remittances checked, the checks run, every discrepancy',
          ...json({
            type: 'object',
            required: ['claimsChecked', 'remittancesChecked', 'checks', 'discrepancies'],
            properties: {
              claimsChecked: { type: 'integer' },
              remittancesChecked: { type: 'integer' },
              checks: { type: 'array', items: { type: 'string' } },
              discrepancies: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['check', 'subject', 'message'],
                  properties: {
                    check: { type: 'string' },
                    subject: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
            },
          }),
        },
      },
    },
  },
  '/v1/deposits': {
    post: {
      operationId: 'recordBankDeposit',
      summary: 'Record a bank deposit; it is matched to its ERA by TRN02 (and payer when given)',
      security: staffWrite,
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string', minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
        },
      ],
      requestBody: { required: true, ...json(z.toJSONSchema(BankDepositSchema, { io: 'input' })) },
      responses: {
        '201': { description: 'recorded, with its match (matched, no_era, ambiguous)', ...json(object) },
        '200': { description: 'the same key and deposit again: what was recorded', ...json(object) },
        '409': { description: 'the key was used for another deposit; nothing recorded', ...json(problem) },
      },
    },
  },
  '/v1/deposits/reconciliation': {
    get: {
      operationId: 'getDepositReconciliation',
      summary:
        'Deposits matched to ERAs (with amount mismatches), deposits without an ERA, EFT ERAs without a deposit, checks not deposited',
      security: staffRead,
      responses: { '200': { description: 'the reconciliation', ...json(object) } },
    },
  },
};
