import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VisitCompletedEventSchema } from '../../src/visit/schema';

const root = join(__dirname, '..', '..');
const examples = readdirSync(join(root, 'docs', 'examples')).filter((f) => /^visit-.*\.json$/.test(f));

describe('dermclaims code (CLI)', () => {
  it('ships the required examples', () => {
    for (const name of ['em-biopsy', 'destructions', 'excision-pending-pathology', 'mohs-repair', 'cosmetic'])
      expect(examples).toContain(`visit-${name}.json`);
  });

  it.each(examples)('codes docs/examples/%s', (file) => {
    const path = join(root, 'docs', 'examples', file);
    expect(VisitCompletedEventSchema.safeParse(JSON.parse(readFileSync(path, 'utf8'))).success).toBe(true);
    const out = execFileSync('node', [join(root, 'bin', 'dermclaims.js'), 'code', path], {
      encoding: 'utf8',
    });
    const result = JSON.parse(out);
    expect(Array.isArray(result.lines)).toBe(true);
    expect(result.lines.length + result.selfPayLines.length).toBeGreaterThan(0);
    if (file.includes('pending-pathology')) expect(result.pathologyHold.lesionIds).toEqual(['L1']);
    if (file.includes('cosmetic')) expect(result.selfPayLines.length).toBeGreaterThan(0);
  });

  it('prints validation errors readably and exits 2', () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'visit-em-biopsy.json'), 'utf8'));
    doc.procedures[0].lesionIds = ['NOPE'];
    const dir = mkdtempSync(join(tmpdir(), 'dermclaims-code-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync('node', [join(root, 'bin', 'dermclaims.js'), 'code', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('procedures[0].lesionIds[0]');
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a schema-invalid document, naming the field', () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'visit-em-biopsy.json'), 'utf8'));
    doc.lesions[0].diameter.value = -1;
    const dir = mkdtempSync(join(tmpdir(), 'dermclaims-code-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync('node', [join(root, 'bin', 'dermclaims.js'), 'code', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('lesions[0].diameter');
  });
});
