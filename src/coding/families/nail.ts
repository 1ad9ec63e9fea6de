/**
 * Nail procedures [cpt-nail]: debridement 11720 (1–5 nails) / 11721 (6 or more), one unit; avulsion
 * 11730 for the first nail and +11732 for each additional; per nail: evacuation of subungual
 * hematoma 11740, excision of nail and matrix 11750, biopsy of the nail unit 11755, nail bed repair
 * 11760, nail bed reconstruction 11762, wedge excision of the nail fold 11765.
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

type NailProcedure = NonNullable<Procedure['nailProcedure']>;

const PER_NAIL: Record<Exclude<NailProcedure, 'debridement' | 'avulsion'>, string> = {
  hematoma_evacuation: '11740',
  excision: '11750',
  biopsy: '11755',
  nail_bed_repair: '11760',
  reconstruction: '11762',
  wedge_excision: '11765',
};

export function nailUnits(procedure: NailProcedure, nails: number): Array<{ code: string; units: number }> {
  switch (procedure) {
    case 'debridement':
      return [{ code: nails >= 6 ? '11721' : '11720', units: 1 }];
    case 'avulsion':
      return nails > 1
        ? [
            { code: '11730', units: 1 },
            { code: '11732', units: nails - 1 },
          ]
        : [{ code: '11730', units: 1 }];
    default:
      return [{ code: PER_NAIL[procedure], units: nails }];
  }
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.nailProcedure)
    issue(`${at}.nailProcedure`, 'a nail procedure needs its type (debridement, avulsion, …)');
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const nails = p.nailCount ?? Math.max(1, ctx.countOf(p));
  const routing = ctx.route(pi, p.lesionIds, []);
  nailUnits(p.nailProcedure!, nails).forEach((u, k) =>
    ctx.add(u.code, u.units, [...p.lesionIds], [pi], routing, pi * 100 + k),
  );
}

export const nail: ProcedureFamily = {
  name: 'nail procedures',
  kinds: ['nail_procedure'],
  requires: { check },
  routing: 'covered',
  labels: [
    [/^1172[01]$/, 'Nail debridement, count tier'],
    [/^11730$/, 'Nail avulsion, first'],
    [/^11732$/, 'Nail avulsion, each extra'],
    [/^11740$/, 'Subungual hematoma evacuation'],
    [/^11750$/, 'Nail and matrix excision'],
    [/^11755$/, 'Nail unit biopsy'],
    [/^1176[02]$/, 'Nail bed repair or reconstruction'],
    [/^11765$/, 'Nail fold wedge excision'],
  ],
  draft,
};
