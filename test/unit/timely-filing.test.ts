import {
  daysUntilDeadline,
  timelyFilingDeadline,
  timelyFilingLimits,
  timelyFilingReason,
} from '../../src/claims/timely-filing';
import { DecisionPolicyFileSchema } from '../../src/decision/policy-config';

const policy = DecisionPolicyFileSchema.parse({
  defaults: { timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  payers: { MCR01: { timelyFilingDays: 365 }, AETNA: { timelyFilingDays: 90, timelyFilingWarningDays: 14 } },
  practices: { derm2: { payers: { AETNA: { timelyFilingDays: 120 } } } },
});

describe('timely-filing deadline', () => {
  it('is the date of service plus the payer limit, practice overrides first', () => {
    expect(timelyFilingLimits(policy, 'derm1', 'BCBS1')).toEqual({
      timelyFilingDays: 365,
      timelyFilingWarningDays: 30,
    });
    expect(timelyFilingLimits(policy, 'derm1', 'AETNA')).toEqual({
      timelyFilingDays: 90,
      timelyFilingWarningDays: 14,
    });
    expect(timelyFilingLimits(policy, 'derm2', 'AETNA')).toEqual({
      timelyFilingDays: 120,
      timelyFilingWarningDays: 14,
    });
    const dos = new Date('2026-01-15T00:00:00Z');
    expect(timelyFilingDeadline(dos, 90).toISOString()).toBe('2026-04-15T00:00:00.000Z');
    // A leap year day counts: 2028-02-29 exists.
    expect(timelyFilingDeadline(new Date('2028-02-01T00:00:00Z'), 365).toISOString()).toBe(
      '2029-01-31T00:00:00.000Z',
    );
    // The time of day of the date of service never moves the deadline.
    expect(timelyFilingDeadline(new Date('2026-01-15T23:59:00Z'), 90)).toEqual(timelyFilingDeadline(dos, 90));
  });

  it('counts whole days left from the UTC date, negative once passed', () => {
    const deadline = new Date('2026-04-15T00:00:00Z');
    expect(daysUntilDeadline(deadline, new Date('2026-04-01T18:30:00Z'))).toBe(14);
    expect(daysUntilDeadline(deadline, new Date('2026-04-15T09:00:00Z'))).toBe(0);
    expect(daysUntilDeadline(deadline, new Date('2026-04-18T00:00:00Z'))).toBe(-3);
    expect(timelyFilingReason(deadline, new Date('2026-04-01T00:00:00Z'))).toContain(
      'deadline 2026-04-15 is in 14 days',
    );
    expect(timelyFilingReason(deadline, new Date('2026-04-18T00:00:00Z'))).toContain('passed 3 days ago');
  });
});
