/**
 * Everything the families and claim edits share while one visit is coded: the indexed
 * documentation, checked diagnoses and their links, same-lesion relations, routing, findings and
 * the draft lines. One context per codeVisit call; nothing outlives it.
 */
import type { Lesion, Procedure, ProcedureKind, VisitCompletedEvent } from '../visit/schema';
import type { Draft, LineEncounter, LineKind, Routing } from './draft';
import type { ProcedureFamily } from './families/family';
import type { CodingOptions } from './options';
import { defaultPayerPolicies, payerPolicyFor, type PayerPolicy } from './payer-policy';
import { decideRouting } from './routing';
import {
  defaultIcdTable,
  defaultNcciTables,
  icdOnDate,
  indexTables,
  normaliseIcd,
  type IcdEntry,
  type IndexedTables,
} from './tables';
import type { CodingFinding, FindingSeverity } from './types';

export class CodingContext {
  readonly findings: CodingFinding[] = [];
  readonly drafts: Draft[] = [];
  readonly tables: IndexedTables;
  readonly procedures: Procedure[];
  readonly dateOfService: string;
  /** The coding policy of the visit's payer (config/payer-policies.json). */
  readonly policy: PayerPolicy;
  /** GA/GZ/GY apply to this payer (traditional Medicare only). */
  readonly abnModifiersApply: boolean;
  /** Distinct-lesion modifier for NCCI pairs and MUE splits, and the same-lesion distinct service one. */
  readonly distinctModifier: string;
  readonly sameLesionModifier: string;
  /** ICD table row (null when invalid on the date of service) per normalised diagnosis code. */
  readonly icdEntry = new Map<string, IcdEntry | null>();
  /** Normalised visit.diagnoses codes, by index. */
  readonly dxCodes: string[];
  /** Indexes of diagnoses linked to some lesion or procedure (the rest go to the E/M). */
  readonly linkedDiagnoses = new Set<number>();
  /** lesionId → index of the Mohs procedure treating that tumour. */
  readonly mohsLesion = new Map<string, number>();
  /** lesionId → index of the procedure whose code waits for the final pathology report. */
  readonly held = new Map<string, number>();
  /** lesionId → the first procedure that removes or destroys it. */
  readonly removalLesion = new Map<string, number>();
  /** Routing decided for each procedure (drug lines follow it). */
  readonly routingOf = new Map<number, Routing>();
  /** Some procedure is in a later encounter, by another practitioner, or a repeat. */
  readonly severalSessions: boolean;
  /** The first encounter of the day, by the rendering provider (lines without a procedure). */
  readonly firstEncounter: LineEncounter;
  private readonly lesionById = new Map<string, { lesion: Lesion; index: number }>();
  private readonly procedureById = new Map<string, number>();
  private readonly pathologyDx = new Map<string, string>();
  private readonly dxByLesion = new Map<string, string[]>();
  private readonly dxByProcedure = new Map<string, string[]>();
  private readonly routeMemo = new Map<string, Routing>();
  private readonly familyState = new Map<object, unknown>();

  constructor(
    readonly visit: VisitCompletedEvent,
    readonly options: CodingOptions,
    readonly familyOf: (kind: ProcedureKind) => ProcedureFamily,
  ) {
    this.tables = indexTables(options.icd10 ?? defaultIcdTable, options.ncci ?? defaultNcciTables);
    this.procedures = visit.procedures ?? [];
    this.dateOfService = visit.dateOfService;
    this.policy = payerPolicyFor(options.payerPolicies ?? defaultPayerPolicies, visit.coverage);
    this.abnModifiersApply = this.policy.abnModifiers;
    const forced = options.distinctModifier;
    this.distinctModifier = forced ?? this.policy.distinctModifiers.separateStructure;
    this.sameLesionModifier = forced
      ? forced === 'XS'
        ? 'XU'
        : '59'
      : this.policy.distinctModifiers.unusualNonOverlapping;
    (visit.lesions ?? []).forEach((lesion, index) => this.lesionById.set(lesion.id, { lesion, index }));
    let severalSessions = false;
    this.procedures.forEach((p, index) => {
      this.procedureById.set(p.id, index);
      if (p.encounterNumber !== undefined || p.performedByNpi !== undefined || p.repeatOf !== undefined)
        severalSessions = true;
    });
    this.severalSessions = severalSessions;
    this.firstEncounter = { number: 1, practitionerNpi: visit.renderingProvider.npi, key: '' };
    this.dxCodes = visit.diagnoses.map((d, i) => this.checkIcd(d.code, `diagnoses[${i}].code`));
    this.linkDiagnoses();
    this.relateLesions();
  }

