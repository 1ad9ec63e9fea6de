import type { ProfessionalClaim } from '../../src/claims/types';
import { ncciDeniedCodes, planFor } from '../../src/clearinghouse/sandbox/payer-rules';
import {
  buildCodingOptions,
  codeVisit,
  defaultNcciTables,
  defaultPayerPolicies,
  payerPolicyFor,
  type PayerPolicyBook,
} from '../../src/coding';
import { PayerPolicyBookSchema } from '../../src/coding/payer-policy';
import { PayerTypeSchema } from '../../src/visit/schema';
import { cm, visit, type VisitPatch } from './helpers';

/** A tangential biopsy (column 2) and a premalignant destruction (column 1) on other lesions. */
const biopsyAndDestruction = (payer: VisitPatch['payer'] = 'commercial'): VisitPatch => ({
  payer,
  lesions: [{ id: 'L1', site: { region: 'arm' }, diameter: cm(0.4) }],
  procedures: [
    { id: 'P1', kind: 'biopsy_tangential', lesionIds: ['L1'] },
    { id: 'P2', kind: 'destruction_premalignant', lesionCount: 2 },
  ],
  diagnoses: [
    { code: 'D48.5', lesionIds: ['L1'] },
    { code: 'L57.0', procedureIds: ['P2'] },
  ],
});

function withPayerId(patch: VisitPatch, payerId: string) {
  const v = visit(patch);
  v.coverage!.payerId = payerId;
  return v;
}

describe('payer policy (config/payer-policies.json)', () => {
  it('the configuration validates and has a policy for every payer type', () => {
    expect(PayerPolicyBookSchema.safeParse(defaultPayerPolicies).success).toBe(true);
    for (const type of PayerTypeSchema.options)
      expect(
        payerPolicyFor(defaultPayerPolicies, { payerId: 'ANY', payerType: type }).modifierOrder,
      ).toHaveLength(4);
    expect(payerPolicyFor(defaultPayerPolicies, { payerId: 'MCRB1', payerType: 'medicare' })).toMatchObject({
      ncciModifierLine: 'either',
      abnModifiers: true,
    });
  });

  it('coding reads the payer policy: XS by default, 59 for a payer that accepts only 59', () => {
    const options = buildCodingOptions();
    const xs = codeVisit(visit(biopsyAndDestruction()), options);
    expect(xs.lines.find((l) => l.code === '11102')?.modifiers).toEqual(['XS']);
    const only59 = codeVisit(withPayerId(biopsyAndDestruction(), 'SBX59'), options);
    expect(only59.lines.find((l) => l.code === '11102')?.modifiers).toEqual(['59']);
  });

  it('a per-payer override of the modifier order and ABN handling changes the coded lines', () => {
    const book: PayerPolicyBook = {
      ...defaultPayerPolicies,
      payers: [
        {
          payerId: 'ORDER1',
          name: 'ABN modifier first',
          payerType: 'medicare',
          modifierOrder: ['abn', '25', 'distinct', 'other'],
        },
        { payerId: 'NOABN', name: 'no ABN modifiers', payerType: 'medicare', abnModifiers: false },
      ],
    };
    const ncci = {
      ...defaultNcciTables,
      pairs: [
        {
          column1: '17000',
          column2: '11300',
          modifierIndicator: 1,
          effective: '2019-01-01',
          deleted: null,
          source: 'test',
        },
      ],
    };
    // A shave removal without a supporting diagnosis (expected denial → GZ), column 2 to 17000 (→ XS).
    const patch: VisitPatch = {
      payer: 'medicare',
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(0.4) }],
      procedures: [
        { id: 'P1', kind: 'shave_removal', lesionIds: ['L1'] },
        { id: 'P2', kind: 'destruction_premalignant', lesionCount: 1 },
      ],
      diagnoses: [
        { code: 'D22.5', lesionIds: ['L1'] },
        { code: 'L57.0', procedureIds: ['P2'] },
      ],
    };
    const options = { ...buildCodingOptions({ payerPolicies: book }), ncci };
    const shave = (payerId: string) =>
      codeVisit(withPayerId(patch, payerId), options).lines.find((l) => l.code === '11300')?.modifiers;
    expect(shave('MCRB1')).toEqual(['XS', 'GZ']);
    expect(shave('ORDER1')).toEqual(['GZ', 'XS']);
    expect(shave('NOABN')).toEqual(['XS']);
  });

  it('the sandbox payer recognises the modifiers and the NCCI line the policy names', () => {
    const claimOf = (lines: Array<[string, string[]]>) =>
      ({ lines: lines.map(([code, modifiers]) => ({ code, modifiers })) }) as unknown as ProfessionalClaim;
    const onColumn1 = claimOf([
      ['17000', ['XS']],
      ['11200', []],
    ]);
    expect([...ncciDeniedCodes(onColumn1, planFor('MCRB1'))]).toEqual([]);
    expect([...ncciDeniedCodes(onColumn1, planFor('COMM1'))]).toEqual(['11200']);
    const xsOnColumn2 = claimOf([
      ['17000', []],
      ['11200', ['XS']],
    ]);
    expect([...ncciDeniedCodes(xsOnColumn2, planFor('COMM1'))]).toEqual([]);
    expect([...ncciDeniedCodes(xsOnColumn2, planFor('SBX59'))]).toEqual(['11200']);
  });
});

