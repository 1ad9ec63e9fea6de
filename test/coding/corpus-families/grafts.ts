/**
 * Skin grafts 15100–15261 by thickness, site group and area; recipient-site preparation
 * 15002–15005 only when no same-day removal made the wound; the graft includes the repair of its
 * wound and the simple repair (full thickness: the direct closure) of its donor site.
 */
import { D, EST, L, P, V2, X, type CorpusCase, type ExpectedLine, type Region } from '../corpus-kit';

type Thickness = 'split' | 'full';
interface AreaTier {
  thickness: Thickness;
  region: Region;
  dx: string;
  area: number;
  mohs: string;
  graft: Array<[string, number]>;
}
const tier = (
  thickness: Thickness,
  region: Region,
  dx: string,
  area: number,
  mohs: string,
  ...graft: Array<[string, number]>
) => ({ thickness, region, dx, area, mohs, graft }) satisfies AreaTier;

const areaTiers: AreaTier[] = [
  tier('full', 'back', 'C44.519', 20, '17313', ['15200', 1]),
  tier('full', 'back', 'C44.519', 20.1, '17313', ['15200', 1], ['15201', 1]),
  tier('full', 'back', 'C44.519', 45, '17313', ['15200', 1], ['15201', 2]),
  tier('full', 'scalp', 'C44.41', 12, '17311', ['15220', 1]),
  tier('full', 'leg', 'C44.712', 30, '17313', ['15220', 1], ['15221', 1]),
  tier('full', 'cheek', 'C44.319', 8, '17311', ['15240', 1]),
  tier('full', 'axilla', 'C44.519', 15, '17313', ['15240', 1]),
  tier('full', 'nose', 'C44.311', 4, '17311', ['15260', 1]),
  tier('full', 'ear', 'C44.212', 40.5, '17311', ['15260', 1], ['15261', 2]),
  tier('full', 'eyelid', 'C44.1121', 3, '17311', ['15260', 1]),
  tier('split', 'leg', 'C44.712', 100, '17313', ['15100', 1]),
  tier('split', 'leg', 'C44.712', 100.5, '17313', ['15100', 1], ['15101', 1]),
  tier('split', 'back', 'C44.519', 250, '17313', ['15100', 1], ['15101', 2]),
  tier('split', 'scalp', 'C44.41', 60, '17311', ['15120', 1]),
  tier('split', 'hand', 'C44.611', 120, '17311', ['15120', 1], ['15121', 1]),
];

const graft = (thickness: Thickness, areaSqCm: number, extra: Record<string, unknown> = {}) => ({
  graft: { thickness, areaSqCm, ...extra },
});

const tierCases = areaTiers.map(({ thickness, region, dx, area, mohs, graft: lines }): CorpusCase => ({
  id: `graft-${thickness}-${region}-${area}`,
  title: `${thickness}-thickness graft of ${area} sq cm on the ${region} after Mohs`,
  sources: ['cpt-graft', 'bonfire-mohs'],
  visit: V2({
    encounter: EST(),
    lesions: [L('L1', region, 1.5)],
    procedures: [
      P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
      P('P2', 'skin_graft', ['L1'], graft(thickness, area)),
    ],
    diagnoses: [D(dx, ['L1'])],
  }),
  expect: {
    lines: [[mohs, [], 1, [dx]], ...lines.map(([code, units]): ExpectedLine => [code, [], units, [dx]])],
  },
}));

