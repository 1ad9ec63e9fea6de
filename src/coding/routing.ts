/**
 * Routing of a procedure before the claim edits: cosmetic intent → self-pay; benign-lesion removals
 * judged for medical necessity → claim, claim with an expected-denial ABN modifier, GY, or self-pay.
 * Decided before NCCI so that self-pay services never bundle with (or add modifiers to) covered ones.
 */
import { ProcedureSymptomSchema, type ProcedureSymptom } from '../visit/schema';
import type { CodingContext } from './context';
import type { Routing } from './draft';

/** Documented findings that establish necessity; a patient-reported irritation alone does not [aapc-forum]. */
const SUPPORTING_SYMPTOMS = new Set<ProcedureSymptom>(
  ProcedureSymptomSchema.options.filter((s) => s !== 'irritation_reported'),
);

export function decideRouting(ctx: CodingContext, pi: number, lesionIds: string[], dx: string[]): Routing {
  const p = ctx.procedures[pi]!;
  const at = `procedures[${pi}]`;
  const family = ctx.familyOf(p.kind);
  if (p.cosmetic || family.routing === 'cosmetic') {
    ctx.find(
      'COSMETIC-SELF-PAY',
      'info',
      `${p.kind} is cosmetic; it is billed to the patient (self-pay ledger), never on an 837 [aad-abn, bonfire-botox].`,
      [p.cosmetic ? `${at}.cosmetic` : `${at}.kind`],
    );
    return 'self_pay';
  }
  if (family.routing === 'covered') return 'claim';
  const cosmeticLesion = lesionIds.find((id) => ctx.lesion(id).lesion.cosmetic);
  if (cosmeticLesion !== undefined) {
    ctx.find(
      'COSMETIC-LESION',
      'info',
      `Lesion ${cosmeticLesion} is removed for appearance only: ${p.kind} of it is billed to the patient (self-pay), never on an 837 [aad-abn, cms-l35498].`,
      [`lesions[${ctx.lesion(cosmeticLesion).index}].cosmetic`],
    );
    return 'self_pay';
  }
  if (necessitySupported(ctx, pi, lesionIds, dx)) return 'claim';
  const entries = dx.map((c) => ctx.icdEntry.get(c));
  const dxPaths = ctx.visit.diagnoses.flatMap((_, i) =>
    dx.includes(ctx.dxCodes[i]!) ? [`diagnoses[${i}].code`] : [],
  );
  if (entries.length > 0 && entries.every((e) => e?.necessity === 'cosmetic'))
    return cosmeticReading(ctx, pi, dx, dxPaths);
  if (family.routing === 'excision') return 'claim';
  const onlyReported = (p.symptoms ?? []).includes('irritation_reported');
  ctx.find(
    'NECESSITY-UNSUPPORTED',
    'warning',
    `${p.kind}: no supporting diagnosis (e.g. L82.0, warts, suspicion of malignancy) or documented bleeding/inflammation/pain/itching${onlyReported ? '; patient-reported irritation alone does not establish necessity' : ''} [aapc-forum, bcbsms].`,
    [`${at}.symptoms`, ...dxPaths],
  );
  return 'doubt';
}

/**
 * A supporting symptom, findings on every lesion, a malignant/premalignant report, or a diagnosis
 * that supports removal.
 */
function necessitySupported(ctx: CodingContext, pi: number, lesionIds: string[], dx: string[]): boolean {
  const p = ctx.procedures[pi]!;
  if ((p.symptoms ?? []).some((s) => SUPPORTING_SYMPTOMS.has(s))) return true;
  // Findings documented on the lesion itself (schema v2) [cms-l35498, bcbsms].
  if (
    lesionIds.length > 0 &&
    lesionIds.every((id) => (ctx.lesion(id).lesion.medicalNecessity ?? []).length > 0)
  )
    return true;
  const malignantPathology = lesionIds.some((id) => {
    const r = ctx.lesion(id).lesion.pathology;
    return r?.status === 'final' && (r.result === 'malignant' || r.result === 'premalignant');
  });
  if (malignantPathology) return true;
  return dx.some((c) => {
    const e = ctx.icdEntry.get(c);
    return e && (e.necessity === 'supports' || e.category === 'malignant' || e.category === 'premalignant');
  });
}

/** Only cosmetic-reading diagnoses: self-pay, or GY when a Medicare patient asks for the denial. */
function cosmeticReading(ctx: CodingContext, pi: number, dx: string[], dxPaths: string[]): Routing {
  const p = ctx.procedures[pi]!;
  const at = `procedures[${pi}]`;
  if (ctx.abnModifiersApply && p.payerDenialRequested) {
    ctx.find(
      'ABN-GY',
      'info',
      `${p.kind} reads cosmetic (${dx.join(', ')}), a statutory exclusion; sent to Medicare with GY for a denial at the patient's request [rcmguide].`,
      [`${at}.payerDenialRequested`, ...dxPaths],
    );
    return 'gy';
  }
  ctx.find(
    'NECESSITY-COSMETIC',
    'warning',
    `${p.kind} with only ${dx.join(', ')} reads cosmetic (e.g. L82.1 vs L82.0 inflamed) and no bleeding, inflammation, pain or itching is documented; routed to self-pay [auctus-benign, bcbsms].`,
    [`${at}.kind`, ...dxPaths],
  );
  return 'self_pay';
}
