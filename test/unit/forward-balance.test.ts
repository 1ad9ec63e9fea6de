import { carryForward } from '../../src/clearinghouse/sandbox/forward-balance';

test('a negative run is carried forward as a negative PLB FB: BPR02 is 0, never a debit', () => {
  const run = carryForward(-9_000, [], 'SBXEFT00000007');
  expect(run.adjustments).toEqual([{ reasonCode: 'FB', reference: 'FBSBXEFT00000007', amountCents: -9_000 }]);
  expect(run.owed).toEqual([{ reference: 'FBSBXEFT00000007', amountCents: 9_000 }]);
  expect(-9_000 - run.adjustments.reduce((s, a) => s + a.amountCents, 0)).toBe(0);
});

test('later runs recover the carried balance under its reference, oldest first, as far as they can', () => {
  const owed = [
    { reference: 'FBSBXEFT00000001', amountCents: 3_000 },
    { reference: 'FBSBXEFT00000002', amountCents: 5_000 },
  ];
  const partial = carryForward(4_000, owed, 'SBXEFT00000003');
  expect(partial.adjustments).toEqual([
    { reasonCode: 'FB', reference: 'FBSBXEFT00000001', amountCents: 3_000 },
    { reasonCode: 'FB', reference: 'FBSBXEFT00000002', amountCents: 1_000 },
  ]);
  expect(partial.owed.map((o) => o.amountCents)).toEqual([0, 4_000]);
  const rest = carryForward(10_000, partial.owed, 'SBXEFT00000004');
  expect(rest.adjustments).toEqual([{ reasonCode: 'FB', reference: 'FBSBXEFT00000002', amountCents: 4_000 }]);
  expect(carryForward(2_500, [], 'SBXEFT00000005')).toEqual({ adjustments: [], owed: [] });
});
