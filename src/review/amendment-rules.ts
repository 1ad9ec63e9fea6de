import { defaultNcciTables, type FeeSchedule, type NcciTables } from '../coding';
import type { AmendedLine } from '../visit-billing/messages';

export interface AmendmentProblem {
  path: string;
  message: string;
}

/** Column-2 modifiers that tell the payer an NCCI pair was performed separately. */
const DISTINCT_MODIFIERS = new Set(['59', 'XS', 'XE', 'XP', 'XU']);

export interface AmendmentContext {
  feeSchedule: FeeSchedule;
  /** Date of service (YYYY-MM-DD): which NCCI rows apply. */
  dateOfService: string;
  ncci?: NcciTables;
}

type Rule = (lines: AmendedLine[], diagnosisCodes: string[], context: AmendmentContext) => AmendmentProblem[];

/** The practice bills only codes it has a fee for: anything else is a typo or an unsupported service. */
const knownCodes: Rule = (lines, _diagnoses, { feeSchedule }) =>
  lines.flatMap((line, i) =>
    feeSchedule[line.code] === undefined
      ? [{ path: `lines.${i}.code`, message: `${line.code} is not on the practice's fee schedule` }]
      : [],
  );

const pointersOnClaim: Rule = (lines, diagnosisCodes) =>
  lines.flatMap((line, i) =>
    line.diagnosisPointers.some((p) => p < 1 || p > diagnosisCodes.length)
      ? [
          {
            path: `lines.${i}.diagnosisPointers`,
            message: `${line.code} points past the ${diagnosisCodes.length} diagnoses on the claim`,
          },
        ]
      : [],
  );

const unitsWithinMue: Rule = (lines, _diagnoses, { ncci = defaultNcciTables }) => {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.code, (units.get(line.code) ?? 0) + line.units);
  return [...units].flatMap(([code, total]) => {
    const edit = ncci.mue.find((m) => m.code === code);
    return edit && total > edit.practitionerMue
      ? [{ path: 'lines', message: `${code}: ${total} units exceed the MUE of ${edit.practitionerMue}` }]
      : [];
  });
};

const ncciPairs: Rule = (lines, _diagnoses, { ncci = defaultNcciTables, dateOfService }) =>
  lines.flatMap((column2, i) =>
    ncci.pairs
      .filter(
        (pair) =>
          pair.column2 === column2.code &&
          pair.modifierIndicator !== 9 &&
          pair.effective <= dateOfService &&
          (pair.deleted === null || dateOfService < pair.deleted) &&
          lines.some((other) => other !== column2 && other.code === pair.column1),
      )
      .flatMap((pair) => {
        if (pair.modifierIndicator === 0)
          return [
            {
              path: `lines.${i}.code`,
              message: `${column2.code} is bundled into ${pair.column1} (NCCI indicator 0): never separately payable`,
            },
          ];
        return column2.modifiers.some((m) => DISTINCT_MODIFIERS.has(m))
          ? []
          : [
              {
                path: `lines.${i}.modifiers`,
                message: `${column2.code} with ${pair.column1} needs a distinct-service modifier (59, XS, XE, XP or XU)`,
              },
            ];
      }),
  );

const amendmentRules: Rule[] = [knownCodes, pointersOnClaim, unitsWithinMue, ncciPairs];

/** The coding rules a staff (or automatic) amendment must pass before it replaces the codes. */
export function checkAmendedCodes(
  lines: AmendedLine[],
  diagnosisCodes: string[],
  context: AmendmentContext,
): AmendmentProblem[] {
  if (lines.length === 0) return [{ path: 'lines', message: 'an amendment must keep at least one line' }];
  return amendmentRules.flatMap((rule) => rule(lines, diagnosisCodes, context));
}
