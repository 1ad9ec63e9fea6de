import { buildProfessionalClaim } from '../../src/claims/build-claim';
import { codeVisit } from '../../src/coding';
import { billingUnits, normaliseNdc } from '../../src/coding/drugs';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { read837P, validateX12, write837P } from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { claimBatch, envelope } from '../x12/fixtures';
import { visit, type VisitPatch } from './helpers';

/** Medicare patient: axillary hyperhidrosis treated with onabotulinumtoxinA from a 100-unit single-dose vial. */
const hyperhidrosis = (wasted: number | undefined, dateOfService = '2026-11-20'): VisitPatch => ({
  schemaVersion: '2',
  payer: 'medicare',
  dateOfService,
  completedAt: `${dateOfService}T16:00:00Z`,
  encounter: { visitType: 'established' },
  procedures: [
    {
      id: 'P1',
      kind: 'medical_toxin',
      toxinTarget: 'axillae',
      drugs: [
        {
          hcpcs: 'J0585',
          dose: { value: 96, unit: 'units' },
          ...(wasted === undefined ? {} : { wasted: { value: wasted, unit: 'units' as const } }),
          ndc: { code: '0023-1145-01', quantity: 0.96, unit: 'ML' },
        },
      ],
    },
  ],
  diagnoses: [{ code: 'L74.510', procedureIds: ['P1'] }],
});

const code = (patch: VisitPatch) => codeVisit(visit(patch), { feeSchedule: defaultFeeSchedule });
const lineText = (r: ReturnType<typeof code>) =>
  r.lines.map((l) => `${l.code}${l.modifiers.map((m) => `-${m}`).join('')}x${l.units}`);

describe('drug lines: dose, waste and NDC', () => {
  it('derives units from the dose and the HCPCS unit size, rounding a partial unit up', () => {
    expect(billingUnits(96, 1)).toBe(96);
    expect(billingUnits(25, 10)).toBe(3);
    expect(billingUnits(30, 10)).toBe(3);
    expect(billingUnits(0.3 * 3, 0.3)).toBe(3);
  });

  it('writes every NDC as 11 digits 5-4-2', () => {
    expect(normaliseNdc('0023-1145-01')).toBe('00023114501');
    expect(normaliseNdc('12345-678-90')).toBe('12345067890');
    expect(normaliseNdc('12345-6789-1')).toBe('12345678901');
    expect(normaliseNdc('12345678901')).toBe('12345678901');
  });

  it('bills the discarded amount of a single-dose vial on a JW line with its own NDC quantity', () => {
    const r = code(hyperhidrosis(4));
    expect(lineText(r)).toEqual(['64650x1', 'J0585x96', 'J0585-JWx4']);
    expect(r.lines[1]!.ndc).toEqual({ code: '00023114501', quantity: 0.96, unit: 'ML' });
    expect(r.lines[2]!.ndc).toEqual({ code: '00023114501', quantity: 0.04, unit: 'ML' });
    expect(r.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['DRUG-UNITS', 'DRUG-WASTE-JW']));
  });

  it('puts JZ on the line when nothing was discarded (Medicare, from 2023-07-01), not before', () => {
    expect(lineText(code(hyperhidrosis(0)))).toEqual(['64650x1', 'J0585-JZx96']);
    expect(lineText(code(hyperhidrosis(0, '2023-06-30')))).toEqual(['64650x1', 'J0585x96']);
  });

  it('flags a single-dose drug whose waste is not documented', () => {
    const r = code(hyperhidrosis(undefined));
    expect(lineText(r)).toEqual(['64650x1', 'J0585x96']);
    expect(r.findings.map((f) => f.ruleId)).toContain('DRUG-WASTE-UNDOCUMENTED');
  });

  it('uses no JZ for a commercial payer whose policy is JW only', () => {
    const r = code({ ...hyperhidrosis(0), payer: 'commercial' });
    expect(lineText(r)).toEqual(['64650x1', 'J0585x96']);
  });

  it('refuses a dose in the wrong unit for its HCPCS code, naming the field', () => {
    const patch = hyperhidrosis(0);
    patch.procedures![0]!.drugs![0]!.dose = { value: 96, unit: 'mg' };
    expect(() => code(patch)).toThrow(/drugs\[0\]\.dose\.unit: J0585 is billed per 1 units/);
  });

  it('carries the NDC to the 837P loop 2410 (LIN*N4, CTP quantity and unit), valid for pyx12, and reads it back', async () => {
    const doc = visit(hyperhidrosis(4));
    const coding = codeVisit(doc, { feeSchedule: defaultFeeSchedule });
    const claim = buildProfessionalClaim(doc, coding, 'D42A1');
    const text = write837P({ ...claimBatch, claims: [claim] }, { envelope });
    const segments = text.split('~').map((s) => s.trim());
    const sv1 = segments.findIndex((s) => s.startsWith('SV1*HC:J0585:JW*'));
    expect(segments.slice(sv1, sv1 + 5)).toEqual([
      expect.stringMatching(/^SV1\*HC:J0585:JW\*/),
      'DTP*472*D8*20261120',
      'REF*6R*D42A1L3',
      'LIN**N4*00023114501',
      'CTP****0.04*ML',
    ]);
    expect(segments).toContain('CTP****0.96*ML');
    expect(validateX12(text).errors).toEqual([]);
    const { ok, output } = await validateWithPyx12(text);
    expect(output).not.toContain('Failure');
    expect(ok).toBe(true);
    const [batch] = read837P(text);
    expect(batch!.claims[0]!.lines.map((l) => l.ndc)).toEqual([
      undefined,
      { code: '00023114501', quantity: 0.96, unit: 'ML' },
      { code: '00023114501', quantity: 0.04, unit: 'ML' },
    ]);
  });
});

describe('drugs documented on a biopsy', () => {
  it('are billed as their own lines (they were dropped before)', () => {
    const r = code({
      encounter: { visitType: 'established' },
      lesions: [{ id: 'L1', site: { region: 'back' } }],
      procedures: [
        { id: 'P1', kind: 'biopsy_punch', lesionIds: ['L1'], drugs: [{ hcpcs: 'J1100', units: 4 }] },
      ],
      diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
    });
    expect(lineText(r)).toEqual(['11104x1', 'J1100x4']);
  });
});
