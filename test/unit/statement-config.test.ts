import { defaultStatementCycles, parseStatementCycles } from '../../src/patient-billing/statement-config';

const valid = () => structuredClone(defaultStatementCycles);

test('the checked-in statement cycles: day 0, 30, 60 and a final notice at 90, 30 days to pay each', () => {
  expect(defaultStatementCycles.cycles).toEqual([
    { kind: 'initial', daysUntilNext: 30 },
    { kind: 'reminder', daysUntilNext: 30 },
    { kind: 'reminder', daysUntilNext: 30 },
    { kind: 'final', daysUntilNext: 30 },
  ]);
});

test('fractional days and a plain-http portal are refused, each named', () => {
  const file = valid();
  file.cycles[1]!.daysUntilNext = 2.5;
  file.howToPay.portalUrl = 'http://pay.example.com';
  expect(() => parseStatementCycles(file)).toThrow(/cycles\.1\.daysUntilNext[\s\S]*howToPay\.portalUrl/);
});

test('cycles must start with the initial statement and end with the one final notice', () => {
  const file = valid();
  file.cycles = [
    { kind: 'reminder', daysUntilNext: 30 },
    { kind: 'final', daysUntilNext: 30 },
    { kind: 'reminder', daysUntilNext: 30 },
  ];
  expect(() => parseStatementCycles(file)).toThrow(
    /cycles\.0\.kind: the first cycle must be "initial"[\s\S]*cycles\.1\.kind: only the last cycle[\s\S]*cycles\.2\.kind: the last cycle must be "final"/,
  );
});