export const graftCases: CorpusCase[] = [
  ...tierCases,
  {
    id: 'graft-excision-billed-apart',
    title: 'Excision of a nose BCC closed with a full-thickness graft: excision and graft both billed',
    sources: ['zupko-ftsg', 'cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'nose', 1.0, 0.3, 'malignant', 'C44.311')],
      procedures: [P('P1', 'excision_malignant', ['L1']), P('P2', 'skin_graft', ['L1'], graft('full', 6))],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: {
      lines: [
        ['11642', [], 1, ['C44.311']],
        ['15260', [], 1, ['C44.311']],
      ],
    },
  },
  {
    id: 'graft-includes-wound-repair',
    title: 'A graft closes its wound: a layered repair of the same wound is not billed',
    sources: ['cpt-graft', 'aapc-5'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'cheek', 1.2, 0.3, 'malignant', 'C44.319')], // 1.2 + 2 × 0.3 = 1.8 cm → 11642
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'skin_graft', ['L1'], graft('full', 5)),
        P('P3', 'repair_intermediate', ['L1'], { repairLength: { value: 2, unit: 'cm' } }),
      ],
      diagnoses: [D('C44.319', ['L1'])],
    }),
    expect: {
      lines: [
        ['11642', [], 1, ['C44.319']],
        ['15240', [], 1, ['C44.319']],
      ],
      findings: ['REPAIR-INCLUDED'],
    },
  },
  {
    id: 'graft-donor-simple-repair-included',
    title: 'Simple repair of a split-thickness donor site is part of the graft',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'leg', 3)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 3 }] }),
        P('P2', 'skin_graft', ['L1'], graft('split', 40, { donorSite: { region: 'thigh' } })),
        P('P3', 'repair_simple', [], { graftDonorSiteOf: 'P2', repairLength: { value: 4, unit: 'cm' } }),
      ],
      diagnoses: [D('C44.712', ['L1'])],
    }),
    expect: {
      lines: [
        ['17313', [], 1, ['C44.712']],
        ['15100', [], 1, ['C44.712']],
      ],
      findings: ['GRAFT-DONOR-REPAIR-INCLUDED'],
    },
  },
  {
    id: 'graft-full-donor-layered-closure-included',
    title: 'A full-thickness graft includes the direct (layered) closure of its donor site',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 1.0)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'skin_graft', ['L1'], graft('full', 3, { donorSite: { region: 'neck' } })),
        P('P3', 'repair_intermediate', [], {
          graftDonorSiteOf: 'P2',
          repairLength: { value: 3, unit: 'cm' },
        }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['15260', [], 1, ['C44.311']],
      ],
      findings: ['GRAFT-DONOR-REPAIR-INCLUDED'],
    },
  },
  {
    id: 'graft-split-donor-layered-repair-billed',
    title: 'A layered repair of a split-thickness donor site is billed (by the donor site: thigh 12032)',
    sources: ['cpt-graft', 'cpt-repair'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'leg', 3)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 3 }] }),
        P('P2', 'skin_graft', ['L1'], graft('split', 40, { donorSite: { region: 'thigh' } })),
        P('P3', 'repair_intermediate', [], {
          graftDonorSiteOf: 'P2',
          repairLength: { value: 5, unit: 'cm' },
        }),
      ],
      diagnoses: [D('C44.712', ['L1']), D('C44.712', [], ['P3'])],
    }),
    expect: {
      lines: [
        ['17313', [], 1, ['C44.712']],
        ['15100', [], 1, ['C44.712']],
        ['12032', [], 1, ['C44.712']],
      ],
      findings: ['GRAFT-DONOR-REPAIR'],
    },
  },
  {
    id: 'graft-two-grafts-one-group-summed',
    title: 'Two full-thickness grafts on the nose and an ear (one site group) are summed: 12 + 14 sq cm',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 1.0), L('L2', 'ear', 1.2)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'skin_graft', ['L1'], graft('full', 12)),
        P('P3', 'mohs', ['L2'], { mohsStages: [{ blocks: 2 }] }),
        P('P4', 'skin_graft', ['L2'], graft('full', 14)),
      ],
      diagnoses: [D('C44.311', ['L1']), D('C44.212', ['L2'])],
    }),
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['15260', [], 1, ['C44.311', 'C44.212']],
        ['15261', [], 1, ['C44.311', 'C44.212']],
        ['17311', ['XS'], 1, ['C44.212']],
      ],
      findings: ['GRAFT-SUM'],
    },
  },
  {
    id: 'graft-prep-included-after-excision',
    title: 'Recipient-site preparation after a same-day excision is not billed (the excision made the wound)',
    sources: ['aapc-graft-prep', 'zupko-ftsg'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'leg', 2.5, 0.5, 'malignant', 'C44.712')],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'skin_graft', ['L1'], graft('split', 30, { recipientSitePreparationSqCm: 30 })),
      ],
      diagnoses: [D('C44.712', ['L1'])],
    }),
    expect: {
      lines: [
        ['11604', [], 1, ['C44.712']],
        ['15100', [], 1, ['C44.712']],
      ],
      findings: ['GRAFT-PREP-INCLUDED'],
    },
  },
  {
    id: 'graft-prep-billed-chronic-wound',
    title:
      'A chronic wound of the leg prepared (120 sq cm) and grafted split-thickness: 15002 + 15003, 15100 + 15101',
    sources: ['cpt-graft', 'aapc-graft-prep'],
    visit: V2({
      encounter: EST(),
      lesions: [L('W1', 'leg')],
      procedures: [P('P1', 'skin_graft', ['W1'], graft('split', 120, { recipientSitePreparationSqCm: 120 }))],
      diagnoses: [D('L98.8', ['W1'])],
    }),
    expect: {
      lines: [
        ['15002', [], 1, ['L98.8']],
        ['15003', [], 1, ['L98.8']],
        ['15100', [], 1, ['L98.8']],
        ['15101', [], 1, ['L98.8']],
      ],
    },
  },
  {
    id: 'graft-prep-face-group',
    title: 'Preparation of a scalp wound (50 sq cm) → 15004 (face, scalp, neck, hands, feet group)',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('W1', 'scalp')],
      procedures: [P('P1', 'skin_graft', ['W1'], graft('split', 50, { recipientSitePreparationSqCm: 50 }))],
      diagnoses: [D('L98.8', ['W1'])],
    }),
    expect: {
      lines: [
        ['15004', [], 1, ['L98.8']],
        ['15120', [], 1, ['L98.8']],
      ],
    },
  },
  {
    id: 'graft-missing-details',
    title: 'A skin graft without thickness and area cannot be coded',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 1.0)],
      procedures: [P('P1', 'skin_graft', ['L1'])],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: { validation: ['procedures[0].graft'] },
  },
  {
    id: 'graft-donor-site-undocumented',
    title: 'A donor-site repair names a graft whose donor site is not documented',
    sources: ['cpt-graft'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nose', 1.0)],
      procedures: [
        P('P1', 'skin_graft', ['L1'], graft('full', 4)),
        P('P2', 'repair_simple', [], { graftDonorSiteOf: 'P1', repairLength: { value: 3, unit: 'cm' } }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: { validation: ['procedures[0].graft.donorSite'] },
  },
];
