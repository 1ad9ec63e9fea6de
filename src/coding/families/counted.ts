/**
 * Families coded by a lesion count summed over the visit's procedures of the same kind and routing
 * (destructions, skin tags, intralesional injections): one bucket per routing and session (encounter,
 * practitioner), coded at the end.
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { Routing } from '../draft';
import type { ProcedureFamily } from './family';

interface Bucket {
  routing: Routing;
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
  const buckets = (ctx: CodingContext) => ctx.stateOf(spec, () => new Map<string, Bucket>());
  return {
    ...spec,
    requires: { lesions: 'itemised_or_count' },
    draft(p: Procedure, pi: number, ctx: CodingContext) {
      const byRouting = buckets(ctx);
      const session = ctx.sessionKey(pi);
      const put = (routing: Routing, count: number, lesionIds: string[]) => {
        const key = `${routing}|${session}`;
        const bucket = byRouting.get(key) ?? {
          routing,
          count: 0,
          lesionIds: [],
          procIdx: [],
          order: pi * 100,
        };
        bucket.count += count;
        bucket.lesionIds.push(...lesionIds);
        if (!bucket.procIdx.includes(pi)) bucket.procIdx.push(pi);
        byRouting.set(key, bucket);
      };
      if (!judgedPerLesion(p, ctx)) {
        put(ctx.route(pi, p.lesionIds, ctx.dxFor(p.lesionIds, [pi])), ctx.countOf(p), p.lesionIds);
        return;
      }
      // Necessity documented per lesion (schema v2): each lesion is covered or cosmetic on its own.
      for (const id of p.lesionIds) put(ctx.route(pi, [id], ctx.dxFor([id], [pi])), 1, [id]);
      const rest = ctx.countOf(p) - p.lesionIds.length;
      if (rest > 0) put(ctx.route(pi, [], ctx.dxFor([], [pi])), rest, []);
    },
    complete(ctx: CodingContext) {
      for (const b of buckets(ctx).values())
        spec
          .units(b.count)
          .forEach((u, k) => ctx.add(u.code, u.units, b.lesionIds, b.procIdx, b.routing, b.order + k));
    },
  };
}

/** Some lesion of the procedure carries its own necessity facts or cosmetic intent. */
function judgedPerLesion(p: Procedure, ctx: CodingContext): boolean {
  return p.lesionIds.some((id) => {
    const { lesion } = ctx.lesion(id);
    return lesion.medicalNecessity !== undefined || lesion.cosmetic !== undefined;
  });
}
