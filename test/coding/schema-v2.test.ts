import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { visitDocument } from './helpers';

const flap = {
  lesions: [{ id: 'L1', site: { region: 'lip_vermilion' as const } }],
  procedures: [{ id: 'P1', kind: 'adjacent_tissue_transfer' as const, lesionIds: ['L1'], defectAreaSqCm: 4 }],
  diagnoses: [{ code: 'C44.01', lesionIds: ['L1'] }],
};

describe('visit-completed schema version 2', () => {
  it('accepts version-2 sites, kinds and fields in a version-2 document', () => {
    const parsed = VisitCompletedEventSchema.safeParse(visitDocument({ schemaVersion: '2', ...flap }));
    expect(parsed.success).toBe(true);
  });

  it('refuses them in a version-1 document, naming each field', () => {
    const parsed = VisitCompletedEventSchema.safeParse(visitDocument(flap));
    expect(parsed.success).toBe(false);
    const problems = parsed.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(problems).toEqual([
      ['lesions.0.site.region', 'site "lip_vermilion" needs schemaVersion "2"'],
      ['procedures.0.kind', 'procedure kind "adjacent_tissue_transfer" needs schemaVersion "2"'],
      ['procedures.0.defectAreaSqCm', 'defectAreaSqCm needs schemaVersion "2"'],
    ]);
  });

  it('still accepts every version-1 document as it was', () => {
    const v1 = visitDocument({
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: { value: 0.5, unit: 'cm' } }],
      procedures: [{ id: 'P1', kind: 'biopsy_punch', lesionIds: ['L1'] }],
      diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
    });
    expect(VisitCompletedEventSchema.safeParse(v1).success).toBe(true);
    expect(VisitCompletedEventSchema.safeParse({ ...v1, schemaVersion: '3' }).success).toBe(false);
  });
});

describe('version-2 fields of grafts, encounters, drugs and necessity', () => {
  const v2Only = {
    encounter: {
      visitType: 'established' as const,
      priorSurgery: { dateOfService: '2025-05-20', code: '11602' },
    },
    lesions: [{ id: 'L1', site: { region: 'back' as const }, medicalNecessity: ['bleeding' as const] }],
    procedures: [
      {
        id: 'P1',
        kind: 'intralesional_injection' as const,
        lesionIds: ['L1'],
        abn: 'on_file' as const,
        drugs: [{ hcpcs: 'J3301', dose: { value: 20, unit: 'mg' as const } }],
      },
    ],
    diagnoses: [{ code: 'L91.0', lesionIds: ['L1'] }],
  };

  it('are accepted in a version-2 document', () => {
    expect(
      VisitCompletedEventSchema.safeParse(visitDocument({ schemaVersion: '2', ...v2Only })).success,
    ).toBe(true);
  });

  it('are refused in a version-1 document, each by its path', () => {
    const parsed = VisitCompletedEventSchema.safeParse(visitDocument(v2Only));
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'encounter.priorSurgery',
      'lesions.0.medicalNecessity',
      'procedures.0.abn',
      'procedures.0.drugs.0.dose',
    ]);
  });

  it('keep drug units required when no dose is given, in every version', () => {
    const noUnits = { ...v2Only, procedures: [{ ...v2Only.procedures[0]!, drugs: [{ hcpcs: 'J3301' }] }] };
    const parsed = VisitCompletedEventSchema.safeParse(visitDocument({ schemaVersion: '2', ...noUnits }));
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['procedures.0.drugs.0.units', 'units or dose is required'],
    ]);
  });
});
