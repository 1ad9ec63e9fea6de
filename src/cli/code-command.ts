import { readFile } from 'node:fs/promises';
import { buildCodingOptions, codeVisit, CodingValidationError } from '../coding';
import { VisitCompletedEventSchema } from '../visit/schema';

/** `dermclaims code FILE.json`: prints the coding result as JSON; exit 2 on invalid documentation. */
export async function runCodeCommand(file: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const parsed = VisitCompletedEventSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`${file}: not a valid visit-completed event:`);
    for (const issue of parsed.error.issues)
      console.error(
        `  ${
          issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(root)'
        }: ${issue.message}`,
      );
    return 2;
  }
  try {
    console.log(JSON.stringify(codeVisit(parsed.data, buildCodingOptions()), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof CodingValidationError) {
      console.error(`${file}: the documentation cannot be coded:`);
      for (const issue of error.issues) console.error(`  ${issue.path}: ${issue.message}`);
      return 2;
    }
    throw error;
  }
}
