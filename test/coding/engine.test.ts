import { codeVisit, defaultNcciTables, type NcciTables } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { cm, visit } from './helpers';

const opts = { feeSchedule: defaultFeeSchedule };

describe('engine behaviour', () => {
  it('is pure: same input, same output, input not mutated', () => {
    const v = visit({
      encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(0.5) }],
      procedures: [
        { id: 'P1', kind: 'biopsy_punch', lesionIds: ['L1'] },
        { id: 'P2', kind: 'destruction_premalignant', lesionCount: 4 },
      ],
      diagnoses: [
        { code: 'L40.0' },
        { code: 'D48.5', lesionIds: ['L1'] },
        { code: 'L57.0', procedureIds: ['P2'] },
      ],
    });
    const snapshot = JSON.stringify(v);
    const a = codeVisit(v, opts);
    const b = codeVisit(v, opts);
    expect(b).toEqual(a);
    expect(JSON.stringify(v)).toBe(snapshot);
  });

  it('MUE with MAI 1 splits into lines with a distinct-lesion modifier (error finding)', () => {
    const ncci: NcciTables = {
      ...defaultNcciTables,
      mue: [{ code: '11103', practitionerMue: 2, mai: 1, source: 'test' }],
    };
    const ids = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        lesions: ids.map((id) => ({ id, site: { region: 'back' as const }, diameter: cm(0.4) })),
        procedures: [{ id: 'P1', kind: 'biopsy_tangential', lesionIds: ids }],
        diagnoses: [{ code: 'D48.5', lesionIds: ids }],
      }),
      { ...opts, ncci },
    );
    const addOns = r.lines.filter((l) => l.code === '11103');
    expect(addOns.map((l) => [l.units, l.modifiers])).toEqual([
      [2, []],
      [2, ['XS']],
      [1, ['XS']],
    ]);
    expect(r.findings.find((f) => f.ruleId === 'MUE')?.severity).toBe('error');
  });

  it('distinctModifier option uses 59 instead of XS', () => {
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        lesions: [{ id: 'L1', site: { region: 'arm' }, diameter: cm(0.4) }],
        procedures: [
          { id: 'P1', kind: 'biopsy_tangential', lesionIds: ['L1'] },
          { id: 'P2', kind: 'destruction_premalignant', lesionCount: 2 },
        ],
        diagnoses: [
          { code: 'D48.5', lesionIds: ['L1'] },
          { code: 'L57.0', procedureIds: ['P2'] },
        ],
      }),
      { ...opts, distinctModifier: '59' },
    );
    expect(r.lines.find((l) => l.code === '11102')?.modifiers).toEqual(['59']);
  });

  it('a deleted PTP pair no longer applies after its deletion date', () => {
    const ncci: NcciTables = {
      ...defaultNcciTables,
      pairs: [
        {
          column1: '17000',
          column2: '11102',
          modifierIndicator: 1,
          effective: '2019-01-01',
          deleted: '2020-01-01',
          source: 'test',
        },
      ],
    };
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        lesions: [{ id: 'L1', site: { region: 'arm' }, diameter: cm(0.4) }],
        procedures: [
          { id: 'P1', kind: 'biopsy_tangential', lesionIds: ['L1'] },
          { id: 'P2', kind: 'destruction_premalignant', lesionCount: 1 },
        ],
        diagnoses: [
          { code: 'D48.5', lesionIds: ['L1'] },
          { code: 'L57.0', procedureIds: ['P2'] },
        ],
      }),
      { ...opts, ncci },
    );
    expect(r.lines.find((l) => l.code === '11102')?.modifiers).toEqual([]);
  });

  it('reports provider differences and lowers confidence', () => {
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        procedures: [{ id: 'P1', kind: 'destruction_premalignant', lesionCount: 20 }],
        diagnoses: [{ code: 'L57.0', procedureIds: ['P1'] }],
        providerCodes: [{ code: '17000' }, { code: '17003', units: 19 }],
      }),
      opts,
    );
    expect(r.lines.map((l) => l.code)).toEqual(['17004']);
    expect(r.providerDifferences.map((d) => [d.code, d.kind])).toEqual(
      expect.arrayContaining([
        ['17000', 'missing_from_engine'],
        ['17003', 'missing_from_engine'],
        ['17004', 'missing_from_provider'],
      ]),
    );
    expect(r.confidence.score).toBeLessThan(1);
    expect(r.confidence.factors.length).toBeGreaterThan(0);
  });

  it('caps diagnosis pointers at 4 per line and diagnoses at 12 per claim', () => {
    const codes = [
      'C44.519',
      'C44.529',
      'D22.5',
      'D23.5',
      'L82.0',
      'D48.5',
      'L98.8',
      'L72.0',
      'L91.0',
      'L90.5',
      'L29.8',
      'R58',
      'L02.212',
      'L08.9',
    ];
    const lesions = codes.map((_, i) => ({
      id: `L${i}`,
      site: { region: 'back' as const },
      diameter: cm(0.4),
    }));
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        lesions,
        procedures: [{ id: 'P1', kind: 'biopsy_tangential', lesionIds: lesions.map((l) => l.id) }],
        diagnoses: codes.map((code, i) => ({ code, lesionIds: [`L${i}`] })),
      }),
      opts,
    );
    expect(r.diagnosisCodes.length).toBe(12);
    for (const l of r.lines) expect(l.diagnosisPointers.length).toBeLessThanOrEqual(4);
    expect(r.findings.map((f) => f.ruleId)).toContain('DX-MAX');
  });

  it('re-coding after the pathology signal releases the hold', () => {
    const doc = {
      encounter: { visitType: 'established' as const },
      lesions: [
        {
          id: 'L1',
          site: { region: 'back' as const },
          diameter: cm(1),
          narrowestMargin: cm(0.2),
          specimenToPathology: true,
          pathology: { status: 'pending' as const },
        },
      ],
      procedures: [{ id: 'P1', kind: 'excision' as const, lesionIds: ['L1'] }],
      diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
    };
    const before = codeVisit(visit(doc), opts);
    expect(before.pathologyHold).toMatchObject({ lesionIds: ['L1'], procedureIds: ['P1'] });
    expect(before.lines).toEqual([]);
    doc.lesions[0]!.pathology = { status: 'final', result: 'malignant', diagnosisCode: 'C44.519' } as never;
    const after = codeVisit(visit(doc), opts);
    expect(after.pathologyHold).toBeNull();
    expect(after.lines.map((l) => l.code)).toEqual(['11602']);
    expect(after.diagnosisCodes).toEqual(['C44.519']);
  });

  it('findings carry rule id, severity, message and evidence paths', () => {
    const r = codeVisit(
      visit({
        encounter: { visitType: 'established' },
        lesions: [{ id: 'L1', site: { region: 'nose' }, diameter: cm(0.4) }],
        procedures: [{ id: 'P1', kind: 'destruction_malignant', lesionIds: ['L1'] }],
        diagnoses: [{ code: 'C44.3', lesionIds: ['L1'] }],
      }),
      opts,
    );
    const f = r.findings.find((x) => x.ruleId === 'ICD-NON-LEAF')!;
    expect(f.severity).toBe('error');
    expect(f.evidence).toEqual(['diagnoses[0].code']);
    expect(f.message).toMatch(/C44\.3/);
  });
});