  find(ruleId: string, severity: FindingSeverity, message: string, evidence: string[]): void {
    this.findings.push({ ruleId, severity, message, evidence });
  }

  lesion(id: string): { lesion: Lesion; index: number } {
    return this.lesionById.get(id)!;
  }

  /** Index of a procedure by id (undefined when the document has none with that id). */
  procedureIndex(id: string): number | undefined {
    return this.procedureById.get(id);
  }

  /** The encounter of the day procedure `pi` belongs to, and who performed it. */
  encounterOf(pi: number): LineEncounter {
    const p = this.procedures[pi]!;
    if (p.encounterNumber === undefined && p.performedByNpi === undefined) return this.firstEncounter;
    const number = p.encounterNumber ?? 1;
    const practitionerNpi = p.performedByNpi ?? this.visit.renderingProvider.npi;
    return {
      number,
      practitionerNpi,
      key:
        number === 1 && practitionerNpi === this.firstEncounter.practitionerNpi
          ? ''
          : `${number}|${practitionerNpi}`,
    };
  }

  /**
   * Families that code several procedures together do so per session: the same encounter, the same
   * practitioner, and not a repeat of an earlier procedure (which is its own line with 76/77).
   */
  sessionKey(pi: number): string {
    const repeatOf = this.procedures[pi]!.repeatOf;
    const { key } = this.encounterOf(pi);
    return repeatOf === undefined ? key : `${key}|${repeatOf}`;
  }

  /**
   * The distinct-service modifier for a column-2 line against its column-1 line, by the payer policy:
   * a separate encounter (XE), another practitioner (XP), else a separate structure (XS) [hmsa-x].
   */
  distinctModifierBetween(column1: Draft, column2: Draft): string {
    if (this.options.distinctModifier === '59') return '59';
    const distinct = this.policy.distinctModifiers;
    if (column1.encounter.number !== column2.encounter.number) return distinct.separateEncounter;
    if (column1.encounter.practitionerNpi !== column2.encounter.practitionerNpi)
      return distinct.separatePractitioner;
    return this.distinctModifier;
  }

  /** Lesions itemised on the procedure, or its documented lesion count. */
  countOf(procedure: Procedure): number {
    return procedure.lesionCount ?? procedure.lesionIds.length;
  }

  /** Per-visit working state of a family that codes several procedures together. */
  stateOf<S>(owner: object, init: () => S): S {
    let state = this.familyState.get(owner) as S | undefined;
    if (state === undefined) {
      state = init();
      this.familyState.set(owner, state);
    }
    return state;
  }

  /** Normalises a diagnosis code and checks it against the ICD-10-CM table (leaf, date of service). */
  checkIcd(raw: string, path: string): string {
    const code = normaliseIcd(raw);
    if (this.icdEntry.has(code)) return code;
    const dos = this.dateOfService;
    const { entry, known } = icdOnDate(this.tables, code, dos);
    this.icdEntry.set(code, entry);
    if (!known) {
      this.find(
        'ICD-UNKNOWN',
        'warning',
        `${code} is not in the shipped dermatology ICD-10-CM subset; its billable status on ${dos} cannot be checked.`,
        [path],
      );
    } else if (!entry) {
      this.find('ICD-DATE', 'error', `${code} is not a valid ICD-10-CM code on the date of service ${dos}.`, [
        path,
      ]);
    } else if (!entry.billable) {
      this.find(
        'ICD-NON-LEAF',
        'error',
        `${code} (${entry.title}) is a category heading, not a billable leaf code on ${dos}; code to the highest specificity.`,
        [path],
      );
    }
    return code;
  }

