import {
  acknowledgeInterchange,
  parseX12,
  read835,
  write277CA,
  write835,
  write837P,
  write999,
} from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { readFixture } from './helpers';
import { claimBatch, envelope } from './fixtures';

async function expectValid(text: string): Promise<void> {
  const { ok, output } = await validateWithPyx12(text);
  expect(output).toMatch(/: OK\s*$/m);
  expect(output).not.toContain('Failure');
  expect(ok).toBe(true);
}

describe('generated documents pass pyx12', () => {
  it('837P from a claim batch (subscriber-patient and dependent, replacement claim)', async () => {
    await expectValid(write837P(claimBatch, { envelope: { ...envelope, usage: 'P' } }));
  });

  it('835 from remittances read off the fixtures (two payments, denial, reversal, PLB, MOA, LQ)', async () => {
    const advices = ['one-claim-check.835', 'four-claims-one-check.835'].flatMap((f) =>
      read835(readFixture(f)),
    );
    expect(advices).toHaveLength(2);
    await expectValid(write835(advices, { envelope }));
  });

  it('277CA with accepted and rejected claims and a line status', async () => {
    const text = write277CA(
      claimBatch,
      [
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
          lines: [
            {
              procedureCode: '99214',
              modifiers: [],
              chargeCents: 18000,
              categoryCode: 'A7',
              statusCode: '453',
              lineControlNumber: 'V1002-1',
            },
          ],
        },
      ],
      { envelope, source: { kind: 'clearinghouse', name: 'CLEARHOUSE', id: 'CH999' } },
    );
    await expectValid(text);
  });

  it('999 for a received 837P, accepted and rejected', async () => {
    const received = parseX12(write837P(claimBatch, { envelope })).interchanges[0]!;
    await expectValid(write999(acknowledgeInterchange(received), { envelope }));
    const rejected = acknowledgeInterchange(received, {
      '0001': [
        {
          segmentId: 'CLM',
          segmentPosition: 20,
          loopId: '2300',
          errorCode: '8',
          elementErrors: [{ elementPosition: 2, errorCode: '6' }],
        },
      ],
    });
    await expectValid(write999(rejected, { envelope }));
  });

  it('the helper reports failures (a broken 837P is not OK)', async () => {
    const broken = write837P(claimBatch, { envelope }).replace('CLM*V1001*410.5', 'CLM*V1001*ABC');
    const { ok, output } = await validateWithPyx12(broken);
    expect(ok).toBe(false);
    expect(output).toContain('Failure');
  });
});
