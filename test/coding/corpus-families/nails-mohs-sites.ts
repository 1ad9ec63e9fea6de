/**
 * Nail procedures 11720–11765; several Mohs tumours on one day (each its own series, XS/59 per payer
 * policy on the second and later); the version-2 anatomic sites in the existing site groups.
 */
import { cm } from '../helpers';
import { D, EST, L, P, V2, X, type CorpusCase } from '../corpus-kit';

const nail = (
  id: string,
  procedure: string,
  nails: number,
  dx: string,
  lines: CorpusCase['expect']['lines'],
): CorpusCase => ({
  id: `nail-${id}`,
  title: `Nail ${procedure.replace('_', ' ')} of ${nails} nail(s) → ${lines!.map((l) => `${l[0]}×${l[2]}`).join(' + ')}`,
  sources: ['cpt-nail'],
  visit: V2({
    encounter: EST(),
    procedures: [P('P1', 'nail_procedure', [], { nailProcedure: procedure, nailCount: nails })],
    diagnoses: [D(dx, [], ['P1'])],
  }),
  expect: { lines },
});

const mohsStage = (blocks: number) => ({ mohsStages: [{ blocks }] });

export const nailMohsSiteCases: CorpusCase[] = [
  nail('debridement-5', 'debridement', 5, 'B35.1', [['11720', [], 1, ['B35.1']]]),
  nail('debridement-6', 'debridement', 6, 'B35.1', [['11721', [], 1, ['B35.1']]]),
  nail('avulsion-1', 'avulsion', 1, 'L60.0', [['11730', [], 1, ['L60.0']]]),
  nail('avulsion-3', 'avulsion', 3, 'L60.0', [
    ['11730', [], 1, ['L60.0']],
    ['11732', [], 2, ['L60.0']],
  ]),
  nail('wedge-2', 'wedge_excision', 2, 'L60.0', [['11765', [], 2, ['L60.0']]]),
  nail('matrix-excision', 'excision', 1, 'L60.0', [['11750', [], 1, ['L60.0']]]),
  nail('biopsy', 'biopsy', 1, 'L60.3', [['11755', [], 1, ['L60.3']]]),
  nail('bed-repair', 'nail_bed_repair', 1, 'L60.3', [['11760', [], 1, ['L60.3']]]),
  {
    id: 'nail-without-procedure',
    title: 'A nail procedure without its type cannot be coded',
    sources: ['cpt-nail'],
    visit: V2({
      encounter: EST(),
      procedures: [P('P1', 'nail_procedure')],
      diagnoses: [D('L60.0', [], ['P1'])],
    }),
    expect: { validation: ['procedures[0].nailProcedure'] },
  },
  {
    id: 'mohs-three-tumours',
    title: 'Three tumours by Mohs (nose 2 stages, ear, back): three series, XS on the 2nd and 3rd',
    sources: ['aapc-mohs', 'aad-2020', 'hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.8), L('L2', 'ear', 0.6), L('L3', 'back', 1.0)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }, { blocks: 1 }] }),
        P('P2', 'mohs', ['L2'], mohsStage(2)),
        P('P3', 'mohs', ['L3'], mohsStage(3)),
      ],
      diagnoses: [D('C44.311', ['L1']), D('C44.221', ['L2']), D('C44.519', ['L3'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['17312', [], 1, ['C44.311']],
        ['17311', ['XS'], 1, ['C44.221']],
        ['17313', ['XS'], 1, ['C44.519']],
      ],
      findings: ['MOHS-SEPARATE-TUMOUR'],
    },
  },
  {
    id: 'mohs-two-head-tumours-59-payer',
    title: 'Two facial tumours by Mohs for a payer that accepts only 59: 17311 + 17311-59',
    sources: ['aad-2020', 'hmsa-x'],
    visit: {
      payerId: 'SBX59',
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.8), L('L2', 'cheek', 0.6)],
      procedures: [P('P1', 'mohs', ['L1'], mohsStage(2)), P('P2', 'mohs', ['L2'], mohsStage(2))],
      diagnoses: [D('C44.311', ['L1']), D('C44.319', ['L2'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['17311', ['59'], 1, ['C44.319']],
      ],
    },
  },
  {
    id: 'mohs-second-tumour-extra-blocks',
    title: 'Second tumour with 7 blocks in its stage: 17313-XS and 17315-XS × 2',
    sources: ['aapc-mohs', 'aad-2020'],
    visit: {
      payer: 'medicare',
      encounter: EST(),
      lesions: [L('L1', 'cheek', 0.8), L('L2', 'back', 2.0)],
      procedures: [P('P1', 'mohs', ['L1'], mohsStage(3)), P('P2', 'mohs', ['L2'], mohsStage(7))],
      diagnoses: [D('C44.319', ['L1']), D('C44.519', ['L2'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.319']],
        ['17313', ['XS'], 1, ['C44.519']],
        ['17315', ['XS'], 2, ['C44.519']],
      ],
    },
  },
  {
    id: 'site-axilla-benign-excision',
    title: 'Benign excision in the axilla: trunk group, 0.8 + 2×0.2 = 1.2 cm → 11402',
    sources: ['aapc-gs', 'cpcprep'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'axilla', 0.8, 0.2, 'benign', 'D22.5')],
      procedures: [P('P1', 'excision_benign', ['L1'])],
      diagnoses: [D('D22.5', ['L1'])],
    }),
    expect: { lines: [['11402', [], 1, ['D22.5']]] },
  },
  {
    id: 'site-shoulder-shave',
    title: 'Shave removal on the shoulder, 0.6 cm → 11301',
    sources: ['aapc-diam'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'shoulder', 0.6)],
      procedures: [P('P1', 'shave_removal', ['L1'])],
      diagnoses: [D('L82.0', ['L1'])],
    }),
    expect: { lines: [['11301', [], 1, ['L82.0']]] },
  },
  {
    id: 'site-buttock-malignant-excision',
    title: 'Malignant excision on the buttock, 1.5 + 2×0.4 = 2.3 cm → 11603',
    sources: ['aapc-gs', 'aapc-5'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'buttock', 1.5, 0.4, 'malignant', 'C44.519')],
      procedures: [P('P1', 'excision_malignant', ['L1'])],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: { lines: [['11603', [], 1, ['C44.519']]] },
  },
  {
    id: 'site-groin-intermediate-repair',
    title: 'Malignant excision in the groin with a 3.0 cm layered repair → 11602 + 12032',
    sources: ['aapc-5', 'cpt-repair'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'groin', 0.8, 0.2, 'malignant', 'C44.519')],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(3) }),
      ],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: {
      lines: [
        ['11602', [], 1, ['C44.519']],
        ['12032', [], 1, ['C44.519']],
      ],
    },
  },
  {
    id: 'site-axilla-complex-repair',
    title: 'Malignant excision in the axilla with a 4.0 cm complex repair → 11602 + 13132 (axillae group)',
    sources: ['aapc-5', 'cpt-repair'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'axilla', 0.8, 0.2, 'malignant', 'C44.519')],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'repair_complex', ['L1'], { repairLength: cm(4) }),
      ],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: {
      lines: [
        ['11602', [], 1, ['C44.519']],
        ['13132', [], 1, ['C44.519']],
      ],
    },
  },
  {
    id: 'site-nail-unit-mohs',
    title: 'Mohs of a nail-unit tumour: hands/feet group → 17311',
    sources: ['aapc-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'nail_unit', 0.5)],
      procedures: [P('P1', 'mohs', ['L1'], mohsStage(2))],
      diagnoses: [D('C44.611', ['L1'])],
    }),
    expect: { lines: [['17311', [], 1, ['C44.611']]] },
  },
  {
    id: 'site-axilla-mohs',
    title: 'Mohs in the axilla: trunk and extremities → 17313',
    sources: ['aapc-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'axilla', 0.9)],
      procedures: [P('P1', 'mohs', ['L1'], mohsStage(2))],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: { lines: [['17313', [], 1, ['C44.519']]] },
  },
];
