/**
 * Repairs: simple 12001–12018 by group and length, the documented details that make a repair
 * intermediate or complex, closures included in other procedures, and the NCCI edit that benign
 * excisions of 0.5 cm or less include their repair.
 */
import { cm } from '../helpers';
import { D, EST, L, P, V2, X, type CorpusCase, type ExpectedLine, type Region } from '../corpus-kit';

/** Mohs of lesion L1 at `region` (one stage) followed by a repair of its wound. */
function afterMohs(
  id: string,
  title: string,
  region: Region,
  dx: string,
  { kind, ...fields }: { kind: string } & Record<string, unknown>,
  mohsCode: string,
  repairLines: Array<[string, number]>,
  extra: Partial<CorpusCase['expect']> = {},
): CorpusCase {
  return {
    id,
    title,
    sources: ['cpt-repair', 'bonfire-mohs'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', region, 1.0)],
      procedures: [P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }), P('P2', kind, ['L1'], fields)],
      diagnoses: [D(dx, ['L1'])],
    }),
    expect: {
      lines: [
        [mohsCode, [], 1, [dx]],
        ...repairLines.map(([code, units]): ExpectedLine => [code, [], units, [dx]]),
      ],
      ...extra,
    },
  };
}

const simpleTiers: Array<[Region, string, number, string, string]> = [
  // region, mohs code, length (cm), expected simple repair, diagnosis
  ['back', '17313', 2.5, '12001', 'C44.519'],
  ['back', '17313', 2.6, '12002', 'C44.519'],
  ['arm', '17313', 7.6, '12004', 'C44.611'],
  ['thigh', '17313', 12.6, '12005', 'C44.711'],
  ['back', '17313', 20.1, '12006', 'C44.519'],
  ['back', '17313', 30.1, '12007', 'C44.519'],
  ['neck', '17311', 3.0, '12002', 'C44.41'],
  ['cheek', '17311', 2.5, '12011', 'C44.319'],
  ['cheek', '17311', 2.6, '12013', 'C44.319'],
  ['cheek', '17311', 5.1, '12014', 'C44.319'],
  ['nose', '17311', 7.6, '12015', 'C44.311'],
  ['cheek', '17311', 12.6, '12016', 'C44.319'],
  ['cheek', '17311', 20.1, '12017', 'C44.319'],
  ['cheek', '17311', 30.1, '12018', 'C44.319'],
];

