import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** pyx12's validator, installed by `bash scripts/install-tools.sh`. */
export const PYX12_X12VALID = path.resolve(__dirname, '../../.tools/pyx12/bin/x12valid');

/**
 * Validates X12 text with pyx12 (`x12valid`). Its exit status is always 0, so the verdict is read
 * from the output: `<file>: OK` and no `Failure`. Runs in a temp dir (pyx12 writes a .997 beside the file).
 */
export async function validateWithPyx12(x12Text: string): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pyx12-'));
  const file = path.join(dir, 'document.x12');
  try {
    await writeFile(file, x12Text, 'utf8');
    const output = await new Promise<string>((resolve, reject) => {
      execFile(PYX12_X12VALID, [file], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve(`${stdout}${stderr}`);
      });
    });
    const ok = output.includes(`${file}: OK`) && !output.includes('Failure');
    return { ok, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
