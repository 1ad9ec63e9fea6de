/**
 * Writes the project's validation fixtures: correct documents from our writers (two-claims.837,
 * two-claims.277, accepted.999) and, under invalid/, each with one defect of a class `x12 validate`
 * must catch. Run `npx tsx test/x12/make-fixtures.ts` after changing the writers or the base files;
 * test/x12/validate.test.ts names the finding each file must give.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { acknowledgeInterchange, parseX12, write277CA, write837P, write999 } from '../../src/x12';
import { claimBatch, envelope } from './fixtures';
import { FIXTURES_DIR, readFixture } from './helpers';

const lines = (t: string) => t.replace(/~\r?\n?/g, '~\n');
const put = (name: string, text: string) => writeFileSync(path.join(FIXTURES_DIR, name), lines(text));
/** Recount SE01 after removing segments. */
function recount(text: string): string {
  const segs = text.split('~').map((s) => s.replace(/^\n/, ''));
  let st = -1;
  return segs
    .map((s, i) => {
      if (s.startsWith('ST*')) st = i;
      if (s.startsWith('SE*')) return s.replace(/^SE\*\d+/, `SE*${i - st + 1}`);
      return s;
    })
    .join('~\n');
}
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${from}`);
  return text.replace(from, to);
}
const c837 = write837P(claimBatch, { envelope: { ...envelope, usage: 'P' } });
const acks = [
  {
    patientControlNumber: 'V1001',
    accepted: true,
    categoryCode: 'A2',
    statusCode: '20',
    payerClaimNumber: 'PCN-9',
    reasons: [],
  },
  {
    patientControlNumber: 'V1002',
    accepted: false,
    categoryCode: 'A7',
    statusCode: '562',
    reasons: ['A7:562 entity identifier invalid'],
  },
];
const c277 = write277CA(claimBatch, acks, {
  envelope,
  source: { kind: 'clearinghouse', name: 'CLEARHOUSE', id: 'CH999' },
});
const c999 = write999(acknowledgeInterchange(parseX12(c837).interchanges[0]!), { envelope });
put('two-claims.837', c837);
put('two-claims.277', c277);
put('accepted.999', c999);
const era = readFixture('one-claim-check.835');
const four = readFixture('four-claims-one-check.835');
put(
  'invalid/cas-past-cas19.835',
  edit(era, 'CAS*CO*45*30~', 'CAS*CO*45*5**45*5**45*5**45*5**45*5**45*5**45*10~'),
);
put(
  'invalid/plb-seven-pairs.835',
  edit(
    four,
    'PLB*1234567893*20261231*L6:V3001*-2.15~',
    'PLB*1234567893*20261231*L6:V3001*-2.15*L6:A1*0*L6:A2*0*L6:A3*0*L6:A4*0*L6:A5*0*L6:A6*3~',
  ),
);
put('invalid/gs01-not-st01.835', edit(era, 'GS*HP*', 'GS*XX*'));
put('invalid/bpr16-impossible-date.835', edit(era, '************20261114~', '************20002316~'));
put('invalid/dtm-implausible-date.835', edit(era, 'DTM*232*20261102~', 'DTM*232*10010101~'));
put('invalid/isa-time-impossible.835', edit(era, '*261115*1030*', '*261115*2561*'));
put('invalid/isa-not-fixed-width.835', edit(era, '*ZZ*CLEARHOUSE     *', '*ZZ*CLEARHOUSE*'));
put('invalid/component-separator-in-simple-element.835', edit(era, 'CLP*V2001*', 'CLP*V2:001*'));
put('invalid/payer-without-per.835', recount(edit(era, 'PER*BL*PROVIDER SERVICES*TE*8005550199~', '')));
put('invalid/claim-without-patient.835', recount(edit(era, 'NM1*QC*1*TESTER*ANA****MI*W123456789~', '')));
const clm05 = c837.match(/CLM\*V1001\*[^~]*/)![0];
put(
  'invalid/clm05-other-component-separator.837',
  edit(c837, clm05, clm05.replace(/\*11:B:1\*/, '*11>B>1*')),
);
const clm02 = c837.match(/CLM\*V1001\*[0-9.]+/)![0];
put('invalid/clm02-not-sum-of-lines.837', edit(c837, clm02, 'CLM*V1001*999.99'));
const sv1 = c837.match(/SV1\*[^~]*/)![0];
put('invalid/sv107-pointer-without-code.837', edit(c837, sv1, sv1.replace(/\*[0-9:]+$/, '*9')));
put('invalid/npi-check-digit.837', edit(c837, '*XX*1234567893~', '*XX*1234567890~'));
put(
  'invalid/dtp-impossible-date.837',
  edit(c837, 'DTP*472*D8*', 'DTP*472*D8*1001').replace(/DTP\*472\*D8\*1001\d{8}/, 'DTP*472*D8*10010101'),
);
put('invalid/hl-unknown-parent.837', edit(c837, 'HL*4*3*23', 'HL*4*7*23'));
put('invalid/hl-wrong-level.837', edit(c837, 'HL*4*3*23', 'HL*4*3*21'));
put('invalid/hl04-child-count.837', edit(c837, 'HL*3*1*22*1', 'HL*3*1*22*0'));
put('invalid/claim-without-stc.277', recount(edit(c277, 'STC*A2:20:PR*20260302*WQ*410.5~', '')));
put('invalid/ak2-without-ik5.999', recount(edit(c999, c999.match(/IK5\*[^~]*~\n?/)![0], '')));

// Loop 2400 repeated 51 times (CLM02 and SE01 kept right): the guide allows 50 lines per claim.
const line = 'LX*1~\nSV1*HC:99213:25*125*UN*1***2~\nDTP*472*D8*20260220~\n';
const base = lines(c837).replace(/CLM\*V1001\*410\.5\*/, 'CLM*V1001*6375*');
const firstLoop = base.indexOf('LX*1~');
const afterLoops = base.indexOf('HL*3*');
put(
  'invalid/fifty-one-lines.837',
  recount(base.slice(0, firstLoop) + line.repeat(51) + base.slice(afterLoops)),
);
