import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseMue, parsePtp } from '../../scripts/import-ncci';
import { buildCodingOptions, codeVisit, type MueEdit, type NcciTables, type PtpPair } from '../../src/coding';
import { cm, visit } from './helpers';

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

describe('scripts/import-ncci on files in the CMS layout (test/fixtures/ncci)', () => {
  const fixtures = join(__dirname, '..', 'fixtures', 'ncci');
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'ncci-import-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    main([
      '--quarter',
      '2025Q4',
      '--ptp',
      join(fixtures, 'ccipra-v314r0-f1.txt'),
      '--mue',
      join(fixtures, 'MCR_MUE_PractitionerServices_Eff_10-01-2025.csv'),
      '--out',
      out,
    ]);
    log.mockRestore();
  });
  const read = (name: string) => JSON.parse(readFileSync(join(out, name), 'utf8'));

  it('reads the tab-delimited PTP file with its multi-line header; drops non-derm and deleted pairs', () => {
    const ptp = read('ncci-ptp.json');
    expect(ptp.quarter).toBe('2025Q4');
    expect(ptp.pairs.map((p: PtpPair) => [p.column1, p.column2, p.modifierIndicator, p.effective])).toEqual([
      ['11400', '12031', 1, '2020-01-01'],
      ['14040', '11641', 1, '1996-01-01'],
      ['17110', '11055', 1, '2015-01-01'],
      ['11102', '11103', 9, '1996-01-01'],
    ]);
  });

  it('reads the comma-separated MUE file with quoted fields', () => {
    const mue = read('ncci-mue.json');
    expect(mue.edits.map((m: MueEdit) => [m.code, m.practitionerMue, m.mai])).toEqual([
      ['11105', 3, 3],
      ['17000', 1, 2],
      ['17003', 13, 2],
      ['11056', 1, 2],
    ]);
  });

  it('the imported tables drive the engine (MUE cap, same-lesion PTP)', () => {
    const ncci: NcciTables = {
      quarter: '2025Q4',
      pairs: read('ncci-ptp.json').pairs,
      mue: read('ncci-mue.json').edits,
    };
    const ids = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
    const punches = codeVisit(
      visit({
        lesions: ids.map((id) => ({ id, site: { region: 'back' as const }, diameter: cm(0.4) })),
        procedures: [{ id: 'P1', kind: 'biopsy_punch', lesionIds: ids }],
        diagnoses: [{ code: 'D48.5', lesionIds: ids }],
      }),
      { ...buildCodingOptions(), ncci },
    );
    expect(punches.lines.map((l) => [l.code, l.units])).toEqual([
      ['11104', 1],
      ['11105', 3],
    ]);
    expect(punches.findings.map((f) => f.ruleId)).toContain('MUE');
    const wart = codeVisit(
      visit({
        schemaVersion: '2',
        lesions: [{ id: 'W1', site: { region: 'foot' } }],
        procedures: [
          { id: 'P1', kind: 'paring', lesionIds: ['W1'] },
          { id: 'P2', kind: 'destruction_benign', lesionIds: ['W1'] },
        ],
        diagnoses: [{ code: 'B07.0', lesionIds: ['W1'] }],
      }),
      { ...buildCodingOptions(), ncci },
    );
    expect(wart.lines.map((l) => l.code)).toEqual(['17110']);
  });
});
