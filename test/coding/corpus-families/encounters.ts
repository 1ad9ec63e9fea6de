/**
 * Encounters of the day and global periods: an NCCI pair across encounters takes XE, across
 * practitioners XP (59 for a payer that takes no X modifiers); a repeated procedure takes 76 (same
 * practitioner) or 77 (another); inside a prior surgery's global period an unrelated E/M takes 24
 * (a related one is postoperative care), and procedures take 58, 78 or 79 by their relation.
 */
import { D, EST, L, P, V2, type CorpusCase } from '../corpus-kit';

// Another dermatologist of the practice (a valid NPI: the check digit is refused otherwise).
const OTHER_NPI = '1912345679';

/** AK destruction (17000) and a biopsy (11102, column 2 to 17000) of another lesion. */
const akAndBiopsy = (biopsyExtra: Record<string, unknown>, payerId?: string): CorpusCase['visit'] =>
  V2({
    ...(payerId ? { payerId } : {}),
    encounter: EST(),
    lesions: [L('L1', 'back', 0.6)],
    procedures: [
      P('P1', 'destruction_premalignant', [], { lesionCount: 1 }),
      P('P2', 'biopsy_tangential', ['L1'], biopsyExtra),
    ],
    diagnoses: [D('L57.0', [], ['P1']), D('D48.5', ['L1'])],
  });

const priorSurgery = (dateOfService: string, code: string, emUnrelated = false) => ({
  priorSurgery: { dateOfService, code, emUnrelated },
});

