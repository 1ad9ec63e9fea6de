/**
 * Incision and drainage of an abscess: 10060 simple or single, 10061 complicated or multiple — several
 * abscesses in one session are one 10061, not 10060 × N; 10040 acne surgery [wimib-10060]. A
 * drainage repeated later the same day, or in another encounter, is coded on its own.
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { Routing } from '../draft';
import type { ProcedureFamily } from './family';

interface Abscesses {
  routing: Routing;
  count: number;
  complicated: boolean;
  lesionIds: string[];
  procIdx: number[];
  order: number;
}

/** The abscesses drained in one session (encounter and practitioner), by routing. */
const abscesses = (ctx: CodingContext) => ctx.stateOf(drainage, () => new Map<string, Abscesses>());

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const routing = ctx.route(pi, p.lesionIds, []);
  if (p.kind === 'acne_surgery') {
    ctx.add('10040', 1, [...p.lesionIds], [pi], routing, pi * 100);
    return;
  }
  const byRouting = abscesses(ctx);
  const key = `${routing}|${ctx.sessionKey(pi)}`;
  const cur = byRouting.get(key) ?? {
    routing,
    count: 0,
    complicated: false,
    lesionIds: [],
    procIdx: [],
    order: pi * 100,
  };
  cur.count += Math.max(1, ctx.countOf(p));
  cur.complicated ||= p.kind === 'incision_drainage_complicated';
  cur.lesionIds.push(...p.lesionIds);
  cur.procIdx.push(pi);
  byRouting.set(key, cur);
}

function complete(ctx: CodingContext): void {
  for (const a of abscesses(ctx).values()) {
    const multiple = a.count > 1;
    if (multiple && !a.complicated)
      ctx.find(
        'ID-MULTIPLE',
        'info',
        `Incision and drainage of ${a.count} abscesses is one 10061 (complicated or multiple), not 10060 × ${a.count} [wimib-10060].`,
        a.procIdx.map((i) => `procedures[${i}]`),
      );
    ctx.add(a.complicated || multiple ? '10061' : '10060', 1, a.lesionIds, a.procIdx, a.routing, a.order);
  }
}

export const drainage: ProcedureFamily = {
  name: 'incision and drainage, acne surgery',
  kinds: ['incision_drainage_simple', 'incision_drainage_complicated', 'acne_surgery'],
  requires: {},
  routing: 'covered',
  labels: [
    [/^10040$/, 'Acne surgery'],
    [/^10060$/, 'Abscess drainage, simple'],
    [/^10061$/, 'Abscess drainage, complicated'],
  ],
  draft,
  complete,
};
