/**
 * Building blocks of the coding corpus: the scenario type and short constructors for lesions,
 * procedures, diagnoses and encounters. Source tags refer to the domain brief; tags starting with
 * "cpt-" cite CPT code-set conventions the brief does not cover (see docs/coding.md, Sources).
 */
import type { VisitPatch } from './helpers';
import { cm } from './helpers';

/** [code, modifiers, units, diagnosis codes in pointer order] */
export type ExpectedLine = [string, string[], number, string[]];
/** [code, modifiers, units] */
export type ExpectedSelfPay = [string, string[], number];

export interface CorpusCase {
  id: string;
  title: string;
  /** Source tags from the domain brief backing the expected coding. */
  sources: string[];
  visit: VisitPatch;
  expect: {
    lines?: ExpectedLine[];
    selfPay?: ExpectedSelfPay[];
    /** Lesions on pathology hold. */
    hold?: string[];
    /** Rule ids that must appear among the findings. */
    findings?: string[];
    /** Paths the CodingValidationError must name (the visit must not be coded). */
    validation?: string[];
    /** Paths (dot-separated) the visit schema must refuse (the document is not accepted at all). */
    schema?: string[];
  };
}

export type Region = NonNullable<VisitPatch['lesions']>[number]['site']['region'];
export const L = (id: string, region: Region, diameter?: number, extra: Record<string, unknown> = {}) => ({
  id,
  site: { region },
  ...(diameter !== undefined ? { diameter: cm(diameter) } : {}),
  ...extra,
});
/** An excised lesion with its final pathology (result + optional diagnosis code). */
export const X = (id: string, region: Region, d: number, margin: number, result?: string, dx?: string) => ({
  id,
  site: { region },
  diameter: cm(d),
  narrowestMargin: cm(margin),
  specimenToPathology: true,
  pathology: result
    ? { status: 'final' as const, result: result as 'benign', ...(dx ? { diagnosisCode: dx } : {}) }
    : { status: 'pending' as const },
});
export const P = (id: string, kind: string, lesionIds: string[] = [], extra: Record<string, unknown> = {}) =>
  ({ id, kind, lesionIds, ...extra }) as NonNullable<VisitPatch['procedures']>[number];
export const D = (code: string, lesionIds: string[] = [], procedureIds: string[] = []) => ({
  code,
  lesionIds,
  procedureIds,
});
export const EST = (emLevel?: number, sep = false) => ({
  visitType: 'established' as const,
  ...(emLevel ? { emLevel } : {}),
  emSeparatelyIdentifiable: sep,
});

/** A schema-version-2 document (v2 sites, procedure kinds and fields). */
export const V2 = (patch: VisitPatch): VisitPatch => ({ schemaVersion: '2', ...patch });
