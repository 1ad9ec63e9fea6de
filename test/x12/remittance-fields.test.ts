import { read835 } from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { claimPayment, era } from '../support/remittances';

test('an 835 with the date of service, the member id and PLB pairs with composite references is pyx12-valid and reads back whole', async () => {
  const raw = era(
    'EFT-FIELDS-1',
    [claimPayment('D1A1', 20_000, 15_000, { serviceDate: '2026-11-03', patientMemberId: 'MBR123456' })],
    [
      { reasonCode: 'L6', reference: 'PCN-D1A1', amountCents: -120 },
      { reasonCode: 'FB', reference: 'FB-OCT', amountCents: 2_000 },
      { reasonCode: 'WO', reference: 'D9A1', amountCents: 1_000 },
      { reasonCode: '72', reference: 'RET-1', amountCents: 500 },
      { reasonCode: 'CS', amountCents: 10 },
      { reasonCode: 'J1', reference: 'X', amountCents: 5 },
    ],
  );
  expect(raw).toContain('DTM*232*20261103~');
  expect(raw).toContain('NM1*QC*1******MI*MBR123456~');
  expect(raw).toMatch(
    /PLB\*[^~]*\*L6:PCN-D1A1\*-1.2\*FB:FB-OCT\*20\*WO:D9A1\*10\*72:RET-1\*5\*CS\*0.1\*J1:X\*0.05~/,
  );
  const { ok, output } = await validateWithPyx12(raw);
  if (!ok) throw new Error(output);
  const [advice] = read835(raw);
  expect(advice!.claims[0]).toMatchObject({ serviceDate: '2026-11-03', patientMemberId: 'MBR123456' });
  // Every pair, with PLB03-2 kept.
  expect(advice!.providerAdjustments).toEqual([
    { reasonCode: 'L6', reference: 'PCN-D1A1', amountCents: -120 },
    { reasonCode: 'FB', reference: 'FB-OCT', amountCents: 2_000 },
    { reasonCode: 'WO', reference: 'D9A1', amountCents: 1_000 },
    { reasonCode: '72', reference: 'RET-1', amountCents: 500 },
    { reasonCode: 'CS', amountCents: 10 },
    { reasonCode: 'J1', reference: 'X', amountCents: 5 },
  ]);
});

test('a seventh PLB pair goes in a second PLB segment and is read like the others', () => {
  const pairs = Array.from({ length: 7 }, (_, i) => ({
    reasonCode: 'WO',
    reference: `R${i}`,
    amountCents: i + 1,
  }));
  const [advice] = read835(era('EFT-FIELDS-2', [claimPayment('D1A1', 20_000, 15_000)], pairs));
  expect(advice!.providerAdjustments).toEqual(pairs);
});
