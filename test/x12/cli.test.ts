import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runX12Parse, runX12Validate } from '../../src/cli/x12-command';
import { readFixture } from './helpers';

describe('x12 CLI commands', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'x12-cli-'));
    out = [];
    err = [];
    jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
    jest.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('parse prints the detected kind and billing objects', async () => {
    const file = path.join(dir, 'era.835');
    await writeFile(file, readFixture('one-claim-check.835'));
    expect(await runX12Parse(file)).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    expect(printed.kind).toBe('835');
    expect(printed.data[0].paymentCents).toBe(15750);
  });

  it('validate exits non-zero with readable errors', async () => {
    const good = path.join(dir, 'good.835');
    await writeFile(good, readFixture('one-claim-check.835'));
    expect(await runX12Validate(good)).toBe(0);
    const bad = path.join(dir, 'bad.835');
    await writeFile(
      bad,
      readFixture('one-claim-check.835').replace('SE*31*', 'SE*30*').replace('BPR*I*157.5*', 'BPR*I*156.5*'),
    );
    expect(await runX12Validate(bad)).toBe(1);
    expect(err.join('\n')).toContain(
      'segment #33 SE element SE01: number of segments in the transaction set (ST to SE) is wrong (expected 31, found 30)',
    );
  });
});