describe('payer policy: drug waste, voluntary ABN and encounter modifiers', () => {
  const toxin: VisitPatch = {
    schemaVersion: '2',
    payer: 'medicare',
    procedures: [
      {
        id: 'P1',
        kind: 'medical_toxin',
        toxinTarget: 'axillae',
        drugs: [{ hcpcs: 'J0585', dose: { value: 90, unit: 'units' }, wasted: { value: 10, unit: 'units' } }],
      },
    ],
    diagnoses: [{ code: 'L74.510', procedureIds: ['P1'] }],
  };
  const book = (override: Record<string, unknown>): PayerPolicyBook =>
    PayerPolicyBookSchema.parse({
      ...defaultPayerPolicies,
      payers: [{ payerId: 'MCRB1', name: 'A Medicare contractor', ...override }],
    });
  const codes = (r: ReturnType<typeof codeVisit>) => r.lines.map((l) => [l.code, ...l.modifiers].join('-'));

  it('the shipped Medicare policy bills waste on a JW line; a payer with drugWaste "none" does not', () => {
    expect(codes(codeVisit(visit(toxin), buildCodingOptions()))).toEqual(['64650', 'J0585', 'J0585-JW']);
    const none = buildCodingOptions({ payerPolicies: book({ drugWaste: 'none' }) });
    expect(codes(codeVisit(visit(toxin), none))).toEqual(['64650', 'J0585']);
  });

  it('GX is added to GY only where the policy accepts it', () => {
    const excluded: VisitPatch = {
      schemaVersion: '2',
      payer: 'medicare',
      lesions: [{ id: 'L1', site: { region: 'back' }, diameter: cm(0.6) }],
      procedures: [
        { id: 'P1', kind: 'shave_removal', lesionIds: ['L1'], payerDenialRequested: true, abn: 'voluntary' },
      ],
      diagnoses: [{ code: 'L82.1', lesionIds: ['L1'] }],
    };
    expect(codes(codeVisit(visit(excluded), buildCodingOptions()))).toEqual(['11301-GY-GX']);
    const noGx = buildCodingOptions({ payerPolicies: book({ voluntaryAbnModifier: false }) });
    expect(codes(codeVisit(visit(excluded), noGx))).toEqual(['11301-GY']);
  });

  it('an NCCI pair across encounters takes the policy’s separate-encounter modifier', () => {
    const patch = biopsyAndDestruction('medicare');
    patch.schemaVersion = '2';
    patch.procedures![0] = { ...patch.procedures![0]!, encounterNumber: 2 };
    expect(codes(codeVisit(visit(patch), buildCodingOptions()))).toContain('11102-XE');
    const with59 = buildCodingOptions({
      payerPolicies: book({ distinctModifiers: { separateEncounter: '59' } }),
    });
    expect(codes(codeVisit(visit(patch), with59))).toContain('11102-59');
  });
});
