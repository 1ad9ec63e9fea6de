/**
 * Photodynamic therapy of premalignant lesions, per day [cpt-pdt]: 96567 when staff apply the
 * photosensitiser and illuminate; 96573 when the physician (or other QHP) applies it; 96574 with
 * debridement of premalignant hyperkeratotic lesions. The drug (e.g. aminolevulinic acid J7308,
 * J7345) is billed separately as a drug line.
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

const CODE = { staff: '96567', physician: '96573', physician_with_debridement: '96574' } as const;

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.photodynamicApplication)
    issue(
      `${at}.photodynamicApplication`,
      'photodynamic therapy is coded by who applied the photosensitiser (staff, physician, physician_with_debridement)',
    );
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const routing = ctx.route(pi, p.lesionIds, []);
  ctx.add(CODE[p.photodynamicApplication!], 1, [...p.lesionIds], [pi], routing, pi * 100);
}

export const photodynamicTherapy: ProcedureFamily = {
  name: 'photodynamic therapy',
  kinds: ['photodynamic_therapy'],
  requires: { check },
  routing: 'covered',
  labels: [
    [/^96567$/, 'Photodynamic therapy, staff-applied, per day'],
    [/^96573$/, 'Photodynamic therapy, physician-applied, per day'],
    [/^96574$/, 'Photodynamic therapy with debridement, per day'],
    [/^J7308$/, 'Aminolevulinic acid, topical, per unit'],
    [/^J7345$/, 'Aminolevulinic acid gel, per 10 mg'],
  ],
  draft,
};
