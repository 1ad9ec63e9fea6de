import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_NO_CLAIM, runX12837 } from '../../src/cli/x12-837-command';
import { generateVisit, SCENARIO_COUNT } from '../../src/demo/visit-generator';
import { read837P } from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';

const examplesDir = path.resolve(__dirname, '../../docs/examples');
const examples = readdirSync(examplesDir).filter((f) => /^visit-.*\.json$/.test(f));
const now = new Date('2026-02-03T10:20:00Z');

async function run(file: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runX12837(file, { now, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('\n') };
}

describe('dermclaims x12 837', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'x12-837-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('%s: an 837P that passes pyx12, or a clear refusal', async (file) => {
    const visit = JSON.parse(await readFile(path.join(examplesDir, file), 'utf8'));
    const { code, out, err } = await run(path.join(examplesDir, file));
    if (file.includes('pending-pathology')) {
      expect(code).toBe(EXIT_NO_CLAIM);
      expect(out).toBe('');
      expect(err).toContain('pathology hold');
      expect(err).toContain('L1');
      return;
    }
    expect(code).toBe(0);
    const batches = read837P(out);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.claims).toHaveLength(1);
    const claim = batches[0]!.claims[0]!;
    expect(claim.patientControlNumber).toMatch(/A1$/);
    expect(claim.totalChargeCents).toBe(claim.lines.reduce((s, l) => s + l.chargeCents, 0));
    expect(claim.totalChargeCents).toBeGreaterThan(0);
    // The document's own member id is on the claim; patient data never goes to stderr.
    expect(out).toContain(visit.coverage.memberId);
    expect(err).not.toContain(visit.coverage.memberId);
    expect(err).not.toContain(visit.patient.lastName);
    const verdict = await validateWithPyx12(out);
    expect(verdict.output).not.toContain('Failure');
    expect(verdict.ok).toBe(true);
  });

  it('leaves self-pay services off the claim (cosmetic example)', async () => {
    const { code, out, err } = await run(path.join(examplesDir, 'visit-cosmetic.json'));
    expect(code).toBe(0);
    expect(out).not.toContain('J0585');
    expect(err).toContain('J0585');
  });

  it('refuses a self-pay visit and a visit with only cosmetic services', async () => {
    const base = generateVisit({ seed: 3, index: 1, dateOfService: '2026-01-10', scenario: 2 });
    const selfPay = path.join(dir, 'self-pay.json');
    await writeFile(selfPay, JSON.stringify({ ...base, coverage: undefined }));
    const a = await run(selfPay);
    expect(a.code).toBe(EXIT_NO_CLAIM);
    expect(a.err).toContain('self-pay');

    const peelIndex = Array.from({ length: SCENARIO_COUNT }, (_, i) => i).find(
      (i) =>
        generateVisit({ seed: 3, index: 1, dateOfService: '2026-01-10', scenario: i }).procedures?.[0]
          ?.kind === 'cosmetic_peel',
    );
    expect(peelIndex).toBeDefined();
    const peel = path.join(dir, 'peel.json');
    await writeFile(
      peel,
      JSON.stringify(generateVisit({ seed: 3, index: 1, dateOfService: '2026-01-10', scenario: peelIndex })),
    );
    const b = await run(peel);
    expect(b.code).toBe(EXIT_NO_CLAIM);
    expect(b.err).toContain('no insurance-billable services');
    expect(b.err).toContain('15788');
  });

  it('refuses an invalid document with the paths of its problems', async () => {
    const base = generateVisit({ seed: 3, index: 2, dateOfService: '2026-01-10', scenario: 1 });
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...base, diagnoses: [{ code: 'D48.5', lesionIds: ['NOPE'] }] }));
    const { code, out, err } = await run(bad);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('diagnoses.0.lesionIds.0: no lesion with id NOPE');
  });

  it('every insurance-billable demo scenario produces an 837P that passes pyx12', async () => {
    const texts: string[] = [];
    for (let scenario = 0; scenario < SCENARIO_COUNT; scenario++) {
      const visit = generateVisit({ seed: 11, index: scenario + 1, dateOfService: '2026-01-12', scenario });
      const file = path.join(dir, `scenario-${scenario}.json`);
      await writeFile(file, JSON.stringify(visit));
      const { code, out } = await run(file);
      const procedures = visit.procedures ?? [];
      if (procedures.length > 0 && procedures.every((p) => p.kind === 'cosmetic_peel')) {
        expect(code).toBe(EXIT_NO_CLAIM);
        continue;
      }
      expect(code).toBe(0);
      texts.push(out);
    }
    expect(texts.length).toBe(SCENARIO_COUNT - 1);
    for (const text of texts) {
      const verdict = await validateWithPyx12(text);
      expect(verdict.output).not.toContain('Failure');
      expect(verdict.ok).toBe(true);
    }
  });
});
