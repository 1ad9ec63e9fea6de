/**
 * Excision of skin and subcutaneous tissue for hidradenitis, by site and closure: axillary 11450
 * (simple or intermediate repair) / 11451 (complex repair); inguinal 11462 / 11463; perianal,
 * perineal or umbilical 11470 / 11471 [cpt-hidradenitis]. The repair is included in the code.
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { LesionLookup, ProcedureFamily, ValidationIssueSink } from './family';

const CODES: Partial<Record<AnatomicRegion, [string, string]>> = {
  axilla: ['11450', '11451'],
  groin: ['11462', '11463'],
  perianal: ['11470', '11471'],
};

function check(p: Procedure, at: string, issue: ValidationIssueSink, lesion: LesionLookup): void {
  if (!p.hidradenitisRepair)
    issue(
      `${at}.hidradenitisRepair`,
      'hidradenitis excision is coded by its closure (simple_or_intermediate, complex)',
    );
  for (const id of p.lesionIds ?? []) {
    const found = lesion(id);
    if (found && !CODES[found.lesion.site.region])
      issue(
        `lesions[${found.index}].site.region`,
        `hidradenitis excision codes exist for axilla, groin (inguinal) and perianal sites, not "${found.lesion.site.region}"`,
      );
  }
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const routing = ctx.route(pi, p.lesionIds, []);
  for (const id of p.lesionIds) {
    const [simple, complex] = CODES[ctx.lesion(id).lesion.site.region]!;
    ctx.add(p.hidradenitisRepair === 'complex' ? complex : simple, 1, [id], [pi], routing, pi * 100);
  }
}

export const hidradenitisExcision: ProcedureFamily = {
  name: 'hidradenitis excision',
  kinds: ['hidradenitis_excision'],
  requires: { lesions: 'itemised', check },
  routing: 'covered',
  includesClosure: 'all',
  labels: [
    [/^1145[01]$/, 'Hidradenitis excision, axillary'],
    [/^1146[23]$/, 'Hidradenitis excision, inguinal'],
    [/^1147[01]$/, 'Hidradenitis excision, perianal/perineal/umbilical'],
  ],
  draft,
};
