/** Hidradenitis excision 11450–11471 by site and closure; the repair is included in the code. */
import { cm } from '../helpers';
import { D, EST, L, P, V2, type CorpusCase, type Region } from '../corpus-kit';

const sites: Array<[Region, string, string]> = [
  ['axilla', '11450', '11451'],
  ['groin', '11462', '11463'],
  ['perianal', '11470', '11471'],
];

const hidradenitis = (region: Region, repair: string, extra: CorpusCase['visit'] = {}) =>
  V2({
    encounter: EST(),
    lesions: [L('L1', region)],
    procedures: [P('P1', 'hidradenitis_excision', ['L1'], { hidradenitisRepair: repair })],
    diagnoses: [D('L73.2', ['L1'])],
    ...extra,
  });

export const hidradenitisCases: CorpusCase[] = [
  ...sites.flatMap(([region, simple, complex]): CorpusCase[] => [
    {
      id: `hidradenitis-${region}-simple`,
      title: `Hidradenitis excision, ${region}, simple or intermediate closure → ${simple}`,
      sources: ['cpt-hidradenitis'],
      visit: hidradenitis(region, 'simple_or_intermediate'),
      expect: { lines: [[simple, [], 1, ['L73.2']]] },
    },
    {
      id: `hidradenitis-${region}-complex`,
      title: `Hidradenitis excision, ${region}, complex closure → ${complex}`,
      sources: ['cpt-hidradenitis'],
      visit: hidradenitis(region, 'complex'),
      expect: { lines: [[complex, [], 1, ['L73.2']]] },
    },
  ]),
  {
    id: 'hidradenitis-repair-included',
    title: 'Hidradenitis excision of the axilla with a layered repair: the repair is in the code',
    sources: ['cpt-hidradenitis'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'axilla')],
      procedures: [
        P('P1', 'hidradenitis_excision', ['L1'], { hidradenitisRepair: 'simple_or_intermediate' }),
        P('P2', 'repair_intermediate', ['L1'], { repairLength: cm(5) }),
      ],
      diagnoses: [D('L73.2', ['L1'])],
    }),
    expect: { lines: [['11450', [], 1, ['L73.2']]], findings: ['REPAIR-INCLUDED'] },
  },
  {
    id: 'hidradenitis-site-without-code',
    title: 'Hidradenitis excision on the back: no code for that site (validation)',
    sources: ['cpt-hidradenitis'],
    visit: hidradenitis('back', 'complex'),
    expect: { validation: ['lesions[0].site.region'] },
  },
  {
    id: 'hidradenitis-without-closure',
    title: 'Hidradenitis excision without its closure type cannot be coded',
    sources: ['cpt-hidradenitis'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'axilla')],
      procedures: [P('P1', 'hidradenitis_excision', ['L1'])],
      diagnoses: [D('L73.2', ['L1'])],
    }),
    expect: { validation: ['procedures[0].hidradenitisRepair'] },
  },
];
