import type { Response } from 'express';
import type { EhrPathologyOutcome, EhrVisitOutcome } from '../../ehr/intake';

/** HTTP answers to an EHR's JSON deliveries (FHIR notifications). */
export function answerVisit(res: Response, outcome: EhrVisitOutcome): void {
  switch (outcome.kind) {
    case 'accepted': {
      const { kind: _kind, ...accepted } = outcome;
      res.status(202).json(accepted);
      return;
    }
    case 'unmappable':
      res
        .status(422)
        .json({ error: 'the visit cannot be mapped; nothing stored', problems: outcome.problems });
      return;
    case 'conflict':
      res.status(409).json({ error: 'event id already used', reason: outcome.reason });
      return;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

export function answerPathology(res: Response, outcome: EhrPathologyOutcome): void {
  switch (outcome.kind) {
    case 'signalled':
    case 'duplicate':
      res.status(202).json({ pathology: outcome.kind === 'signalled' ? 'delivered' : 'already delivered' });
      return;
    case 'conflict':
      res.status(409).json({ error: 'event id already used', reason: outcome.reason });
      return;
    case 'refused':
      res
        .status(422)
        .json({ error: 'the pathology result cannot be applied; nothing stored', reason: outcome.reason });
      return;
    case 'unavailable':
      res
        .status(503)
        .set('retry-after', '5')
        .json({ error: `${outcome.reason}; nothing stored, try again` });
      return;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}
