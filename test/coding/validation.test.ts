import { codeVisit, CodingValidationError, validateVisitForCoding } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { VisitCompletedEvent } from '../../src/visit/schema';
import { cm, visit, type VisitPatch } from './helpers';

const base = (patch: VisitPatch) => visit({ encounter: { visitType: 'established' }, ...patch });
function issuesOf(v: VisitCompletedEvent): string[] {
  try {
    codeVisit(v, { feeSchedule: defaultFeeSchedule });
  } catch (e) {
    expect(e).toBeInstanceOf(CodingValidationError);
    expect(e).toBeInstanceOf(Error);
    return (e as CodingValidationError).issues.map((i) => i.path);
  }
  throw new Error('expected a CodingValidationError');
}

describe('validation errors name the field', () => {
  it('negative or zero sizes (bypassing the schema)', () => {
    const v = base({
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(1) }],
      procedures: [{ id: 'P1', kind: 'shave_removal', lesionIds: ['L1'] }],
      diagnoses: [{ code: 'L82.0', lesionIds: ['L1'] }],
    });
    v.lesions[0]!.diameter!.value = -0.4;
    expect(issuesOf(v)).toContain('lesions[0].diameter');
    v.lesions[0]!.diameter!.value = 0;
    expect(issuesOf(v)).toContain('lesions[0].diameter');
  });

  it('negative margin', () => {
    const v = base({
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(1), narrowestMargin: cm(0.2) }],
      procedures: [{ id: 'P1', kind: 'excision_malignant', lesionIds: ['L1'] }],
      diagnoses: [{ code: 'C44.519', lesionIds: ['L1'] }],
    });
    v.lesions[0]!.narrowestMargin!.value = -0.1;
    expect(issuesOf(v)).toContain('lesions[0].narrowestMargin');
  });

  it('unknown site', () => {
    const v = base({
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(1) }],
      procedures: [{ id: 'P1', kind: 'biopsy_punch', lesionIds: ['L1'] }],
      diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
    });
    (v.lesions[0]!.site as { region: string }).region = 'elbow-ish';
    expect(issuesOf(v)).toContain('lesions[0].site.region');
  });

  it('procedure with no lesion where one is needed', () => {
    for (const kind of [
      'biopsy_punch',
      'shave_removal',
      'excision',
      'mohs',
      'destruction_malignant',
      'repair_complex',
    ] as const) {
      const v = base({
        procedures: [{ id: 'P1', kind }],
        diagnoses: [{ code: 'D48.5', procedureIds: ['P1'] }],
      });
      expect(issuesOf(v)).toContain('procedures[0].lesionIds');
    }
  });

  it('counted procedure with neither lesions nor a count', () => {
    const v = base({
      procedures: [{ id: 'P1', kind: 'destruction_premalignant' }],
      diagnoses: [{ code: 'L57.0', procedureIds: ['P1'] }],
    });
    expect(issuesOf(v)).toContain('procedures[0].lesionCount');
  });

  it('diagnosis pointing to a lesion or procedure that does not exist', () => {
    const v = base({
      procedures: [{ id: 'P1', kind: 'acne_surgery' }],
      diagnoses: [
        { code: 'L70.0', procedureIds: ['P1'] },
        { code: 'L70.0', lesionIds: ['GHOST'], procedureIds: ['P1', 'P7'] },
      ],
    });
    expect(issuesOf(v)).toEqual(
      expect.arrayContaining(['diagnoses[1].lesionIds[0]', 'diagnoses[1].procedureIds[1]']),
    );
  });

  it('excision without margin, shave without diameter', () => {
    const v = base({
      lesions: [
        { id: 'L1', site: { region: 'back' }, diameter: cm(1) },
        { id: 'L2', site: { region: 'arm' } },
      ],
      procedures: [
        { id: 'P1', kind: 'excision_benign', lesionIds: ['L1'] },
        { id: 'P2', kind: 'shave_removal', lesionIds: ['L2'] },
      ],
      diagnoses: [{ code: 'D22.5', lesionIds: ['L1', 'L2'] }],
    });
    expect(issuesOf(v)).toEqual(
      expect.arrayContaining(['lesions[0].narrowestMargin', 'lesions[1].diameter']),
    );
  });

  it('Mohs without stages, phototherapy without type, excimer without area, repair without length', () => {
    const v = base({
      lesions: [{ id: 'L1', site: { region: 'nose' }, diameter: cm(1) }],
      procedures: [
        { id: 'P1', kind: 'mohs', lesionIds: ['L1'] },
        { id: 'P2', kind: 'phototherapy' },
        { id: 'P3', kind: 'phototherapy', phototherapyType: 'excimer' },
        { id: 'P4', kind: 'repair_intermediate', lesionIds: ['L1'] },
      ],
      diagnoses: [{ code: 'C44.311', lesionIds: ['L1'] }],
    });
    expect(issuesOf(v)).toEqual(
      expect.arrayContaining([
        'procedures[0].mohsStages',
        'procedures[1].phototherapyType',
        'procedures[2].excimerAreaSqCm',
        'procedures[3].repairLength',
      ]),
    );
  });

  it('final pathology without a result; duplicate ids', () => {
    const v = base({
      lesions: [
        { id: 'L1', site: { region: 'back' }, diameter: cm(1), pathology: { status: 'final' } },
        { id: 'L1', site: { region: 'arm' }, diameter: cm(1) },
      ],
      diagnoses: [{ code: 'D22.5', lesionIds: ['L1'] }],
    });
    expect(issuesOf(v)).toEqual(expect.arrayContaining(['lesions[0].pathology.result', 'lesions[1].id']));
  });

  it('validateVisitForCoding returns [] for a codable visit', () => {
    const v = base({
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(1) }],
      procedures: [{ id: 'P1', kind: 'biopsy_punch', lesionIds: ['L1'] }],
      diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
    });
    expect(validateVisitForCoding(v)).toEqual([]);
  });
});
