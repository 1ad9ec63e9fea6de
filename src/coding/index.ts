import type { VisitCompletedEvent } from '../visit/schema';
import { codeVisitEngine, type CodingOptions } from './engine';
import type { CodingResult } from './types';

export type {
  CodingResult,
  ClaimLine,
  CodingFinding,
  PathologyHold,
  ConfidenceFactor,
  ProviderCodeDifference,
} from './types';
export type { FeeSchedule, CodingOptions } from './engine';
export { buildCodingOptions } from './options';
export { defaultPayerPolicies, payerPolicyFor, type PayerPolicy, type PayerPolicyBook } from './payer-policy';
export { CodingValidationError, validateVisitForCoding, type CodingValidationIssue } from './validate';
export {
  defaultIcdTable,
  defaultNcciTables,
  type IcdTable,
  type IcdEntry,
  type NcciTables,
  type PtpPair,
  type MueEdit,
} from './tables';

/**
 * Codes one visit: claim lines (837P), self-pay lines, findings, pathology hold, confidence and
 * differences from the provider's own codes. Pure: no I/O, no clock, no randomness.
 *
 * @throws CodingValidationError when the documentation cannot be coded (issues name the field).
 */
export function codeVisit(visit: VisitCompletedEvent, options: CodingOptions): CodingResult {
  return codeVisitEngine(visit, options);
}
