/**
 * The dermatology coding engine: visit-completed event → claim lines, self-pay lines, findings.
 * Pure and synchronous (called from a Temporal activity and an HTTP preview endpoint).
 *
 * Order of checks (domain brief §9.1): pathology hold → ICD leaf/date → CPT family rules →
 * NCCI PTP → MUE/MAI → modifier-25 heuristic → diagnosis/necessity → ABN/cosmetic routing.
 * Cosmetic-intent routing is decided before NCCI so that self-pay services never bundle with
 * (or add modifiers to) covered services; the ABN modifiers are applied last.
 */
import type { Lesion, Procedure, VisitCompletedEvent } from '../visit/schema';
import {
  BIOPSY_HIERARCHY,
  LESION_SITE_GROUP,
  benignDestructionCode,
  biopsyUnits,
  complexRepairGroup,
  complexRepairUnits,
  emCode,
  excimerCode,
  excisedDiameterCm,
  excisionCode,
  fillerCode,
  intermediateRepairCode,
  intermediateRepairGroup,
  intralesionalCode,
  labelFor,
  malignantDestructionCode,
  mohsUnits,
  peelCode,
  PHOTOTHERAPY_CODES,
  premalignantDestructionUnits,
  shaveCode,
  skinTagUnits,
  toCm,
  type BiopsyTechnique,
} from './codes';
import {
  defaultIcdTable,
  defaultNcciTables,
  icdOnDate,
  indexTables,
  normaliseIcd,
  type IcdEntry,
  type IcdTable,
  type IndexedTables,
  type NcciTables,
} from './tables';
import type {
  ClaimLine,
  CodingFinding,
  CodingResult,
  ConfidenceFactor,
  FindingSeverity,
  ProviderCodeDifference,
} from './types';
import { CodingValidationError, validateVisitForCoding } from './validate';

/** Practice fee schedule: charge per unit in integer cents, by CPT/HCPCS code. */
export type FeeSchedule = Readonly<Record<string, number>>;

export interface CodingOptions {
  feeSchedule: FeeSchedule;
  /** NCCI PTP pairs and MUEs; defaults to the shipped dermatology subset (src/coding/data). */
  ncci?: NcciTables;
  /** ICD-10-CM table; defaults to the shipped dermatology subset (src/coding/data). */
  icd10?: IcdTable;
  /**
   * Modifier for distinct lesions on an NCCI pair whose indicator is 1. "XS" (default: separate
   * structure) or "59" for payers that do not accept the X{EPSU} modifiers.
   */
  distinctModifier?: 'XS' | '59';
}

type Routing = 'claim' | 'doubt' | 'gy' | 'self_pay';

interface Draft {
  code: string;
  units: number;
  modifiers: string[];
  lesionIds: string[];
  procIdx: number[];
  dx: string[];
  routing: Routing;
  /** E/M, procedure, drug, pathology. */
  family: 'em' | 'procedure' | 'drug' | 'pathology';
  /** A biopsy of a tumour treated by Mohs the same day (diagnostic): distinct by policy. */
  diagnosticBeforeMohs?: boolean;
  order: number;
  dropped?: boolean;
}

const ABN_MODIFIERS = new Set(['GA', 'GY', 'GZ']);
const DISTINCT_MODIFIERS = new Set(['59', 'XE', 'XS', 'XP', 'XU']);
const SUPPORTING_SYMPTOMS = new Set([
  'bleeding',
  'inflammation',
  'pain',
  'itching',
  'suspicious_for_malignancy',
  'functional_impairment',
]);
const BIOPSY_KIND: Partial<Record<Procedure['kind'], BiopsyTechnique>> = {
  biopsy_tangential: 'tangential',
  biopsy_punch: 'punch',
  biopsy_incisional: 'incisional',
};
const COSMETIC_KINDS = new Set<Procedure['kind']>([
  'cosmetic_toxin',
  'cosmetic_filler',
  'cosmetic_peel',
  'cosmetic_laser',
]);
/** Benign-lesion removals judged against the removal-of-benign-lesions policies [auctus-benign]. */
const NECESSITY_KINDS = new Set<Procedure['kind']>([
  'destruction_benign',
  'skin_tag_removal',
  'shave_removal',
]);

class Ctx {
  readonly findings: CodingFinding[] = [];
  readonly factors: ConfidenceFactor[] = [];
  constructor(
    readonly visit: VisitCompletedEvent,
    readonly tables: IndexedTables,
    readonly options: CodingOptions,
  ) {}
  find(ruleId: string, severity: FindingSeverity, message: string, evidence: string[]): void {
    this.findings.push({ ruleId, severity, message, evidence });
  }
}

function specificity(code: string, entry: IcdEntry | null | undefined): number {
  return code.replace('.', '').length - (entry?.unspecified ? 1.5 : 0);
}

