import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded payload (so the payload codec encrypts
 * them) instead of plain text in the history. Loaded by path: by the worker, the client and the
 * workflow bundle (src/temporal/worker.ts), so keep its imports to @temporalio/common.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
