import { WorkflowNotFoundError } from '@temporalio/client';
import type { Response } from 'express';
import { queryVisitState } from '../temporal/visit-workflows';
import type { VisitBillingState } from '../visit-billing/messages';
import type { ApiDependencies } from './dependencies';

/**
 * A visit's workflow state before a staff message is sent (what is open, what is waiting). No
 * workflow: 404. Temporal not answering: 503 with Retry-After, and the caller sends nothing.
 */
export async function readVisitState(
  deps: Pick<ApiDependencies, 'temporal'>,
  visitId: string,
  res: Response,
): Promise<VisitBillingState | undefined> {
  try {
    return await queryVisitState(deps.temporal, visitId);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      res.status(404).json({ error: `no billing workflow for visit ${visitId}` });
    else
      res
        .status(503)
        .set('retry-after', '5')
        .json({ error: "the visit's billing workflow did not answer; nothing was sent, try again" });
    return undefined;
  }
}
