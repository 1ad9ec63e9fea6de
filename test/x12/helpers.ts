import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared sample folder, beside the repository (`<repo>/../shared/x12-samples`). */
export const SAMPLES_DIR = path.resolve(__dirname, '../../../shared/x12-samples');

const X12_EXTENSIONS = ['.835', '.837', '.270', '.271', '.276', '.277'];

/** Every X12 sample file (by extension), relative to SAMPLES_DIR. */
export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => X12_EXTENSIONS.includes(path.extname(file)))
    .sort();
}

export function readSample(relative: string): string {
  return readFileSync(path.join(SAMPLES_DIR, relative), 'utf8');
}
