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
import { readSample } from './helpers';

const era = readSample('835/era-sample.835');

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
    const error = errorOf(() => parseX12(era.replace('*P*:~', '*P*:!')));
    expect(error).toMatchObject({ code: 'TRUNCATED', segmentPosition: 2, segmentId: 'GS', expected: '"!"' });
    const garbage = errorOf(() => parseX12(era.replace('~GS*', '~gs*')));
    expect(garbage.code).toBe('DELIMITERS');
    expect(garbage.message).toMatch(/^segment #2: invalid segment id/);
  });

  it('SE count mismatch names SE01 with expected and found', () => {
    const error = errorOf(() => parseX12(era.replace('SE*35*35681', 'SE*34*35681')));
    expect(error).toMatchObject({
      code: 'SEGMENT_COUNT',
      segmentId: 'SE',
      elementPosition: 1,
      expected: '35',
      found: '34',
      segmentPosition: 37,
    });
    expect(error.message).toBe(
      'segment #37 SE element SE01: number of segments in the transaction set (ST to SE) is wrong (expected 35, found 34)',
    );
  });

  it('control number mismatches: SE02, GE02, IEA02, GE01 and IEA01 counts', () => {
    expect(errorOf(() => parseX12(era.replace('SE*35*35681', 'SE*35*35682'))).message).toMatch(
      /SE element SE02: transaction set control number does not match ST02 \(expected 35681, found 35682\)/,
    );
    expect(errorOf(() => parseX12(era.replace('GE*1*278', 'GE*1*279'))).message).toMatch(
      /GE element GE02: group control number does not match GS06 \(expected 278, found 279\)/,
    );
    expect(errorOf(() => parseX12(era.replace('IEA*1*000000195', 'IEA*1*000000196'))).message).toMatch(
      /IEA element IEA02: .*expected 000000195, found 000000196/,
    );
    expect(errorOf(() => parseX12(era.replace('GE*1*278', 'GE*2*278')))).toMatchObject({
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
    expect(errorOf(() => parseX12(era.replace('SE*35*35681~', '')))).toMatchObject({
      code: 'MISSING_SEGMENT',
      segmentId: 'GE',
      expected: 'SE',
    });
    expect(
      errorOf(() =>
        read835(era.replace('BPR*I*132*C*CHK************20140331~', '').replace('SE*35', 'SE*34')),
      ),
    ).toMatchObject({ code: 'MISSING_SEGMENT', segmentId: 'TRN', expected: 'BPR' });
    expect(errorOf(() => parseX12(era.replace('GE*1*278~', '')))).toMatchObject({
      code: 'MISSING_SEGMENT',
      segmentId: 'IEA',
      expected: 'GE',
    });
  });

  it('non-numeric amounts name the element', () => {
    const error = errorOf(() => read835(era.replace('CLP*7722337*1*226*132', 'CLP*7722337*1*22X6*132')));
    expect(error).toMatchObject({
      code: 'INVALID_ELEMENT',
      segmentId: 'CLP',
      elementPosition: 3,
      found: '"22X6"',
    });
    expect(error.message).toMatch(/^segment #\d+ CLP element CLP03: not a monetary amount/);
    expect(errorOf(() => read835(era.replace('CAS*CO*131*21', 'CAS*CO*131*2.1.0'))).message).toMatch(
      /CAS element CAS03/,
    );
    expect(errorOf(() => read835(era.replace('CAS*CO*131*21', 'CAS*XX*131*21'))).message).toMatch(
      /CAS element CAS01: unknown claim adjustment group code/,
    );
  });

  it('truncated files', () => {
    const cut = era.slice(0, era.indexOf('SVC*AD:D0230') + 8);
    const error = errorOf(() => parseX12(cut));
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toMatch(/segment #\d+ SVC: file ends inside a segment/);
    const atBoundary = era.slice(0, era.indexOf('GE*1*278'));
    expect(errorOf(() => parseX12(atBoundary))).toMatchObject({
      code: 'TRUNCATED',
      segmentId: 'GE',
      expected: 'GE',
    });
    expect(errorOf(() => parseX12(era.slice(0, 50)))).toMatchObject({ code: 'DELIMITERS', segmentId: 'ISA' });
  });

  it('an 835 that does not balance: claim, line and payment problems with positions', () => {
    const text = era.replace('CAS*CO*131*21', 'CAS*CO*131*20').replace('BPR*I*132*', 'BPR*I*133*');
    const { problems } = read835WithProblems(text);
    expect(problems.map((p) => [p.level, p.segmentId, p.expectedCents, p.foundCents])).toEqual([
      ['line', 'SVC', 2100, 2000],
      ['claim', 'CLP', 9400, 9300],
      ['payment', 'BPR', 13200, 13300],
    ]);
    expect(problems[0]!.message).toBe(
      'claim 1 line 1 (segment #17): SVC02 charge − SVC03 paid = 21 but the line CAS adjustments sum to 20',
    );
    const error = errorOf(() => read835(text));
    expect(error).toMatchObject({ code: 'UNBALANCED', segmentId: 'SVC', segmentPosition: 17 });
    const report = validateX12(text);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(3);
  });

  it('validate collects several envelope errors at once', () => {
    const report = validateX12(era.replace('SE*35*35681', 'SE*34*35680').replace('GE*1*278', 'GE*1*270'));
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
    const bad = era.replace('SE*35*35681', 'SE*36*35681');
    await expect(async () => {
      for await (const _ of streamRemittances(Readable.from([bad]))) void _;
    }).rejects.toThrow('segment #37 SE element SE01');
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
