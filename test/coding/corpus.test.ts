import { codeVisit, CodingValidationError, type CodingResult } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { corpus, type CorpusCase, type ExpectedLine } from './corpus';
import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { visit, visitDocument } from './helpers';

interface Tally {
  codes: [number, number];
  modifiers: [number, number];
  units: [number, number];
  pointers: [number, number];
  selfPay: [number, number];
  hold: [number, number];
  findings: [number, number];
  validation: [number, number];
}
const tally: Tally = {
  codes: [0, 0],
  modifiers: [0, 0],
  units: [0, 0],
  pointers: [0, 0],
  selfPay: [0, 0],
  hold: [0, 0],
  findings: [0, 0],
  validation: [0, 0],
};
const score = (field: keyof Tally, ok: boolean) => {
  tally[field][1] += 1;
  if (ok) tally[field][0] += 1;
};

function actualLines(r: CodingResult): ExpectedLine[] {
  return r.lines.map((l) => [
    l.code,
    l.modifiers,
    l.units,
    l.diagnosisPointers.map((p) => r.diagnosisCodes[p - 1]!),
  ]);
}

/** Align expected to actual lines by code (in order) and tally each field. */
function scoreLines(expected: ExpectedLine[], actual: ExpectedLine[]): void {
  const used = new Set<number>();
  for (const e of expected) {
    const i = actual.findIndex((a, k) => !used.has(k) && a[0] === e[0]);
    score('codes', i >= 0);
    if (i < 0) {
      score('modifiers', false);
      score('units', false);
      score('pointers', false);
      continue;
    }
    used.add(i);
    const a = actual[i]!;
    score('modifiers', JSON.stringify(a[1]) === JSON.stringify(e[1]));
    score('units', a[2] === e[2]);
    score('pointers', JSON.stringify(a[3]) === JSON.stringify(e[3]));
  }
  for (let k = 0; k < actual.length; k++) if (!used.has(k)) score('codes', false);
}

function run(c: CorpusCase): { result?: CodingResult; error?: CodingValidationError } {
  try {
    return { result: codeVisit(visit(c.visit, c.id), { feeSchedule: defaultFeeSchedule }) };
  } catch (error) {
    if (error instanceof CodingValidationError) return { error };
    throw error;
  }
}

describe('coding corpus', () => {
  it('has at least 200 scenarios, each citing a source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    for (const c of corpus) expect(c.sources.length).toBeGreaterThan(0);
  });

  it.each(corpus.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (c.expect.schema) {
      const parsed = VisitCompletedEventSchema.safeParse(visitDocument(c.visit, c.id));
      const paths = parsed.error?.issues.map((i) => i.path.join('.')) ?? [];
      score(
        'validation',
        c.expect.schema.every((p) => paths.includes(p)),
      );
      expect(paths).toEqual(expect.arrayContaining(c.expect.schema));
      return;
    }
    const { result, error } = run(c);
    if (c.expect.validation) {
      const paths = error?.issues.map((i) => i.path) ?? [];
      const ok = c.expect.validation.every((p) => paths.includes(p));
      score('validation', ok);
      expect(paths).toEqual(expect.arrayContaining(c.expect.validation));
      return;
    }
    expect(error).toBeUndefined();
    const r = result!;
    const lines = actualLines(r);
    scoreLines(c.expect.lines ?? [], lines);
    const selfPay = r.selfPayLines.map((l) => [l.code, l.modifiers, l.units]);
    score('selfPay', JSON.stringify(selfPay) === JSON.stringify(c.expect.selfPay ?? []));
    score('hold', JSON.stringify(r.pathologyHold?.lesionIds ?? []) === JSON.stringify(c.expect.hold ?? []));
    const ruleIds = r.findings.map((f) => f.ruleId);
    score(
      'findings',
      (c.expect.findings ?? []).every((f) => ruleIds.includes(f)),
    );

    expect(lines).toEqual(c.expect.lines ?? []);
    expect(selfPay).toEqual(c.expect.selfPay ?? []);
    expect(r.pathologyHold?.lesionIds ?? []).toEqual(c.expect.hold ?? []);
    expect(ruleIds).toEqual(expect.arrayContaining(c.expect.findings ?? []));
    // Invariants that hold for every visit.
    for (const l of r.lines) {
      expect(l.diagnosisPointers.length).toBeGreaterThan(0);
      expect(l.diagnosisPointers.length).toBeLessThanOrEqual(4);
      expect(l.modifiers.filter((m) => ['GA', 'GY', 'GZ'].includes(m)).length).toBeLessThanOrEqual(1);
      expect(l.modifiers.includes('59') && l.modifiers.some((m) => /^X[EPSU]$/.test(m))).toBe(false);
      expect(defaultFeeSchedule[l.code]).toBeDefined();
      expect(l.chargeCents).toBe(defaultFeeSchedule[l.code]! * l.units);
    }
    for (const l of r.selfPayLines) expect(defaultFeeSchedule[l.code]).toBeDefined();
    const codes = r.lines.map((l) => l.code);
    expect(codes.includes('17110') && codes.includes('17111')).toBe(false);
    expect(r.diagnosisCodes.length).toBeLessThanOrEqual(12);
    expect(r.confidence.score).toBeGreaterThanOrEqual(0);
    expect(r.confidence.score).toBeLessThanOrEqual(1);
  });

  afterAll(() => {
    const pct = ([ok, n]: [number, number]) =>
      n === 0 ? 'n/a' : `${((100 * ok) / n).toFixed(1)}% (${ok}/${n})`;
    const rows = (Object.keys(tally) as Array<keyof Tally>).map((k) => `  ${k.padEnd(11)} ${pct(tally[k])}`);
    console.log(`coding corpus: ${corpus.length} scenarios, per-field accuracy\n${rows.join('\n')}`);
  });
});
