/**
 * Phototherapy: 96900 UV without photosensitizer [mc-96900], 96910 tar/petrolatum + UVB (Goeckerman)
 * [ca-96910], 96912 PUVA (⚠ check against the CPT file [cms1500-photo]), excimer laser 96920–96922 by
 * treated area. Payers want a listed diagnosis and failed conservative therapy; prior authorisation
 * is possible and courses are capped [bcbsnd, highmark, fl-mp009].
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

export const PHOTOTHERAPY_CODES = { uvb: '96900', goeckerman: '96910', puva: '96912' } as const;

/** Excimer laser by treated area: < 250, 250–500, > 500 sq cm. */
export function excimerCode(areaSqCm: number): string {
  if (areaSqCm < 250) return '96920';
  if (areaSqCm <= 500) return '96921';
  return '96922';
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.phototherapyType)
    issue(`${at}.phototherapyType`, 'phototherapy needs its type (uvb, goeckerman, puva, excimer)');
  else if (
    p.phototherapyType === 'excimer' &&
    !(typeof p.excimerAreaSqCm === 'number' && Number.isFinite(p.excimerAreaSqCm) && p.excimerAreaSqCm > 0)
  )
    issue(`${at}.excimerAreaSqCm`, 'excimer laser is coded by treated area (sq cm), which is missing');
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const at = `procedures[${pi}]`;
  const type = p.phototherapyType!;
  const code = type === 'excimer' ? excimerCode(p.excimerAreaSqCm!) : PHOTOTHERAPY_CODES[type];
  const d = ctx.add(code, 1, [...p.lesionIds], [pi], ctx.route(pi, p.lesionIds, []), pi * 100);
  if (!d.dx.some((c) => ctx.icdEntry.get(c)?.phototherapy))
    ctx.find(
      'PHOTOTHERAPY-DX',
      'warning',
      `Phototherapy ${code} is linked to no listed diagnosis (psoriasis, atopic dermatitis, vitiligo, mycosis fungoides…); payers also want failed conservative therapy [bcbsnd, highmark].`,
      [`${at}.kind`],
    );
  ctx.find(
    'PHOTOTHERAPY-PA',
    'info',
    'Phototherapy may need prior authorisation; payers cap courses (e.g. ≤20% BSA, ≤10 sessions) [bcbsnd, highmark, fl-mp009].',
    [`${at}`],
  );
}

export const phototherapy: ProcedureFamily = {
  name: 'phototherapy',
  kinds: ['phototherapy'],
  requires: { check },
  routing: 'covered',
  labels: [
    [/^96900$/, 'UV light therapy'],
    [/^96910$/, 'Tar plus UVB therapy'],
    [/^96912$/, 'Psoralen plus UVA therapy'],
    [/^9692[0-2]$/, 'Excimer laser therapy, area tier'],
  ],
  draft,
};
