/**
 * A procedure family: the kinds of procedure it codes, what it needs from the documentation
 * (which drives validation), and how it turns documented procedures into draft claim lines.
 * Register a new family in ./registry.ts; nothing else in the engine needs to change.
 */
import type { Lesion, Procedure, ProcedureKind } from '../../visit/schema';
import type { CodingContext } from '../context';

export type ValidationIssueSink = (path: string, message: string) => void;
/** A documented lesion by id, with its index in lesions[] (undefined when it does not exist). */
export type LesionLookup = (id: string) => { lesion: Lesion; index: number } | undefined;

export interface FamilyRequirements {
  /**
   * "itemised": the procedure names the lesions it was performed on (site and size come from them);
   * "itemised_or_count": lesionIds or a lesionCount (counted destructions, injections).
   */
  lesions?: 'itemised' | 'itemised_or_count';
  /** Each lesion's greatest diameter sizes the code. */
  lesionDiameter?: boolean;
  /** Each lesion's narrowest margin sizes the code (excised diameter = diameter + 2 × margin). */
  lesionMargin?: boolean;
  /** Procedure fields the family's codes depend on, reported with their paths. */
  check?(procedure: Procedure, at: string, issue: ValidationIssueSink, lesion: LesionLookup): void;
}

/** How the family's services are routed before the claim edits run. */
export type FamilyRouting =
  /** Covered services: always on the claim. */
  | 'covered'
  /** Cosmetic by nature: the self-pay ledger, never an 837. */
  | 'cosmetic'
  /** Benign-lesion removal: needs a supporting diagnosis or symptom [auctus-benign, bcbsms]. */
  | 'benign_removal'
  /** Excision: only a cosmetic-reading diagnosis sends it to self-pay. */
  | 'excision';

export interface ProcedureFamily {
  readonly name: string;
  readonly kinds: readonly ProcedureKind[];
  readonly requires: FamilyRequirements;
  readonly routing: FamilyRouting;
  /** The family removes or destroys the lesion: a same-day biopsy of it is included [derm-ncci]. */
  readonly removesLesion?: boolean;
  /**
   * Closure of the lesion's wound that the family's code includes: "simple" (excisions, shave,
   * biopsies, destructions [aapc-5, bonfire-bx]) or "all" repairs (flaps, hidradenitis excisions).
   */
  readonly includesClosure?: 'simple' | 'all';
  /** Mohs: the procedure excises the tumour itself (no separate excision of that lesion). */
  readonly excisesTumour?: boolean;
  /** Drugs documented on the procedure are billed as their own lines (default true). */
  readonly billsDrugs?: boolean;
  /** Our own short labels for the codes the family emits (never AMA descriptor text). */
  readonly labels: ReadonlyArray<readonly [RegExp, string]>;
  /** The code waits for the final pathology report of this (non-final) lesion. */
  holdsForPathology?(procedure: Procedure, lesion: Lesion): boolean;
  /** Codes one procedure, in document order; families that code procedures together collect here. */
  draft(procedure: Procedure, index: number, ctx: CodingContext): void;
  /** Emits the lines of procedures coded together (biopsy hierarchy, counted lesions, summed repairs). */
  complete?(ctx: CodingContext): void;
}
