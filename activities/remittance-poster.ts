import type { RemittancePoster } from '../src/posting/late-remittance';
import type { ActivityDependencies } from './dependencies';
import { createPostingActivities } from './posting';

/**
 * The workflow's postRemittance outside a worker (the API's staff match of an unmatched payment).
 * It reads only the database and the clock, so the API does not need a clearinghouse to post;
 * once posting lives in src/posting/ the API can call it directly.
 */
export function remittancePoster(deps: Pick<ActivityDependencies, 'db' | 'clock'>): RemittancePoster {
  return createPostingActivities(deps as ActivityDependencies).postRemittance;
}
