import type { Database } from '../db/client';
import { SandboxPaymentProcessor } from './sandbox-processor';
import type { PaymentProcessor } from './types';

export interface PaymentProcessorOptions {
  /** Our database; the sandbox keeps its charges there. */
  db: Database;
}

/**
 * The sandbox processor: the only adapter so far. A real processor's adapter implements
 * PaymentProcessor and is chosen here by configuration, as createClearinghouse chooses.
 */
export function createPaymentProcessor(options: PaymentProcessorOptions): PaymentProcessor {
  return new SandboxPaymentProcessor(options.db);
}
