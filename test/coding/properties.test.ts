import fc from 'fast-check';
import { codeVisit } from '../../src/coding';
import { LESION_SITE_GROUP } from '../../src/coding/codes';
import { biopsyUnits } from '../../src/coding/families/biopsy';
import { benignDestructionCode } from '../../src/coding/families/destruction-benign';
import { premalignantDestructionUnits } from '../../src/coding/families/destruction-premalignant';
import { excisedDiameterCm, excisionCode } from '../../src/coding/families/excision';
import { shaveCode } from '../../src/coding/families/shave-removal';
import { skinTagUnits } from '../../src/coding/families/skin-tags';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { cm, visit } from './helpers';

const regions = Object.keys(LESION_SITE_GROUP) as Array<keyof typeof LESION_SITE_GROUP>;
const size = fc.integer({ min: 1, max: 80 }).map((n) => n / 10); // 0.1 .. 8.0 cm in 1 mm steps

describe('destruction counts', () => {
  it('premalignant: 1-14 → 17000 + 17003×(n-1) (≤13); 15+ → 17004 alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        const u = premalignantDestructionUnits(n);
        const total = (c: string) => u.filter((x) => x.code === c).reduce((s, x) => s + x.units, 0);
        if (n >= 15) expect(u).toEqual([{ code: '17004', units: 1 }]);
        else {
          expect(total('17000')).toBe(1);
          expect(total('17003')).toBe(n - 1);
          expect(total('17003')).toBeLessThanOrEqual(13);
          expect(total('17004')).toBe(0);
        }
      }),
    );
  });

  it('benign: exactly one of 17110/17111, one unit, through the engine', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        expect(benignDestructionCode(total)).toBe(total >= 15 ? '17111' : '17110');
        const r = codeVisit(
          visit({
            encounter: { visitType: 'established' },
            procedures: counts.map((c, i) => ({ id: `P${i}`, kind: 'destruction_benign', lesionCount: c })),
            diagnoses: [{ code: 'B07.8', procedureIds: counts.map((_, i) => `P${i}`) }],
          }),
          { feeSchedule: defaultFeeSchedule },
        );
        const codes = r.lines.map((l) => l.code);
        expect(codes).toEqual([total >= 15 ? '17111' : '17110']);
        expect(r.lines[0]!.units).toBe(1);
      }),
    );
  });

  it('skin tags: 11200 once, 11201 per extra 10 or part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        const u = skinTagUnits(n);
        expect(u[0]).toEqual({ code: '11200', units: 1 });
        const extra = u.find((x) => x.code === '11201')?.units ?? 0;
        expect(15 + 10 * extra).toBeGreaterThanOrEqual(n);
        expect(15 + 10 * (extra - 1)).toBeLessThan(Math.max(n, 16));
      }),
    );
  });
});