export function codeVisitEngine(visit: VisitCompletedEvent, options: CodingOptions): CodingResult {
  const issues = validateVisitForCoding(visit);
  if (issues.length > 0) throw new CodingValidationError(issues);

  const tables = indexTables(options.icd10 ?? defaultIcdTable, options.ncci ?? defaultNcciTables);
  const ctx = new Ctx(visit, tables, options);
  const distinctMod = options.distinctModifier ?? 'XS';
  const sameLesionMod = distinctMod === 'XS' ? 'XU' : '59';
  const lesions = visit.lesions ?? [];
  const procedures = visit.procedures ?? [];
  const diagnoses = visit.diagnoses;
  const dos = visit.dateOfService;
  const payerType = visit.coverage?.payerType;
  const medicareFfs = payerType === 'medicare';

  const lesionById = new Map<string, { lesion: Lesion; index: number }>();
  lesions.forEach((lesion, index) => lesionById.set(lesion.id, { lesion, index }));

  // ---- 1. Diagnoses: normalise and check against the ICD-10-CM table (leaf, date of service). ----
  const icdEntry = new Map<string, IcdEntry | null>();
  const checkIcd = (raw: string, path: string): string => {
    const code = normaliseIcd(raw);
    if (icdEntry.has(code)) return code;
    const { entry, known } = icdOnDate(tables, code, dos);
    icdEntry.set(code, entry);
    if (!known) {
      ctx.find(
        'ICD-UNKNOWN',
        'warning',
        `${code} is not in the shipped dermatology ICD-10-CM subset; its billable status on ${dos} cannot be checked.`,
        [path],
      );
    } else if (!entry) {
      ctx.find('ICD-DATE', 'error', `${code} is not a valid ICD-10-CM code on the date of service ${dos}.`, [
        path,
      ]);
    } else if (!entry.billable) {
      ctx.find(
        'ICD-NON-LEAF',
        'error',
        `${code} (${entry.title}) is a category heading, not a billable leaf code on ${dos}; code to the highest specificity.`,
        [path],
      );
    }
    return code;
  };
  const dxCodes = diagnoses.map((d, i) => checkIcd(d.code, `diagnoses[${i}].code`));
  const pathDx = new Map<string, string>();
  lesions.forEach((l, i) => {
    if (l.pathology?.status === 'final' && l.pathology.diagnosisCode)
      pathDx.set(l.id, checkIcd(l.pathology.diagnosisCode, `lesions[${i}].pathology.diagnosisCode`));
  });

  const dxByLesion = new Map<string, string[]>();
  const dxByProc = new Map<string, string[]>();
  const linked = new Set<number>();
  diagnoses.forEach((d, i) => {
    for (const id of d.lesionIds ?? []) {
      (dxByLesion.get(id) ?? dxByLesion.set(id, []).get(id)!).push(dxCodes[i]!);
      linked.add(i);
    }
    for (const id of d.procedureIds ?? []) {
      (dxByProc.get(id) ?? dxByProc.set(id, []).get(id)!).push(dxCodes[i]!);
      linked.add(i);
    }
  });

  /** Diagnoses for a line: final pathology supersedes clinical "uncertain" codes of that lesion. */
  const dxFor = (lesionIds: string[], procIdx: number[]): string[] => {
    const out: string[] = [];
    const push = (c: string) => {
      if (!out.includes(c)) out.push(c);
    };
    let hasPath = false;
    for (const id of lesionIds) {
      const p = pathDx.get(id);
      if (p) {
        hasPath = true;
        push(p);
      }
    }
    for (const id of lesionIds) {
      if (pathDx.has(id)) continue;
      for (const c of dxByLesion.get(id) ?? []) push(c);
    }
    for (const pi of procIdx) {
      for (const c of dxByProc.get(procedures[pi]!.id) ?? []) {
        if (hasPath && icdEntry.get(c)?.category === 'uncertain') continue;
        push(c);
      }
    }
    return out;
  };

  // ---- 2. Pathology hold: excisions and shave removals whose specimen report is not final. ----
  const mohsLesion = new Map<string, number>();
  procedures.forEach((p, pi) => {
    if (p.kind === 'mohs') for (const id of p.lesionIds) mohsLesion.set(id, pi);
  });
  const held = new Map<string, number>(); // lesionId → procedure index
  procedures.forEach((p, pi) => {
    const isExcision =
      p.kind === 'excision' || p.kind === 'excision_benign' || p.kind === 'excision_malignant';
    if (!isExcision && p.kind !== 'shave_removal') return;
    if (p.cosmetic) return;
    for (const id of p.lesionIds) {
      if (mohsLesion.has(id)) continue;
      const lesion = lesionById.get(id)!.lesion;
      const final = lesion.pathology?.status === 'final';
      if (final) continue;
      if (
        (p.kind === 'excision' && !final) ||
        lesion.specimenToPathology ||
        lesion.pathology?.status === 'pending'
      )
        held.set(id, pi);
    }
  });

  // ---- 3. Same-lesion bundling before coding. ----
  const removalLesion = new Map<string, number>();
  procedures.forEach((p, pi) => {
    if (
      [
        'shave_removal',
        'excision',
        'excision_benign',
        'excision_malignant',
        'destruction_malignant',
        'destruction_premalignant',
        'destruction_benign',
        'skin_tag_removal',
      ].includes(p.kind) &&
      !p.cosmetic
    )
      for (const id of p.lesionIds)
        if (!mohsLesion.has(id) && !removalLesion.has(id)) removalLesion.set(id, pi);
  });

  // ---- 4. Routing per procedure (cosmetic intent, benign-removal necessity). ----
  const procRouting = new Map<number, Routing>();
  const routeMemo = new Map<string, Routing>();
  const routeFor = (pi: number, lesionIds: string[], dx: string[]): Routing => {
    const key = `${pi}|${lesionIds.join(',')}|${dx.join(',')}`;
    let r = routeMemo.get(key);
    if (r === undefined) {
      r = decideRouting(pi, lesionIds, dx);
      routeMemo.set(key, r);
    }
    procRouting.set(pi, r);
    return r;
  };
  const decideRouting = (pi: number, lesionIds: string[], dx: string[]): Routing => {
    const p = procedures[pi]!;
    const at = `procedures[${pi}]`;
    if (p.cosmetic || COSMETIC_KINDS.has(p.kind)) {
      ctx.find(
        'COSMETIC-SELF-PAY',
        'info',
        `${p.kind} is cosmetic; it is billed to the patient (self-pay ledger), never on an 837 [aad-abn, bonfire-botox].`,
        [p.cosmetic ? `${at}.cosmetic` : `${at}.kind`],
      );
      return 'self_pay';
    }
    const isExcision = p.kind.startsWith('excision');
    if (!NECESSITY_KINDS.has(p.kind) && !isExcision) return 'claim';
    const entries = dx.map((c) => icdEntry.get(c));
    const symptom = (p.symptoms ?? []).some((s) => SUPPORTING_SYMPTOMS.has(s));
    const malignantPath = lesionIds.some((id) => {
      const r = lesionById.get(id)!.lesion.pathology;
      return r?.status === 'final' && (r.result === 'malignant' || r.result === 'premalignant');
    });
    const supported =
      symptom ||
      malignantPath ||
      entries.some(
        (e) =>
          e && (e.necessity === 'supports' || e.category === 'malignant' || e.category === 'premalignant'),
      );
    if (supported) return 'claim';
    const cosmeticReading = entries.length > 0 && entries.every((e) => e?.necessity === 'cosmetic');
    const dxPaths = diagnoses.flatMap((d, i) => (dx.includes(dxCodes[i]!) ? [`diagnoses[${i}].code`] : []));
    if (cosmeticReading) {
      if (medicareFfs && p.payerDenialRequested) {
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
    if (isExcision) return 'claim';
    const onlyReported = (p.symptoms ?? []).includes('irritation_reported');
    ctx.find(
      'NECESSITY-UNSUPPORTED',
      'warning',
      `${p.kind}: no supporting diagnosis (e.g. L82.0, warts, suspicion of malignancy) or documented bleeding/inflammation/pain/itching${onlyReported ? '; patient-reported irritation alone does not establish necessity' : ''} [aapc-forum, bcbsms].`,
      [`${at}.symptoms`, ...dxPaths],
    );
    return 'doubt';
  };

  const drafts: Draft[] = [];
  const add = (
    code: string,
    units: number,
    lesionIds: string[],
    procIdx: number[],
    routing: Routing,
    order: number,
    family: Draft['family'] = 'procedure',
    extra: Partial<Draft> = {},
  ): Draft => {
    const d: Draft = {
      code,
      units,
      modifiers: [],
      lesionIds,
      procIdx,
      dx: dxFor(lesionIds, procIdx),
      routing,
      family,
      order,
      ...extra,
    };
    drafts.push(d);
    return d;
  };
  const countOf = (p: Procedure) => p.lesionCount ?? p.lesionIds.length;

  // ---- 5. CPT family rules. ----
  const biopsies: Record<BiopsyTechnique, Array<{ id: string; pi: number; diag: boolean }>> = {
    incisional: [],
    punch: [],
    tangential: [],
  };
  let biopsyOrder = Infinity;
  const counted: Record<
    string,
    Map<Routing, { count: number; lesionIds: string[]; procIdx: number[]; order: number }>
  > = {};
  const addCount = (family: string, routing: Routing, p: Procedure, pi: number) => {
    const byRouting = (counted[family] ??= new Map());
    const cur = byRouting.get(routing) ?? { count: 0, lesionIds: [], procIdx: [], order: pi * 100 };
    cur.count += countOf(p);
    cur.lesionIds.push(...p.lesionIds);
    cur.procIdx.push(pi);
    byRouting.set(routing, cur);
  };
  const repairs = new Map<
    string,
    { kind: string; region: Lesion['site']['region']; lengthCm: number; pis: number[]; lesionIds: string[] }
  >();

  procedures.forEach((p, pi) => {
    const at = `procedures[${pi}]`;
    const order = pi * 100;
    const technique = BIOPSY_KIND[p.kind];
    if (technique) {
      const routing = routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi]));
      p.lesionIds.forEach((id, j) => {
        if (mohsLesion.has(id)) {
          ctx.find(
            'MOHS-DIAGNOSTIC-BIOPSY',
            'info',
            `Biopsy of lesion ${id} before same-day Mohs is separately reportable as diagnostic, with a distinct-service modifier [aapc-path, ellzey-88331].`,
            [`${at}.lesionIds[${j}]`, `procedures[${mohsLesion.get(id)}]`],
          );
        } else if (removalLesion.has(id)) {
          const ri = removalLesion.get(id)!;
          ctx.find(
            'BIOPSY-SAME-LESION',
            'info',
            `Biopsy of lesion ${id} is included in the ${procedures[ri]!.kind} of the same lesion; only the removal is billed [derm-ncci].`,
            [`${at}.lesionIds[${j}]`, `procedures[${ri}]`],
          );
          return;
        }
        if (routing !== 'claim') {
          add(BIOPSY_CODES_PRIMARY(technique), 1, [id], [pi], routing, order);
          return;
        }
        biopsies[technique].push({ id, pi, diag: mohsLesion.has(id) });
        biopsyOrder = Math.min(biopsyOrder, order);
      });
      if (p.frozenSection) {
        const diag = p.lesionIds.some((id) => mohsLesion.has(id));
        const d = add('88331', 1, [...p.lesionIds], [pi], routing, order + 50, 'pathology');
        if (diag) d.modifiers.push(sameLesionMod);
      }
      return;
    }
    switch (p.kind) {
      case 'shave_removal': {
        p.lesionIds.forEach((id) => {
          if (held.has(id)) return;
          const { lesion } = lesionById.get(id)!;
          const code = shaveCode(lesion.site.region, toCm(lesion.diameter!));
          add(code, 1, [id], [pi], routeFor(pi, [id], dxFor([id], [pi])), order);
        });
        break;
      }
      case 'excision':
      case 'excision_benign':
      case 'excision_malignant': {
        p.lesionIds.forEach((id, j) => {
          if (mohsLesion.has(id)) {
            ctx.find(
              'MOHS-NO-EXCISION',
              'warning',
              `Lesion ${id} is treated by Mohs the same day; Mohs includes the tumour excision, so no 116xx/114xx is billed for it [aapc-path].`,
              [`${at}.lesionIds[${j}]`, `procedures[${mohsLesion.get(id)}]`],
            );
            return;
          }
          if (held.has(id)) return;
          const { lesion, index } = lesionById.get(id)!;
          const result = lesion.pathology?.status === 'final' ? lesion.pathology.result : undefined;
          let malignant: boolean;
          if (p.kind === 'excision') malignant = result === 'malignant';
          else if (p.kind === 'excision_benign') {
            malignant = result === 'malignant';
            if (malignant)
              ctx.find(
                'PATHOLOGY-DECIDES',
                'warning',
                `Lesion ${id} was documented as benign but final pathology is malignant; coded in the malignant range [aapc-4].`,
                [`${at}.kind`, `lesions[${index}].pathology.result`],
              );
          } else {
            malignant = true;
            if (result && result !== 'malignant')
              ctx.find(
                'MALIGNANT-RE-EXCISION',
                'info',
                `Lesion ${id} is documented as a malignant excision; pathology "${result}" (e.g. clear re-excision) keeps the malignant range [aapc-4, aapc-5].`,
                [`${at}.kind`, `lesions[${index}].pathology.result`],
              );
          }
          if (result === 'atypia' || result === 'uncertain')
            ctx.find(
              'ATYPIA-BENIGN',
              'info',
              `Lesion ${id}: pathology "${result}" codes in the benign excision range [aapc-4].`,
              [`lesions[${index}].pathology.result`],
            );
          const size = excisedDiameterCm(toCm(lesion.diameter!), toCm(lesion.narrowestMargin!));
          const code = excisionCode(lesion.site.region, size, malignant);
          const dx = dxFor([id], [pi]);
          const routing = malignant ? routeFor(pi, [id], []) : routeFor(pi, [id], dx);
          add(code, 1, [id], [pi], routing, order);
        });
        break;
      }
      case 'destruction_premalignant':
        addCount('premalignant', routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi])), p, pi);
        break;
      case 'destruction_benign':
        addCount('benign', routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi])), p, pi);
        break;
      case 'skin_tag_removal':
        addCount('skintag', routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi])), p, pi);
        break;
      case 'intralesional_injection':
        addCount('intralesional', routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi])), p, pi);
        break;
      case 'destruction_malignant': {
        const routing = routeFor(pi, p.lesionIds, []);
        for (const id of p.lesionIds) {
          const { lesion } = lesionById.get(id)!;
          add(
            malignantDestructionCode(lesion.site.region, toCm(lesion.diameter!)),
            1,
            [id],
            [pi],
            routing,
            order,
          );
        }
        break;
      }
      case 'mohs': {
        const id = p.lesionIds[0]!;
        const { lesion } = lesionById.get(id)!;
        const routing = routeFor(pi, [id], []);
        mohsUnits(lesion.site.region, p.mohsDeepStructures ?? false, p.mohsStages!).forEach((u, k) =>
          add(u.code, u.units, [id], [pi], routing, order + k),
        );
        break;
      }
      case 'repair_intermediate':
      case 'repair_complex': {
        const { lesion } = lesionById.get(p.lesionIds[0]!)!;
        const region = lesion.site.region;
        const group =
          p.kind === 'repair_complex' ? complexRepairGroup(region) : intermediateRepairGroup(region);
        const key = `${p.kind}:${group}:${p.cosmetic ? 'c' : ''}`;
        const cur = repairs.get(key) ?? { kind: p.kind, region, lengthCm: 0, pis: [], lesionIds: [] };
        cur.lengthCm += toCm(p.repairLength!);
        cur.pis.push(pi);
        cur.lesionIds.push(...p.lesionIds);
        repairs.set(key, cur);
        if (cur.pis.length === 2)
          ctx.find(
            'REPAIR-SUM',
            'info',
            `Repairs of the same type in the same anatomic group are summed into one code (${group}).`,
            cur.pis.map((i) => `procedures[${i}].repairLength`),
          );
        break;
      }
      case 'incision_drainage_simple':
      case 'incision_drainage_complicated':
      case 'acne_surgery': {
        const code =
          p.kind === 'acne_surgery' ? '10040' : p.kind === 'incision_drainage_simple' ? '10060' : '10061';
        add(code, 1, [...p.lesionIds], [pi], routeFor(pi, p.lesionIds, []), order);
        break;
      }
      case 'phototherapy': {
        const type = p.phototherapyType!;
        const code = type === 'excimer' ? excimerCode(p.excimerAreaSqCm!) : PHOTOTHERAPY_CODES[type];
        const d = add(code, 1, [...p.lesionIds], [pi], routeFor(pi, p.lesionIds, []), order);
        if (!d.dx.some((c) => icdEntry.get(c)?.phototherapy))
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
        break;
      }
      case 'medical_toxin': {
        const linkedDx = dxFor(p.lesionIds, [pi]);
        const target =
          p.toxinTarget ?? (linkedDx.some((c) => c.startsWith('L74.51')) ? 'axillae' : undefined);
        if (!target)
          ctx.find(
            'TOXIN-TARGET',
            'error',
            'Medical chemodenervation needs its target (axillae → 64650, facial-nerve muscles → 64612); not documented.',
            [`${at}.toxinTarget`],
          );
        else add(target === 'axillae' ? '64650' : '64612', 1, [], [pi], routeFor(pi, [], linkedDx), order);
        break;
      }
      case 'cosmetic_toxin': {
        routeFor(pi, [], []);
        if (p.drugs.length === 0) {
          add('J0585', 1, [], [pi], 'self_pay', order, 'drug');
          ctx.find(
            'COSMETIC-UNITS',
            'warning',
            'Cosmetic toxin without product/units; 1 unit of J0585 assumed for the quote.',
            [`${at}.drugs`],
          );
        }
        break;
      }
      case 'cosmetic_filler': {
        routeFor(pi, [], []);
        if (p.fillerVolumeMl === undefined)
          ctx.find('COSMETIC-UNITS', 'warning', 'Filler volume not documented; smallest volume tier used.', [
            `${at}.fillerVolumeMl`,
          ]);
        add(fillerCode(p.fillerVolumeMl ?? 1), 1, [...p.lesionIds], [pi], 'self_pay', order);
        break;
      }
      case 'cosmetic_peel': {
        routeFor(pi, [], []);
        const facial =
          p.lesionIds.length === 0 ||
          p.lesionIds.some((id) => LESION_SITE_GROUP[lesionById.get(id)!.lesion.site.region] === 'face');
        add(peelCode(facial, p.peelDepth ?? 'epidermal'), 1, [...p.lesionIds], [pi], 'self_pay', order);
        break;
      }
      case 'cosmetic_laser': {
        routeFor(pi, [], []);
        add('17999', 1, [...p.lesionIds], [pi], 'self_pay', order);
        break;
      }
    }
    // Drugs (buy-and-bill J-codes) follow their procedure's routing.
    if (p.drugs.length > 0) {
      const routing = procRouting.get(pi) ?? routeFor(pi, p.lesionIds, dxFor(p.lesionIds, [pi]));
      p.drugs.forEach((drug) =>
        add(drug.hcpcs, drug.units, [...p.lesionIds], [pi], routing, order + 90, 'drug'),
      );
    }
  });

  // Biopsies: one primary per encounter by hierarchy, others as add-ons of their own technique.
  if (Number.isFinite(biopsyOrder)) {
    const counts = {
      incisional: biopsies.incisional.length,
      punch: biopsies.punch.length,
      tangential: biopsies.tangential.length,
    };
    biopsyUnits(counts).forEach((u, k) => {
      const list = biopsies[u.technique];
      const primaryOfTechnique = u.primary;
      const hasPrimaryLine = biopsyUnits(counts).some((x) => x.technique === u.technique && x.primary);
      const members = primaryOfTechnique ? list.slice(0, 1) : hasPrimaryLine ? list.slice(1) : list;
      add(
        u.code,
        u.units,
        members.map((m) => m.id),
        [...new Set(members.map((m) => m.pi))],
        'claim',
        biopsyOrder + k,
        'procedure',
        { diagnosticBeforeMohs: members.some((m) => m.diag) },
      );
    });
    const primary = BIOPSY_HIERARCHY.find((t) => counts[t] > 0)!;
    if (BIOPSY_HIERARCHY.filter((t) => counts[t] > 0).length > 1)
      ctx.find(
        'BIOPSY-HIERARCHY',
        'info',
        `Several biopsy techniques: ${primary} is the primary (incisional > punch > tangential); the others use the add-on of their own technique [aad-bx3].`,
        biopsies[primary].slice(0, 1).map((m) => `procedures[${m.pi}]`),
      );
  }

  // Counted families.
  for (const [routing, v] of counted.premalignant ?? [])
    premalignantDestructionUnits(v.count).forEach((u, k) =>
      add(u.code, u.units, v.lesionIds, v.procIdx, routing, v.order + k),
    );
  for (const [routing, v] of counted.benign ?? []) {
    const code = benignDestructionCode(v.count);
    if (code) add(code, 1, v.lesionIds, v.procIdx, routing, v.order);
  }
  for (const [routing, v] of counted.skintag ?? [])
    skinTagUnits(v.count).forEach((u, k) =>
      add(u.code, u.units, v.lesionIds, v.procIdx, routing, v.order + k),
    );
  for (const [routing, v] of counted.intralesional ?? [])
    add(intralesionalCode(v.count), 1, v.lesionIds, v.procIdx, routing, v.order);
  for (const r of repairs.values()) {
    const routing = procedures[r.pis[0]!]!.cosmetic ? 'self_pay' : 'claim';
    const order = r.pis[0]! * 100;
    if (r.kind === 'repair_complex') {
      const units = complexRepairUnits(r.region, r.lengthCm);
      if (!units)
        ctx.find(
          'REPAIR-COMPLEX-LENGTH',
          'error',
          `Complex repair of ${r.lengthCm} cm: complex repair codes start above 1.0 cm; review the repair type.`,
          r.pis.map((i) => `procedures[${i}].repairLength`),
        );
      else units.forEach((u, k) => add(u.code, u.units, r.lesionIds, r.pis, routing, order + k));
    } else add(intermediateRepairCode(r.region, r.lengthCm), 1, r.lesionIds, r.pis, routing, order);
  }

  // Merge identical codes with the same routing/modifiers into one line (units summed).
  const merged = mergeDrafts(drafts);

  // No coverage: the patient is self-pay for everything.
  if (!visit.coverage) {
    for (const d of merged) d.routing = 'self_pay';
    if (merged.length > 0)
      ctx.find('NO-COVERAGE', 'info', 'No coverage on the visit: all services go to the self-pay ledger.', [
        'coverage',
      ]);
  }

  // ---- 6. NCCI PTP on the claim lines. ----
  const claim = () => merged.filter((d) => !d.dropped && d.routing !== 'self_pay');
  for (const d2 of claim()) {
    const pairs = tables.ptpByColumn2.get(d2.code);
    if (!pairs) continue;
    for (const pair of pairs) {
      if (d2.dropped) break;
      if (pair.modifierIndicator === 9) continue;
      if (pair.effective > dos || (pair.deleted !== null && pair.deleted <= dos)) continue;
      const d1 = claim().find((d) => d.code === pair.column1 && d !== d2);
      if (!d1) continue;
      const ev = [...d2.procIdx.map((i) => `procedures[${i}]`), ...d1.procIdx.map((i) => `procedures[${i}]`)];
      const overlap = d2.lesionIds.filter((id) => d1.lesionIds.includes(id));
      if (overlap.length > 0 && !d2.diagnosticBeforeMohs) {
        d2.dropped = true;
        ctx.find(
          'NCCI-PTP-SAME-LESION',
          'warning',
          `${d2.code} is column 2 to ${d1.code} (NCCI ${tables.quarter}) on the same lesion (${overlap.join(', ')}); ${d2.code} is not billed.`,
          ev,
        );
      } else if (pair.modifierIndicator === 0) {
        d2.dropped = true;
        ctx.find(
          'NCCI-PTP',
          'warning',
          `${d2.code} is column 2 to ${d1.code} with modifier indicator 0 (NCCI ${tables.quarter}): never separately payable; ${d2.code} dropped [fcso-236].`,
          ev,
        );
      } else if (!d2.modifiers.some((m) => DISTINCT_MODIFIERS.has(m))) {
        const mod = d2.diagnosticBeforeMohs && d1.code.startsWith('1731') ? sameLesionMod : distinctMod;
        d2.modifiers.push(mod);
        const assumed = d1.lesionIds.length === 0 || d2.lesionIds.length === 0;
        ctx.find(
          'NCCI-PTP-MODIFIER',
          'info',
          `${d2.code} is column 2 to ${d1.code} (indicator 1, NCCI ${tables.quarter}); ${mod} added for a ${d2.diagnosticBeforeMohs ? 'diagnostic biopsy before Mohs' : 'distinct lesion'}${assumed ? ' (lesions not itemised: documentation must show separate lesions/sites)' : ''} [hmsa-x, fcso-236].`,
          ev,
        );
      }
    }
  }

  // ---- 7. MUE. ----
  const byCode = new Map<string, Draft[]>();
  for (const d of claim()) (byCode.get(d.code) ?? byCode.set(d.code, []).get(d.code)!).push(d);
  for (const [code, list] of byCode) {
    const mue = tables.mue.get(code);
    if (!mue) continue;
    const total = list.reduce((s, d) => s + d.units, 0);
    if (total <= mue.practitionerMue) continue;
    const ev = [...new Set(list.flatMap((d) => d.procIdx.map((i) => `procedures[${i}]`)))];
    if (mue.mai === 1) {
      // Line edit: split into lines of at most the MUE, later lines carrying a distinct-lesion modifier.
      for (const d of list) {
        if (d.units <= mue.practitionerMue) continue;
        let rest = d.units - mue.practitionerMue;
        d.units = mue.practitionerMue;
        while (rest > 0) {
          const u = Math.min(rest, mue.practitionerMue);
          merged.push({
            ...d,
            units: u,
            modifiers: [...d.modifiers.filter((m) => !DISTINCT_MODIFIERS.has(m)), distinctMod],
            order: d.order + 0.5,
          });
          rest -= u;
        }
      }
      ctx.find(
        'MUE',
        'error',
        `${code}: ${total} units exceed the MUE of ${mue.practitionerMue} (MAI 1, line edit); split into lines of ≤ ${mue.practitionerMue} with ${distinctMod}; documentation must support separate lesions [nor-mue].`,
        ev,
      );
    } else {
      let excess = total - mue.practitionerMue;
      for (const d of [...list].reverse()) {
        const cut = Math.min(excess, d.units);
        d.units -= cut;
        excess -= cut;
        if (d.units === 0) d.dropped = true;
        if (excess === 0) break;
      }
      ctx.find(
        'MUE',
        'error',
        `${code}: ${total} units exceed the MUE of ${mue.practitionerMue} per date of service (MAI ${mue.mai}); capped at ${mue.practitionerMue} — the whole line would deny${mue.mai === 3 ? '; appealable with records' : ''} [nor-mue, rac-0121].`,
        ev,
      );
    }
  }

  // ---- 8. E/M and modifier 25. ----
  const enc = visit.encounter;
  const procedureBilled =
    claim().some((d) => d.family === 'procedure' || d.family === 'pathology') || held.size > 0;
  if (enc.emLevel !== undefined) {
    const code = emCode(enc.visitType, enc.emLevel)!;
    const unlinked = diagnoses.flatMap((_, i) => (linked.has(i) ? [] : [dxCodes[i]!]));
    const procDx = [...new Set(claim().flatMap((d) => d.dx))];
    const emDx =
      unlinked.length > 0 ? [...new Set(unlinked)] : procDx.length > 0 ? procDx : [...new Set(dxCodes)];
    const em: Draft = {
      code,
      units: 1,
      modifiers: [],
      lesionIds: [],
      procIdx: [],
      dx: emDx,
      routing: visit.coverage ? 'claim' : 'self_pay',
      family: 'em',
      order: -1,
    };
    if (procedureBilled && em.routing === 'claim') {
      if (enc.emSeparatelyIdentifiable) {
        em.modifiers.push('25');
        if (emDx.length === 1 && procDx.includes(emDx[0]!))
          ctx.find(
            'EM25-SAME-DX',
            'warning',
            `E/M with modifier 25 has only ${emDx[0]}, the same diagnosis as the procedure: review that significant, separately identifiable work is documented [mdedge-25, cgs-25].`,
            ['encounter.emSeparatelyIdentifiable', 'diagnoses'],
          );
      } else {
        em.dropped = true;
        ctx.find(
          'EM-IN-GLOBAL',
          'warning',
          `E/M ${code} is not documented as separately identifiable; the decision for a minor procedure is included in its global package, so the E/M is not billed [ellzey-25].`,
          ['encounter.emSeparatelyIdentifiable'],
        );
      }
    }
    merged.unshift(em);
  } else if (enc.emSeparatelyIdentifiable) {
    ctx.find(
      'EM-LEVEL-MISSING',
      'warning',
      'A separately identifiable E/M is flagged but no E/M level is documented.',
      ['encounter.emLevel'],
    );
  }

  // ---- 9. ABN modifiers (Medicare FFS only; never two of GA/GY/GZ). ----
  for (const d of claim()) {
    if (d.routing === 'doubt') {
      if (medicareFfs) {
        const mod = enc.abnOnFile ? 'GA' : 'GZ';
        d.modifiers.push(mod);
        ctx.find(
          mod === 'GA' ? 'ABN-GA' : 'ABN-GZ',
          mod === 'GA' ? 'info' : 'warning',
          mod === 'GA'
            ? `${d.code}: expected Medicare denial for medical necessity; ABN on file → GA (patient liable if denied) [rcmguide].`
            : `${d.code}: expected Medicare denial for medical necessity and no ABN on file → GZ; the practice cannot bill the patient if denied [rcmguide].`,
          ['encounter.abnOnFile', ...d.procIdx.map((i) => `procedures[${i}]`)],
        );
      } else if (enc.abnOnFile) {
        ctx.find(
          'ABN-NOT-APPLICABLE',
          'info',
          `ABN modifiers are for traditional Medicare only; not used for ${payerType ?? 'self-pay'} [rev-opt].`,
          ['coverage.payerType'],
        );
      }
    } else if (d.routing === 'gy' && medicareFfs) d.modifiers.push('GY');
    const abn = d.modifiers.filter((m) => ABN_MODIFIERS.has(m));
    if (abn.length > 1) d.modifiers = [...d.modifiers.filter((m) => !ABN_MODIFIERS.has(m)), abn[0]!];
  }

  // Mohs and pathology the provider sent.
  if (mohsLesion.size > 0)
    visit.providerCodes.forEach((pc, i) => {
      if (pc.code === '88305')
        ctx.find(
          'MOHS-NO-88305',
          'warning',
          '88305 is not billed on Mohs tissue (the Mohs surgeon is the pathologist) unless the specimen is unrelated [aapc-path].',
          [`providerCodes[${i}].code`],
        );
    });

  // ---- 10. Diagnosis order and pointers. ----
  const lines = merged
    .filter((d) => !d.dropped && d.units > 0)
    .sort((a, b) => (a.family === 'em' ? -1 : b.family === 'em' ? 1 : a.order - b.order));
  const claimDrafts = lines.filter((d) => d.routing !== 'self_pay');
  const selfDrafts = lines.filter((d) => d.routing === 'self_pay');
  const sortDx = (dx: string[]) =>
    dx
      .map((c, i) => ({ c, i, s: specificity(c, icdEntry.get(c)) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.c);

  const diagnosisCodes: string[] = [];
  const fallbackDx = [...new Set(dxCodes)];
  for (const d of claimDrafts) {
    if (d.dx.length === 0) {
      if (fallbackDx.length > 1)
        ctx.find(
          'DX-LINK',
          'warning',
          `${d.code} has no diagnosis linked through diagnoses[].lesionIds/procedureIds; pointed to the primary diagnosis — confirm medical necessity linkage.`,
          d.procIdx.map((i) => `procedures[${i}]`),
        );
      d.dx = sortDx(fallbackDx).slice(0, 1);
    } else d.dx = sortDx(d.dx);
    for (const c of d.dx) if (!diagnosisCodes.includes(c)) diagnosisCodes.push(c);
  }
  if (diagnosisCodes.length > 12) {
    ctx.find(
      'DX-MAX',
      'error',
      `${diagnosisCodes.length} diagnoses are pointed to; an 837P carries at most 12 (one ABK + 11 ABF). Split the claim or drop the least relevant.`,
      ['diagnoses'],
    );
  }
  const claimDx = diagnosisCodes.slice(0, 12);
  const toLine = (d: Draft, selfPay: boolean): ClaimLine => {
    const pointers = selfPay
      ? []
      : d.dx
          .map((c) => claimDx.indexOf(c) + 1)
          .filter((p) => p > 0)
          .slice(0, 4);
    if (!selfPay && d.dx.length > 4)
      ctx.find(
        'DX-POINTERS',
        'info',
        `${d.code} has ${d.dx.length} linked diagnoses; only the 4 most specific are pointed.`,
        d.procIdx.map((i) => `procedures[${i}]`),
      );
    const fee = options.feeSchedule[d.code];
    if (fee === undefined)
      ctx.find('FEE-MISSING', 'warning', `No fee schedule amount for ${d.code}; charge is 0.`, []);
    const line: ClaimLine = {
      code: d.code,
      modifiers: orderModifiers(d.modifiers).slice(0, 4),
      units: d.units,
      chargeCents: (fee ?? 0) * d.units,
      diagnosisPointers: pointers,
      label: labelFor(d.code),
    };
    if (d.lesionIds.length === 1) line.lesionId = d.lesionIds[0]!;
    return line;
  };
  const outLines = claimDrafts.map((d) => toLine(d, false));
  const selfPayLines = selfDrafts.map((d) => toLine(d, true));

  diagnoses.forEach((_, i) => {
    if (!diagnosisCodes.includes(dxCodes[i]!) && claimDrafts.length > 0)
      ctx.find(
        'DX-UNUSED',
        'info',
        `${dxCodes[i]} is not pointed to by any claim line and is left off the claim.`,
        [`diagnoses[${i}].code`],
      );
  });

  // ---- 11. Pathology hold. ----
  const heldIds = [...held.keys()];
  const pathologyHold =
    heldIds.length > 0
      ? {
          lesionIds: heldIds,
          procedureIds: [...new Set(heldIds.map((id) => procedures[held.get(id)!]!.id))],
          reason: `Final pathology pending for lesion(s) ${heldIds.join(', ')}: benign vs malignant range (and diagnosis) is decided by the report; hold the claim and re-code on the pathology-result signal [aapc-4, aapc-5].`,
        }
      : null;
  if (pathologyHold)
    ctx.find(
      'PATHOLOGY-HOLD',
      'info',
      pathologyHold.reason,
      heldIds.map((id) => `lesions[${lesionById.get(id)!.index}].pathology`),
    );

  // ---- 12. Provider differences and confidence. ----
  const providerDifferences = compareProvider(visit, [...outLines, ...selfPayLines]);
  const findings = ctx.findings;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const factors: ConfidenceFactor[] = [];
  if (errors) factors.push({ factor: `${errors} error finding(s)`, weight: -Math.min(0.8, 0.3 * errors) });
  if (warnings)
    factors.push({ factor: `${warnings} warning finding(s)`, weight: -Math.min(0.4, 0.08 * warnings) });
  if (pathologyHold) factors.push({ factor: 'pathology pending: codes are provisional', weight: -0.2 });
  const unknown = findings.filter((f) => f.ruleId === 'ICD-UNKNOWN').length;
  if (unknown) factors.push({ factor: 'diagnosis outside the shipped ICD subset', weight: -0.05 * unknown });
  if (providerDifferences.length)
    factors.push({
      factor: `${providerDifferences.length} difference(s) from the provider's own codes`,
      weight: -Math.min(0.3, 0.05 * providerDifferences.length),
    });
  const score = Math.max(0, Math.min(1, 1 + factors.reduce((s, f) => s + f.weight, 0)));

  return {
    diagnosisCodes: claimDx,
    lines: outLines,
    selfPayLines,
    findings,
    pathologyHold,
    confidence: { score: Math.round(score * 100) / 100, factors },
    providerDifferences,
  };
}

function BIOPSY_CODES_PRIMARY(t: BiopsyTechnique): string {
  return t === 'incisional' ? '11106' : t === 'punch' ? '11104' : '11102';
}

function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  const key = (d: Draft) => `${d.code}|${d.routing}|${d.modifiers.join(',')}|${d.family}`;
  const seen = new Map<string, Draft>();
  for (const d of drafts) {
    const k = key(d);
    const prev = seen.get(k);
    if (!prev) {
      const copy = { ...d, lesionIds: [...d.lesionIds], procIdx: [...d.procIdx], dx: [...d.dx] };
      seen.set(k, copy);
      out.push(copy);
      continue;
    }
    prev.units += d.units;
    for (const id of d.lesionIds) if (!prev.lesionIds.includes(id)) prev.lesionIds.push(id);
    for (const i of d.procIdx) if (!prev.procIdx.includes(i)) prev.procIdx.push(i);
    for (const c of d.dx) if (!prev.dx.includes(c)) prev.dx.push(c);
    prev.order = Math.min(prev.order, d.order);
    prev.diagnosticBeforeMohs = prev.diagnosticBeforeMohs || d.diagnosticBeforeMohs;
  }
  return out;
}

