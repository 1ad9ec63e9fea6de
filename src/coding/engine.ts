/**
 * The dermatology coding engine: visit-completed event → claim lines, self-pay lines, findings.
 * Pure and synchronous (called from a Temporal activity, the HTTP preview and the CLI).
 *
 * A short pipeline (domain brief §9.1): validation (what each family requires) → context (ICD
 * leaf/date, diagnosis links, Mohs tumours, pathology holds, same-lesion removals) → procedure
 * families (src/coding/families, routing cosmetic and benign-removal services first so self-pay
 * services never bundle with covered ones) → claim edits in order (src/coding/edits: NCCI PTP, MUE,
 * E/M + 25, ABN, modifier order) → diagnosis pointers → pathology hold → confidence.
 */
import type { VisitCompletedEvent } from '../visit/schema';
import { buildClaimLines } from './claim-lines';
import { confidenceOf } from './confidence';
import { CodingContext } from './context';
import { DraftClaim, mergeDrafts } from './draft';
import { draftDrugs } from './drugs';
import { CLAIM_EDITS } from './edits';
import { COMPLETING_FAMILIES, familyOf } from './families/registry';
import type { CodingOptions } from './options';
import { compareProvider } from './provider-differences';
import type { CodingResult, PathologyHold } from './types';
import { CodingValidationError, validateVisitForCoding } from './validate';

export type { CodingOptions, FeeSchedule } from './options';

export function codeVisitEngine(visit: VisitCompletedEvent, options: CodingOptions): CodingResult {
  const issues = validateVisitForCoding(visit);
  if (issues.length > 0) throw new CodingValidationError(issues);
  const ctx = new CodingContext(visit, options, familyOf);
  draftProcedures(ctx);
  const claim = new DraftClaim(mergeDrafts(ctx.drafts));
  for (const edit of CLAIM_EDITS) edit.apply(claim, ctx);
  const { diagnosisCodes, lines, selfPayLines } = buildClaimLines(claim, ctx);
  const pathologyHold = holdOf(ctx);
  const providerDifferences = compareProvider(visit, [...lines, ...selfPayLines]);
  return {
    diagnosisCodes,
    lines,
    selfPayLines,
    findings: ctx.findings,
    pathologyHold,
    confidence: confidenceOf(ctx.findings, pathologyHold, providerDifferences),
    providerDifferences,
  };
}

/** Each procedure by its family, in document order; then the families that code procedures together. */
function draftProcedures(ctx: CodingContext): void {
  ctx.procedures.forEach((p, pi) => {
    const family = familyOf(p.kind);
    family.draft(p, pi, ctx);
    if (p.drugs.length === 0 || family.billsDrugs === false) return;
    // Buy-and-bill drugs (J-codes) follow their procedure's routing.
    const routing = ctx.routingOf.get(pi) ?? ctx.route(pi, p.lesionIds, ctx.dxFor(p.lesionIds, [pi]));
    draftDrugs(p, pi, ctx, routing);
  });
  for (const family of COMPLETING_FAMILIES) family.complete!(ctx);
}

function holdOf(ctx: CodingContext): PathologyHold | null {
  const heldIds = [...ctx.held.keys()];
  if (heldIds.length === 0) return null;
  const hold: PathologyHold = {
    lesionIds: heldIds,
    procedureIds: [...new Set(heldIds.map((id) => ctx.procedures[ctx.held.get(id)!]!.id))],
    reason: `Final pathology pending for lesion(s) ${heldIds.join(', ')}: benign vs malignant range (and diagnosis) is decided by the report; hold the claim and re-code on the pathology-result signal [aapc-4, aapc-5].`,
  };
  ctx.find(
    'PATHOLOGY-HOLD',
    'info',
    hold.reason,
    heldIds.map((id) => `lesions[${ctx.lesion(id).index}].pathology`),
  );
  return hold;
}
