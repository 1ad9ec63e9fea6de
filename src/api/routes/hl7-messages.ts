import express, { Router, type Request, type Response } from 'express';
import { authenticateDelivery } from '../../ehr/http-delivery';
import { receiveHl7Message } from '../../ehr/hl7/receive-message';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { JSON_BODY_LIMIT } from '../json-body';

export const HL7_MESSAGE_PATH = '/v1/webhooks/hl7/:connectionId';
export const HL7_MEDIA_TYPE = 'x-application/hl7-v2+er7';

/** ACK code → HTTP status (503 when dermclaims could not process it now): the ACK is the body whatever it says. */
const STATUS = { AA: 200, AE: 422, AR: 400 } as const;

/**
 * HL7 v2 over HTTP (the same messages as the MLLP listener), signed per connection like the FHIR
 * notifications. The answer is the ACK in ER7.
 */
export function hl7MessageRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    HL7_MESSAGE_PATH,
    express.raw({ type: () => true, limit: JSON_BODY_LIMIT }),
    route((req, res) => receiveMessage(deps, req, res)),
  );
  return router;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

async function receiveMessage(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const auth = authenticateDelivery(deps.ehr?.connections, req, deps.clock(), deps.webhook.toleranceSeconds);
  if (!auth.ok) {
    res.status(401).json({ error: 'invalid signature', reason: auth.reason });
    return;
  }
  let text: string;
  try {
    text = strictUtf8.decode(auth.body);
  } catch {
    res
      .status(400)
      .json({ error: 'body is not valid UTF-8', problems: [{ path: '(body)', message: 'not UTF-8' }] });
    return;
  }
  const connection = auth.connection;
  const reply = await receiveHl7Message(deps, text, () => connection);
  if (reply.retryable) res.status(503).set('retry-after', '5');
  else res.status(STATUS[reply.code]);
  res.type(HL7_MEDIA_TYPE).send(reply.ack.toString());
}
