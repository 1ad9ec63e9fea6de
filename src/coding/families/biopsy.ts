/**
 * Skin biopsies 11102–11107 [aad-bx3]: one primary code per encounter (session) by the hierarchy
 * incisional > punch > tangential; every other biopsy uses the add-on of its own technique
 * (1 punch + 2 tangential = 11104 + 11103×2). A biopsy of a lesion removed or destroyed the same day
 * is included in the removal [derm-ncci]; a diagnostic biopsy (and its frozen section, 88331) of a
 * tumour treated by same-day Mohs is separately reportable with a distinct-service modifier
 * [aapc-path, ellzey-88331]. The 1110x codes are for skin: a biopsy of the lip vermilion is 40490
 * [aad-bx2], one of the nail unit 11755 [cpt-nail], of the external ear 69100 [aapc-ear] and of an
 * eyelid lesion involving the lid margin 67810 [aad-location], each outside the hierarchy.
 */
import type { AnatomicRegion, Lesion, Procedure, ProcedureKind } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

export type BiopsyTechnique = 'incisional' | 'punch' | 'tangential';
/** Hierarchy incisional > punch > tangential [aad-bx3]. */
export const BIOPSY_HIERARCHY: BiopsyTechnique[] = ['incisional', 'punch', 'tangential'];
export const BIOPSY_CODES: Record<BiopsyTechnique, { primary: string; addOn: string }> = {
  incisional: { primary: '11106', addOn: '11107' },
  punch: { primary: '11104', addOn: '11105' },
  tangential: { primary: '11102', addOn: '11103' },
};
/**
 * Sites with their own biopsy code, outside the 1110x hierarchy: lip vermilion 40490 [aad-bx2],
 * nail unit 11755 [cpt-nail], external ear (helix included) 69100 [aapc-ear].
 */
const SITE_SPECIFIC: Partial<Record<AnatomicRegion, string>> = {
  lip_vermilion: '40490',
  nail_unit: '11755',
  ear: '69100',
};

/** The site's own biopsy code: an eyelid lesion involving the lid margin is 67810 [aad-location]. */
function siteSpecificCode(lesion: Lesion): string | undefined {
  if (lesion.site.region === 'eyelid' && lesion.lidMargin) return '67810';
  return SITE_SPECIFIC[lesion.site.region];
}

const TECHNIQUE: Partial<Record<ProcedureKind, BiopsyTechnique>> = {
  biopsy_tangential: 'tangential',
  biopsy_punch: 'punch',
  biopsy_incisional: 'incisional',
};

export interface BiopsyUnit {
  technique: BiopsyTechnique;
  code: string;
  units: number;
  primary: boolean;
}

/** One primary (highest technique present), add-ons of their own technique for every other biopsy. */
export function biopsyUnits(counts: Record<BiopsyTechnique, number>): BiopsyUnit[] {
  const out: BiopsyUnit[] = [];
  const primary = BIOPSY_HIERARCHY.find((t) => counts[t] > 0);
  if (!primary) return out;
  for (const t of BIOPSY_HIERARCHY) {
    const n = counts[t];
    if (n <= 0) continue;
    if (t === primary) {
      out.push({ technique: t, code: BIOPSY_CODES[t].primary, units: 1, primary: true });
      if (n > 1) out.push({ technique: t, code: BIOPSY_CODES[t].addOn, units: n - 1, primary: false });
    } else {
      out.push({ technique: t, code: BIOPSY_CODES[t].addOn, units: n, primary: false });
    }
  }
  return out;
}

interface BiopsiesOfSession {
  byTechnique: Record<BiopsyTechnique, Array<{ id: string; pi: number; diagnostic: boolean }>>;
  order: number;
}

/** The biopsies of one session (encounter, practitioner): each session has its own primary code. */
function state(ctx: CodingContext, pi: number): BiopsiesOfSession {
  const sessions = ctx.stateOf(biopsy, () => new Map<string, BiopsiesOfSession>());
  const key = ctx.sessionKey(pi);
  let session = sessions.get(key);
  if (!session) {
    session = { byTechnique: { incisional: [], punch: [], tangential: [] }, order: Infinity };
    sessions.set(key, session);
  }
  return session;
}

