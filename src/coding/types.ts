/** What the coding stage produces for one visit. Plain data: it crosses the Temporal boundary. */
import type { NdcUnit } from '../visit/schema';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface CodingFinding {
  /** Stable rule identifier, e.g. "NCCI-PTP", "MUE", "BIOPSY-HIERARCHY". */
  ruleId: string;
  severity: FindingSeverity;
  /** Plain-language explanation for billing staff. */
  message: string;
  /** The documentation the finding rests on, e.g. "lesions[1].diameter", "procedures[0]". */
  evidence: string[];
}

export interface ClaimLine {
  /** CPT or HCPCS code. */
  code: string;
  /** Up to four modifiers, in billing order. */
  modifiers: string[];
  units: number;
  /** Line charge in integer cents (fee schedule amount × units). */
  chargeCents: number;
  /** 1-based pointers into CodingResult.diagnosisCodes, most important first; at most four. */
  diagnosisPointers: number[];
  /** The lesion this line comes from, when it comes from one. */
  lesionId?: string;
  /** Our own short label (never AMA descriptor text). */
  label: string;
  /**
   * Drug lines: the product's National Drug Code (11 digits, 5-4-2) and the quantity given in its
   * unit of measure (837P loop 2410: LIN*N4 and CTP).
   */
  ndc?: { code: string; quantity: number; unit: NdcUnit };
}

export interface PathologyHold {
  /** Lesions whose final pathology decides the code. */
  lesionIds: string[];
  /** The procedures (excisions, shave removals) whose codes wait on the report. */
  procedureIds?: string[];
  reason: string;
}

export interface ConfidenceFactor {
  factor: string;
  /** Effect on the score, e.g. -0.2. */
  weight: number;
}

export interface ProviderCodeDifference {
  code: string;
  kind: 'missing_from_engine' | 'missing_from_provider' | 'units_differ' | 'modifiers_differ';
  detail: string;
}

export interface CodingResult {
  /** ICD-10-CM codes in claim order (HI segment): pointer n = diagnosisCodes[n - 1]. */
  diagnosisCodes: string[];
  /** Lines billable to insurance (go on the 837P). */
  lines: ClaimLine[];
  /** Cosmetic and non-covered services billed to the patient; never on an 837. */
  selfPayLines: ClaimLine[];
  findings: CodingFinding[];
  pathologyHold: PathologyHold | null;
  confidence: { score: number; factors: ConfidenceFactor[] };
  providerDifferences: ProviderCodeDifference[];
}