export const encounterCases: CorpusCase[] = [
  {
    id: 'encounter-ncci-pair-separate-encounter',
    title: 'A biopsy in a second encounter of the day, column 2 to the morning AK destruction → 11102-XE',
    sources: ['hmsa-x', 'fcso-236'],
    visit: akAndBiopsy({ encounterNumber: 2 }),
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['11102', ['XE'], 1, ['D48.5']],
      ],
      findings: ['NCCI-PTP-MODIFIER'],
    },
  },
  {
    id: 'encounter-ncci-pair-other-practitioner',
    title: 'A biopsy by another practitioner of the group, column 2 to the AK destruction → 11102-XP',
    sources: ['hmsa-x', 'fcso-236'],
    visit: akAndBiopsy({ performedByNpi: OTHER_NPI }),
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['11102', ['XP'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'encounter-ncci-pair-separate-encounter-59-payer',
    title: 'The same pair for a payer that takes only 59 → 11102-59',
    sources: ['hmsa-x', 'fcso-236'],
    visit: akAndBiopsy({ encounterNumber: 2 }, 'SBX59'),
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['11102', ['59'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'encounter-ncci-pair-same-encounter',
    title: 'The same pair in one encounter by the rendering provider → XS (separate lesion)',
    sources: ['hmsa-x', 'fcso-236'],
    visit: akAndBiopsy({}),
    expect: {
      lines: [
        ['17000', [], 1, ['L57.0']],
        ['11102', ['XS'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'encounter-repeat-same-practitioner',
    title: 'An I&D repeated in the afternoon by the same physician → 10060 + 10060-76',
    sources: ['aad-2020', 'fcso-236'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'thigh')],
      procedures: [
        P('P1', 'incision_drainage_simple', ['L1']),
        P('P2', 'incision_drainage_simple', ['L1'], { repeatOf: 'P1', encounterNumber: 2 }),
      ],
      diagnoses: [D('L02.416', ['L1'])],
    }),
    expect: {
      lines: [
        ['10060', [], 1, ['L02.416']],
        ['10060', ['76'], 1, ['L02.416']],
      ],
      findings: ['REPEAT-PROCEDURE'],
    },
  },
  {
    id: 'encounter-repeat-other-practitioner',
    title: 'The I&D repeated by another physician → 10060 + 10060-77',
    sources: ['aad-2020', 'fcso-236'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'thigh')],
      procedures: [
        P('P1', 'incision_drainage_simple', ['L1']),
        P('P2', 'incision_drainage_simple', ['L1'], { repeatOf: 'P1', performedByNpi: OTHER_NPI }),
      ],
      diagnoses: [D('L02.416', ['L1'])],
    }),
    expect: {
      lines: [
        ['10060', [], 1, ['L02.416']],
        ['10060', ['77'], 1, ['L02.416']],
      ],
    },
  },
  {
    id: 'encounter-same-code-later-encounter',
    title: 'An I&D of another abscess in a second encounter (not a repeat) → 10060 + 10060-XE',
    sources: ['hmsa-x'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'thigh'), L('L2', 'arm')],
      procedures: [
        P('P1', 'incision_drainage_simple', ['L1']),
        P('P2', 'incision_drainage_simple', ['L2'], { encounterNumber: 2 }),
      ],
      diagnoses: [D('L02.416', ['L1']), D('L02.414', ['L2'])],
    }),
    expect: {
      lines: [
        ['10060', [], 1, ['L02.416']],
        ['10060', ['XE'], 1, ['L02.414']],
      ],
      findings: ['ENCOUNTER-SEPARATE'],
    },
  },
  {
    id: 'encounter-biopsies-per-session',
    title:
      'Two shave biopsies in the morning (11102 + 11103) and one in a second encounter (11102-XE): one primary per encounter',
    sources: ['aad-bx3', 'hmsa-x'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'back', 0.4), L('L2', 'arm', 0.3), L('L3', 'leg', 0.5)],
      procedures: [
        P('P1', 'biopsy_tangential', ['L1', 'L2']),
        P('P2', 'biopsy_tangential', ['L3'], { encounterNumber: 2 }),
      ],
      diagnoses: [D('D48.5', ['L1', 'L2', 'L3'])],
    }),
    expect: {
      lines: [
        ['11102', [], 1, ['D48.5']],
        ['11103', [], 1, ['D48.5']],
        ['11102', ['XE'], 1, ['D48.5']],
      ],
      findings: ['ENCOUNTER-SEPARATE'],
    },
  },
  {
    id: 'global-em-unrelated-24',
    title: 'E/M for a new rash 5 days after a 10-day-global excision, unrelated → 99213-24',
    sources: ['fcso-236', 'cms-global'],
    visit: V2({
      encounter: { ...EST(3), ...priorSurgery('2025-05-28', '11602', true) },
      diagnoses: [D('L30.9')],
    }),
    expect: { lines: [['99213', ['24'], 1, ['L30.9']]], findings: ['GLOBAL-PERIOD', 'EM-24'] },
  },
  {
    id: 'global-em-postoperative',
    title: 'A wound check 5 days after the excision is postoperative care: not billed',
    sources: ['cms-global'],
    visit: V2({
      encounter: { ...EST(2), ...priorSurgery('2025-05-28', '11602') },
      diagnoses: [D('C44.519')],
    }),
    expect: { lines: [], findings: ['EM-IN-POSTOP-GLOBAL'] },
  },
  {
    id: 'global-em-after-zero-day-global',
    title: 'An E/M 5 days after a biopsy (0-day global) is outside any global period: billed as is',
    sources: ['cms-global', 'payerready'],
    visit: V2({
      encounter: { ...EST(3), ...priorSurgery('2025-05-28', '11102') },
      diagnoses: [D('L30.9')],
    }),
    expect: { lines: [['99213', [], 1, ['L30.9']]], findings: ['GLOBAL-PERIOD-OVER'] },
  },
  {
    id: 'global-staged-58',
    title: 'A planned second-stage graft 30 days after a 90-day-global flap → 15260-58',
    sources: ['fcso-236', 'cms-global'],
    visit: V2({
      encounter: { ...EST(), ...priorSurgery('2025-05-03', '14060') },
      lesions: [L('L1', 'nose', 1.0)],
      procedures: [
        P('P1', 'skin_graft', ['L1'], {
          graft: { thickness: 'full', areaSqCm: 4 },
          priorSurgeryRelation: 'staged',
        }),
      ],
      diagnoses: [D('C44.311', ['L1'])],
    }),
    expect: { lines: [['15260', ['58'], 1, ['C44.311']]] },
  },
  {
    id: 'global-return-to-or-78',
    title: 'Return for a complication the same global period → 78 on the repair',
    sources: ['fcso-236', 'cms-global'],
    visit: V2({
      encounter: { ...EST(), ...priorSurgery('2025-05-26', '11604') },
      lesions: [L('L1', 'back')],
      procedures: [
        P('P1', 'repair_intermediate', ['L1'], {
          repairLength: { value: 4, unit: 'cm' },
          priorSurgeryRelation: 'return_to_or',
        }),
      ],
      diagnoses: [D('C44.519', ['L1'])],
    }),
    expect: { lines: [['12032', ['78'], 1, ['C44.519']]] },
  },
  {
    id: 'global-unrelated-79',
    title:
      'An unrelated biopsy inside the global period of an excision, with an unrelated E/M → 99213-25-24, 11104-79',
    sources: ['fcso-236', 'cms-global', 'ellzey-25'],
    visit: V2({
      encounter: { ...EST(3, true), ...priorSurgery('2025-05-30', '11403', true) },
      lesions: [L('L1', 'arm', 0.5)],
      procedures: [P('P1', 'biopsy_punch', ['L1'], { priorSurgeryRelation: 'unrelated' })],
      diagnoses: [D('D48.5', ['L1']), D('L30.9')],
    }),
    expect: {
      lines: [
        ['99213', ['25', '24'], 1, ['L30.9']],
        ['11104', ['79'], 1, ['D48.5']],
      ],
    },
  },
  {
    id: 'global-relation-missing',
    title:
      'A procedure inside a 90-day global without its relation documented is flagged (no modifier guessed)',
    sources: ['cms-global'],
    visit: V2({
      encounter: { ...EST(), ...priorSurgery('2025-04-15', '14040') },
      lesions: [L('L1', 'arm', 0.5)],
      procedures: [P('P1', 'biopsy_punch', ['L1'])],
      diagnoses: [D('D48.5', ['L1'])],
    }),
    expect: { lines: [['11104', [], 1, ['D48.5']]], findings: ['GLOBAL-RELATION-MISSING'] },
  },
  {
    id: 'global-over-after-90-days',
    title: 'Day 91 after a flap is outside its 90-day global: no 79 needed',
    sources: ['cms-global'],
    visit: V2({
      encounter: { ...EST(), ...priorSurgery('2025-03-03', '14040') },
      lesions: [L('L1', 'arm', 0.5)],
      procedures: [P('P1', 'biopsy_punch', ['L1'], { priorSurgeryRelation: 'unrelated' })],
      diagnoses: [D('D48.5', ['L1'])],
    }),
    expect: { lines: [['11104', [], 1, ['D48.5']]], findings: ['GLOBAL-PERIOD-OVER'] },
  },
  {
    id: 'global-unknown-code',
    title: 'A prior surgery code outside the shipped global table is flagged',
    sources: ['pfs-rvu'],
    visit: V2({
      encounter: { ...EST(3), ...priorSurgery('2025-05-28', '27447') },
      diagnoses: [D('L30.9')],
    }),
    expect: { lines: [['99213', [], 1, ['L30.9']]], findings: ['GLOBAL-DAYS-UNKNOWN'] },
  },
  {
    id: 'global-prior-surgery-in-future',
    title: 'A prior surgery dated after the visit is refused',
    sources: ['cms-global'],
    visit: V2({
      encounter: { ...EST(3), ...priorSurgery('2025-06-10', '11602') },
      diagnoses: [D('L30.9')],
    }),
    expect: { validation: ['encounter.priorSurgery.dateOfService'] },
  },
  {
    id: 'encounter-repeat-of-unknown',
    title: 'repeatOf must name another procedure of the document',
    sources: ['aad-2020'],
    visit: V2({
      encounter: EST(),
      lesions: [L('L1', 'thigh')],
      procedures: [P('P1', 'incision_drainage_simple', ['L1'], { repeatOf: 'P9' })],
      diagnoses: [D('L02.416', ['L1'])],
    }),
    expect: { validation: ['procedures[0].repeatOf'] },
  },
  {
    id: 'encounter-fields-need-v2',
    title: 'encounterNumber in a version-1 document is refused by the schema',
    sources: ['hmsa-x'],
    visit: {
      encounter: EST(),
      lesions: [L('L1', 'thigh')],
      procedures: [P('P1', 'incision_drainage_simple', ['L1'], { encounterNumber: 2 })],
      diagnoses: [D('L02.416', ['L1'])],
    },
    expect: { schema: ['procedures.0.encounterNumber'] },
  },
];
