import { readFile } from 'node:fs/promises';
import { findingLines, readX12Document, validateX12, X12Error } from '../x12';

/** `dermclaims x12 parse FILE`: the document as JSON, with its detected transaction kind. */
export async function runX12Parse(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  try {
    const { kind, data, problems } = readX12Document(text);
    console.log(
      JSON.stringify({ kind, ...(problems && problems.length > 0 ? { problems } : {}), data }, null, 2),
    );
    return 0;
  } catch (error) {
    if (error instanceof X12Error) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `dermclaims x12 validate FILE`: every finding of validateX12 with its severity; non-zero exit on any error (warnings only: 0). */
export async function runX12Validate(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const report = validateX12(text);
  for (const line of findingLines(report, Number.POSITIVE_INFINITY)) console.error(`${file}: ${line}`);
  if (report.ok) {
    console.log(`${file}: OK (${report.kind ?? 'unknown'})`);
    return 0;
  }
  console.error(`${file}: ${report.errors.length + report.problems.length} problem(s)`);
  return 1;
}
