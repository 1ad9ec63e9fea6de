/**
 * Paring 11055–11057, incision and drainage (several abscesses → 10061), photodynamic therapy
 * 96567/96573/96574 and vascular lesion destruction 17106–17108.
 */
import { D, EST, L, P, V2, type CorpusCase } from '../corpus-kit';

const paringCount = (n: number, code: string): CorpusCase => ({
  id: `paring-${n}`,
  title: `Paring of ${n} callus(es) → ${code}`,
  sources: ['cpt-paring'],
  visit: V2({
    encounter: EST(),
    procedures: [P('P1', 'paring', [], { lesionCount: n })],
    diagnoses: [D('L84', [], ['P1'])],
  }),
  expect: { lines: [[code, [], 1, ['L84']]] },
});

const pdt = (application: string, code: string): CorpusCase => ({
  id: `pdt-${application}`,
  title: `Photodynamic therapy, ${application} → ${code}`,
  sources: ['cpt-pdt'],
  visit: V2({
    encounter: EST(),
    procedures: [P('P1', 'photodynamic_therapy', [], { photodynamicApplication: application })],
    diagnoses: [D('L57.0', [], ['P1'])],
  }),
  expect: { lines: [[code, [], 1, ['L57.0']]] },
});

const vascular = (area: number, code: string): CorpusCase => ({
  id: `vascular-${area}`,
  title: `Vascular lesion destruction of ${area} sq cm → ${code}`,
  sources: ['cpt-vascular'],
  visit: V2({
    encounter: EST(),
    lesions: [L('L1', 'cheek')],
    procedures: [P('P1', 'destruction_vascular', ['L1'], { treatedAreaSqCm: area })],
    diagnoses: [D('Q82.5', ['L1'])],
  }),
  expect: { lines: [[code, [], 1, ['Q82.5']]] },
});

