/**
 * The seam between dermclaims and whoever charges a patient's card (like the clearinghouse seam,
 * src/clearinghouse/types.ts): the sandbox processor in development and tests, a real processor's
 * adapter in production. Only card and ACH payments go through it; cash and checks are taken at
 * the desk.
 */
export interface PaymentProcessor {
  /**
   * Charges `amountCents`. The same idempotency key charges once: asking again returns the first
   * answer. Declines are answers, not errors; errors mean the processor could not be asked.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

export interface ChargeRequest {
  idempotencyKey: string;
  amountCents: number;
  method: 'card' | 'ach';
  /** The processor's token for the card or account (never a card number), or a receipt reference. */
  reference?: string;
}

export type ChargeResult =
  { approved: true; processorReference: string } | { approved: false; declineReason: string };
