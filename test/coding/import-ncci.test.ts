import { parseMue, parsePtp } from '../../scripts/import-ncci';

const PTP = [
  'CPT codes, descriptions and other data only are copyright American Medical Association.',
  '',
  'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
  '17000\t11102\t\t20190101\t*\t1\tMisuse of column two code with column one code',
  '17111\t17110\t\t20020101\t*\t0\tMutually exclusive procedures',
  '27447\t20610\t\t20190101\t*\t1\tStandards of medical / surgical practice',
  '17004\t17000\t\t20050101\t20100101\t0\tDeleted',
].join('\n');

const MUE = [
  'CPT codes, descriptions and other data only are copyright American Medical Association.',
  'HCPCS/CPT Code\tPractitioner Services MUE Values\tMUE Adjudication Indicator\tMUE Rationale',
  '17000\t1\t2 Date of Service Edit: Policy\tCMS Policy',
  '17003\t13\t2 Date of Service Edit: Policy\tCMS Policy',
  '11105\t3\t3 Date of Service Edit: Clinical\tClinical: Data',
  '99999\t1\t1 Line Edit\tNot derm',
].join('\n');

describe('scripts/import-ncci', () => {
  it('parses the CMS PTP layout, keeps dermatology codes, converts dates', () => {
    const rows = parsePtp(PTP, 'ccipra-test.txt');
    expect(rows).toEqual([
      {
        column1: '17000',
        column2: '11102',
        modifierIndicator: 1,
        effective: '2019-01-01',
        deleted: null,
        source: 'CMS NCCI practitioner PTP file ccipra-test.txt',
      },
      {
        column1: '17111',
        column2: '17110',
        modifierIndicator: 0,
        effective: '2002-01-01',
        deleted: null,
        source: 'CMS NCCI practitioner PTP file ccipra-test.txt',
      },
      {
        column1: '17004',
        column2: '17000',
        modifierIndicator: 0,
        effective: '2005-01-01',
        deleted: '2010-01-01',
        source: 'CMS NCCI practitioner PTP file ccipra-test.txt',
      },
    ]);
  });

  it('parses the CMS MUE layout', () => {
    expect(parseMue(MUE, 'mue-test.txt').map((m) => [m.code, m.practitionerMue, m.mai])).toEqual([
      ['17000', 1, 2],
      ['17003', 13, 2],
      ['11105', 3, 3],
    ]);
  });

  it('rejects a file without the expected header', () => {
    expect(() => parsePtp('nothing here', 'x.txt')).toThrow(/header/);
  });
});
