import type { ClaimBatch, PriorPayerAdjudication, ProfessionalClaim } from '../../src/claims/types';
import { parseX12, read837P, transactionsOf, write837P } from '../../src/x12';
import { el } from '../../src/x12/segment';
import { validateWithPyx12 } from '../support/pyx12';
import { claimBatch, envelope } from './fixtures';

const primaryClaim = claimBatch.claims[0]!;

/** What the primary (AETNA) decided on V1001's four lines: CO-45 write-downs and the patient's share. */
const primary: PriorPayerAdjudication = {
  payerSequence: 'P',
  payer: { payerId: '60054', name: 'AETNA', payerType: 'commercial' },
  subscriber: { firstName: 'ANA', lastName: 'TESTER', memberId: 'W123456789', groupNumber: 'GRP100' },
  relationship: 'self',
  paidCents: 22000,
  adjudicationDate: '2026-03-10',
  adjustments: [],
  lines: [
    {
      lineNumber: 1,
      procedureCode: '99213',
      modifiers: ['25'],
      units: 1,
      paidCents: 5000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 3500 },
        { group: 'PR', reasonCode: '3', amountCents: 4000 },
      ],
    },
    {
      lineNumber: 2,
      procedureCode: '11102',
      modifiers: [],
      units: 1,
      paidCents: 9000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 3800 },
        { group: 'PR', reasonCode: '2', amountCents: 2250 },
      ],
    },
    {
      lineNumber: 3,
      procedureCode: '17000',
      modifiers: ['59'],
      units: 1,
      paidCents: 5000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 2750 },
        { group: 'PR', reasonCode: '2', amountCents: 1250 },
      ],
    },
    {
      lineNumber: 4,
      procedureCode: '17003',
      modifiers: [],
      units: 3,
      paidCents: 3000,
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 750 },
        { group: 'PR', reasonCode: '1', amountCents: 750 },
      ],
    },
  ],
};

const secondaryClaim: ProfessionalClaim = {
  ...primaryClaim,
  patientControlNumber: 'V1001S',
  payer: { payerId: 'MCARE', name: 'SANDBOX MEDIGAP', payerType: 'commercial' },
  subscriber: { ...primaryClaim.subscriber, memberId: 'SEC777', groupNumber: undefined },
  lines: primaryClaim.lines.map((l, i) => ({ ...l, lineControlNumber: `V1001S-${i + 1}` })),
  payerSequence: 'S',
  priorPayers: [primary],
};

function segmentsOf(text: string) {
  return transactionsOf(parseX12(text)).flatMap(({ transaction }) => transaction.segments);
}

describe('secondary 837P with the primary payer adjudication (COB loops)', () => {
  const batch: ClaimBatch = { ...claimBatch, claims: [secondaryClaim] };
  const text = write837P(batch, { envelope: { ...envelope, usage: 'P' } });
  const segments = segmentsOf(text);

  it('pyx12 accepts it', async () => {
    const { ok, output } = await validateWithPyx12(text);
    expect(output).toMatch(/: OK\s*$/m);
    expect(output).not.toContain('Failure');
    expect(ok).toBe(true);
  });

  it('bills the secondary (SBR01 S) and names the primary in 2320, 2330A and 2330B', () => {
    const sbr = segments.filter((s) => s.id === 'SBR');
    expect(sbr.map((s) => [el(s, 1), el(s, 2)])).toEqual([
      ['S', '18'],
      ['P', '18'],
    ]);
    expect(el(sbr[1]!, 3)).toBe('GRP100');
    expect(el(sbr[1]!, 9)).toBe('CI');
    const amt = segments.find((s) => s.id === 'AMT')!;
    expect([el(amt, 1), el(amt, 2)]).toEqual(['D', '220']);
    expect(segments.some((s) => s.id === 'OI' && el(s, 3) === 'Y' && el(s, 6) === 'Y')).toBe(true);
    const payers = segments.filter((s) => s.id === 'NM1' && el(s, 1) === 'PR').map((s) => el(s, 9));
    expect(payers).toEqual(['MCARE', '60054']);
    const members = segments.filter((s) => s.id === 'NM1' && el(s, 1) === 'IL').map((s) => el(s, 9));
    expect(members).toEqual(['SEC777', 'W123456789']);
  });

  it('gives each line the primary payment, its CAS and the adjudication date (2430)', () => {
    const svd = segments.filter((s) => s.id === 'SVD');
    expect(svd.map((s) => [el(s, 1), el(s, 2), el(s, 3), el(s, 5)])).toEqual([
      ['60054', '50', 'HC:99213:25', '1'],
      ['60054', '90', 'HC:11102', '1'],
      ['60054', '50', 'HC:17000:59', '1'],
      ['60054', '30', 'HC:17003', '3'],
    ]);
    const firstLine = segments.slice(segments.indexOf(svd[0]!), segments.indexOf(svd[1]!));
    expect(firstLine.filter((s) => s.id === 'CAS').map((s) => s.elements.slice(1, 4).join('*'))).toEqual([
      'CO*45*35',
      'PR*3*40',
    ]);
    const dates = segments.filter((s) => s.id === 'DTP' && el(s, 1) === '573');
    expect(dates.map((s) => el(s, 3))).toEqual(['20260310', '20260310', '20260310', '20260310']);
  });

  it('reads back: the payer sequence and the prior payer figures (what the sandbox adjudicates against)', () => {
    const [read] = read837P(text);
    const claim = read!.claims[0]!;
    expect(claim.payerSequence).toBe('S');
    expect(claim.payer.payerId).toBe('MCARE');
    expect(claim.subscriber.memberId).toBe('SEC777');
    expect(claim.priorPayers).toHaveLength(1);
    const prior = claim.priorPayers![0]!;
    expect(prior.payer).toEqual({ payerId: '60054', name: 'AETNA' });
    expect(prior.payerSequence).toBe('P');
    expect(prior.paidCents).toBe(22000);
    expect(prior.subscriber.memberId).toBe('W123456789');
    expect(prior.lines).toEqual(
      primary.lines.map(({ lineNumber, procedureCode, modifiers, units, paidCents, adjustments }) => ({
        lineNumber,
        procedureCode,
        modifiers,
        units,
        paidCents,
        adjustments,
      })),
    );
    expect(prior.adjudicationDate).toBe('2026-03-10');
  });
});
