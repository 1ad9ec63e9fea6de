import { codeVisit, CodingValidationError } from '../../src/coding';
import { CLAIM_EDITS } from '../../src/coding/edits';
import { familyOf, labelFor, PROCEDURE_FAMILIES } from '../../src/coding/families/registry';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { ProcedureKindSchema } from '../../src/visit/schema';
import { visit } from './helpers';

describe('procedure family registry', () => {
  it('every procedure kind of the visit schema belongs to exactly one family', () => {
    for (const kind of ProcedureKindSchema.options) {
      const owners = PROCEDURE_FAMILIES.filter((f) => f.kinds.includes(kind));
      expect([kind, owners.length]).toEqual([kind, 1]);
      expect(familyOf(kind)).toBe(owners[0]);
    }
  });

  it('a family that needs itemised lesions makes validation name procedures[i].lesionIds', () => {
    const itemised = PROCEDURE_FAMILIES.filter((f) => f.requires.lesions === 'itemised');
    expect(itemised.length).toBeGreaterThan(3);
    for (const family of itemised)
      for (const kind of family.kinds) {
        const v = visit({
          schemaVersion: '2',
          procedures: [{ id: 'P1', kind }],
          diagnoses: [{ code: 'D48.5', procedureIds: ['P1'] }],
        });
        let paths: string[] = [];
        try {
          codeVisit(v, { feeSchedule: defaultFeeSchedule });
        } catch (error) {
          if (error instanceof CodingValidationError) paths = error.issues.map((i) => i.path);
        }
        expect([kind, paths]).toEqual([kind, expect.arrayContaining(['procedures[0].lesionIds'])]);
      }
  });

  it('each family labels its own codes; claim edits have unique ids', () => {
    expect(labelFor('11104')).toBe('Skin biopsy, punch, first');
    expect(labelFor('17313')).toBe('Mohs, trunk/limbs, first stage');
    expect(labelFor('J3301')).toBe('Triamcinolone acetonide, per 10 mg');
    expect(labelFor('00000')).toBe('Service');
    expect(new Set(CLAIM_EDITS.map((e) => e.id)).size).toBe(CLAIM_EDITS.length);
  });
});