export const repairCases: CorpusCase[] = [
  ...simpleTiers.map(([region, mohsCode, length, code, dx]) =>
    afterMohs(
      `simple-repair-${region}-${length}`,
      `Simple repair of ${length} cm on the ${region} after Mohs → ${code}`,
      region,
      dx,
      { kind: 'repair_simple', repairLength: cm(length) },
      mohsCode,
      [[code, 1]],
    ),
  ),
  afterMohs(
    'repair-details-extensive-undermining',
    'Kind "repair" with extensive undermining on the cheek, 3.0 cm → complex 13132',
    'cheek',
    'C44.319',
    { kind: 'repair', repairLength: cm(3), repairDetails: { layered: true, extensiveUndermining: true } },
    '17311',
    [['13132', 1]],
    { findings: ['REPAIR-TYPE'] },
  ),
  afterMohs(
    'repair-details-layered',
    'Kind "repair" with a layered closure on the back, 3.0 cm → intermediate 12032',
    'back',
    'C44.519',
    { kind: 'repair', repairLength: cm(3), repairDetails: { layered: true } },
    '17313',
    [['12032', 1]],
    { findings: ['REPAIR-TYPE'] },
  ),
  afterMohs(
    'repair-details-single-layer',
    'Kind "repair" with neither layered closure nor complex work → simple 12002',
    'back',
    'C44.519',
    { kind: 'repair', repairLength: cm(3), repairDetails: {} },
    '17313',
    [['12002', 1]],
  ),
  afterMohs(
    'repair-details-free-margin',
    'Kind "repair" involving the helical rim of the ear, 2.0 cm → complex 13151',
    'ear',
    'C44.221',
    { kind: 'repair', repairLength: cm(2), repairDetails: { freeMarginInvolvement: true } },
    '17311',
    [['13151', 1]],
  ),
  afterMohs(
    'repair-details-debridement-too-short',
    'Kind "repair" with debridement but only 1.0 cm: complex repair starts above 1.0 cm (error)',
    'back',
    'C44.519',
    { kind: 'repair', repairLength: cm(1), repairDetails: { debridement: true } },
    '17313',
    [],
    { findings: ['REPAIR-COMPLEX-LENGTH'] },
  ),
  {
    id: 'repair-kind-without-details',
    title: 'Kind "repair" without repairDetails cannot be typed: validation names the field',
    sources: ['cpt-repair'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'back', 1)],
      procedures: [P('P1', 'repair', ['L1'], { repairLength: cm(2) })],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: { validation: ['procedures[0].repairDetails'] },
  },
  {
    id: 'simple-repair-included-in-excision',
    title: 'Simple closure of an excision is included in the excision',
    sources: ['aapc-5'],
    visit: V2({
      encounter: EST(),
      lesions: [X('L1', 'back', 1.0, 0.2, 'malignant', 'C44.519')],
      procedures: [
        P('P1', 'excision_malignant', ['L1']),
        P('P2', 'repair_simple', ['L1'], { repairLength: cm(2.5) }),
      ],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: { lines: [['11602', [], 1, ['C44.519']]], findings: ['REPAIR-INCLUDED'] },
  },
  {
    id: 'simple-repair-included-in-punch',
    title: 'A punch biopsy includes its simple closure',
    sources: ['bonfire-bx'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'arm', 0.4)],
      procedures: [
        P('P1', 'biopsy_punch', ['L1']),
        P('P2', 'repair_simple', ['L1'], { repairLength: cm(0.6) }),
      ],
      diagnoses: [D('D48.5', ['L1'])],
    }),
    expect: { lines: [['11104', [], 1, ['D48.5']]], findings: ['REPAIR-INCLUDED'] },
  },
  {
    id: 'simple-repairs-summed',
    title: 'Two Mohs tumours on the back, each closed simply (1.5 + 1.5 cm): one 12002',
    sources: ['cpt-repair', 'aad-2020', 'hmsa-x'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'back', 1), L('L2', 'back', 1)],
      procedures: [
        P('P1', 'mohs', ['L1'], { mohsStages: [{ blocks: 2 }] }),
        P('P2', 'mohs', ['L2'], { mohsStages: [{ blocks: 2 }] }),
        P('P3', 'repair_simple', ['L1'], { repairLength: cm(1.5) }),
        P('P4', 'repair_simple', ['L2'], { repairLength: cm(1.5) }),
      ],
      diagnoses: [D('C44.519', ['L1', 'L2'])],
    }),
    expect: {
      lines: [
        ['17313', [], 1, ['C44.519']],
        ['17313', ['XS'], 1, ['C44.519']],
        ['12002', [], 1, ['C44.519']],
      ],
      findings: ['REPAIR-SUM', 'MOHS-SEPARATE-TUMOUR'],
    },
  },
  {
    id: 'ncci-small-benign-excision-includes-repair',
    title: 'Benign excision of 0.5 cm (11400) includes the intermediate repair of its wound',
    sources: ['cpt-repair', 'fcso-236'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 0.3, 0.1, 'benign', 'D22.5')],
      procedures: [
        P('P1', 'excision_benign', ['L1']),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(2) }),
      ],
      diagnoses: [D('D22.5', ['L1'])],
    },
    expect: { lines: [['11400', [], 1, ['D22.5']]], findings: ['NCCI-PTP-SAME-LESION'] },
  },
  {
    id: 'benign-excision-0.6-keeps-repair',
    title: 'Benign excision of 0.6 cm (11401) and its intermediate repair are both billed',
    sources: ['aapc-5'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 0.4, 0.1, 'benign', 'D22.5')],
      procedures: [
        P('P1', 'excision_benign', ['L1']),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(2) }),
      ],
      diagnoses: [D('D22.5', ['L1'])],
    },
    expect: {
      lines: [
        ['11401', [], 1, ['D22.5']],
        ['12031', [], 1, ['D22.5']],
      ],
    },
  },
  {
    id: 'ncci-small-benign-excision-other-wound-repair',
    title: 'Benign excision of 0.5 cm on one lesion, intermediate repair after Mohs of another: XS',
    sources: ['cpt-repair', 'hmsa-x', 'bonfire-mohs'],
    visit: {
      encounter: EST(),
      lesions: [X('L1', 'back', 0.3, 0.1, 'benign', 'D22.5'), L('L2', 'back', 1.2)],
      procedures: [
        P('P1', 'excision_benign', ['L1']),
        P('P2', 'mohs', ['L2'], { mohsStages: [{ blocks: 2 }] }),
        P('P3', 'repair_intermediate', ['L2'], { repairLength: cm(3) }),
      ],
      diagnoses: [D('D22.5', ['L1']), D('C44.519', ['L2'])],
    },
    expect: {
      lines: [
        ['11400', [], 1, ['D22.5']],
        ['17313', [], 1, ['C44.519']],
        ['12032', ['XS'], 1, ['C44.519']],
      ],
      findings: ['NCCI-PTP-MODIFIER'],
    },
  },
];
