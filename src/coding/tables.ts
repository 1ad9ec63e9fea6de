/**
 * Reference tables (ICD-10-CM subset, NCCI PTP, MUE), loaded once at module load from the JSON
 * files under ./data. The engine never does I/O; callers may pass their own tables in options.
 */
import icdJson from './data/icd10cm-derm.json';
import ptpJson from './data/ncci-ptp.json';
import mueJson from './data/ncci-mue.json';

export type IcdCategory =
  | 'malignant'
  | 'premalignant'
  | 'uncertain'
  | 'benign'
  | 'inflammatory'
  | 'infection'
  | 'symptom'
  | 'cosmetic'
  | 'other';

export interface IcdEntry {
  code: string;
  title: string;
  billable: boolean;
  validFrom: string;
  validTo: string | null;
  category: IcdCategory | string;
  /** supports = supports removal of a benign lesion; cosmetic = reads cosmetic; neutral. */
  necessity: 'supports' | 'cosmetic' | 'neutral' | string;
  phototherapy: boolean;
  unspecified: boolean;
}

export interface PtpPair {
  column1: string;
  column2: string;
  /** 0 = no modifier allowed, 1 = modifier allowed, 9 = not applicable. */
  modifierIndicator: 0 | 1 | 9 | number;
  effective: string;
  deleted: string | null;
  source: string;
}

export interface MueEdit {
  code: string;
  practitionerMue: number;
  /** MUE adjudication indicator: 1 line edit, 2 date-of-service absolute, 3 date-of-service clinical. */
  mai: 1 | 2 | 3 | number;
  source: string;
}

export interface NcciTables {
  quarter: string;
  pairs: PtpPair[];
  mue: MueEdit[];
}

export interface IcdTable {
  codes: IcdEntry[];
}

/** Indexed form of the tables, built once per table object. */
export interface IndexedTables {
  icd: Map<string, IcdEntry[]>;
  /** column2 → rows where it is column 2. */
  ptpByColumn2: Map<string, PtpPair[]>;
  mue: Map<string, MueEdit>;
  quarter: string;
}

export const defaultIcdTable: IcdTable = icdJson as IcdTable;
export const defaultNcciTables: NcciTables = {
  quarter: (ptpJson as { quarter: string }).quarter,
  pairs: (ptpJson as { pairs: PtpPair[] }).pairs,
  mue: (mueJson as { edits: MueEdit[] }).edits,
};

const cache = new WeakMap<object, WeakMap<object, IndexedTables>>();

export function indexTables(icd: IcdTable, ncci: NcciTables): IndexedTables {
  let inner = cache.get(icd);
  if (!inner) {
    inner = new WeakMap();
    cache.set(icd, inner);
  }
  const hit = inner.get(ncci);
  if (hit) return hit;
  const icdMap = new Map<string, IcdEntry[]>();
  for (const e of icd.codes) {
    const list = icdMap.get(e.code);
    if (list) list.push(e);
    else icdMap.set(e.code, [e]);
  }
  const ptpByColumn2 = new Map<string, PtpPair[]>();
  for (const p of ncci.pairs) {
    const list = ptpByColumn2.get(p.column2);
    if (list) list.push(p);
    else ptpByColumn2.set(p.column2, [p]);
  }
  const mue = new Map(ncci.mue.map((m) => [m.code, m]));
  const built: IndexedTables = { icd: icdMap, ptpByColumn2, mue, quarter: ncci.quarter };
  inner.set(ncci, built);
  return built;
}

/** Normalise "L570" / "l57.0" to "L57.0". */
export function normaliseIcd(code: string): string {
  const c = code.trim().toUpperCase().replace('.', '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** The table row valid on the date of service, if any. */
export function icdOnDate(
  t: IndexedTables,
  code: string,
  dateOfService: string,
): { entry: IcdEntry | null; known: boolean } {
  const rows = t.icd.get(code);
  if (!rows) return { entry: null, known: false };
  const row = rows.find(
    (r) => r.validFrom <= dateOfService && (r.validTo === null || dateOfService <= r.validTo),
  );
  return { entry: row ?? null, known: true };
}
