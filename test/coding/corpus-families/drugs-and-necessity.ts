/**
 * Drugs sized from the documented dose (HCPCS unit size, partial units rounded up), discarded
 * single-dose amounts on a JW line and JZ when none was discarded (Medicare from 2023-07-01);
 * medical necessity and cosmetic intent judged per lesion; the ABN of each service decides its
 * GA/GZ, and a voluntary ABN on an excluded service adds GX to GY.
 */
import { D, EST, L, P, V2, type CorpusCase } from '../corpus-kit';

const toxin = (dose: number, wasted: number | undefined, payer: 'medicare' | 'commercial' = 'medicare') =>
  V2({
    payer,
    encounter: EST(),
    procedures: [
      P('P1', 'medical_toxin', [], {
        toxinTarget: 'axillae',
        drugs: [
          {
            hcpcs: 'J0585',
            dose: { value: dose, unit: 'units' },
            ...(wasted === undefined ? {} : { wasted: { value: wasted, unit: 'units' } }),
          },
        ],
      }),
    ],
    diagnoses: [D('L74.510', [], ['P1'])],
  });

const kenalog = (mg: number, wasted?: number) =>
  V2({
    encounter: EST(),
    procedures: [
      P('P1', 'intralesional_injection', [], {
        lesionCount: 3,
        drugs: [
          {
            hcpcs: 'J3301',
            dose: { value: mg, unit: 'mg' },
            ...(wasted === undefined ? {} : { wasted: { value: wasted, unit: 'mg' } }),
          },
        ],
      }),
    ],
    diagnoses: [D('L91.0', [], ['P1'])],
  });

/** Three seborrhoeic keratoses destroyed; necessity documented on some of them. */
const keratoses = (
  payer: 'medicare' | 'commercial',
  findings: Array<string[] | 'cosmetic' | undefined>,
  abn?: string,
) =>
  V2({
    payer,
    encounter: EST(),
    lesions: findings.map((f, i) =>
      L(`L${i + 1}`, 'back', 0.5, f === 'cosmetic' ? { cosmetic: true } : f ? { medicalNecessity: f } : {}),
    ),
    procedures: [
      P(
        'P1',
        'destruction_benign',
        findings.map((_, i) => `L${i + 1}`),
        abn ? { abn } : {},
      ),
    ],
    diagnoses: [
      D(
        'L82.1',
        findings.map((_, i) => `L${i + 1}`),
      ),
    ],
  });