/** Whether lesion `id` is billed by this biopsy (false: included in a same-day removal). */
function separatelyBilled(ctx: CodingContext, at: string, id: string, j: number): boolean {
  if (ctx.mohsLesion.has(id)) {
    ctx.find(
      'MOHS-DIAGNOSTIC-BIOPSY',
      'info',
      `Biopsy of lesion ${id} before same-day Mohs is separately reportable as diagnostic, with a distinct-service modifier [aapc-path, ellzey-88331].`,
      [`${at}.lesionIds[${j}]`, `procedures[${ctx.mohsLesion.get(id)}]`],
    );
    return true;
  }
  const ri = ctx.removalLesion.get(id);
  if (ri === undefined) return true;
  ctx.find(
    'BIOPSY-SAME-LESION',
    'info',
    `Biopsy of lesion ${id} is included in the ${ctx.procedures[ri]!.kind} of the same lesion; only the removal is billed [derm-ncci].`,
    [`${at}.lesionIds[${j}]`, `procedures[${ri}]`],
  );
  return false;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const technique = TECHNIQUE[p.kind]!;
  const at = `procedures[${pi}]`;
  const order = pi * 100;
  const routing = ctx.route(pi, p.lesionIds, ctx.dxFor(p.lesionIds, [pi]));
  const visitBiopsies = state(ctx, pi);
  p.lesionIds.forEach((id, j) => {
    if (!separatelyBilled(ctx, at, id, j)) return;
    const siteCode = siteSpecificCode(ctx.lesion(id).lesion);
    if (siteCode) {
      ctx.find(
        'BIOPSY-SITE',
        'info',
        `Lesion ${id} is at a site with its own biopsy code: ${siteCode}, not 1110x [aad-bx2, aapc-ear, aad-location].`,
        [`${at}.lesionIds[${j}]`],
      );
      ctx.add(siteCode, 1, [id], [pi], routing, order + 10);
      return;
    }
    if (routing !== 'claim') {
      ctx.add(BIOPSY_CODES[technique].primary, 1, [id], [pi], routing, order);
      return;
    }
    visitBiopsies.byTechnique[technique].push({ id, pi, diagnostic: ctx.mohsLesion.has(id) });
    visitBiopsies.order = Math.min(visitBiopsies.order, order);
  });
  if (p.frozenSection) {
    const diagnostic = p.lesionIds.some((id) => ctx.mohsLesion.has(id));
    const d = ctx.add('88331', 1, [...p.lesionIds], [pi], routing, order + 50, 'pathology');
    if (diagnostic) d.modifiers.push(ctx.sameLesionModifier);
  }
}

function complete(ctx: CodingContext): void {
  for (const session of ctx.stateOf(biopsy, () => new Map<string, BiopsiesOfSession>()).values())
    completeSession(ctx, session);
}

function completeSession(ctx: CodingContext, { byTechnique, order }: BiopsiesOfSession): void {
  if (!Number.isFinite(order)) return;
  const counts = {
    incisional: byTechnique.incisional.length,
    punch: byTechnique.punch.length,
    tangential: byTechnique.tangential.length,
  };
  const units = biopsyUnits(counts);
  units.forEach((u, k) => {
    const list = byTechnique[u.technique];
    const hasPrimaryLine = units.some((x) => x.technique === u.technique && x.primary);
    const members = u.primary ? list.slice(0, 1) : hasPrimaryLine ? list.slice(1) : list;
    ctx.add(
      u.code,
      u.units,
      members.map((m) => m.id),
      [...new Set(members.map((m) => m.pi))],
      'claim',
      order + k,
      'procedure',
      { diagnosticBeforeMohs: members.some((m) => m.diagnostic) },
    );
  });
  const primary = BIOPSY_HIERARCHY.find((t) => counts[t] > 0)!;
  if (BIOPSY_HIERARCHY.filter((t) => counts[t] > 0).length > 1)
    ctx.find(
      'BIOPSY-HIERARCHY',
      'info',
      `Several biopsy techniques: ${primary} is the primary (incisional > punch > tangential); the others use the add-on of their own technique [aad-bx3].`,
      byTechnique[primary].slice(0, 1).map((m) => `procedures[${m.pi}]`),
    );
}

export const biopsy: ProcedureFamily = {
  name: 'skin biopsy',
  kinds: ['biopsy_tangential', 'biopsy_punch', 'biopsy_incisional'],
  requires: { lesions: 'itemised' },
  routing: 'covered',
  // Punch and incisional biopsies include simple closure [bonfire-bx].
  includesClosure: 'simple',
  labels: [
    [/^11102$/, 'Skin biopsy, tangential, first'],
    [/^11103$/, 'Skin biopsy, tangential, each extra'],
    [/^11104$/, 'Skin biopsy, punch, first'],
    [/^11105$/, 'Skin biopsy, punch, each extra'],
    [/^11106$/, 'Skin biopsy, incisional, first'],
    [/^11107$/, 'Skin biopsy, incisional, each extra'],
    [/^40490$/, 'Lip vermilion biopsy'],
    [/^69100$/, 'External ear biopsy'],
    [/^67810$/, 'Eyelid biopsy including lid margin'],
  ],
  draft,
  complete,
};
