/**
 * Adjacent tissue transfer (flaps) 14000–14302 by site group and defect area; the flap includes the
 * excision of its lesion (NCCI) and the repair of its wound; after Mohs it is billed separately.
 */
import { D, EST, L, P, V2, X, type CorpusCase, type ExpectedLine, type Region } from '../corpus-kit';

interface AreaTier {
  region: Region;
  dx: string;
  area: number;
  mohs: string;
  flap: Array<[string, number]>;
}
const tier = (region: Region, dx: string, area: number, mohs: string, ...flap: Array<[string, number]>) =>
  ({ region, dx, area, mohs, flap }) satisfies AreaTier;
const areaTiers: AreaTier[] = [
  tier('back', 'C44.519', 10, '17313', ['14000', 1]),
  tier('back', 'C44.519', 10.1, '17313', ['14001', 1]),
  tier('arm', 'C44.611', 8, '17313', ['14020', 1]),
  tier('leg', 'C44.711', 25, '17313', ['14021', 1]),
  tier('cheek', 'C44.319', 6, '17311', ['14040', 1]),
  tier('neck', 'C44.41', 12, '17311', ['14041', 1]),
  tier('nose', 'C44.311', 5, '17311', ['14060', 1]),
  tier('ear', 'C44.221', 15, '17311', ['14061', 1]),
  tier('back', 'C44.519', 45, '17313', ['14301', 1]),
  tier('back', 'C44.519', 75, '17313', ['14301', 1], ['14302', 1]),
  tier('back', 'C44.519', 100, '17313', ['14301', 1], ['14302', 2]),
];

export const flapCases: CorpusCase[] = [
  ...areaTiers.map(({ region, dx, area, mohs, flap }): CorpusCase => ({
    id: `flap-${region}-${area}`,
    title: `Flap of ${area} sq cm on the ${region} after Mohs`,
    sources: ['cpt-att', 'bonfire-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', region, 1.2)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'adjacent_tissue_transfer', ['L1'], { defectAreaSqCm: area }),
      ],
      diagnoses: [D(dx, ['L1'])],
    }),
    expect: {
      lines: [[mohs, [], 1, [dx]], ...flap.map(([code, units]): ExpectedLine => [code, [], units, [dx]])],
    },
  })),
  {
    id: 'flap-includes-excision',
    title: 'Excision of a cheek BCC closed with a flap: the flap includes the excision',
    sources: ['cpt-att', 'fcso-236'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'cheek', 0.8, 0.3, 'malignant', 'C44.319')],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'adjacent_tissue_transfer', ['L1'], { defectAreaSqCm: 8 }),
      ],
      diagnoses: [D('C44.319', ['L1'])],
    }),
    expect: { lines: [['14040', [], 1, ['C44.319']]], findings: ['NCCI-PTP-SAME-LESION'] },
  },
  {
    id: 'flap-excision-of-another-lesion',
    title: 'Excision of a back lesion and a flap after Mohs on the cheek: the excision takes XS',
    sources: ['cpt-att', 'hmsa-x', 'bonfire-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'back', 0.8, 0.2, 'malignant', 'C44.519'), L('L2', 'cheek', 1.0)],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'mohs', ['L2'], { mohsStages: [{ blocks: 2 }] }),
        P('P3', 'adjacent_tissue_transfer', ['L2'], { defectAreaSqCm: 6 }),
      ],
      diagnoses: [D('C44.519', ['L1']), D('C44.319', ['L2'])],
    }),
    expect: {
      lines: [
        ['11602', ['XS'], 1, ['C44.519']],
        ['17311', [], 1, ['C44.319']],
        ['14040', [], 1, ['C44.319']],
      ],
      findings: ['NCCI-PTP-MODIFIER'],
    },
  },
  {
    id: 'flap-includes-repair',
    title: 'Mohs of the nose, flap and a layered repair of the same wound: the repair is included',
    sources: ['cpt-att', 'bonfire-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.9)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'adjacent_tissue_transfer', ['L1'], { defectAreaSqCm: 5 }),
        P('P3', 'repair_intermediate', ['L1'], { repairLength: { value: 2, unit: 'cm' } }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['14060', [], 1, ['C44.311']],
      ],
      findings: ['REPAIR-INCLUDED'],
    },
  },
  {
    id: 'flap-without-area',
    title: 'A flap without its defect area cannot be coded',
    sources: ['cpt-att'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.9)],
      procedures: [P('P1', 'adjacent_tissue_transfer', ['L1'])],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: { validation: ['procedures[0].defectAreaSqCm'] },
  },
];
