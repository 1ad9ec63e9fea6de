import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readEligibility271 } from '../../src/eligibility/read-271';
import { write271 } from '../../src/x12/eligibility/eligibility-270-271';
import { classifyRejection, onlyPayerNotResponding } from '../../src/eligibility/rejections';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/x12/eligibility', name), 'utf8');
const only = (name: string) => {
  const results = readEligibility271(fixture(name));
  expect(results).toHaveLength(1);
  return results[0]!;
};

describe('271 benefits a biller uses', () => {
  test('plan, dates, network, office copay (98), deductible, coinsurance, out-of-pocket', () => {
    const r = only('dermatology-benefits.271');
    expect(r.status).toBe('active');
    expect(r.planName).toBe('PPO GOLD 2000');
    expect(r.insuranceType).toEqual({ code: 'PR', medicare: null });
    expect(r.groupNumber).toBe('GRP7788');
    expect(r.planNumber).toBe('PLN-55');
    expect([r.coverageStart, r.coverageEnd]).toEqual(['2026-01-01', '2026-12-31']);
    expect(r.inNetwork).toBeUndefined(); // the plan-level EB12 is empty: the payer did not say
    expect(r.copayCents).toBe(5000); // the specialist office copay (98), not the plan's $25
    expect(r.deductibleCents).toBe(150000);
    expect(r.deductibleRemainingCents).toBe(90000); // in network, not the $2,500 out of network
    expect(r.coinsuranceBasisPoints).toBe(2000);
    expect(r.outOfPocketCents).toBe(600000);
    expect(r.outOfPocketRemainingCents).toBe(310000);
  });

  test('limitations, prior authorization and referral flags, other payer', () => {
    const r = only('dermatology-benefits.271');
    expect(r.limitations).toEqual([
      { serviceTypes: ['98'], quantity: 'VS:12', message: '12 SPECIALIST VISITS PER CALENDAR YEAR' },
    ]);
    expect(r.priorAuthRequiredFor).toEqual(['17311']);
    expect(r.referralRequired).toBe(true);
    expect(r.otherPayers).toEqual([
      { payerName: 'NORTHERN STATES HEALTH', payerId: 'NSH01', insuranceType: 'C1', isPrimary: false },
    ]);
    expect(r.rejections).toBeUndefined();
  });

  test('original Medicare that names a Medicare Advantage plan as primary keeps both facts', () => {
    const r = only('medicare-advantage.271');
    expect(r.insuranceType).toEqual({ code: 'MB', medicare: 'original' });
    expect(r.otherPayers).toEqual([
      { payerName: 'SUNSHINE MEDICARE ADVANTAGE', payerId: 'MAPL1', insuranceType: 'HN', isPrimary: true },
    ]);
  });
});

describe('AAA rejections classified into what a person must fix', () => {
  test.each([
    ['payer-not-responding.271', '42', 'payer_not_responding', /retried automatically/],
    ['birth-date-mismatch.271', '71', 'name_or_birth_date_mismatch', /date of birth/],
    ['provider-not-on-file.271', '51', 'provider_not_on_file', /enrolment/],
    ['../subscriber-not-found.271', '72', 'invalid_member_id', /member id/],
  ])('%s → AAA %s is %s', (file, code, category, sentence) => {
    const r = only(file);
    expect(r.status).toBe('error');
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections![0]).toMatchObject({ code, category });
    expect(r.rejections![0]!.action).toMatch(sentence);
  });

  test('codes by class, and the follow-up code kept', () => {
    expect(classifyRejection('80').category).toBe('payer_not_responding');
    expect(classifyRejection('73').category).toBe('name_or_birth_date_mismatch');
    expect(classifyRejection('58').category).toBe('name_or_birth_date_mismatch');
    expect(classifyRejection('43').category).toBe('provider_not_on_file');
    expect(classifyRejection('75').category).toBe('invalid_member_id');
    expect(classifyRejection('57', 'C')).toMatchObject({ category: 'request_incomplete', followUp: 'C' });
    expect(onlyPayerNotResponding([classifyRejection('42'), classifyRejection('80')])).toBe(true);
    expect(onlyPayerNotResponding([classifyRejection('42'), classifyRejection('72')])).toBe(false);
    expect(onlyPayerNotResponding([])).toBe(false);
  });
});

describe('what the sandbox payer writes, the reader reads back', () => {
  test('a 271 with every benefit detail round-trips', () => {
    const request = {
      payerId: '60054',
      memberId: 'W1',
      providerNpi: '1234567893',
      subscriber: { firstName: 'ANA', lastName: 'TESTER', dateOfBirth: '1970-05-01' },
      dateOfService: '2026-02-20',
      serviceTypeCodes: ['30'],
      procedureCodes: [],
    };
    const envelope = {
      senderId: 'SANDBOXPAYER',
      receiverId: 'DERMCLAIMS',
      interchangeControlNumber: 7,
      groupControlNumber: 7,
      createdAt: new Date('2026-02-20T10:00:00Z'),
    };
    const answer = {
      status: 'active' as const,
      planName: 'SANDBOX MEDICARE PART B',
      insuranceType: { code: 'MB', medicare: 'original' as const },
      coverageStart: '2026-01-01',
      inNetwork: true,
      deductibleCents: 25700,
      deductibleRemainingCents: 0,
      coinsuranceBasisPoints: 2000,
      copayCents: 0,
      outOfPocketCents: 800000,
      outOfPocketRemainingCents: 500000,
      limitations: [{ serviceTypes: ['98'], quantity: 'VS:12', message: '12 VISITS PER YEAR' }],
      referralRequired: true,
      otherPayers: [{ payerName: 'SANDBOX MA PLAN', payerId: 'MAPL1', insuranceType: 'HN', isPrimary: true }],
      priorAuthRequiredFor: ['17311'],
      errors: [],
    };
    const [read] = readEligibility271(write271(answer, request, { envelope }));
    expect(read).toEqual(answer);
  });
});
