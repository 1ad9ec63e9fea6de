/**
 * Incision and drainage of an abscess: 10060 simple or single, 10061 complicated or multiple;
 * 10040 acne surgery [wimib-10060].
 */
import type { Procedure, ProcedureKind } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

const CODE: Partial<Record<ProcedureKind, string>> = {
  acne_surgery: '10040',
  incision_drainage_simple: '10060',
  incision_drainage_complicated: '10061',
};

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  ctx.add(CODE[p.kind]!, 1, [...p.lesionIds], [pi], ctx.route(pi, p.lesionIds, []), pi * 100);
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
};
