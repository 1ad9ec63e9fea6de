/**
 * Coding corpus: realistic dermatology visits with the expected claim, each with a cited reason
 * (source tags from the project's dermatology billing domain brief).
 */
import { D, EST, L, P, X, type CorpusCase } from './corpus-kit';
import { siteBiopsyCases } from './corpus-families/biopsies-by-site';
import { countedAndAreaCases } from './corpus-families/counted-and-area';
import { flapCases } from './corpus-families/flaps';
import { drugAndNecessityCases } from './corpus-families/drugs-and-necessity';
import { encounterCases } from './corpus-families/encounters';
import { graftCases } from './corpus-families/grafts';
import { hidradenitisCases } from './corpus-families/hidradenitis';
import { nailMohsSiteCases } from './corpus-families/nails-mohs-sites';
import { repairCases } from './corpus-families/repairs';
import { cm, mm } from './helpers';

export type { CorpusCase, ExpectedLine, ExpectedSelfPay } from './corpus-kit';

const cases: CorpusCase[] = [
  // ---------------- E/M ----------------
  {
    id: 'em-new-3',
    title: 'New patient, E/M level 3 only',
    sources: ['aad-25-2021'],
    visit: { encounter: { visitType: 'new', emLevel: 3 }, diagnoses: [D('L40.0')] },
    expect: { lines: [['99203', [], 1, ['L40.0']]] },
  },
  {
    id: 'em-est-5',
    title: 'Established patient, E/M level 5 only',
    sources: ['aad-25-2021'],
    visit: { encounter: EST(5), diagnoses: [D('C43.59')] },
    expect: { lines: [['99215', [], 1, ['C43.59']]] },
  },
  {
    id: 'em-est-1',
    title: 'Established patient, level 1 (99211)',
    sources: ['aad-25-2021'],
    visit: { encounter: EST(1), diagnoses: [D('L70.0')] },
    expect: { lines: [['99211', [], 1, ['L70.0']]] },
  },
  {
    id: 'em25-biopsy-different-dx',
    title: 'E/M for psoriasis plus punch biopsy of a suspicious back lesion: modifier 25',
    sources: ['ellzey-25', 'cgs-25', 'aad-bx3'],
    visit: {
      encounter: EST(3, true),
      lesions: [L('L1', 'back', 0.6)],
      procedures: [P('P1', 'biopsy_punch', ['L1'])],
      diagnoses: [D('L40.0'), D('D48.5', ['L1'])],
    },
    expect: {
      lines: [
        ['99213', ['25'], 1, ['L40.0']],
        ['11104', [], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'em-not-separate',
    title: 'E/M documented but not separately identifiable: included in the biopsy global',
    sources: ['ellzey-25', 'cgs-25'],
    visit: {
      encounter: EST(3, false),
      lesions: [L('L1', 'arm', 0.4)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['D48.5']]], findings: ['EM-IN-GLOBAL'] },
  },
  {
    id: 'em25-same-dx-review',
    title: 'E/M-25 whose only diagnosis is the procedure diagnosis: review warning',
    sources: ['mdedge-25', 'aad-25-2018'],
    visit: {
      encounter: EST(4, true),
      lesions: [L('L1', 'forearm', 0.5)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: {
      lines: [
        ['99214', ['25'], 1, ['D48.5']],
        ['11102', [], 1, ['D48.5']],
      ],
      findings: ['EM25-SAME-DX'],
    },
  },
  {
    id: 'em-sep-no-procedure',
    title: 'Separately identifiable E/M flagged but no procedure: no modifier 25',
    sources: ['aad-25-2021'],
    visit: { encounter: EST(3, true), diagnoses: [D('L20.9')] },
    expect: { lines: [['99213', [], 1, ['L20.9']]] },
  },
  {
    id: 'em-new-level-1-invalid',
    title: 'New patient level 1 (99201 deleted in 2021): validation error',
    sources: ['aad-25-2021'],
    visit: { encounter: { visitType: 'new', emLevel: 1 }, diagnoses: [D('L70.0')] },
    expect: { validation: ['encounter.emLevel'] },
  },
  {
    id: 'em-plus-cosmetic-only',
    title: 'E/M plus a cosmetic toxin: toxin self-pay, E/M without 25',
    sources: ['bonfire-botox', 'aad-abn'],
    visit: {
      encounter: EST(3, true),
      procedures: [P('P1', 'cosmetic_toxin', [], { drugs: [{ hcpcs: 'J0585', units: 30 }] })],
      diagnoses: [D('L71.9'), D('Z41.1', [], ['P1'])],
    },
    expect: { lines: [['99213', [], 1, ['L71.9']]], selfPay: [['J0585', [], 30]] },
  },
  // ---------------- Biopsies ----------------
  {
    id: 'bx-tangential-1',
    title: 'One tangential biopsy',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'chest', 0.5)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['D48.5']]] },
  },
  {
    id: 'bx-punch-1',
    title: 'One punch biopsy',
    sources: ['aad-bx3', 'bonfire-bx'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'scalp', 0.4)],
      procedures: [P('P1', 'biopsy_punch', ['L1'])],
      diagnoses: [D('L63.9', ['L1'])],
    },
    expect: { lines: [['11104', [], 1, ['L63.9']]] },
  },
  {
    id: 'bx-incisional-1',
    title: 'One incisional biopsy',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'thigh', 2.5)],
      procedures: [P('P1', 'biopsy_incisional', ['L1'])],
      diagnoses: [D('D49.2', ['L1'])],
    },
    expect: { lines: [['11106', [], 1, ['D49.2']]] },
  },
  {
    id: 'bx-tangential-3',
    title: 'Three tangential biopsies: 11102 + 11103×2',
    sources: ['aad-bx3', 'payerready'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.5), L('L2', 'arm', 0.4), L('L3', 'leg', 0.6)],
      procedures: [P('P1', 'biopsy_tangential', ['L1', 'L2', 'L3'])],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3'])],
    },
    expect: {
      lines: [
        ['11102', [], 1, ['D48.5']],
        ['11103', [], 2, ['D48.5']],
      ],
    },
  },
  {
    id: 'bx-punch-plus-2-shave',
    title: '1 punch + 2 tangential = 11104 + 11103×2',
    sources: ['aad-bx3', 'hosp'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.5), L('L2', 'arm', 0.4), L('L3', 'cheek', 0.3)],
      procedures: [P('P1', 'biopsy_punch', ['L1']), P('P2', 'biopsy_tangential', ['L2', 'L3'])],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3'])],
    },
    expect: {
      lines: [
        ['11104', [], 1, ['D48.5']],
        ['11103', [], 2, ['D48.5']],
      ],
      findings: ['BIOPSY-HIERARCHY'],
    },
  },
  {
    id: 'bx-all-three',
    title: 'Incisional + punch + tangential: 11106 + 11105 + 11103',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 2), L('L2', 'arm', 0.4), L('L3', 'leg', 0.3)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L3']),
        P('P2', 'biopsy_punch', ['L2']),
        P('P3', 'biopsy_incisional', ['L1']),
      ],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3'])],
    },
    expect: {
      lines: [
        ['11106', [], 1, ['D48.5']],
        ['11105', [], 1, ['D48.5']],
        ['11103', [], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'bx-2inc-2punch',
    title: '2 incisional + 2 punch: 11106 + 11107 + 11105×2',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 2), L('L2', 'chest', 2.2), L('L3', 'leg', 0.3), L('L4', 'arm', 0.5)],
      procedures: [P('P1', 'biopsy_incisional', ['L1', 'L2']), P('P2', 'biopsy_punch', ['L3', 'L4'])],
      diagnoses: [D('D49.2', ['L1', 'L2']), D('D48.5', ['L3', 'L4'])],
    },
    expect: {
      lines: [
        ['11106', [], 1, ['D49.2']],
        ['11107', [], 1, ['D49.2']],
        ['11105', [], 2, ['D48.5']],
      ],
    },
  },
  {
    id: 'bx-order-independent',
    title: 'Tangential documented before punch: punch is still the primary',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'arm', 0.4), L('L2', 'back', 0.6)],
      procedures: [P('P1', 'biopsy_tangential', ['L1']), P('P2', 'biopsy_punch', ['L2'])],
      diagnoses: [D('L98.8', ['L1']), D('D22.5', ['L2'])],
    },
    expect: {
      lines: [
        ['11104', [], 1, ['D22.5']],
        ['11103', [], 1, ['L98.8']],
      ],
    },
  },
  {
    id: 'bx-6-punch-mue',
    title: 'Six punch biopsies trip the 11105 MUE',
    sources: ['aad-mue', 'nor-mue'],
    visit: {
      encounter: EST(),
      lesions: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((id) => L(id, 'back', 0.4)),
      procedures: [P('P1', 'biopsy_punch', ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'])],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'])],
    },
    expect: {
      lines: [
        ['11104', [], 1, ['D48.5']],
        ['11105', [], 4, ['D48.5']],
      ],
      findings: ['MUE'],
    },
  },
  {
    id: 'bx-same-lesion-excision',
    title: 'Biopsy and excision of the same lesion: excision only',
    sources: ['derm-ncci', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519')],
      procedures: [P('P1', 'biopsy_punch', ['L1']), P('P2', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11602', [], 1, ['C44.519']]], findings: ['BIOPSY-SAME-LESION'] },
  },
  // ---------------- Shave removal ----------------
  {
    id: 'shave-trunk-0.5',
    title: 'Shave removal, back, 0.5 cm, bleeding nevus',
    sources: ['aapc-diam', 'aapc-forum'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.5)],
      procedures: [P('P1', 'shave_removal', ['L1'], { symptoms: ['bleeding'] })],
      diagnoses: [D('D22.5', ['L1'])],
    },
    expect: { lines: [['11300', [], 1, ['D22.5']]] },
  },
  {
    id: 'shave-neck-0.8',
    title: 'Shave removal of an inflamed SK, neck, 0.8 cm',
    sources: ['aapc-diam', 'auctus-benign'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'neck', 0.8)],
      procedures: [P('P1', 'shave_removal', ['L1'])],
      diagnoses: [D('L82.0', ['L1'])],
    },
    expect: { lines: [['11306', [], 1, ['L82.0']]] },
  },
  {
    id: 'shave-nose-2.5',
    title: 'Shave removal, nose, 2.5 cm (over 2.0 tier)',
    sources: ['aapc-diam', 'ca-11313'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 2.5)],
      procedures: [P('P1', 'shave_removal', ['L1'])],
      diagnoses: [D('L82.0', ['L1'])],
    },
    expect: { lines: [['11313', [], 1, ['L82.0']]] },
  },
  {
    id: 'shave-mm',
    title: 'Shave removal, arm, 6 mm = 0.6 cm',
    sources: ['aapc-diam'],
    visit: {
      encounter: EST(),
      lesions: [{ id: 'L1', site: { region: 'arm' }, diameter: mm(6) }],
      procedures: [P('P1', 'shave_removal', ['L1'])],
      diagnoses: [D('L82.0', ['L1'])],
    },
    expect: { lines: [['11301', [], 1, ['L82.0']]] },
  },
  {
    id: 'shave-specimen-pending',
    title: 'Shave removal with specimen pending: pathology hold',
    sources: ['aapc-4', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.7, { specimenToPathology: true, pathology: { status: 'pending' } })],
      procedures: [P('P1', 'shave_removal', ['L1'], { symptoms: ['suspicious_for_malignancy'] })],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [], hold: ['L1'], findings: ['PATHOLOGY-HOLD'] },
  },
  {
    id: 'shave-2-same-tier',
    title: 'Two shave removals in the same tier: one line, 2 units',
    sources: ['aapc-diam'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.7), L('L2', 'abdomen', 1.0)],
      procedures: [P('P1', 'shave_removal', ['L1', 'L2'])],
      diagnoses: [D('L82.0', ['L1', 'L2'])],
    },
    expect: { lines: [['11301', [], 2, ['L82.0']]] },
  },
  {
    id: 'shave-margin-ignored',
    title: 'Shave removal size ignores margins',
    sources: ['aapc-diam'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'leg', 1.0, { narrowestMargin: cm(0.3) })],
      procedures: [P('P1', 'shave_removal', ['L1'])],
      diagnoses: [D('L82.0', ['L1'])],
    },
    expect: { lines: [['11301', [], 1, ['L82.0']]] },
  },
  // ---------------- Excisions ----------------
  {
    id: 'exc-benign-1.4',
    title: 'Excision 1.0 + 2×0.2 = 1.4 cm, benign: 11402',
    sources: ['aapc-gs', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'benign', 'D22.5')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11402', [], 1, ['D22.5']]] },
  },
  {
    id: 'exc-malignant-1.4',
    title: 'Excision 1.0 + 2×0.2 = 1.4 cm, malignant: 11602',
    sources: ['aapc-gs', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11602', [], 1, ['C44.519']]] },
  },
  {
    id: 'exc-atypia-benign',
    title: 'Excision with atypia codes in the benign range',
    sources: ['aapc-4'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'atypia', 'D22.5')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11402', [], 1, ['D22.5']]], findings: ['ATYPIA-BENIGN'] },
  },
  {
    id: 'exc-uncertain-face',
    title: 'Excision, cheek, uncertain behaviour: benign range 11442',
    sources: ['aapc-4', 'cpcprep'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'cheek', 0.8, 0.2, 'uncertain', 'D48.5')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D49.2', ['L1'])],
    },
    expect: { lines: [['11442', [], 1, ['D48.5']]] },
  },
  {
    id: 'exc-pending',
    title: 'Excision with pathology pending: hold, no line yet',
    sources: ['aapc-4', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2)],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [], hold: ['L1'], findings: ['PATHOLOGY-HOLD'] },
  },
  {
    id: 'exc-no-pathology',
    title: 'Kind "excision" with no pathology at all: hold',
    sources: ['aapc-4'],
    visit: {
      encounter: EST(3, true),
      lesions: [L('L1', 'arm', 0.8, { narrowestMargin: cm(0.2) })],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('L40.0'), D('D48.5', ['L1'])],
    },
    expect: { lines: [['99213', ['25'], 1, ['L40.0']]], hold: ['L1'] },
  },
  {
    id: 'exc-scalp-3.0',
    title: 'Malignant excision, scalp, 2.0 + 2×0.5 = 3.0 cm: 11623',
    sources: ['aapc-gs', 'cpcprep'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'scalp', 2.0, 0.5, 'malignant', 'C44.42')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11623', [], 1, ['C44.42']]] },
  },
  {
    id: 'exc-nose-4.5',
    title: 'Malignant excision, nose, 3.5 + 2×0.5 = 4.5 cm: 11646',
    sources: ['aapc-gs', 'cpcprep'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'nose', 3.5, 0.5, 'malignant', 'C44.311')],
      procedures: [P('P1', 'excision_malignant', ['L1'])],
      diagnoses: [D('C44.311', ['L1'])],
    },
    expect: { lines: [['11646', [], 1, ['C44.311']]] },
  },
  {
    id: 'exc-hand-0.5',
    title: 'Benign excision, hand, 0.3 + 2×0.1 = 0.5 cm: 11420',
    sources: ['aapc-gs', 'cpcprep'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'hand', 0.3, 0.1, 'benign', 'L72.0')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('L72.0', ['L1'])],
    },
    expect: { lines: [['11420', [], 1, ['L72.0']]] },
  },
  {
    id: 'exc-mm-units',
    title: 'Excision sized in mm: 8 mm + 2×2 mm = 1.2 cm: 11402',
    sources: ['aapc-gs'],
    visit: {
      encounter: EST(),
      lesions: [
        {
          id: 'L1',
          site: { region: 'chest' },
          diameter: mm(8),
          narrowestMargin: mm(2),
          specimenToPathology: true,
          pathology: { status: 'final', result: 'benign', diagnosisCode: 'D22.5' },
        },
      ],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { lines: [['11402', [], 1, ['D22.5']]] },
  },
  {
    id: 'exc-re-excision-clear',
    title: 'Re-excision of a melanoma with clear margins keeps the malignant range',
    sources: ['aapc-4', 'aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.5, 0.5, 'benign')],
      procedures: [P('P1', 'excision_malignant', ['L1'])],
      diagnoses: [D('C43.59', ['L1'])],
    },
    expect: { lines: [['11603', [], 1, ['C43.59']]], findings: ['MALIGNANT-RE-EXCISION'] },
  },
  {
    id: 'exc-benign-turns-malignant',
    title: 'Documented benign excision, pathology malignant: malignant range',
    sources: ['aapc-4'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'leg', 0.6, 0.2, 'malignant', 'C44.712')],
      procedures: [P('P1', 'excision_benign', ['L1'])],
      diagnoses: [D('D23.71', ['L1'])],
    },
    expect: { lines: [['11601', [], 1, ['C44.712']]], findings: ['PATHOLOGY-DECIDES'] },
  },
  {
    id: 'exc-three-site-groups',
    title: 'Excisions in three site groups on one date',
    sources: ['cpcprep', 'aapc-gs'],
    visit: {
      encounter: EST(),
      lesions: [
        X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519'),
        X('L2', 'neck', 0.5, 0.1, 'benign', 'D22.4'),
        X('L3', 'ear', 0.4, 0.3, 'malignant', 'C44.212'),
      ],
      procedures: [P('P1', 'excision', ['L1', 'L2', 'L3'])],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3'])],
    },
    expect: {
      lines: [
        ['11602', [], 1, ['C44.519']],
        ['11421', [], 1, ['D22.4']],
        ['11641', [], 1, ['C44.212']],
      ],
    },
  },
  {
    id: 'exc-intermediate-repair',
    title: 'Malignant excision plus intermediate repair 3.0 cm on the back',
    sources: ['aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519')],
      procedures: [
        P('P1', 'excision', ['L1']),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(3) }),
      ],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: {
      lines: [
        ['11602', [], 1, ['C44.519']],
        ['12032', [], 1, ['C44.519']],
      ],
    },
  },
  {
    id: 'exc-complex-repair-cheek',
    title: 'Malignant excision of the cheek plus complex repair 3.0 cm',
    sources: ['aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'cheek', 1.2, 0.3, 'malignant', 'C44.319')],
      procedures: [P('P1', 'excision', ['L1']), P('P2', 'repair_complex', ['L1'], { repairLength: cm(3) })],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: {
      lines: [
        ['11642', [], 1, ['C44.319']],
        ['13132', [], 1, ['C44.319']],
      ],
    },
  },
  {
    id: 'exc-tier-0.5-float',
    title: '0.3 + 2×0.1 is exactly 0.5 cm despite float noise: 11400',
    sources: ['aapc-gs'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'thigh', 0.3, 0.1, 'benign', 'D22.71')],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D22.71', ['L1'])],
    },
    expect: { lines: [['11400', [], 1, ['D22.71']]] },
  },
  {
    id: 'exc-tier-2.0-vs-2.1',
    title: '2.0 cm is tier 3 (11402), 2.1 cm is tier 4 (11403)',
    sources: ['aapc-gs', 'cpcprep'],
    visit: {
      encounter: EST(),
      lesions: [
        X('L1', 'back', 1.0, 0.5, 'benign', 'D22.5'),
        X('L2', 'abdomen', 1.1, 0.5, 'benign', 'D22.5'),
      ],
      procedures: [P('P1', 'excision', ['L1', 'L2'])],
      diagnoses: [D('D48.5', ['L1', 'L2'])],
    },
    expect: {
      lines: [
        ['11402', [], 1, ['D22.5']],
        ['11403', [], 1, ['D22.5']],
      ],
    },
  },
  // ---------------- Premalignant destruction ----------------
  {
    id: 'ak-1',
    title: 'One actinic keratosis: 17000',
    sources: ['rac-0121'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 1 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: { lines: [['17000', [], 1, ['L57.0']]] },
  },
  {
    id: 'ak-10',
    title: 'Ten AKs: 17000 + 17003×9',
    sources: ['rac-0121', 'ca-17003'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 10 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 9, ['L57.0']],
      ],
    },
  },
  {
    id: 'ak-14',
    title: 'Fourteen AKs: 17000 + 17003×13',
    sources: ['rac-0121'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 14 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 13, ['L57.0']],
      ],
    },
  },
  {
    id: 'ak-15',
    title: 'Fifteen AKs: 17004 alone',
    sources: ['rac-0121'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 15 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: { lines: [['17004', [], 1, ['L57.0']]] },
  },
  {
    id: 'ak-20-trap',
    title: 'Twenty AKs: 17004, never 17000 + 17003×19',
    sources: ['rac-0121', 'ca-17003'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 20 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: { lines: [['17004', [], 1, ['L57.0']]] },
  },
  {
    id: 'ak-itemised',
    title: 'Three itemised AKs: 17000 + 17003×2',
    sources: ['rac-0121'],
    visit: {
      encounter: EST(),
      lesions: [L('A1', 'forehead'), L('A2', 'scalp'), L('A3', 'hand')],
      procedures: [P('P1', 'destruction_premalignant', ['A1', 'A2', 'A3'])],
      diagnoses: [D('L57.0', ['A1', 'A2', 'A3'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 2, ['L57.0']],
      ],
    },
  },
  {
    id: 'ak-two-procedures-16',
    title: 'AKs in two procedures (8 + 8 = 16) counted per date of service: 17004',
    sources: ['rac-0121'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'destruction_premalignant', [], { lesionCount: 8 }),
        P('P2', 'destruction_premalignant', [], { lesionCount: 8 }),
      ],
      diagnoses: [D('L57.0', [], ['P1', 'P2'])],
    },
    expect: { lines: [['17004', [], 1, ['L57.0']]] },
  },
  {
    id: 'ak-medicare-12',
    title: 'Medicare, 12 AKs (NCD covers AK destruction)',
    sources: ['rac-0121', 'aad-abn'],
    visit: {
      payer: 'medicare',
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 12 })],
      diagnoses: [D('L57.0', [], ['P1'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 11, ['L57.0']],
      ],
    },
  },
  // ---------------- Benign destruction ----------------
  {
    id: 'wart-5',
    title: 'Five warts: 17110 one unit',
    sources: ['auctus-17110', 'moda'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 5 })],
      diagnoses: [D('B07.8', [], ['P1'])],
    },
    expect: { lines: [['17110', [], 1, ['B07.8']]] },
  },
  {
    id: 'wart-14',
    title: 'Fourteen warts: 17110 one unit',
    sources: ['auctus-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 14 })],
      diagnoses: [D('B07.0', [], ['P1'])],
    },
    expect: { lines: [['17110', [], 1, ['B07.0']]] },
  },
  {
    id: 'wart-15',
    title: 'Fifteen warts: 17111',
    sources: ['auctus-17110', 'iframe-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 15 })],
      diagnoses: [D('B07.8', [], ['P1'])],
    },
    expect: { lines: [['17111', [], 1, ['B07.8']]] },
  },
  {
    id: 'wart-20-never-both',
    title: 'Twenty warts: 17111 only, never with 17110',
    sources: ['auctus-17110', 'iframe-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 20 })],
      diagnoses: [D('B07.8', [], ['P1'])],
    },
    expect: { lines: [['17111', [], 1, ['B07.8']]] },
  },
  {
    id: 'benign-two-procs-20',
    title: 'Benign destruction in two procedures (10 + 10): 17111 once',
    sources: ['auctus-17110'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'destruction_benign', [], { lesionCount: 10 }),
        P('P2', 'destruction_benign', [], { lesionCount: 10 }),
      ],
      diagnoses: [D('B07.8', [], ['P1']), D('B08.1', [], ['P2'])],
    },
    expect: { lines: [['17111', [], 1, ['B07.8', 'B08.1']]] },
  },
  {
    id: 'sk-inflamed',
    title: 'Inflamed SKs (L82.0) destroyed: covered',
    sources: ['auctus-benign'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 3 })],
      diagnoses: [D('L82.0', [], ['P1'])],
    },
    expect: { lines: [['17110', [], 1, ['L82.0']]] },
  },
  {
    id: 'sk-cosmetic-self-pay',
    title: 'SK destruction with L82.1 only reads cosmetic: self-pay',
    sources: ['auctus-benign', 'bcbsms'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 4 })],
      diagnoses: [D('L82.1', [], ['P1'])],
    },
    expect: { lines: [], selfPay: [['17110', [], 1]], findings: ['NECESSITY-COSMETIC'] },
  },
  {
    id: 'sk-l82.1-itching',
    title: 'L82.1 with documented itching: covered',
    sources: ['aapc-forum', 'bcbsms'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 2, symptoms: ['itching'] })],
      diagnoses: [D('L82.1', [], ['P1'])],
    },
    expect: { lines: [['17110', [], 1, ['L82.1']]] },
  },
  {
    id: 'benign-medicare-gz',
    title: 'Medicare, benign destruction without necessity, no ABN: GZ',
    sources: ['rcmguide', 'aad-abn'],
    visit: {
      payer: 'medicare',
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 3 })],
      diagnoses: [D('D23.5', [], ['P1'])],
    },
    expect: { lines: [['17110', ['GZ'], 1, ['D23.5']]], findings: ['NECESSITY-UNSUPPORTED', 'ABN-GZ'] },
  },
  {
    id: 'benign-medicare-ga',
    title: 'Medicare, benign destruction without necessity, ABN on file: GA',
    sources: ['rcmguide', 'aad-abn'],
    visit: {
      payer: 'medicare',
      encounter: { ...EST(), abnOnFile: true },
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 3 })],
      diagnoses: [D('D23.5', [], ['P1'])],
    },
    expect: { lines: [['17110', ['GA'], 1, ['D23.5']]], findings: ['ABN-GA'] },
  },
  {
    id: 'benign-ma-no-abn-modifier',
    title: 'Medicare Advantage: no GA even with an ABN on file',
    sources: ['rcmguide', 'rev-opt'],
    visit: {
      payer: 'medicare_advantage',
      encounter: { ...EST(), abnOnFile: true },
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 3 })],
      diagnoses: [D('D23.5', [], ['P1'])],
    },
    expect: {
      lines: [['17110', [], 1, ['D23.5']]],
      findings: ['NECESSITY-UNSUPPORTED', 'ABN-NOT-APPLICABLE'],
    },
  },
  {
    id: 'benign-irritation-reported',
    title: 'Patient-reported irritation alone does not establish necessity',
    sources: ['aapc-forum', 'bcbsms'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 2, symptoms: ['irritation_reported'] })],
      diagnoses: [D('D23.5', [], ['P1'])],
    },
    expect: { lines: [['17110', [], 1, ['D23.5']]], findings: ['NECESSITY-UNSUPPORTED'] },
  },
  {
    id: 'sk-medicare-gy',
    title: 'Medicare, L82.1 removal the patient wants submitted for a denial: GY',
    sources: ['rcmguide', 'columbia'],
    visit: {
      payer: 'medicare',
      encounter: EST(),
      procedures: [P('P1', 'destruction_benign', [], { lesionCount: 2, payerDenialRequested: true })],
      diagnoses: [D('L82.1', [], ['P1'])],
    },
    expect: { lines: [['17110', ['GY'], 1, ['L82.1']]], findings: ['ABN-GY'] },
  },
  {
    id: 'skin-tags-10',
    title: 'Ten bleeding skin tags: 11200',
    sources: ['auctus-benign', 'aapc-11200'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'skin_tag_removal', [], { lesionCount: 10, symptoms: ['bleeding'] })],
      diagnoses: [D('L91.8', [], ['P1'])],
    },
    expect: { lines: [['11200', [], 1, ['L91.8']]] },
  },
  {
    id: 'skin-tags-30',
    title: 'Thirty skin tags: 11200 + 11201×2',
    sources: ['auctus-benign'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'skin_tag_removal', [], { lesionCount: 30, symptoms: ['inflammation'] })],
      diagnoses: [D('L91.8', [], ['P1'])],
    },
    expect: {
      lines: [
        ['11200', [], 1, ['L91.8']],
        ['11201', [], 2, ['L91.8']],
      ],
    },
  },
  {
    id: 'skin-tags-16',
    title: 'Sixteen skin tags: 11200 + 11201×1',
    sources: ['auctus-benign'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'skin_tag_removal', [], { lesionCount: 16, symptoms: ['pain'] })],
      diagnoses: [D('L91.8', [], ['P1'])],
    },
    expect: {
      lines: [
        ['11200', [], 1, ['L91.8']],
        ['11201', [], 1, ['L91.8']],
      ],
    },
  },
  // ---------------- Malignant destruction ----------------
  {
    id: 'cd-bcc-trunk-0.8',
    title: 'C&D of a BCC on the back, 0.8 cm: 17261',
    sources: ['aapc-ncci11'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 0.8)],
      procedures: [P('P1', 'destruction_malignant', ['L1'])],
      diagnoses: [D('C44.519', ['L1'])],
    },
    expect: { lines: [['17261', [], 1, ['C44.519']]] },
  },
  {
    id: 'cd-scc-is-face-1.5',
    title: 'Destruction of SCC in situ on the face, 1.5 cm: 17282',
    sources: ['aapc-ncci11'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'forehead', 1.5)],
      procedures: [P('P1', 'destruction_malignant', ['L1'])],
      diagnoses: [D('D04.39', ['L1'])],
    },
    expect: { lines: [['17282', [], 1, ['D04.39']]] },
  },
  {
    id: 'cd-scalp-0.4',
    title: 'Destruction of a scalp BCC, 0.4 cm: 17270',
    sources: ['aapc-ncci11'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'scalp', 0.4)],
      procedures: [P('P1', 'destruction_malignant', ['L1'])],
      diagnoses: [D('C44.41', ['L1'])],
    },
    expect: { lines: [['17270', [], 1, ['C44.41']]] },
  },
  {
    id: 'bx-plus-cd-same-bcc',
    title: 'Biopsy plus C&D of the same BCC: destruction only',
    sources: ['derm-ncci'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'chest', 1.5)],
      procedures: [P('P1', 'biopsy_tangential', ['L1']), P('P2', 'destruction_malignant', ['L1'])],
      diagnoses: [D('C44.519', ['L1'])],
    },
    expect: { lines: [['17262', [], 1, ['C44.519']]], findings: ['BIOPSY-SAME-LESION'] },
  },
  {
    id: 'ak-plus-cd-other-lesion',
    title: 'AK destruction plus C&D of a separate BCC: 17261 is column 2 to 17000 → XS',
    sources: ['aapc-ncci11', 'hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'arm', 0.7)],
      procedures: [
        P('P1', 'destruction_premalignant', [], { lesionCount: 3 }),
        P('P2', 'destruction_malignant', ['L1']),
      ],
      diagnoses: [D('L57.0', [], ['P1']), D('C44.612', ['L1'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 2, ['L57.0']],
        ['17261', ['XS'], 1, ['C44.612']],
      ],
      findings: ['NCCI-PTP-MODIFIER'],
    },
  },
  // ---------------- Mohs ----------------
  {
    id: 'mohs-nose-2-stages',
    title: 'Mohs of a nasal BCC, 2 stages: 17311 + 17312',
    sources: ['aapc-mohs', 'bonfire-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.9)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 3 }, { blocks: 2 }] })],
      diagnoses: [D('C44.311', ['L1'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['17312', [], 1, ['C44.311']],
      ],
    },
  },
  {
    id: 'mohs-back-1-stage',
    title: 'Mohs of a back SCC, 1 stage: 17313',
    sources: ['aapc-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 1.2)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 4 }] })],
      diagnoses: [D('C44.529', ['L1'])],
    },
    expect: { lines: [['17313', [], 1, ['C44.529']]] },
  },
  {
    id: 'mohs-extra-blocks',
    title: 'Mohs, cheek, 3 stages, 7 blocks in stage 1: +17315×2',
    sources: ['aapc-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'cheek', 1.5)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 7 }, { blocks: 3 }, { blocks: 2 }] })],
      diagnoses: [D('C44.319', ['L1'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.319']],
        ['17312', [], 2, ['C44.319']],
        ['17315', [], 2, ['C44.319']],
      ],
    },
  },
  {
    id: 'mohs-complex-repair-nose',
    title: 'Mohs of the nose plus complex repair 2.0 cm: repair billed separately',
    sources: ['bonfire-mohs', 'aapc-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.8)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'repair_complex', ['L1'], { repairLength: cm(2) }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['13151', [], 1, ['C44.311']],
      ],
    },
  },
  {
    id: 'mohs-forearm-intermediate',
    title: 'Mohs of the forearm plus intermediate repair 4.0 cm',
    sources: ['bonfire-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'forearm', 1.0)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 3 }, { blocks: 2 }] }),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(4) }),
      ],
      diagnoses: [D('C44.622', ['L1'])],
    },
    expect: {
      lines: [
        ['17313', [], 1, ['C44.622']],
        ['17314', [], 1, ['C44.622']],
        ['12032', [], 1, ['C44.622']],
      ],
    },
  },
  {
    id: 'mohs-no-excision',
    title: 'Mohs and an excision documented for the same tumour: Mohs only',
    sources: ['aapc-path'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'ear', 1.0, { narrowestMargin: cm(0.2) })],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'excision_malignant', ['L1']),
      ],
      diagnoses: [D('C44.212', ['L1'])],
    },
    expect: { lines: [['17311', [], 1, ['C44.212']]], findings: ['MOHS-NO-EXCISION'] },
  },
  {
    id: 'mohs-deep-trunk',
    title: 'Mohs on the trunk involving muscle: 17311 series',
    sources: ['aapc-mohs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'chest', 2.0)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 4 }], mohsDeepStructures: true })],
      diagnoses: [D('C44.529', ['L1'])],
    },
    expect: { lines: [['17311', [], 1, ['C44.529']]] },
  },
  {
    id: 'mohs-diagnostic-biopsy-frozen',
    title: 'Diagnostic biopsy with frozen section leading to same-day Mohs',
    sources: ['aapc-path', 'ellzey-88331', 'aad-2020'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.7)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L1'], { frozenSection: true }),
        P('P2', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    },
    expect: {
      lines: [
        ['11102', ['XU'], 1, ['C44.311']],
        ['88331', ['XU'], 1, ['C44.311']],
        ['17311', [], 1, ['C44.311']],
      ],
      findings: ['MOHS-DIAGNOSTIC-BIOPSY'],
    },
  },
  {
    id: 'mohs-two-tumours',
    title: 'Two tumours by Mohs: nose (2 stages) and back (1 stage); the second tumour takes XS (issue 8)',
    sources: ['aapc-mohs', 'aad-2020', 'hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.8), L('L2', 'back', 1.1)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }, { blocks: 1 }] }),
        P('P2', 'mohs', ['L2'], { mohsStages: [{ blocks: 3 }] }),
      ],
      diagnoses: [D('C44.311', ['L1']), D('C44.519', ['L2'])],
    },
    expect: {
      lines: [
        ['17311', [], 1, ['C44.311']],
        ['17312', [], 1, ['C44.311']],
        ['17313', ['XS'], 1, ['C44.519']],
      ],
      findings: ['MOHS-SEPARATE-TUMOUR'],
    },
  },
  {
    id: 'mohs-provider-88305',
    title: 'Provider sent 88305 with Mohs: warning, not coded',
    sources: ['aapc-path'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'lip', 0.6)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] })],
      diagnoses: [D('C44.01', ['L1'])],
      providerCodes: [{ code: '17311' }, { code: '88305' }],
    },
    expect: { lines: [['17311', [], 1, ['C44.01']]], findings: ['MOHS-NO-88305'] },
  },
  // ---------------- Injections, I&D, acne, phototherapy, toxin ----------------
  {
    id: 'ilk-4-keloids',
    title: 'Intralesional triamcinolone to 4 keloids: 11900 + J3301×4',
    sources: ['pabau-11900', 'iframe-11901'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'intralesional_injection', [], { lesionCount: 4, drugs: [{ hcpcs: 'J3301', units: 4 }] }),
      ],
      diagnoses: [D('L91.0', [], ['P1'])],
    },
    expect: {
      lines: [
        ['11900', [], 1, ['L91.0']],
        ['J3301', [], 4, ['L91.0']],
      ],
    },
  },
  {
    id: 'ilk-10-alopecia',
    title: 'Intralesional injection to 10 alopecia patches: 11901 one unit',
    sources: ['pabau-11900', 'iframe-11901'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'intralesional_injection', [], { lesionCount: 10, drugs: [{ hcpcs: 'J3301', units: 2 }] }),
      ],
      diagnoses: [D('L63.9', [], ['P1'])],
    },
    expect: {
      lines: [
        ['11901', [], 1, ['L63.9']],
        ['J3301', [], 2, ['L63.9']],
      ],
    },
  },
  {
    id: 'ilk-7-boundary',
    title: 'Seven lesions injected: still 11900',
    sources: ['pabau-11900'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'intralesional_injection', [], { lesionCount: 7 })],
      diagnoses: [D('L28.0', [], ['P1'])],
    },
    expect: { lines: [['11900', [], 1, ['L28.0']]] },
  },
  {
    id: 'id-simple',
    title: 'Simple I&D of a back abscess: 10060',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'incision_drainage_simple')],
      diagnoses: [D('L02.212', [], ['P1'])],
    },
    expect: { lines: [['10060', [], 1, ['L02.212']]] },
  },
  {
    id: 'id-complicated',
    title: 'Complicated I&D of an axillary abscess: 10061',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'incision_drainage_complicated')],
      diagnoses: [D('L02.411', [], ['P1'])],
    },
    expect: { lines: [['10061', [], 1, ['L02.411']]] },
  },
  {
    id: 'acne-surgery',
    title: 'Acne surgery: 10040',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'acne_surgery')],
      diagnoses: [D('L70.0', [], ['P1'])],
    },
    expect: { lines: [['10040', [], 1, ['L70.0']]] },
  },
  {
    id: 'photo-uvb',
    title: 'NB-UVB for psoriasis: 96900',
    sources: ['mc-96900', 'bcbsnd'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'uvb' })],
      diagnoses: [D('L40.0', [], ['P1'])],
    },
    expect: { lines: [['96900', [], 1, ['L40.0']]], findings: ['PHOTOTHERAPY-PA'] },
  },
  {
    id: 'photo-goeckerman',
    title: 'Goeckerman: 96910',
    sources: ['ca-96910'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'goeckerman' })],
      diagnoses: [D('L40.0', [], ['P1'])],
    },
    expect: { lines: [['96910', [], 1, ['L40.0']]] },
  },
  {
    id: 'photo-puva',
    title: 'PUVA: 96912',
    sources: ['cms1500-photo', 'cam386'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'puva' })],
      diagnoses: [D('L80', [], ['P1'])],
    },
    expect: { lines: [['96912', [], 1, ['L80']]] },
  },
  {
    id: 'photo-excimer-small',
    title: 'Excimer, 200 sq cm: 96920',
    sources: ['iframe-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'excimer', excimerAreaSqCm: 200 })],
      diagnoses: [D('L80', [], ['P1'])],
    },
    expect: { lines: [['96920', [], 1, ['L80']]] },
  },
  {
    id: 'photo-excimer-mid',
    title: 'Excimer, 300 sq cm: 96921',
    sources: ['iframe-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'excimer', excimerAreaSqCm: 300 })],
      diagnoses: [D('L40.0', [], ['P1'])],
    },
    expect: { lines: [['96921', [], 1, ['L40.0']]] },
  },
  {
    id: 'photo-excimer-large',
    title: 'Excimer, 600 sq cm: 96922',
    sources: ['iframe-17110'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'excimer', excimerAreaSqCm: 600 })],
      diagnoses: [D('L40.0', [], ['P1'])],
    },
    expect: { lines: [['96922', [], 1, ['L40.0']]] },
  },
  {
    id: 'photo-unlisted-dx',
    title: 'Phototherapy for unspecified dermatitis: not a listed diagnosis (warning)',
    sources: ['bcbsnd', 'highmark'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'phototherapy', [], { phototherapyType: 'uvb' })],
      diagnoses: [D('L30.9', [], ['P1'])],
    },
    expect: { lines: [['96900', [], 1, ['L30.9']]], findings: ['PHOTOTHERAPY-DX'] },
  },
  {
    id: 'medical-toxin-axillae',
    title: 'Medical toxin for axillary hyperhidrosis: 64650 + J0585×100',
    sources: ['bonfire-botox', 'derm-2006'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'medical_toxin', [], { toxinTarget: 'axillae', drugs: [{ hcpcs: 'J0585', units: 100 }] }),
      ],
      diagnoses: [D('L74.510', [], ['P1'])],
    },
    expect: {
      lines: [
        ['64650', [], 1, ['L74.510']],
        ['J0585', [], 100, ['L74.510']],
      ],
    },
  },
  // ---------------- Cosmetic ----------------
  {
    id: 'cosmetic-toxin',
    title: 'Cosmetic toxin, 20 units: self-pay only',
    sources: ['bonfire-botox', 'aad-abn'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'cosmetic_toxin', [], { drugs: [{ hcpcs: 'J0585', units: 20 }] })],
      diagnoses: [D('Z41.1', [], ['P1'])],
    },
    expect: { lines: [], selfPay: [['J0585', [], 20]], findings: ['COSMETIC-SELF-PAY'] },
  },
  {
    id: 'cosmetic-filler',
    title: 'Filler, 2 ml: self-pay 11951',
    sources: ['aad-abn'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'cosmetic_filler', [], { fillerVolumeMl: 2 })],
      diagnoses: [D('Z41.1', [], ['P1'])],
    },
    expect: { lines: [], selfPay: [['11951', [], 1]] },
  },
  {
    id: 'cosmetic-peel',
    title: 'Cosmetic dermal peel of the face: self-pay 15789',
    sources: ['ibx-peel', 'anthem-anc7'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'cosmetic_peel', [], { peelDepth: 'dermal' })],
      diagnoses: [D('L81.4', [], ['P1'])],
    },
    expect: { lines: [], selfPay: [['15789', [], 1]] },
  },
  {
    id: 'cosmetic-laser',
    title: 'Laser hair removal: self-pay',
    sources: ['aad-abn'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'cosmetic_laser')],
      diagnoses: [D('Z41.1', [], ['P1'])],
    },
    expect: { lines: [], selfPay: [['17999', [], 1]] },
  },
  {
    id: 'cosmetic-shave-sk',
    title: 'Shave removal of an SK flagged cosmetic: self-pay',
    sources: ['aapc-sk', 'bcbsms'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'arm', 0.9)],
      procedures: [P('P1', 'shave_removal', ['L1'], { cosmetic: true })],
      diagnoses: [D('L82.1', ['L1'])],
    },
    expect: { lines: [], selfPay: [['11301', [], 1]] },
  },
  {
    id: 'self-pay-patient',
    title: 'No coverage: E/M and biopsy both go to the self-pay ledger',
    sources: ['aad-abn'],
    visit: {
      payer: null,
      encounter: EST(3, true),
      lesions: [L('L1', 'back', 0.5)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('L40.0'), D('D48.5', ['L1'])],
    },
    expect: {
      lines: [],
      selfPay: [
        ['99213', [], 1],
        ['11102', [], 1],
      ],
      findings: ['NO-COVERAGE'],
    },
  },
  // ---------------- Combinations and NCCI ----------------
  {
    id: 'em-bx-ak-same-day',
    title: 'E/M-25 + tangential biopsy + 5 AKs destroyed elsewhere',
    sources: ['ellzey-25', 'aad-bx3', 'rac-0121', 'hmsa-x', 'derm-ncci'],
    visit: {
      encounter: EST(4, true),
      lesions: [L('L1', 'arm', 0.5)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L1']),
        P('P2', 'destruction_premalignant', [], { lesionCount: 5 }),
      ],
      diagnoses: [D('L40.0'), D('D48.5', ['L1']), D('L57.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['99214', ['25'], 1, ['L40.0']],
        ['11102', ['XS'], 1, ['D48.5']],
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 4, ['L57.0']],
      ],
    },
  },
  {
    id: 'skin-tag-plus-ak',
    title: '11200 and 17000 on distinct lesions: modifier on 17000',
    sources: ['aapc-11200'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'skin_tag_removal', [], { lesionCount: 3, symptoms: ['bleeding'] }),
        P('P2', 'destruction_premalignant', [], { lesionCount: 1 }),
      ],
      diagnoses: [D('L91.8', [], ['P1']), D('L57.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['11200', [], 1, ['L91.8']],
        ['17000', ['XS'], 1, ['L57.0']],
      ],
    },
  },
  {
    id: 'uvb-plus-goeckerman',
    title: 'UVB and Goeckerman the same day: 96900 is column 2 with indicator 0',
    sources: ['ca-96910', 'fcso-236'],
    visit: {
      encounter: EST(),
      procedures: [
        P('P1', 'phototherapy', [], { phototherapyType: 'uvb' }),
        P('P2', 'phototherapy', [], { phototherapyType: 'goeckerman' }),
      ],
      diagnoses: [D('L40.0', [], ['P1', 'P2'])],
    },
    expect: { lines: [['96910', [], 1, ['L40.0']]], findings: ['NCCI-PTP'] },
  },
  {
    id: 'shave-plus-punch-other',
    title: 'Shave removal of one lesion plus punch biopsy of another: XS on the biopsy',
    sources: ['derm-ncci', 'hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'arm', 0.7), L('L2', 'back', 0.5)],
      procedures: [P('P1', 'shave_removal', ['L1']), P('P2', 'biopsy_punch', ['L2'])],
      diagnoses: [D('L82.0', ['L1']), D('D48.5', ['L2'])],
    },
    expect: {
      lines: [
        ['11301', [], 1, ['L82.0']],
        ['11104', ['XS'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'medicaid-em-excision',
    title: 'Medicaid: E/M-25 plus benign excision (no ABN modifiers)',
    sources: ['ellzey-25', 'aapc-gs'],
    visit: {
      payer: 'medicaid',
      encounter: { visitType: 'new', emLevel: 3, emSeparatelyIdentifiable: true, abnOnFile: false },
      lesions: [X('L1', 'foot', 0.6, 0.2, 'benign', 'D23.72')], // 0.6 + 0.4 = 1.0 cm,
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('L30.9'), D('D48.5', ['L1'])],
    },
    expect: {
      lines: [
        ['99203', ['25'], 1, ['L30.9']],
        ['11421', [], 1, ['D23.72']],
      ],
    },
  },
  {
    id: 'medicare-em-bx-20ak',
    title: 'Medicare: E/M-25 + biopsy + 20 AKs (17004, XS on biopsy)',
    sources: ['rac-0121', 'aad-abn', 'hmsa-x'],
    visit: {
      payer: 'medicare',
      encounter: EST(3, true),
      lesions: [L('L1', 'leg', 0.4)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L1']),
        P('P2', 'destruction_premalignant', [], { lesionCount: 20 }),
      ],
      diagnoses: [D('L40.0'), D('D48.5', ['L1']), D('L57.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['99213', ['25'], 1, ['L40.0']],
        ['11102', ['XS'], 1, ['D48.5']],
        ['17004', [], 1, ['L57.0']],
      ],
    },
  },
  {
    id: 'commercial-em-bx-20ak',
    title: 'Same visit for a commercial payer codes the same',
    sources: ['rac-0121', 'hmsa-x'],
    visit: {
      payer: 'commercial',
      encounter: EST(3, true),
      lesions: [L('L1', 'leg', 0.4)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L1']),
        P('P2', 'destruction_premalignant', [], { lesionCount: 20 }),
      ],
      diagnoses: [D('L40.0'), D('D48.5', ['L1']), D('L57.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['99213', ['25'], 1, ['L40.0']],
        ['11102', ['XS'], 1, ['D48.5']],
        ['17004', [], 1, ['L57.0']],
      ],
    },
  },
  {
    id: 'excision-plus-punch-other',
    title: 'Malignant excision plus punch biopsy of another lesion',
    sources: ['derm-ncci', 'hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519'), L('L2', 'chest', 0.5)],
      procedures: [P('P1', 'excision', ['L1']), P('P2', 'biopsy_punch', ['L2'])],
      diagnoses: [D('D48.5', ['L1', 'L2'])],
    },
    expect: {
      lines: [
        ['11602', [], 1, ['C44.519']],
        ['11104', ['XS'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'excision-held-other-lines-billed',
    title: 'E/M-25 + pending excision + AK destruction: AK billed, excision held',
    sources: ['aapc-4', 'rac-0121', 'ellzey-25'],
    visit: {
      encounter: EST(3, true),
      lesions: [X('L1', 'back', 1.0, 0.2)],
      procedures: [P('P1', 'excision', ['L1']), P('P2', 'destruction_premalignant', [], { lesionCount: 2 })],
      diagnoses: [D('L40.0'), D('D48.5', ['L1']), D('L57.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['99213', ['25'], 1, ['L40.0']],
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 1, ['L57.0']],
      ],
      hold: ['L1'],
    },
  },
  // ---------------- ICD-10-CM ----------------
  {
    id: 'icd-non-leaf',
    title: 'Non-leaf C44.31 is an error naming diagnoses[0].code',
    sources: ['cms-icd', 'tuva'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'nose', 0.4)],
      procedures: [P('P1', 'destruction_malignant', ['L1'])],
      diagnoses: [D('C44.31', ['L1'])],
    },
    expect: { lines: [['17280', [], 1, ['C44.31']]], findings: ['ICD-NON-LEAF'] },
  },
  {
    id: 'icd-eyelid-parent-2025',
    title: 'C44.119 became a parent on 2018-10-01: error in 2025',
    sources: ['eyefinity', 'littleden'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.3)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('C44.119', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['C44.119']]], findings: ['ICD-NON-LEAF'] },
  },
  {
    id: 'icd-eyelid-split-before-fy2019',
    title: 'C44.1191 did not exist before 2018-10-01',
    sources: ['eyefinity'],
    visit: {
      dateOfService: '2018-06-01',
      completedAt: '2018-06-01T12:00:00Z',
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.3)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('C44.1191', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['C44.1191']]], findings: ['ICD-DATE'] },
  },
  {
    id: 'icd-eyelid-valid-2018',
    title: 'D22.11 was billable before the FY2019 split',
    sources: ['eyefinity'],
    visit: {
      dateOfService: '2018-06-01',
      completedAt: '2018-06-01T12:00:00Z',
      encounter: EST(),
      lesions: [L('L1', 'eyelid', 0.3)],
      procedures: [P('P1', 'biopsy_tangential', ['L1'])],
      diagnoses: [D('D22.11', ['L1'])],
    },
    expect: { lines: [['11102', [], 1, ['D22.11']]] },
  },
  {
    id: 'icd-no-dot',
    title: 'Diagnosis sent without the dot (L570) is normalised',
    sources: ['cms-icd'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'destruction_premalignant', [], { lesionCount: 2 })],
      diagnoses: [D('L570', [], ['P1'])],
    },
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['17003', [], 1, ['L57.0']],
      ],
    },
  },
  {
    id: 'icd-most-specific-first',
    title: 'Most specific diagnosis first on the line',
    sources: ['cms-icd', 'tuva'],
    visit: { encounter: EST(3), diagnoses: [D('L30.9'), D('L20.89')] },
    expect: { lines: [['99213', [], 1, ['L20.89', 'L30.9']]] },
  },
  // ---------------- Validation ----------------
  {
    id: 'val-excision-no-margin',
    title: 'Excision without a narrowest margin cannot be sized',
    sources: ['aapc-gs'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 1.0, { pathology: { status: 'final', result: 'benign' } })],
      procedures: [P('P1', 'excision', ['L1'])],
      diagnoses: [D('D22.5', ['L1'])],
    },
    expect: { validation: ['lesions[0].narrowestMargin'] },
  },
  {
    id: 'val-missing-lesion',
    title: 'Procedure pointing to a lesion that does not exist',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'back', 1.0)],
      procedures: [P('P1', 'biopsy_punch', ['L9'])],
      diagnoses: [D('D48.5', ['L1'])],
    },
    expect: { validation: ['procedures[0].lesionIds[0]'] },
  },
  {
    id: 'val-dx-missing-procedure',
    title: 'Diagnosis pointing to a procedure that does not exist',
    sources: ['cms-icd'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'acne_surgery')],
      diagnoses: [D('L70.0', [], ['P2'])],
    },
    expect: { validation: ['diagnoses[0].procedureIds[0]'] },
  },
  {
    id: 'val-biopsy-no-lesion',
    title: 'Biopsy with no lesion',
    sources: ['aad-bx3'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'biopsy_tangential')],
      diagnoses: [D('D48.5', [], ['P1'])],
    },
    expect: { validation: ['procedures[0].lesionIds'] },
  },
];

/** The whole corpus: the version-1 scenarios above, then one file per procedure family. */
export const corpus: CorpusCase[] = [
  ...cases,
  ...repairCases,
  ...flapCases,
  ...hidradenitisCases,
  ...siteBiopsyCases,
  ...countedAndAreaCases,
  ...nailMohsSiteCases,
  ...graftCases,
  ...encounterCases,
  ...drugAndNecessityCases,
];
