import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runX12Validate } from '../../src/cli/x12-command';
import { read835, streamRemittances, validateX12, X12Error } from '../../src/x12';
import { FIXTURES_DIR, readFixture } from './helpers';

/** [fixture under invalid/, severity, the message the finding must carry]. */
const DEFECTS: Array<[string, 'error' | 'warning', RegExp]> = [
  ['cas-past-cas19.835', 'error', /CAS element CAS20: element past the last defined element of CAS/],
  ['plb-seven-pairs.835', 'error', /PLB element PLB15: element past the last defined element of PLB/],
  [
    'gs01-not-st01.835',
    'error',
    /GS01: GS01 functional identifier does not match .* \(expected HP for ST01 835, found "XX"\)/,
  ],
  ['bpr16-impossible-date.835', 'error', /BPR16: not a calendar date .*found "20002316"/],
  ['dtm-implausible-date.835', 'error', /DTM02: date outside the plausible range/],
  ['isa-time-impossible.835', 'error', /ISA10: not a real time of day/],
  ['isa-not-fixed-width.835', 'error', /ISA06: ISA is fixed-width/],
  ['component-separator-in-simple-element.835', 'error', /CLP01: component separator in a simple element/],
  ['claim-without-patient.835', 'error', /CLP: NM1\*QC \(patient name, loop 2100\) is required/],
  ['payer-without-per.835', 'warning', /N1: PER\*BL \(payer technical contact, loop 1000A\) is required/],
  ['clm05-other-component-separator.837', 'error', /CLM05: composite element holds another separator/],
  [
    'clm02-not-sum-of-lines.837',
    'error',
    /CLM02: CLM02 is not the sum of the service lines \(SV102\) \(expected 410.5, found 999.99\)/,
  ],
  ['sv107-pointer-without-code.837', 'error', /SV107-1: diagnosis pointer names no HI code of the claim/],
  ['npi-check-digit.837', 'error', /NM109: not a valid NPI \(check digit\)/],
  ['dtp-impossible-date.837', 'error', /DTP03: date outside the plausible range .*found "10010101"/],
  ['hl-unknown-parent.837', 'error', /HL02: HL02 names no earlier HL/],
  [
    'hl-wrong-level.837',
    'error',
    /HL03: HL03 level code not used in this transaction \(expected 20\/22\/23, found 21\)/,
  ],
  [
    'hl04-child-count.837',
    'warning',
    /HL04: HL04 child code does not match the levels under it \(expected 1/,
  ],
  ['claim-without-stc.277', 'error', /HL: STC is required in the claim loop \(2200D\)/],
  ['ak2-without-ik5.999', 'error', /AK2: IK5 is required for every AK2/],
  [
    'fifty-one-lines.837',
    'error',
    /CLM: more service lines \(loop 2400\) than the guide allows \(expected at most 50, found 51\)/,
  ],
];

const invalid = (name: string) => readFileSync(path.join(FIXTURES_DIR, 'invalid', name), 'utf8');

describe('x12 validate: every class of defect, both directions', () => {
  it.each([
    'one-claim-check.835',
    'four-claims-one-check.835',
    'two-claims.837',
    'two-claims.277',
    'accepted.999',
    'claim-status.277',
    'active-benefits.271',
    'subscriber-not-found.271',
  ])('a correct %s is accepted without findings', (name) => {
    const report = validateX12(readFixture(name));
    expect(report.errors.map((e) => e.message)).toEqual([]);
    expect(report.warnings.map((e) => e.message)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(DEFECTS)('%s gives a %s', (name, severity, message) => {
    const report = validateX12(invalid(name));
    const listed = (severity === 'error' ? report.errors : report.warnings).map((e) => e.message);
    expect(listed.some((m) => message.test(m))).toBe(true);
    // Warnings never refuse a document; an error always does.
    expect(report.ok).toBe(severity === 'warning' && report.errors.length === 0);
  });

  it('money first: a CAS past CAS19 or a PLB past six pairs is refused by every 835 reader', async () => {
    for (const name of ['cas-past-cas19.835', 'plb-seven-pairs.835']) {
      const text = invalid(name);
      expect(() => read835(text)).toThrow(/element past the last defined element/);
      const stream = async () => {
        for await (const event of streamRemittances(Readable.from([Buffer.from(text)]))) void event;
      };
      await expect(stream()).rejects.toThrow(X12Error);
    }
  });

  it('repeating structures: composites past their components, repetitions where none are allowed', () => {
    const era = readFixture('one-claim-check.835');
    const messages = (text: string) => validateX12(text).errors.map((e) => e.message);
    expect(messages(era.replace('SVC*HC:99213:25*', 'SVC*HC:99213:25:26:27:28:29:X:Y*'))).toEqual([
      expect.stringMatching(/SVC01-9: component past the last defined component/),
    ]);
    expect(messages(era.replace('CLP*V2001*', 'CLP*V2001^V2002*'))).toEqual([
      expect.stringMatching(/CLP01: repetition separator in an element that does not repeat/),
    ]);
    const claims = readFixture('two-claims.837');
    const hi = 'HI' + '*ABF:L570'.repeat(13);
    expect(messages(claims.replace('HI*ABK:D485*ABF:L570', hi))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/HI element HI13: element past the last defined element/),
      ]),
    );
  });

  it('an 835 without the payer PER still reads and posts', () => {
    const [advice] = read835(invalid('payer-without-per.835'));
    expect(advice?.paymentCents).toBe(15750);
  });

  it('messages are bounded: a 3 MB element is never echoed', () => {
    const huge = 'X'.repeat(3 * 1024 * 1024);
    const report = validateX12(
      readFixture('one-claim-check.835').replace('CLP*V2001*', `CLP*V2001:${huge}*`),
    );
    expect(report.ok).toBe(false);
    for (const error of report.errors) expect(error.message.length).toBeLessThan(400);
    const garbage = validateX12(readFixture('one-claim-check.835').replace('~GS*', `~${huge}*`));
    for (const error of garbage.errors) expect(error.message.length).toBeLessThan(400);
  });

  it('the CLI prints every finding with its severity and exits 1 on errors, 0 on warnings only', async () => {
    const lines: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((text: string) => void lines.push(text));
    jest.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
    try {
      const file = (name: string) => path.join(FIXTURES_DIR, 'invalid', name);
      expect(await runX12Validate(file('payer-without-per.835'))).toBe(0);
      expect(lines.join('\n')).toMatch(/warning: .*PER\*BL/);
      expect(await runX12Validate(file('hl-unknown-parent.837'))).toBe(1);
      expect(lines.join('\n')).toMatch(/error: .*HL02 names no earlier HL/);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