describe('excision and shave sizing', () => {
  it('excised diameter = diameter + 2 × margin, tiers monotone and in the right site group', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...regions),
        size,
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (region, d, m10, mal) => {
          const margin = m10 / 10;
          const excised = excisedDiameterCm(d, margin);
          expect(excised).toBeCloseTo(d + 2 * margin, 6);
          const code = excisionCode(region, excised, mal);
          const group = LESION_SITE_GROUP[region];
          const prefix = (
            mal
              ? { trunk_extremities: '1160', scalp_neck_hands_feet_genitalia: '1162', face: '1164' }
              : { trunk_extremities: '1140', scalp_neck_hands_feet_genitalia: '1142', face: '1144' }
          )[group];
          expect(code.startsWith(prefix)).toBe(true);
          const tier = Number(code[4]);
          const expected =
            excised <= 0.5
              ? 0
              : excised <= 1
                ? 1
                : excised <= 2
                  ? 2
                  : excised <= 3
                    ? 3
                    : excised <= 4
                      ? 4
                      : 6;
          expect(tier).toBe(expected);
          // Monotone: a larger excision never codes to a smaller tier.
          expect(Number(excisionCode(region, excised + 0.1, mal)[4])).toBeGreaterThanOrEqual(tier);
        },
      ),
    );
  });

  it('shave size is the diameter only (margins never change the code)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...regions), size, fc.integer({ min: 0, max: 10 }), (region, d, m10) => {
        const r = codeVisit(
          visit({
            schemaVersion: '2',
            encounter: { visitType: 'established' },
            lesions: [{ id: 'L1', site: { region }, diameter: cm(d), narrowestMargin: cm(m10 / 10) }],
            procedures: [{ id: 'P1', kind: 'shave_removal', lesionIds: ['L1'] }],
            diagnoses: [{ code: 'L82.0', lesionIds: ['L1'] }],
          }),
          { feeSchedule: defaultFeeSchedule },
        );
        expect(r.lines.map((l) => l.code)).toEqual([shaveCode(region, d)]);
        const tier = Number(shaveCode(region, d).slice(-1)) - Number(shaveCode(region, 0.1).slice(-1));
        expect(tier).toBe(d <= 0.5 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : 3);
      }),
    );
  });

  it('excisions through the engine: pathology decides the range; atypia/uncertain → benign', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...regions),
        size,
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('benign', 'malignant', 'atypia', 'uncertain', 'premalignant'),
        (region, d, m10, result) => {
          const r = codeVisit(
            visit({
              schemaVersion: '2',
              encounter: { visitType: 'established' },
              lesions: [
                {
                  id: 'L1',
                  site: { region },
                  diameter: cm(d),
                  narrowestMargin: cm(m10 / 10),
                  specimenToPathology: true,
                  pathology: { status: 'final', result: result as 'benign' },
                },
              ],
              procedures: [{ id: 'P1', kind: 'excision', lesionIds: ['L1'] }],
              diagnoses: [{ code: 'D48.5', lesionIds: ['L1'] }],
            }),
            { feeSchedule: defaultFeeSchedule },
          );
          expect(r.pathologyHold).toBeNull();
          const code = r.lines[0]!.code;
          expect(code.startsWith(result === 'malignant' ? '116' : '114')).toBe(true);
          expect(code).toBe(excisionCode(region, excisedDiameterCm(d, m10 / 10), result === 'malignant'));
        },
      ),
    );
  });
});

describe('biopsy hierarchy', () => {
  it('one primary (highest technique present), add-ons for every other biopsy of its own technique', () => {
    const counts = fc.record({
      incisional: fc.integer({ min: 0, max: 5 }),
      punch: fc.integer({ min: 0, max: 5 }),
      tangential: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(counts, (c) => {
        const u = biopsyUnits(c);
        const total = c.incisional + c.punch + c.tangential;
        const units = (code: string) => u.filter((x) => x.code === code).reduce((s, x) => s + x.units, 0);
        if (total === 0) return expect(u).toEqual([]);
        const primaries = u.filter((x) => x.primary);
        expect(primaries).toHaveLength(1);
        const top = c.incisional > 0 ? '11106' : c.punch > 0 ? '11104' : '11102';
        expect(primaries[0]!.code).toBe(top);
        expect(u.reduce((s, x) => s + x.units, 0)).toBe(total);
        expect(units('11106') + units('11107')).toBe(c.incisional);
        expect(units('11104') + units('11105')).toBe(c.punch);
        expect(units('11102') + units('11103')).toBe(c.tangential);
      }),
    );
  });

  it('through the engine: shuffled procedure order never changes the codes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('biopsy_tangential', 'biopsy_punch', 'biopsy_incisional'), {
          minLength: 1,
          maxLength: 5,
        }),
        (kinds) => {
          const build = (order: string[]) =>
            visit({
              encounter: { visitType: 'established' },
              lesions: order.map((_, i) => ({
                id: `L${i}`,
                site: { region: 'back' as const },
                diameter: cm(0.5),
              })),
              procedures: order.map((k, i) => ({
                id: `P${i}`,
                kind: k as 'biopsy_punch',
                lesionIds: [`L${i}`],
              })),
              diagnoses: [{ code: 'D48.5', lesionIds: order.map((_, i) => `L${i}`) }],
            });
          const summary = (ks: string[]) =>
            codeVisit(build(ks), { feeSchedule: defaultFeeSchedule })
              .lines.map((l) => `${l.code}x${l.units}`)
              .sort();
          expect(summary([...kinds].reverse())).toEqual(summary(kinds));
        },
      ),
    );
  });
});
