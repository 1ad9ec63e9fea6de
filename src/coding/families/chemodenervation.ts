/**
 * Medical chemodenervation: 64650 (sweat glands, both axillae, e.g. axillary hyperhidrosis) or 64612
 * (facial-nerve muscles), plus the toxin J0585 per unit as a drug line [bonfire-botox, derm-2006].
 */
import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const linkedDx = ctx.dxFor(p.lesionIds, [pi]);
  const target = p.toxinTarget ?? (linkedDx.some((c) => c.startsWith('L74.51')) ? 'axillae' : undefined);
  if (!target) {
    ctx.find(
      'TOXIN-TARGET',
      'error',
      'Medical chemodenervation needs its target (axillae → 64650, facial-nerve muscles → 64612); not documented.',
      [`procedures[${pi}].toxinTarget`],
    );
    return;
  }
  const code = target === 'axillae' ? '64650' : '64612';
  ctx.add(code, 1, [], [pi], ctx.route(pi, [], linkedDx), pi * 100);
}

export const chemodenervation: ProcedureFamily = {
  name: 'medical chemodenervation',
  kinds: ['medical_toxin'],
  requires: {},
  routing: 'covered',
  labels: [
    [/^64650$/, 'Sweat gland chemodenervation, both axillae'],
    [/^64612$/, 'Facial-nerve muscle chemodenervation'],
  ],
  draft,
};
