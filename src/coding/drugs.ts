/**
 * Buy-and-bill drugs documented on a procedure: billing units from the dose and the HCPCS unit size
 * (rounded up to a whole unit), the discarded amount of a single-dose container on its own JW line
 * and JZ when nothing was discarded, as the payer policy says [cms-jw-jz], and the product's NDC
 * (11 digits, 5-4-2) with its quantity for the 837P's loop 2410 [x12-2410]. Drug lines follow their
 * procedure's routing.
 */
import drugJson from './data/hcpcs-drugs.json';
import type { NdcUnit, Procedure } from '../visit/schema';
import type { CodingContext } from './context';
import type { NdcLine, Routing } from './draft';
import type { ValidationIssueSink } from './families/family';

type Drug = Procedure['drugs'][number];
type AmountUnit = NonNullable<Drug['dose']>['unit'];

export interface HcpcsDrug {
  hcpcs: string;
  /** The amount one billing unit stands for. */
  per: { value: number; unit: AmountUnit };
  /** Single-dose containers (JW/JZ apply) or multi-dose vials. */
  container: 'single_dose' | 'multi_dose';
  label: string;
}

export const HCPCS_DRUGS: ReadonlyMap<string, HcpcsDrug> = new Map(
  (drugJson.drugs as HcpcsDrug[]).map((d) => [d.hcpcs, d]),
);

/** CMS requires JZ on single-dose drugs without waste for dates of service from this day [cms-jw-jz]. */
export const JZ_REQUIRED_FROM = '2023-07-01';

/** An NDC as 11 digits (5-4-2): 10-digit 4-4-2, 5-3-2 and 5-4-1 forms get their leading zero. */
export function normaliseNdc(code: string): string {
  const parts = code.split('-');
  if (parts.length !== 3) return code;
  const widths = [5, 4, 2];
  return parts.map((part, i) => part.padStart(widths[i]!, '0')).join('');
}

/** Whole billing units for an amount: a partial unit rounds up [cms-hcpcs]. */
export function billingUnits(amount: number, per: number): number {
  return Math.ceil(Math.round((amount / per) * 1e6) / 1e6);
}

export function checkDrug(drug: Drug, at: string, issue: ValidationIssueSink): void {
  if (drug.units !== undefined && (!Number.isInteger(drug.units) || drug.units <= 0))
    issue(`${at}.units`, 'drug units must be a positive integer');
  const entry = HCPCS_DRUGS.get(drug.hcpcs);
  for (const field of ['dose', 'wasted'] as const) {
    const amount = drug[field];
    if (!amount) continue;
    if (!entry)
      issue(`${at}.${field}`, `no unit size is known for ${drug.hcpcs}; document its billing units`);
    else if (amount.unit !== entry.per.unit)
      issue(`${at}.${field}.unit`, `${drug.hcpcs} is billed per ${entry.per.value} ${entry.per.unit}`);
  }
  if (drug.wasted && !drug.dose) issue(`${at}.dose`, 'a discarded amount needs the dose administered');
}

interface DrugUnits {
  units: number;
  wasteUnits: number;
  entry?: HcpcsDrug;
}

/** Administered units, and the units of the discarded amount beyond them (whole containers billed). */
function unitsOf(drug: Drug): DrugUnits {
  const entry = HCPCS_DRUGS.get(drug.hcpcs);
  if (!entry || !drug.dose) return { units: drug.units ?? 0, wasteUnits: 0, entry };
  const units = billingUnits(drug.dose.value, entry.per.value);
  const wasted = drug.wasted?.value ?? 0;
  const total = billingUnits(drug.dose.value + wasted, entry.per.value);
  return { units, wasteUnits: total - units, entry };
}

function ndcOf(drug: Drug, share = 1): NdcLine | undefined {
  if (!drug.ndc) return undefined;
  const quantity = Math.round(drug.ndc.quantity * share * 1000) / 1000;
  return { code: normaliseNdc(drug.ndc.code), quantity, unit: drug.ndc.unit as NdcUnit };
}

/** The drug lines of procedure `pi`. */
export function draftDrugs(p: Procedure, pi: number, ctx: CodingContext, routing: Routing): void {
  p.drugs.forEach((drug, j) => {
    const at = `procedures[${pi}].drugs[${j}]`;
    const { units, wasteUnits, entry } = unitsOf(drug);
    const order = pi * 100 + 90 + j / 100;
    const line = ctx.add(drug.hcpcs, units, [...p.lesionIds], [pi], routing, order, 'drug', {
      ndc: ndcOf(drug),
    });
    if (drug.dose && entry)
      ctx.find(
        'DRUG-UNITS',
        'info',
        `${drug.hcpcs}: ${drug.dose.value} ${drug.dose.unit} at ${entry.per.value} ${entry.per.unit} per unit → ${units} unit(s), a partial unit rounded up [cms-hcpcs].`,
        [`${at}.dose`],
      );
    if (routing === 'self_pay' || entry?.container !== 'single_dose') {
      if (drug.wasted?.value && routing !== 'self_pay')
        ctx.find(
          'DRUG-WASTE-MULTI-DOSE',
          'info',
          `${drug.hcpcs} comes in multi-dose vials: the discarded amount is not billed (JW/JZ are for single-dose containers) [cms-jw-jz].`,
          [`${at}.wasted`],
        );
      return;
    }
    wasteModifiers(ctx, drug, at, line.modifiers, wasteUnits, () => {
      const share = drug.dose ? (drug.wasted?.value ?? 0) / drug.dose.value : 0;
      ctx.add(drug.hcpcs, wasteUnits, [...p.lesionIds], [pi], routing, order + 0.001, 'drug', {
        modifiers: ['JW'],
        ndc: ndcOf(drug, share),
      });
    });
  });
}

/** JZ on the administered line, or a JW line for the discarded units, as the payer's policy says. */
function wasteModifiers(
  ctx: CodingContext,
  drug: Drug,
  at: string,
  modifiers: string[],
  wasteUnits: number,
  addWasteLine: () => void,
): void {
  const policy = ctx.policy.drugWaste;
  if (policy === 'none') return;
  const wasted = drug.wasted?.value;
  if (wasted === undefined) {
    if (policy === 'jw_jz' && ctx.dateOfService >= JZ_REQUIRED_FROM)
      ctx.find(
        'DRUG-WASTE-UNDOCUMENTED',
        'warning',
        `${drug.hcpcs} is from a single-dose container: document the discarded amount (JW line) or that none was discarded (JZ); a line with neither is returned [cms-jw-jz].`,
        [`${at}.wasted`],
      );
    return;
  }
  if (wasteUnits > 0) {
    addWasteLine();
    ctx.find(
      'DRUG-WASTE-JW',
      'info',
      `${drug.hcpcs}: ${wasted} ${drug.wasted!.unit} discarded from a single-dose container → ${wasteUnits} unit(s) on a JW line [cms-jw-jz].`,
      [`${at}.wasted`],
    );
  } else if (wasted === 0 && policy === 'jw_jz' && ctx.dateOfService >= JZ_REQUIRED_FROM) {
    modifiers.push('JZ');
  } else if (wasted > 0)
    ctx.find(
      'DRUG-WASTE-UNDER-UNIT',
      'info',
      `${drug.hcpcs}: the discarded ${wasted} ${drug.wasted!.unit} fits in the administered units' rounding; no JW line, and not JZ (some drug was discarded) [cms-jw-jz].`,
      [`${at}.wasted`],
    );
}