/** Billing order: 25 first, then distinct-service (X{EPSU}/59), then ABN (GA/GY/GZ). */
function orderModifiers(mods: string[]): string[] {
  const rank = (m: string) => (m === '25' ? 0 : DISTINCT_MODIFIERS.has(m) ? 1 : ABN_MODIFIERS.has(m) ? 3 : 2);
  return [...new Set(mods)].sort((a, b) => rank(a) - rank(b));
}

function compareProvider(visit: VisitCompletedEvent, lines: ClaimLine[]): ProviderCodeDifference[] {
  const provider = visit.providerCodes ?? [];
  if (provider.length === 0) return [];
  const sum = (list: Array<{ code: string; units: number; modifiers: string[] }>) => {
    const m = new Map<string, { units: number; modifiers: Set<string> }>();
    for (const l of list) {
      const cur = m.get(l.code) ?? { units: 0, modifiers: new Set<string>() };
      cur.units += l.units;
      l.modifiers.forEach((x) => cur.modifiers.add(x));
      m.set(l.code, cur);
    }
    return m;
  };
  const eng = sum(lines);
  const prov = sum(
    provider.map((p) => ({ code: p.code, units: p.units ?? 1, modifiers: p.modifiers ?? [] })),
  );
  const out: ProviderCodeDifference[] = [];
  for (const [code, p] of prov) {
    const e = eng.get(code);
    if (!e) {
      out.push({
        code,
        kind: 'missing_from_engine',
        detail: `provider billed ${code} ×${p.units}; the engine does not code it`,
      });
      continue;
    }
    if (e.units !== p.units)
      out.push({ code, kind: 'units_differ', detail: `provider ${p.units} unit(s), engine ${e.units}` });
    const pm = [...p.modifiers].sort().join(',');
    const em = [...e.modifiers].sort().join(',');
    if (pm !== em) out.push({ code, kind: 'modifiers_differ', detail: `provider [${pm}], engine [${em}]` });
  }
  for (const [code, e] of eng)
    if (!prov.has(code))
      out.push({
        code,
        kind: 'missing_from_provider',
        detail: `engine codes ${code} ×${e.units}; the provider did not`,
      });
  return out;
}
