import { codeVisit } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { demoVisits, formatDemoSummary, formatDollars, type DemoSummary } from '../../src/demo/run-demo';
import { generateVisit, SCENARIO_COUNT } from '../../src/demo/visit-generator';
import { parseVisitEvent } from '../../src/intake/receive-visit';

describe('demo visits', () => {
  const visits = demoVisits({ count: 300, seed: 7, runId: 'dtest', today: new Date('2026-03-10T12:00:00Z') });

  it('are valid visit-completed events that the engine codes without error findings', () => {
    for (const raw of visits) {
      const parsed = parseVisitEvent(raw);
      if (!parsed.ok) throw new Error(`${raw.visitId}: ${JSON.stringify(parsed.problems)}`);
      const coding = codeVisit(parsed.visit, { feeSchedule: defaultFeeSchedule });
      expect({ visitId: raw.visitId, errors: coding.findings.filter((f) => f.severity === 'error') }).toEqual(
        {
          visitId: raw.visitId,
          errors: [],
        },
      );
      expect(coding.pathologyHold).toBeNull();
      // Auto-submittable: what the provider coded matches the engine.
      expect(coding.confidence.score).toBeGreaterThanOrEqual(0.85);
      expect(coding.providerDifferences).toEqual([]);
    }
  });

  it('mix procedures, cosmetic self-pay, payers and sandbox member prefixes', () => {
    const codes = new Set<string>();
    let selfPay = 0;
    for (const raw of visits) {
      const parsed = parseVisitEvent(raw);
      if (!parsed.ok) throw new Error('invalid');
      const coding = codeVisit(parsed.visit, { feeSchedule: defaultFeeSchedule });
      coding.lines.forEach((l) => codes.add(l.code));
      if (coding.selfPayLines.length > 0) selfPay += 1;
    }
    for (const code of ['99213', '11102', '11104', '17000', '17110', '11402', '11602', '12032', '17311'])
      expect(codes).toContain(code);
    expect(selfPay).toBeGreaterThan(10);
    expect(selfPay).toBeLessThan(100);
    expect(new Set(visits.map((v) => v.coverage?.payerId)).size).toBeGreaterThanOrEqual(5);
    const prefixes = visits.map((v) => /^[A-Z]+/.exec(v.coverage!.memberId)![0]);
    const count = (p: string) => prefixes.filter((x) => x === p).length;
    expect(count('REJ')).toBeGreaterThan(3);
    expect(count('REJ')).toBeLessThan(40);
    expect(count('DED')).toBeGreaterThan(10);
    expect(count('MBR')).toBeGreaterThan(150);
    // Medicare with a supplement on file: a secondary 837P, or a crossover (member XOVER01).
    const supplemented = visits.filter((v) => v.otherCoverages?.[0]?.payerId === 'SUPPL1');
    expect(supplemented.length).toBeGreaterThan(30);
    expect(supplemented.every((v) => v.coverage?.payerId === 'MCR01')).toBe(true);
    const crossovers = supplemented.filter((v) => v.coverage?.memberId === 'XOVER01').length;
    expect(crossovers).toBeGreaterThan(5);
    expect(crossovers).toBeLessThan(supplemented.length);
  });

  it('are reproducible for a seed, with unique visit and event ids per run', () => {
    const again = demoVisits({
      count: 300,
      seed: 7,
      runId: 'dtest',
      today: new Date('2026-03-10T12:00:00Z'),
    });
    expect(again).toEqual(visits);
    expect(new Set(visits.map((v) => v.visitId)).size).toBe(300);
    expect(new Set(visits.map((v) => v.eventId)).size).toBe(300);
    for (const v of visits) {
      expect(v.dateOfService < '2026-03-10').toBe(true);
      expect(v.dateOfService >= '2026-03-02').toBe(true);
    }
  });

  it('every generator scenario is reachable', () => {
    expect(SCENARIO_COUNT).toBeGreaterThanOrEqual(15);
    const kinds = new Set(
      Array.from({ length: SCENARIO_COUNT }, (_, scenario) =>
        generateVisit({ seed: 1, index: 1, dateOfService: '2026-01-01', scenario }).procedures?.map(
          (p) => p.kind,
        ),
      ).flat(),
    );
    for (const kind of ['excision_benign', 'excision_malignant', 'cosmetic_toxin', 'cosmetic_peel', 'mohs'])
      expect(kinds).toContain(kind);
  });
});

describe('demo summary', () => {
  it('formats cents as dollars', () => {
    expect(formatDollars(0)).toBe('$0.00');
    expect(formatDollars(5)).toBe('$0.05');
    expect(formatDollars(123456)).toBe('$1,234.56');
    expect(formatDollars(-500)).toBe('-$5.00');
  });

  it('prints the counts and the metrics', () => {
    const summary: DemoSummary = {
      runId: 'r1',
      posted: 10,
      postFailures: [],
      settled: 9,
      timedOut: ['V-r1-00003'],
      statuses: { closed: 8, needs_review: 1, submitted: 1 },
      claimsSubmitted: 9,
      visitsWithClaims: 9,
      secondaryClaims: { sent: 2, crossedOver: 1 },
      flaggedForReview: 1,
      paid: 8,
      selfPayOnly: 1,
      chargesCents: 250000,
      insurancePaidCents: 120050,
      patientBalanceCents: 33307,
      insuranceBalanceCents: 0,
      visitsWithEstimate: 9,
      decisionReasons: { clean_claim: 8, low_confidence: 1 },
      patientPayments: { visitsBilled: 3, paymentsPosted: 4, paidCents: 12345, failures: [] },
      ledgerCheck: {
        claimsChecked: 12,
        remittancesChecked: 4,
        discrepancies: [{ check: 'claim-balance', subject: 'C-1', message: 'open balance negative' }],
      },
      metrics: {
        claimsSubmitted: 9,
        firstPassAcceptanceRate: 0.888,
        denialRate: 0,
        claimLagDays: 3.25,
        daysInAR: null,
        openInsuranceARCents: 0,
        openPatientARCents: 33307,
        collectedCents: 120050,
        openReviewTasks: 1,
      },
      elapsedMs: 12_300,
    };
    const text = formatDemoSummary(summary);
    expect(text).toMatch(/claims submitted\s+9 \(for 9 visits\)/);
    expect(text).toMatch(/flagged for review\s+1/);
    expect(text).toMatch(/with a patient estimate\s+9/);
    expect(text).toMatch(/decision reasons\s+clean_claim 8, low_confidence 1/);
    expect(text).toMatch(/paid by insurance\s+8 visits, \$1,200\.50/);
    expect(text).toMatch(/patient balance\s+\$333\.07/);
    expect(text).toContain('1 still running');
    expect(text).toMatch(/secondary claims\s+2 sent, 1 crossed over by the primary/);
    expect(text).toMatch(/patient payments\s+4 posted for 3 visits billed to the patient, \$123\.45/);
    expect(text).toMatch(/ledger check\s+12 claims, 4 remittances checked: 1 DISCREPANCIES/);
    expect(text).toContain('discrepancy claim-balance C-1: open balance negative');
    expect(text).toMatch(/first-pass acceptance\s+88\.8%/);
    expect(text).toMatch(/days in A\/R\s+n\/a/);
  });
});
