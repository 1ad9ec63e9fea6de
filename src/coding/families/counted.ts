/**
 * Families coded by a lesion count summed over the visit's procedures of the same kind and routing
 * (destructions, skin tags, intralesional injections): one bucket per routing, coded at the end.
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { Routing } from '../draft';
import type { ProcedureFamily } from './family';

interface Bucket {
  count: number;
  lesionIds: string[];
  procIdx: number[];
  order: number;
}

export type CountedFamily = Omit<ProcedureFamily, 'draft' | 'complete' | 'requires'> & {
  /** Codes and units for the visit's total count. */
  units(count: number): Array<{ code: string; units: number }>;
};

/** A family whose codes depend on how many lesions were treated in the visit. */
export function countedFamily(spec: CountedFamily): ProcedureFamily {
  const buckets = (ctx: CodingContext) => ctx.stateOf(spec, () => new Map<Routing, Bucket>());
  return {
    ...spec,
    requires: { lesions: 'itemised_or_count' },
    draft(p: Procedure, pi: number, ctx: CodingContext) {
      const routing = ctx.route(pi, p.lesionIds, ctx.dxFor(p.lesionIds, [pi]));
      const byRouting = buckets(ctx);
      const bucket = byRouting.get(routing) ?? { count: 0, lesionIds: [], procIdx: [], order: pi * 100 };
      bucket.count += ctx.countOf(p);
      bucket.lesionIds.push(...p.lesionIds);
      bucket.procIdx.push(pi);
      byRouting.set(routing, bucket);
    },
    complete(ctx: CodingContext) {
      for (const [routing, b] of buckets(ctx))
        spec
          .units(b.count)
          .forEach((u, k) => ctx.add(u.code, u.units, b.lesionIds, b.procIdx, routing, b.order + k));
    },
  };
}
