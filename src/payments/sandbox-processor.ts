import type { Database } from '../db/client';
import type { ChargeRequest, ChargeResult, PaymentProcessor } from './types';

/**
 * Test references the sandbox declines, with the reason a real processor gives (any other
 * reference is approved). Documented in docs/patient-billing.md.
 */
export const SANDBOX_DECLINES: Record<string, string> = {
  tok_decline: 'card declined',
  tok_insufficient_funds: 'insufficient funds',
  tok_expired: 'card expired',
};

/** Records every charge in SandboxCardCharge; a repeated idempotency key returns the first answer. */
export class SandboxPaymentProcessor implements PaymentProcessor {
  constructor(private readonly db: Pick<Database, 'sandboxCardCharge'>) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const declineReason = request.reference ? SANDBOX_DECLINES[request.reference] : undefined;
    await this.db.sandboxCardCharge.createMany({
      data: [
        {
          idempotencyKey: request.idempotencyKey,
          amountCents: request.amountCents,
          reference: request.reference ?? null,
          approved: declineReason === undefined,
          declineReason: declineReason ?? null,
        },
      ],
      skipDuplicates: true,
    });
    const charge = await this.db.sandboxCardCharge.findUniqueOrThrow({
      where: { idempotencyKey: request.idempotencyKey },
    });
    return charge.approved
      ? { approved: true, processorReference: `sandbox-${charge.id}` }
      : { approved: false, declineReason: charge.declineReason ?? 'declined' };
  }
}
