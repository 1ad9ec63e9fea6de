/**
 * Biopsies with site-specific codes (outside 1110x): lip vermilion 40490, nail unit 11755, external
 * ear 69100, eyelid involving the lid margin 67810.
 */
import { D, EST, L, P, V2, type CorpusCase } from '../corpus-kit';

export const siteBiopsyCases: CorpusCase[] = [
  {
    id: 'biopsy-lip-vermilion',
    title: 'Tangential biopsy of the lip vermilion → 40490, not 11102',
    sources: ['aad-bx2'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'lip_vermilion', 0.4)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    }),
    expect: { lines: [['40490', [], 1, ['D48.5']]], findings: ['BIOPSY-SITE'] },
  },
  {
    id: 'biopsy-skin-of-lip',
    title: 'Tangential biopsy of the skin of the lip stays a skin biopsy → 11102',
    sources: ['aad-bx2', 'aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'lip', 0.4)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['D48.5']]] },
  },
  {
    id: 'biopsy-nail-unit',
    title: 'Punch biopsy of the nail unit → 11755',
    sources: ['cpt-nail'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nail_unit', 0.3)],
      procedures: [P('P1', 'biopsy_punch', ['L1'])],
      diagnoses: [D('L60.3', ['L1'])],
    }),
    expect: { lines: [['11755', [], 1, ['L60.3']]] },
  },
  {
    id: 'biopsy-back-punch-and-vermilion',
    title: 'Punch biopsy of the back and tangential biopsy of the vermilion → 11104 + 40490',
    sources: ['aad-bx2', 'aad-bx3'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'back', 0.5), L('L2', 'lip_vermilion', 0.3)],
      procedures: [P('P1', 'biopsy_punch', ['L1']), P('P2', 'biopsy_tangential', ['L2'])],
      diagnoses: [D('D48.5', ['L1', 'L2'])],
    }),
    expect: {
      lines: [
        ['11104', [], 1, ['D48.5']],
        ['40490', [], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'biopsy-two-vermilion',
    title: 'Two vermilion biopsies → 40490 × 2; no 1110x add-on',
    sources: ['aad-bx2'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'lip_vermilion', 0.3), L('L2', 'lip_vermilion', 0.2)],
      procedures: [P('P1', 'biopsy_tangential', ['L1', 'L2'])],
      diagnoses: [D('D48.5', ['L1', 'L2'])],
    }),
    expect: { lines: [['40490', [], 2, ['D48.5']]] },
  },
  {
    id: 'biopsy-ear-helix',
    title: 'Tangential biopsy of the helix (external ear) → 69100, not 11102',
    sources: ['aapc-ear'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'ear', 0.4)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['69100', [], 1, ['D48.5']]], findings: ['BIOPSY-SITE'] },
  },
  {
    id: 'biopsy-ear-and-back',
    title: 'Punch biopsies of the ear and the back → 69100 + 11104 (the ear is outside the 1110x hierarchy)',
    sources: ['aapc-ear', 'aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'ear', 0.4), L('L2', 'back', 0.6)],
      procedures: [P('P1', 'biopsy_punch', ['L1', 'L2'])],
      diagnoses: [D('D48.5', ['L1', 'L2'])],
    },
    expect: {
      lines: [
        ['11104', [], 1, ['D48.5']],
        ['69100', [], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'biopsy-eyelid-lid-margin',
    title: 'Incisional biopsy of an eyelid lesion involving the lid margin → 67810',
    sources: ['aad-location'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.4, { lidMargin: true })],
      procedures: [P('P1', 'biopsy_incisional', ['L1'])],
      diagnoses: [D('C44.1121', ['L1'])],
    }),
    expect: { lines: [['67810', [], 1, ['C44.1121']]], findings: ['BIOPSY-SITE'] },
  },
  {
    id: 'biopsy-eyelid-skin-without-margin',
    title: 'Tangential biopsy of eyelid skin away from the margin stays a skin biopsy → 11102',
    sources: ['aad-location', 'aad-bx3'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.3, { lidMargin: false })],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('C44.1121', ['L1'])],
    }),
    expect: { lines: [['11102', [], 1, ['C44.1121']]] },
  },
  {
    id: 'biopsy-lid-margin-needs-v2',
    title: 'lidMargin in a version-1 document is refused by the schema',
    sources: ['aad-location'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.4, { lidMargin: true })],
      procedures: [P('P1', 'biopsy_incisional', ['L1'])],
      diagnoses: [D('C44.1121', ['L1'])],
    },
    expect: { schema: ['lesions.0.lidMargin'] },
  },
];
