import { Readable } from 'node:stream';
import {
  X12Error,
  parseX12,
  read835,
  read835WithProblems,
  streamRemittances,
  tokenize,
  validateX12,
  write837P,
} from '../../src/x12';
import { claimBatch, envelope } from './fixtures';
import { readFixture } from './helpers';

const era = readFixture('one-claim-check.835');

function errorOf(run: () => unknown): X12Error {
  try {
    run();
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('expected an X12Error');
}

describe('bad input gives precise errors', () => {
  it('wrong delimiters: ISA with too few elements', () => {
    const error = errorOf(() => parseX12(era.replace(/^ISA\*00\*/, 'ISA|00*')));
    expect(error.code).toBe('DELIMITERS');
    expect(error.message).toContain('segment #1 ISA');
  });

  it('wrong delimiters: a segment terminator that does not match the file', () => {
    const error = errorOf(() => parseX12(era.replace('*T*:~', '*T*:!')));
    expect(error).toMatchObject({ code: 'TRUNCATED', segmentPosition: 2, segmentId: 'GS', expected: '"!"' });
    const garbage = errorOf(() => parseX12(era.replace('~GS*', '~gs*')));
    expect(garbage.code).toBe('DELIMITERS');
    expect(garbage.message).toMatch(/^segment #2: invalid segment id/);
  });

  it('SE count mismatch names SE01 with expected and found', () => {
    const error = errorOf(() => parseX12(era.replace('SE*31*0001', 'SE*30*0001')));
    expect(error).toMatchObject({
      code: 'SEGMENT_COUNT',
      segmentId: 'SE',
      elementPosition: 1,
      expected: '31',
      found: '30',
      segmentPosition: 33,
    });
    expect(error.message).toBe(
      'segment #33 SE element SE01: number of segments in the transaction set (ST to SE) is wrong (expected 31, found 30)',
    );
  });

  it('control number mismatches: SE02, GE02, IEA02, GE01 and IEA01 counts', () => {
    expect(errorOf(() => parseX12(era.replace('SE*31*0001', 'SE*31*0002'))).message).toMatch(
      /SE element SE02: transaction set control number does not match ST02 \(expected 0001, found 0002\)/,
    );
    expect(errorOf(() => parseX12(era.replace('GE*1*4711', 'GE*1*4712'))).message).toMatch(
      /GE element GE02: group control number does not match GS06 \(expected 4711, found 4712\)/,
    );
    expect(errorOf(() => parseX12(era.replace('IEA*1*000004711', 'IEA*1*000004712'))).message).toMatch(
      /IEA element IEA02: .*expected 000004711, found 000004712/,
    );
    expect(errorOf(() => parseX12(era.replace('GE*1*4711', 'GE*2*4711')))).toMatchObject({
      code: 'SEGMENT_COUNT',
      segmentId: 'GE',
      elementPosition: 1,
    });
    expect(errorOf(() => parseX12(era.replace('IEA*1*', 'IEA*3*')))).toMatchObject({
      code: 'SEGMENT_COUNT',
      segmentId: 'IEA',
      elementPosition: 1,
      expected: '1',
      found: '3',
    });
  });

  it('missing segments: no SE before GE, no BPR in an 835, no GE', () => {
    expect(errorOf(() => parseX12(era.replace('SE*31*0001~', '')))).toMatchObject({
      code: 'MISSING_SEGMENT',
      segmentId: 'GE',
      expected: 'SE',
    });
    expect(
      errorOf(() =>
        read835(era.replace('BPR*I*157.5*C*CHK************20261114~', '').replace('SE*31', 'SE*30')),
      ),
    ).toMatchObject({ code: 'MISSING_SEGMENT', segmentId: 'TRN', expected: 'BPR' });
    expect(errorOf(() => parseX12(era.replace('GE*1*4711~', '')))).toMatchObject({
      code: 'MISSING_SEGMENT',
      segmentId: 'IEA',
      expected: 'GE',
    });
  });

  it('non-numeric amounts name the element', () => {
    const error = errorOf(() => read835(era.replace('CLP*V2001*1*275*157.5', 'CLP*V2001*1*27X5*157.5')));
    expect(error).toMatchObject({
      code: 'INVALID_ELEMENT',
      segmentId: 'CLP',
      elementPosition: 3,
      found: '"27X5"',
    });
    expect(error.message).toMatch(/^segment #\d+ CLP element CLP03: not a monetary amount/);
    expect(errorOf(() => read835(era.replace('CAS*CO*45*30', 'CAS*CO*45*3.0.0'))).message).toMatch(
      /CAS element CAS03/,
    );
    expect(errorOf(() => read835(era.replace('CAS*CO*45*30', 'CAS*XX*45*30'))).message).toMatch(
      /CAS element CAS01: unknown claim adjustment group code/,
    );
  });

  it('truncated files', () => {
    const cut = era.slice(0, era.indexOf('SVC*HC:11102') + 8);
    const error = errorOf(() => parseX12(cut));
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toMatch(/segment #\d+ SVC: file ends inside a segment/);
    const atBoundary = era.slice(0, era.indexOf('GE*1*4711'));
    expect(errorOf(() => parseX12(atBoundary))).toMatchObject({
      code: 'TRUNCATED',
      segmentId: 'GE',
      expected: 'GE',
    });
    expect(errorOf(() => parseX12(era.slice(0, 50)))).toMatchObject({ code: 'DELIMITERS', segmentId: 'ISA' });
  });

  it('an 835 that does not balance: claim, line and payment problems with positions', () => {
    const text = era.replace('CAS*CO*45*30', 'CAS*CO*45*29').replace('BPR*I*157.5*', 'BPR*I*158.5*');
    const { problems } = read835WithProblems(text);
    expect(problems.map((p) => [p.level, p.segmentId, p.expectedCents, p.foundCents])).toEqual([
      ['line', 'SVC', 5250, 5150],
      ['claim', 'CLP', 11750, 11650],
      ['payment', 'BPR', 15750, 15850],
    ]);
    expect(problems[0]!.message).toBe(
      'claim 1 line 1 (segment #21): SVC02 charge − SVC03 paid = 52.5 but the line CAS adjustments sum to 51.5',
    );
    const error = errorOf(() => read835(text));
    expect(error).toMatchObject({ code: 'UNBALANCED', segmentId: 'SVC', segmentPosition: 21 });
    const report = validateX12(text);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(3);
  });

  it('validate collects several envelope errors at once', () => {
    const report = validateX12(era.replace('SE*31*0001', 'SE*30*0000').replace('GE*1*4711', 'GE*1*4710'));
    expect(report.errors.map((e) => `${e.segmentId}${String(e.elementPosition).padStart(2, '0')}`)).toEqual([
      'SE01',
      'SE02',
      'GE02',
    ]);
  });

  it('writers refuse data that would corrupt the document, without echoing it', () => {
    const batch = {
      ...claimBatch,
      claims: [
        {
          ...claimBatch.claims[0]!,
          subscriber: { ...claimBatch.claims[0]!.subscriber, lastName: 'O*BRIEN' },
        },
      ],
    };
    const error = errorOf(() => write837P(batch, { envelope }));
    expect(error.message).toBe(
      'NM1 element NM103: value for NM103 contains a delimiter character (found "*")',
    );
    expect(error.message).not.toContain('BRIEN');
    const unbalanced = { ...claimBatch, claims: [{ ...claimBatch.claims[0]!, totalChargeCents: 1 }] };
    expect(errorOf(() => write837P(unbalanced, { envelope })).message).toMatch(
      /claim\[0\]: totalChargeCents 1 is not the sum of line charges 41050/,
    );
    const noF8 = {
      ...claimBatch,
      claims: [{ ...claimBatch.claims[1]!, originalPayerClaimNumber: undefined }],
    };
    expect(errorOf(() => write837P(noF8, { envelope })).message).toMatch(
      /frequency 7 needs originalPayerClaimNumber \(REF\*F8\)/,
    );
  });

  it('streaming reports envelope errors too', async () => {
    const bad = era.replace('SE*31*0001', 'SE*32*0001');
    await expect(async () => {
      for await (const _ of streamRemittances(Readable.from([bad]))) void _;
    }).rejects.toThrow('segment #33 SE element SE01');
  });
});

describe('tokenizer tolerance', () => {
  it('accepts CRLF after terminators, other delimiters and newline terminators', () => {
    const crlf = era.replace(/~/g, '~\r\n');
    expect(read835(crlf)).toEqual(read835(era));
    const other = era.replace(/\*/g, '|').replace(/:/g, '>').replace(/~/g, '\n').replace('|^|', '|^|');
    expect(read835(other)).toEqual(read835(era));
    expect(tokenize(era)[0]!.delimiters).toEqual({
      element: '*',
      component: ':',
      repetition: '^',
      segment: '~',
    });
  });
});
