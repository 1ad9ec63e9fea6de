import { EM_CODE } from '../coding/edits/em-modifier-25';
import { DISTINCT_SERVICE_MODIFIERS, orderModifiers } from '../coding/modifiers';
import {
  acceptedDistinctModifiers,
  defaultPayerPolicies,
  payerPolicyFor,
  type PayerPolicy,
  type PayerPolicyBook,
} from '../coding/payer-policy';
import { defaultNcciTables, type NcciTables, type PtpPair } from '../coding/tables';
import type { ClaimLine } from '../coding/types';
import { allAdjustments, isContractualAdjustment } from '../posting/ledger-entries';
import type { ClaimPayment } from '../remittance/types';
import type { PayerType } from '../visit/schema';

export type DenialResolution =
  /** The fix is known: send a replacement claim with these lines. */
  | { action: 'correct'; lines: ClaimLine[]; explanation: string[] }
  /** Nothing can make the denied lines payable and the patient may not be billed: write them off. */
  | { action: 'write_off'; explanation: string[] }
  /** A person must decide (appeal, records, authorization, coverage). */
  | { action: 'staff'; reasons: string[] };

export interface DenialContext {
  /** The lines as submitted, with their REF*6R line control numbers. */
  lines: Array<ClaimLine & { lineControlNumber: string }>;
  payment: ClaimPayment;
  /** The documentation says the E/M was significant and separately identifiable. */
  emSeparatelyIdentifiable: boolean;
  dateOfService: string;
  ncci?: NcciTables;
  /**
   * The claim's payer: its coding policy (config/payer-policies.json, the same the coding engine
   * reads) decides the distinct-service modifier and the line of an NCCI pair that carries it.
   * Without it the commercial payer-type policy applies.
   */
  payer?: { payerId: string; payerType: PayerType };
  payerPolicies?: PayerPolicyBook;
}

type Line = DenialContext['lines'][number];

/** One denied line's outcome: a corrected line set, a write-off, or no automatic fix. */
type LineOutcome = { fixed: string } | { writtenOff: string } | null;

interface Planning {
  context: DenialContext;
  ncci: NcciTables;
  policy: PayerPolicy;
  lines: Line[];
}

/**
 * Decides what to do about the denied lines of an adjudicated claim (domain brief §4):
 *   CO-4 on an E/M without modifier 25, when the visit documents a separately identifiable E/M → add 25;
 *   CO-236/CO-97 on an NCCI column-2 code: indicator 1 and a distinct lesion → the payer's distinct
 *   modifier on the line the payer wants it; indicator 0 → write off;
 *   everything else (CO-11/50/167 necessity, CO-197 authorization, CO-18 duplicate, CO-27 coverage…) → staff.
 */
export function planDenialResolution(context: DenialContext): DenialResolution {
  const denied = allAdjustments(context.payment).filter(
    (a) => a.group !== 'PR' && !isContractualAdjustment(a),
  );
  if (denied.length === 0)
    return { action: 'staff', reasons: ['no denial adjustment found in the remittance'] };
  const planning: Planning = {
    context,
    ncci: context.ncci ?? defaultNcciTables,
    policy: payerPolicyFor(context.payerPolicies ?? defaultPayerPolicies, context.payer),
    lines: context.lines.map((l) => ({ ...l })),
  };
  const explanation: string[] = [];
  const writtenOff = new Set<string>();
  const unresolved: string[] = [];
  for (const adjustment of denied) {
    const code = `${adjustment.group}-${adjustment.reasonCode}`;
    const index = planning.lines.findIndex((l) => l.lineControlNumber === adjustment.lineControlNumber);
    if (index < 0) {
      unresolved.push(`${code} at claim level`);
      continue;
    }
    const outcome = resolveLine(planning, index, code);
    if (outcome === null) unresolved.push(`${code} on ${planning.lines[index]!.code}`);
    else if ('fixed' in outcome) explanation.push(outcome.fixed);
    else {
      writtenOff.add(planning.lines[index]!.lineControlNumber);
      explanation.push(outcome.writtenOff);
    }
  }
  if (unresolved.length > 0)
    return { action: 'staff', reasons: [`denials without a known automatic fix: ${unresolved.join(', ')}`] };
  const corrected = planning.lines.filter((l) => !writtenOff.has(l.lineControlNumber));
  const submitted = new Map(context.lines.map((l) => [l.lineControlNumber, l.modifiers.join(',')]));
  const changed = corrected.some((l) => submitted.get(l.lineControlNumber) !== l.modifiers.join(','));
  if (!changed) return { action: 'write_off', explanation };
  return {
    action: 'correct',
    lines: corrected.map(({ lineControlNumber: _lcn, ...line }) => line),
    explanation,
  };
}

function withModifiers(planning: Planning, line: Line, modifiers: string[]): Line {
  return { ...line, modifiers: orderModifiers(modifiers, planning.policy.modifierOrder).slice(0, 4) };
}

function resolveLine(planning: Planning, index: number, code: string): LineOutcome {
  const line = planning.lines[index]!;
  if (
    code === 'CO-4' &&
    EM_CODE.test(line.code) &&
    !line.modifiers.includes('25') &&
    planning.context.emSeparatelyIdentifiable
  ) {
    planning.lines[index] = withModifiers(planning, line, [...line.modifiers, '25']);
    return { fixed: `${line.code}: added modifier 25 (documented as separately identifiable) for ${code}` };
  }
  if (code === 'CO-236' || code === 'CO-97') return resolveNcciDenial(planning, index, code);
  return null;
}

/** CO-236/CO-97 on a column-2 line: write off (indicator 0) or fix the distinct modifier (1). */
function resolveNcciDenial(planning: Planning, index: number, code: string): LineOutcome {
  const line = planning.lines[index]!;
  const dos = planning.context.dateOfService;
  const others = planning.lines.filter((other) => other !== line);
  const pair = planning.ncci.pairs.find(
    (p: PtpPair) =>
      p.column2 === line.code &&
      p.effective <= dos &&
      (!p.deleted || p.deleted > dos) &&
      others.some((other) => other.code === p.column1),
  );
  if (!pair) return null;
  if (pair.modifierIndicator === 0)
    return {
      writtenOff: `${line.code}: bundled into ${pair.column1} (NCCI indicator 0), written off for ${code}`,
    };
  const column1 = others.find((other) => other.code === pair.column1)!;
  const distinctLesion =
    line.lesionId !== undefined && column1.lesionId !== undefined && line.lesionId !== column1.lesionId;
  if (pair.modifierIndicator !== 1 || !distinctLesion) return null;
  const policy = planning.policy;
  const accepted = acceptedDistinctModifiers(policy);
  if (line.modifiers.some((m) => accepted.has(m))) return null;
  const wanted = policy.distinctModifiers.separateStructure;
  const kept = line.modifiers.filter((m) => !DISTINCT_SERVICE_MODIFIERS.has(m));
  planning.lines[index] = withModifiers(planning, line, [...kept, wanted]);
  const replaced = line.modifiers.filter((m) => DISTINCT_SERVICE_MODIFIERS.has(m));
  const onColumn1 = column1.modifiers.some((m) => accepted.has(m));
  const why = replaced.length
    ? `${replaced.join('/')} replaced by ${wanted}, the payer's distinct-service modifier`
    : onColumn1
      ? `added ${wanted} on the column-2 line (this payer does not accept it on ${pair.column1})`
      : `added ${wanted}`;
  return {
    fixed: `${line.code}: ${why} (separate lesion from ${pair.column1}, NCCI indicator 1) for ${code}`,
  };
}
