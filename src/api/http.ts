import type { NextFunction, Request, Response } from 'express';
import { secretsEqual } from '../security/constant-time';
import type { ApiDependencies } from './dependencies';

type Handler = (req: Request, res: Response) => Promise<void>;

/** An async handler whose rejection reaches the error middleware instead of hanging the request. */
export const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) =>
  handler(req, res).catch(next);

/** Staff endpoints: the bearer token of the billing office. */
export function requireStaff(deps: Pick<ApiDependencies, 'staffToken'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!secretsEqual(req.get('authorization') ?? '', `Bearer ${deps.staffToken}`)) {
      res.status(401).json({ error: 'staff endpoints need "Authorization: Bearer <STAFF_API_TOKEN>"' });
      return;
    }
    next();
  };
}
