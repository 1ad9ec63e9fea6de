/**
 * Destruction of cutaneous vascular proliferative lesions (laser): 17106 under 10 sq cm, 17107 for
 * 10.0–50.0 sq cm, 17108 over 50.0 sq cm of treated area [cpt-vascular]. Judged for medical
 * necessity like other benign removals: telangiectasia (I78.1) reads cosmetic [auctus-benign].
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

export function vascularDestructionCode(areaSqCm: number): string {
  if (areaSqCm < 10) return '17106';
  if (areaSqCm <= 50) return '17107';
  return '17108';
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (p.treatedAreaSqCm === undefined)
    issue(
      `${at}.treatedAreaSqCm`,
      'vascular lesion destruction is coded by treated area (sq cm), which is missing',
    );
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const routing = ctx.route(pi, p.lesionIds, ctx.dxFor(p.lesionIds, [pi]));
  ctx.add(vascularDestructionCode(p.treatedAreaSqCm!), 1, [...p.lesionIds], [pi], routing, pi * 100);
}

export const vascularDestruction: ProcedureFamily = {
  name: 'vascular lesion destruction',
  kinds: ['destruction_vascular'],
  requires: { check },
  routing: 'benign_removal',
  labels: [[/^1710[6-8]$/, 'Vascular lesion destruction, area tier']],
  draft,
};
