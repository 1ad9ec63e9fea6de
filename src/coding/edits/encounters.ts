import type { Draft } from '../draft';
import { procedurePaths, type ClaimEdit } from './edit';

/**
 * Encounters of the day [fcso-236, aad-2020]: a procedure repeated the same day takes 76 (same
 * practitioner) or 77 (another practitioner); the same code again in a later encounter, not a
 * repeat, takes the payer's separate-encounter modifier (XE or 59). NCCI pairs across encounters
 * or practitioners take XE/XP in the NCCI edit.
 */
export const encounterModifiers: ClaimEdit = {
  id: 'ENCOUNTER',
  summary: 'Repeated procedures take 76/77; the same code in a later encounter takes XE (or 59).',
  apply(claim, ctx) {
    if (!ctx.severalSessions) return;
    const lines = claim.billable();
    for (const d of lines) {
      if (d.repeatOf !== undefined) {
        const original = ctx.encounterOf(d.repeatOf);
        const mod = original.practitionerNpi === d.encounter.practitionerNpi ? '76' : '77';
        d.modifiers.push(mod);
        ctx.find(
          'REPEAT-PROCEDURE',
          'info',
          `${d.code} repeats procedure ${ctx.procedures[d.repeatOf]!.id} the same day by ${mod === '76' ? 'the same' : 'another'} practitioner → ${mod} [aad-2020].`,
          procedurePaths(d.procIdx).map((p) => `${p}.repeatOf`),
        );
      } else if (laterEncounterOfSameCode(d, lines)) {
        const mod = ctx.policy.distinctModifiers.separateEncounter;
        d.modifiers.push(mod);
        ctx.find(
          'ENCOUNTER-SEPARATE',
          'info',
          `${d.code} is billed again in encounter ${d.encounter.number} the same day → ${mod} (separate encounter) [hmsa-x].`,
          procedurePaths(d.procIdx).map((p) => `${p}.encounterNumber`),
        );
      }
    }
  },
};

function laterEncounterOfSameCode(d: Draft, lines: Draft[]): boolean {
  return lines.some((o) => o !== d && o.code === d.code && o.encounter.number < d.encounter.number);
}