export const countedAndAreaCases: CorpusCase[] = [
  paringCount(1, '11055'),
  paringCount(2, '11056'),
  paringCount(4, '11056'),
  paringCount(5, '11057'),
  {
    id: 'paring-two-procedures-summed',
    title: 'Paring of 2 and of 3 calluses at one visit: 5 lesions → 11057 once',
    sources: ['cpt-paring'],
    visit: V2({
      encounter: EST(),
      procedures: [P('P1', 'paring', [], { lesionCount: 2 }), P('P2', 'paring', [], { lesionCount: 3 })],
      diagnoses: [D('L84', [], ['P1', 'P2'])],
    }),
    expect: { lines: [['11057', [], 1, ['L84']]] },
  },
  {
    id: 'paring-and-destruction-same-wart',
    title: 'Paring and destruction of the same plantar wart: only the destruction',
    sources: ['derm-ncci'],
    visit: V2({
      encounter: EST(),
      lesions: [L('W1', 'foot')],
      procedures: [P('P1', 'paring', ['W1']), P('P2', 'destruction_benign', ['W1'])],
      diagnoses: [D('B07.0', ['W1'])],
    }),
    expect: { lines: [['17110', [], 1, ['B07.0']]], findings: ['NCCI-PTP-SAME-LESION'] },
  },
  {
    id: 'paring-callus-and-wart-elsewhere',
    title: 'Paring of a callus and destruction of a wart on another site: paring takes XS',
    sources: ['derm-ncci', 'hmsa-x'],
    visit: V2({
      encounter: EST(),
      lesions: [L('C1', 'foot'), L('W1', 'hand')],
      procedures: [P('P1', 'paring', ['C1']), P('P2', 'destruction_benign', ['W1'])],
      diagnoses: [D('L84', ['C1']), D('B07.8', ['W1'])],
    }),
    expect: {
      lines: [
        ['11055', ['XS'], 1, ['L84']],
        ['17110', [], 1, ['B07.8']],
      ],
    },
  },
  {
    id: 'id-single-abscess',
    title: 'Incision and drainage of one simple abscess → 10060',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      lesions: [L('A1', 'back')],
      procedures: [P('P1', 'incision_drainage_simple', ['A1'])],
      diagnoses: [D('L02.212', ['A1'])],
    },
    expect: { lines: [['10060', [], 1, ['L02.212']]] },
  },
  {
    id: 'id-three-abscesses-one-procedure',
    title: 'Incision and drainage of three abscesses documented as one procedure → 10061',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      procedures: [P('P1', 'incision_drainage_simple', [], { lesionCount: 3 })],
      diagnoses: [D('L02.212', [], ['P1'])],
    },
    expect: { lines: [['10061', [], 1, ['L02.212']]], findings: ['ID-MULTIPLE'] },
  },
  {
    id: 'id-two-abscesses-two-procedures',
    title: 'Two simple I&Ds (back, axilla) the same day → one 10061, not 10060 × 2',
    sources: ['wimib-10060'],
    visit: V2({
      encounter: EST(),
      lesions: [L('A1', 'back'), L('A2', 'axilla')],
      procedures: [P('P1', 'incision_drainage_simple', ['A1']), P('P2', 'incision_drainage_simple', ['A2'])],
      diagnoses: [D('L02.212', ['A1']), D('L02.411', ['A2'])],
    }),
    expect: { lines: [['10061', [], 1, ['L02.212', 'L02.411']]], findings: ['ID-MULTIPLE'] },
  },
  {
    id: 'id-complicated-single-abscess',
    title: 'Complicated I&D of one abscess → 10061',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      lesions: [L('A1', 'back')],
      procedures: [P('P1', 'incision_drainage_complicated', ['A1'])],
      diagnoses: [D('L02.212', ['A1'])],
    },
    expect: { lines: [['10061', [], 1, ['L02.212']]] },
  },
  {
    id: 'id-and-acne-surgery',
    title: 'Simple I&D and acne surgery at one visit → 10060 + 10040',
    sources: ['wimib-10060'],
    visit: {
      encounter: EST(),
      lesions: [L('A1', 'back')],
      procedures: [P('P1', 'incision_drainage_simple', ['A1']), P('P2', 'acne_surgery')],
      diagnoses: [D('L02.212', ['A1']), D('L70.0', [], ['P2'])],
    },
    expect: {
      lines: [
        ['10060', [], 1, ['L02.212']],
        ['10040', [], 1, ['L70.0']],
      ],
    },
  },
  pdt('staff', '96567'),
  pdt('physician', '96573'),
  pdt('physician_with_debridement', '96574'),
  {
    id: 'pdt-with-drug',
    title: 'Physician-applied PDT with aminolevulinic acid: the drug is its own line',
    sources: ['cpt-pdt'],
    visit: V2({
      encounter: EST(),
      procedures: [
        P('P1', 'photodynamic_therapy', [], {
          photodynamicApplication: 'physician',
          drugs: [{ hcpcs: 'J7308', units: 1 }],
        }),
      ],
      diagnoses: [D('L57.0', [], ['P1'])],
    }),
    expect: {
      lines: [
        ['96573', [], 1, ['L57.0']],
        ['J7308', [], 1, ['L57.0']],
      ],
    },
  },
  {
    id: 'pdt-without-application',
    title: 'PDT without who applied the photosensitiser cannot be coded',
    sources: ['cpt-pdt'],
    visit: V2({
      encounter: EST(),
      procedures: [P('P1', 'photodynamic_therapy')],
      diagnoses: [D('L57.0', [], ['P1'])],
    }),
    expect: { validation: ['procedures[0].photodynamicApplication'] },
  },
  vascular(9.9, '17106'),
  vascular(10, '17107'),
  vascular(50, '17107'),
  vascular(50.1, '17108'),
  {
    id: 'vascular-telangiectasia-cosmetic',
    title: 'Laser of telangiectasia (I78.1) without symptoms reads cosmetic → self-pay',
    sources: ['auctus-benign', 'bcbsms'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'cheek')],
      procedures: [P('P1', 'destruction_vascular', ['L1'], { treatedAreaSqCm: 4 })],
      diagnoses: [D('I78.1', ['L1'])],
    }),
    expect: { selfPay: [['17106', [], 1]], findings: ['NECESSITY-COSMETIC'] },
  },
  {
    id: 'vascular-telangiectasia-bleeding',
    title: 'Laser of a bleeding spider angioma: documented bleeding supports the claim',
    sources: ['aapc-forum', 'bcbsms'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'cheek')],
      procedures: [P('P1', 'destruction_vascular', ['L1'], { treatedAreaSqCm: 4, symptoms: ['bleeding'] })],
      diagnoses: [D('I78.1', ['L1'])],
    }),
    expect: { lines: [['17106', [], 1, ['I78.1']]] },
  },
  {
    id: 'vascular-hemangioma-medicare-no-abn',
    title: 'Medicare: laser of a hemangioma with no supporting symptom and no ABN → GZ',
    sources: ['rcmguide', 'auctus-benign'],
    visit: V2({
      payer: 'medicare',
      encounter: EST(),
      lesions: [L('L1', 'back')],
      procedures: [P('P1', 'destruction_vascular', ['L1'], { treatedAreaSqCm: 12 })],
      diagnoses: [D('D18.01', ['L1'])],
    }),
    expect: { lines: [['17107', ['GZ'], 1, ['D18.01']]], findings: ['NECESSITY-UNSUPPORTED', 'ABN-GZ'] },
  },
  {
    id: 'vascular-without-area',
    title: 'Vascular lesion destruction without the treated area cannot be coded',
    sources: ['cpt-vascular'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'cheek')],
      procedures: [P('P1', 'destruction_vascular', ['L1'])],
      diagnoses: [D('Q82.5', ['L1'])],
    }),
    expect: { validation: ['procedures[0].treatedAreaSqCm'] },
  },
];