export const drugAndNecessityCases: CorpusCase[] = [
  {
    id: 'drug-dose-units-rounded-up',
    title: 'Triamcinolone 25 mg at 10 mg per unit → J3301 × 3 (partial unit rounded up)',
    sources: ['cms-hcpcs', 'pabau-11900'],
    visit: kenalog(25),
    expect: {
      lines: [
        ['11900', [], 1, ['L91.0']],
        ['J3301', [], 3, ['L91.0']],
      ],
      findings: ['DRUG-UNITS'],
    },
  },
  {
    id: 'drug-multi-dose-waste-not-billed',
    title: 'Waste from a multi-dose triamcinolone vial is not billed (no JW, no JZ)',
    sources: ['cms-jw-jz'],
    visit: kenalog(20, 20),
    expect: {
      lines: [
        ['11900', [], 1, ['L91.0']],
        ['J3301', [], 2, ['L91.0']],
      ],
      findings: ['DRUG-WASTE-MULTI-DOSE'],
    },
  },
  {
    id: 'drug-single-dose-waste-jw',
    title:
      'OnabotulinumtoxinA 100-unit vial, 90 given and 10 discarded (Medicare) → J0585 × 90 + J0585-JW × 10',
    sources: ['cms-jw-jz', 'bonfire-botox'],
    visit: toxin(90, 10),
    expect: {
      lines: [
        ['64650', [], 1, ['L74.510']],
        ['J0585', [], 90, ['L74.510']],
        ['J0585', ['JW'], 10, ['L74.510']],
      ],
      findings: ['DRUG-WASTE-JW'],
    },
  },
  {
    id: 'drug-single-dose-no-waste-jz',
    title: 'Whole vial given, none discarded (Medicare) → J0585-JZ × 100',
    sources: ['cms-jw-jz'],
    visit: toxin(100, 0),
    expect: {
      lines: [
        ['64650', [], 1, ['L74.510']],
        ['J0585', ['JZ'], 100, ['L74.510']],
      ],
    },
  },
  {
    id: 'drug-single-dose-waste-commercial-jw',
    title: 'A commercial plan takes the JW line but no JZ',
    sources: ['cms-jw-jz'],
    visit: toxin(100, 0, 'commercial'),
    expect: {
      lines: [
        ['64650', [], 1, ['L74.510']],
        ['J0585', [], 100, ['L74.510']],
      ],
    },
  },
  {
    id: 'drug-single-dose-waste-undocumented',
    title: 'Medicare single-dose drug without the discarded amount documented is flagged',
    sources: ['cms-jw-jz'],
    visit: toxin(100, undefined),
    expect: {
      lines: [
        ['64650', [], 1, ['L74.510']],
        ['J0585', [], 100, ['L74.510']],
      ],
      findings: ['DRUG-WASTE-UNDOCUMENTED'],
    },
  },
  {
    id: 'drug-units-or-dose-required',
    title: 'A drug without units or dose is refused by the schema',
    sources: ['cms-hcpcs'],
    visit: V2({
      encounter: EST(),
      procedures: [P('P1', 'intralesional_injection', [], { lesionCount: 2, drugs: [{ hcpcs: 'J3301' }] })],
      diagnoses: [D('L91.0', [], ['P1'])],
    }),
    expect: { schema: ['procedures.0.drugs.0.units'] },
  },
  {
    id: 'drug-dose-unknown-hcpcs',
    title: 'A dose for a HCPCS code without a known unit size must be given in units',
    sources: ['cms-hcpcs'],
    visit: V2({
      encounter: EST(),
      procedures: [
        P('P1', 'intralesional_injection', [], {
          lesionCount: 2,
          drugs: [{ hcpcs: 'J9999', dose: { value: 5, unit: 'mg' } }],
        }),
      ],
      diagnoses: [D('L91.0', [], ['P1'])],
    }),
    expect: { validation: ['procedures[0].drugs[0].dose'] },
  },
  {
    id: 'necessity-per-lesion-commercial',
    title: 'Three SKs (L82.1), one bleeding: 17110 on the claim for it, 17110 self-pay for the other two',
    sources: ['bcbsms', 'auctus-benign', 'auctus-17110'],
    visit: keratoses('commercial', [['bleeding'], undefined, undefined]),
    expect: {
      lines: [['17110', [], 1, ['L82.1']]],
      selfPay: [['17110', [], 1]],
      findings: ['NECESSITY-COSMETIC'],
    },
  },
  {
    id: 'necessity-per-lesion-all-supported',
    title: 'Two SKs each with documented findings (irritation on exam, change) → one 17110 on the claim',
    sources: ['bcbsms', 'auctus-17110'],
    visit: keratoses('commercial', [['irritation'], ['change', 'trauma']]),
    expect: { lines: [['17110', [], 1, ['L82.1']]] },
  },
  {
    id: 'necessity-per-lesion-cosmetic-intent',
    title: 'One SK obstructing vision is covered; one the patient wants off for appearance is self-pay',
    sources: ['aad-abn', 'bcbsms'],
    visit: keratoses('commercial', [['obstruction'], 'cosmetic']),
    expect: {
      lines: [['17110', [], 1, ['L82.1']]],
      selfPay: [['17110', [], 1]],
      findings: ['COSMETIC-LESION'],
    },
  },
  {
    id: 'necessity-shave-per-lesion',
    title:
      'Shave removals of two nevi (D22.5): the bleeding one on the claim, the other GZ-doubtful for Medicare',
    sources: ['bcbsms', 'rcmguide'],
    visit: V2({
      payer: 'medicare',
      encounter: EST(),
      lesions: [
        L('L1', 'back', 0.6, { medicalNecessity: ['bleeding'] }),
        L('L2', 'back', 0.4, { medicalNecessity: [] }),
      ],
      procedures: [P('P1', 'shave_removal', ['L1', 'L2'])],
      diagnoses: [D('D22.5', ['L1', 'L2'])],
    }),
    expect: {
      lines: [
        ['11301', [], 1, ['D22.5']],
        ['11300', ['GZ'], 1, ['D22.5']],
      ],
      findings: ['ABN-GZ'],
    },
  },
  {
    id: 'abn-per-service',
    title: 'Medicare, two benign removals of doubtful necessity: ABN signed for one (GA), not the other (GZ)',
    sources: ['rcmguide', 'columbia'],
    visit: V2({
      payer: 'medicare',
      encounter: { ...EST(), abnOnFile: false },
      lesions: [L('L1', 'back', 0.6), L('L2', 'arm', 0.3)],
      procedures: [
        P('P1', 'shave_removal', ['L1'], { abn: 'on_file' }),
        P('P2', 'skin_tag_removal', ['L2'], { abn: 'not_issued' }),
      ],
      diagnoses: [D('D22.5', ['L1']), D('L91.8', ['L2'])],
    }),
    expect: {
      lines: [
        ['11301', ['GA'], 1, ['D22.5']],
        ['11200', ['GZ'], 1, ['L91.8']],
      ],
      findings: ['ABN-GA', 'ABN-GZ'],
    },
  },
  {
    id: 'abn-per-service-overrides-visit',
    title: 'The visit says ABN on file, the service says not issued: the service wins (GZ)',
    sources: ['rcmguide'],
    visit: V2({
      payer: 'medicare',
      encounter: { ...EST(), abnOnFile: true },
      lesions: [L('L1', 'back', 0.6)],
      procedures: [P('P1', 'shave_removal', ['L1'], { abn: 'not_issued' })],
      diagnoses: [D('D22.5', ['L1'])],
    }),
    expect: { lines: [['11301', ['GZ'], 1, ['D22.5']]] },
  },
  {
    id: 'abn-voluntary-gx-gy',
    title: 'A cosmetic-reading SK removal the patient asks Medicare to deny, voluntary ABN given → GY + GX',
    sources: ['rcmguide'],
    visit: V2({
      payer: 'medicare',
      encounter: EST(),
      lesions: [L('L1', 'back', 0.6)],
      procedures: [P('P1', 'shave_removal', ['L1'], { payerDenialRequested: true, abn: 'voluntary' })],
      diagnoses: [D('L82.1', ['L1'])],
    }),
    expect: { lines: [['11301', ['GY', 'GX'], 1, ['L82.1']]], findings: ['ABN-GY', 'ABN-GX'] },
  },
  {
    id: 'abn-voluntary-for-necessity',
    title: 'A voluntary ABN does not cover an expected necessity denial: GZ, flagged',
    sources: ['rcmguide'],
    visit: V2({
      payer: 'medicare',
      encounter: EST(),
      lesions: [L('L1', 'back', 0.6)],
      procedures: [P('P1', 'shave_removal', ['L1'], { abn: 'voluntary' })],
      diagnoses: [D('D22.5', ['L1'])],
    }),
    expect: { lines: [['11301', ['GZ'], 1, ['D22.5']]], findings: ['ABN-VOLUNTARY-FOR-NECESSITY'] },
  },
  {
    id: 'abn-medicare-advantage-per-service',
    title: 'Medicare Advantage: no ABN modifiers even with a per-service ABN',
    sources: ['rev-opt'],
    visit: V2({
      payer: 'medicare_advantage',
      encounter: EST(),
      lesions: [L('L1', 'back', 0.6)],
      procedures: [P('P1', 'shave_removal', ['L1'], { abn: 'on_file' })],
      diagnoses: [D('D22.5', ['L1'])],
    }),
    expect: { lines: [['11301', [], 1, ['D22.5']]], findings: ['ABN-NOT-APPLICABLE'] },
  },
];
