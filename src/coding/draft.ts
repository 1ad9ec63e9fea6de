/** A claim line while the visit is being coded: families draft them, claim edits amend them. */
import type { NdcUnit } from '../visit/schema';

/** Where a service is billed: the claim, the claim with an expected-denial ABN modifier, or the patient. */
export type Routing = 'claim' | 'doubt' | 'gy' | 'self_pay';

/** What a line is: an E/M service, a procedure, a supplied drug or a pathology read. */
export type LineKind = 'em' | 'procedure' | 'drug' | 'pathology';

/** The product of a drug line (837P loop 2410): 11-digit NDC, quantity and unit of measure. */
export interface NdcLine {
  code: string;
  quantity: number;
  unit: NdcUnit;
}

/** Which encounter of the day a line belongs to, and who performed it (NPI; the rendering provider's by default). */
export interface LineEncounter {
  number: number;
  practitionerNpi: string;
  /** "number|practitioner", for merging and grouping. */
  key: string;
}

export interface Draft {
  code: string;
  units: number;
  modifiers: string[];
  lesionIds: string[];
  /** Indexes into visit.procedures of the procedures the line comes from. */
  procIdx: number[];
  dx: string[];
  routing: Routing;
  kind: LineKind;
  /** A biopsy of a tumour treated by Mohs the same day (diagnostic): distinct by policy. */
  diagnosticBeforeMohs?: boolean;
  /** Lines of different series never merge (e.g. each Mohs tumour is its own series). */
  series?: string;
  /** Drug lines: the product's NDC and quantity. */
  ndc?: NdcLine;
  /** The encounter of the day and the practitioner (lines of different encounters never merge). */
  encounter: LineEncounter;
  /** The line repeats a procedure performed earlier the same day (76/77). */
  repeatOf?: number;
  /** Sort key: procedure index × 100 plus the line's place within the procedure. */
  order: number;
  dropped?: boolean;
}

/** Identical codes with the same routing, modifiers and kind become one line (units summed). */
export function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  const seen = new Map<string, Draft>();
  for (const d of drafts) {
    const key = `${d.code}|${d.routing}|${d.modifiers.join(',')}|${d.kind}|${d.series ?? ''}|${d.ndc?.code ?? ''}|${d.encounter.key}|${d.repeatOf ?? ''}`;
    const prev = seen.get(key);
    if (!prev) {
      const copy = { ...d, lesionIds: [...d.lesionIds], procIdx: [...d.procIdx], dx: [...d.dx] };
      if (d.ndc) copy.ndc = { ...d.ndc };
      seen.set(key, copy);
      out.push(copy);
      continue;
    }
    prev.units += d.units;
    if (prev.ndc && d.ndc) prev.ndc.quantity = Math.round((prev.ndc.quantity + d.ndc.quantity) * 1000) / 1000;
    for (const id of d.lesionIds) if (!prev.lesionIds.includes(id)) prev.lesionIds.push(id);
    for (const i of d.procIdx) if (!prev.procIdx.includes(i)) prev.procIdx.push(i);
    for (const c of d.dx) if (!prev.dx.includes(c)) prev.dx.push(c);
    prev.order = Math.min(prev.order, d.order);
    prev.diagnosticBeforeMohs = prev.diagnosticBeforeMohs || d.diagnosticBeforeMohs;
  }
  return out;
}

/** The merged lines of one visit, as the claim edits see them. */
export class DraftClaim {
  constructor(readonly drafts: Draft[]) {}

  /** Lines still on the insurance claim (not dropped, not self-pay). */
  billable(): Draft[] {
    return this.drafts.filter((d) => !d.dropped && d.routing !== 'self_pay');
  }
}
