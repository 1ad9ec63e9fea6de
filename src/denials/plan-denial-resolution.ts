import { defaultNcciTables, type NcciTables } from '../coding/tables';
import type { ClaimLine } from '../coding/types';
import { allAdjustments, isContractualAdjustment } from '../posting/ledger-entries';
import type { ClaimPayment } from '../remittance/types';

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
}

const EM = /^99(20[2-5]|21[1-5])$/;
const DISTINCT = ['59', 'XE', 'XS', 'XP', 'XU'];

function withModifier<Line extends ClaimLine>(line: Line, modifier: string): Line {
  // Pricing and informational modifiers go last; the fixing modifier goes first.
  return { ...line, modifiers: [modifier, ...line.modifiers].slice(0, 4) };
}

/**
 * Decides what to do about the denied lines of an adjudicated claim (domain brief §4):
 *   CO-4 on an E/M without modifier 25, when the visit documents a separately identifiable E/M → add 25;
 *   CO-236/CO-97 on an NCCI column-2 code: indicator 1 and a distinct lesion → add XS; indicator 0 → write off;
 *   everything else (CO-11/50/167 necessity, CO-197 authorization, CO-18 duplicate, CO-27 coverage…) → staff.
 */
export function planDenialResolution(context: DenialContext): DenialResolution {
  const ncci = context.ncci ?? defaultNcciTables;
  const denied = allAdjustments(context.payment).filter(
    (a) => a.group !== 'PR' && !isContractualAdjustment(a),
  );
  if (denied.length === 0)
    return { action: 'staff', reasons: ['no denial adjustment found in the remittance'] };
  const lines = context.lines.map((l) => ({ ...l }));
  const explanation: string[] = [];
  const writtenOff = new Set<string>();
  const unresolved: string[] = [];

  for (const adjustment of denied) {
    const code = `${adjustment.group}-${adjustment.reasonCode}`;
    const index = lines.findIndex((l) => l.lineControlNumber === adjustment.lineControlNumber);
    const line = lines[index];
    if (!line) {
      unresolved.push(`${code} at claim level`);
      continue;
    }
    if (
      code === 'CO-4' &&
      EM.test(line.code) &&
      !line.modifiers.includes('25') &&
      context.emSeparatelyIdentifiable
    ) {
      lines[index] = withModifier(line, '25');
      explanation.push(`${line.code}: added modifier 25 (documented as separately identifiable) for ${code}`);
      continue;
    }
    if (code === 'CO-236' || code === 'CO-97') {
      const pair = ncci.pairs.find(
        (p) =>
          p.column2 === line.code &&
          p.effective <= context.dateOfService &&
          (!p.deleted || p.deleted > context.dateOfService) &&
          lines.some((other) => other !== line && other.code === p.column1),
      );
      const column1 = pair && lines.find((other) => other !== line && other.code === pair.column1);
      if (pair?.modifierIndicator === 0) {
        writtenOff.add(line.lineControlNumber);
        explanation.push(
          `${line.code}: bundled into ${pair.column1} (NCCI indicator 0), written off for ${code}`,
        );
        continue;
      }
      const distinctLesion =
        column1 !== undefined &&
        line.lesionId !== undefined &&
        column1.lesionId !== undefined &&
        line.lesionId !== column1.lesionId;
      if (
        pair?.modifierIndicator === 1 &&
        distinctLesion &&
        !line.modifiers.some((m) => DISTINCT.includes(m))
      ) {
        lines[index] = withModifier(line, 'XS');
        explanation.push(
          `${line.code}: added XS (separate lesion from ${pair.column1}, NCCI indicator 1) for ${code}`,
        );
        continue;
      }
    }
    unresolved.push(`${code} on ${line.code}`);
  }

  if (unresolved.length > 0) {
    return { action: 'staff', reasons: [`denials without a known automatic fix: ${unresolved.join(', ')}`] };
  }
  const corrected = lines.filter((l) => !writtenOff.has(l.lineControlNumber));
  const submitted = new Map(context.lines.map((l) => [l.lineControlNumber, l.modifiers.join(',')]));
  const changed = corrected.some((l) => submitted.get(l.lineControlNumber) !== l.modifiers.join(','));
  if (!changed) return { action: 'write_off', explanation };
  return {
    action: 'correct',
    lines: corrected.map(({ lineControlNumber: _lcn, ...line }) => line),
    explanation,
  };
}