  /** Diagnoses for a line: final pathology supersedes clinical "uncertain" codes of that lesion. */
  dxFor(lesionIds: string[], procIdx: number[]): string[] {
    const out: string[] = [];
    const push = (c: string) => {
      if (!out.includes(c)) out.push(c);
    };
    let hasPathology = false;
    for (const id of lesionIds) {
      const p = this.pathologyDx.get(id);
      if (p) {
        hasPathology = true;
        push(p);
      }
    }
    for (const id of lesionIds) {
      if (this.pathologyDx.has(id)) continue;
      for (const c of this.dxByLesion.get(id) ?? []) push(c);
    }
    for (const pi of procIdx) {
      for (const c of this.dxByProcedure.get(this.procedures[pi]!.id) ?? []) {
        if (hasPathology && this.icdEntry.get(c)?.category === 'uncertain') continue;
        push(c);
      }
    }
    return out;
  }

  /** Routing of procedure `pi` for these lesions and diagnoses (decided once per combination). */
  route(pi: number, lesionIds: string[], dx: string[]): Routing {
    const key = `${pi}|${lesionIds.join(',')}|${dx.join(',')}`;
    let routing = this.routeMemo.get(key);
    if (routing === undefined) {
      routing = decideRouting(this, pi, lesionIds, dx);
      this.routeMemo.set(key, routing);
    }
    this.routingOf.set(pi, routing);
    return routing;
  }

  /** Adds a draft line; its diagnoses are those linked to its lesions and procedures. */
  add(
    code: string,
    units: number,
    lesionIds: string[],
    procIdx: number[],
    routing: Routing,
    order: number,
    kind: LineKind = 'procedure',
    extra: Partial<Draft> = {},
  ): Draft {
    const first = procIdx[0];
    const repeated = first === undefined ? undefined : this.procedures[first]!.repeatOf;
    const draft: Draft = {
      code,
      units,
      modifiers: [],
      lesionIds,
      procIdx,
      dx: this.dxFor(lesionIds, procIdx),
      routing,
      kind,
      order,
      encounter: first === undefined ? this.firstEncounter : this.encounterOf(first),
      ...(repeated === undefined ? {} : { repeatOf: this.procedureById.get(repeated) }),
      ...extra,
    };
    this.drafts.push(draft);
    return draft;
  }

  private linkDiagnoses(): void {
    (this.visit.lesions ?? []).forEach((l, i) => {
      if (l.pathology?.status === 'final' && l.pathology.diagnosisCode)
        this.pathologyDx.set(
          l.id,
          this.checkIcd(l.pathology.diagnosisCode, `lesions[${i}].pathology.diagnosisCode`),
        );
    });
    const push = (map: Map<string, string[]>, id: string, code: string) => {
      const list = map.get(id);
      if (list) list.push(code);
      else map.set(id, [code]);
    };
    this.visit.diagnoses.forEach((d, i) => {
      for (const id of d.lesionIds ?? []) {
        push(this.dxByLesion, id, this.dxCodes[i]!);
        this.linkedDiagnoses.add(i);
      }
      for (const id of d.procedureIds ?? []) {
        push(this.dxByProcedure, id, this.dxCodes[i]!);
        this.linkedDiagnoses.add(i);
      }
    });
  }

  /** Mohs tumours, removed lesions and pathology holds, as the families declare them. */
  private relateLesions(): void {
    const families = this.procedures.map((p) => this.familyOf(p.kind));
    this.procedures.forEach((p, pi) => {
      if (families[pi]!.excisesTumour) for (const id of p.lesionIds) this.mohsLesion.set(id, pi);
    });
    this.procedures.forEach((p, pi) => {
      const family = families[pi]!;
      if (p.cosmetic) return;
      for (const id of p.lesionIds) {
        if (this.mohsLesion.has(id)) continue;
        const { lesion } = this.lesion(id);
        if (lesion.pathology?.status !== 'final' && family.holdsForPathology?.(p, lesion))
          this.held.set(id, pi);
      }
    });
    this.procedures.forEach((p, pi) => {
      if (!families[pi]!.removesLesion || p.cosmetic) return;
      for (const id of p.lesionIds)
        if (!this.mohsLesion.has(id) && !this.removalLesion.has(id)) this.removalLesion.set(id, pi);
    });
  }
}
