import type { Database } from '../../db/client';
import type { InboundDocumentRef } from '../types';
import type { X12Identity, X12InboundDocument, X12Transport } from '../x12-clearinghouse';
import { X12Clearinghouse } from '../x12-clearinghouse';
import type { SandboxTiming } from './sandbox-payer';
import { SandboxPayer } from './sandbox-payer';
import { SANDBOX_CLEARINGHOUSE_ID, SANDBOX_CLEARINGHOUSE_NAME } from './sandbox-x12';

export type { SandboxTiming } from './sandbox-payer';
export { INSTANT_TIMING } from './sandbox-payer';

/** The envelope identity used when none is given (the demo practice's enrolment). */
export const SANDBOX_DEFAULT_IDENTITY: X12Identity = {
  billingProvider: {
    organizationName: 'SANDBOX PRACTICE',
    npi: '1234567893',
    taxId: '731234567',
    taxonomy: '207N00000X',
    address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
  },
  submitter: {
    name: 'SANDBOX PRACTICE',
    id: 'DERMCLAIMS01',
    contactName: 'Billing',
    contactPhone: '2175550100',
  },
  receiver: { name: SANDBOX_CLEARINGHOUSE_NAME, id: SANDBOX_CLEARINGHOUSE_ID },
};

/** X12 text handed to the sandbox payer in process (no network): same text as over HTTP. */
export class InProcessSandboxTransport implements X12Transport {
  constructor(readonly payer: SandboxPayer) {}

  async send837(x12: string, idempotencyKey: string) {
    return this.payer.receive837(x12, idempotencyKey);
  }

  exchange270(x12: string): Promise<string> {
    return this.payer.answer270(x12);
  }

  exchange276(x12: string): Promise<string> {
    return this.payer.answer276(x12);
  }

  listInbound(
    cursor: string | null,
  ): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }> {
    return this.payer.listInbound(cursor);
  }

  async fetchInbound(id: string): Promise<X12InboundDocument> {
    const document = await this.payer.document(id);
    if (!document) throw new Error(`sandbox document ${id} not found`);
    return document;
  }

  async fetchSubmission(submissionId: string): Promise<string> {
    const submission = await this.payer.submission(submissionId);
    if (!submission) throw new Error(`sandbox submission ${submissionId} not found`);
    return submission.x12;
  }
}

/**
 * The in-process sandbox clearinghouse: our side writes X12 (837P, 270, 276) and reads X12 (999,
 * 277CA, 835, 271, 277); the sandbox payer (sandbox-payer.ts) sees only that text. Persisted in
 * PostgreSQL so a restart loses nothing.
 */
export class SandboxClearinghouse extends X12Clearinghouse {
  readonly payer: SandboxPayer;

  constructor(
    db: Database,
    timing: SandboxTiming,
    clock: () => Date = () => new Date(),
    options: { identity?: X12Identity } = {},
  ) {
    const payer = new SandboxPayer(db, timing, clock);
    super(new InProcessSandboxTransport(payer), {
      name: 'sandbox',
      identity: options.identity ?? SANDBOX_DEFAULT_IDENTITY,
      clock,
    });
    this.payer = payer;
  }
}
