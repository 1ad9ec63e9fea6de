/**
 * Writes the published API documents from the code that serves them:
 *
 *   docs/visit-completed.schema.json  the JSON Schema (draft 2020-12) of the EHR's visit-completed event
 *   docs/openapi.json                 the OpenAPI 3.1 document (also served at GET /openapi.json)
 *
 *   npx tsx scripts/generate-docs.ts           write both files
 *   npx tsx scripts/generate-docs.ts --check   exit 1 if a committed file is out of date
 *
 * Output is formatted with the repository's prettier settings, so `prettier --check .` agrees with it.
 * test/deployment/published-docs.test.ts fails when the committed files drift from the code (it
 * compares the content in memory and runs `--check` for the exact bytes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument, visitCompletedJsonSchema } from '../src/api/openapi';

export const repositoryRoot = path.resolve(__dirname, '..');

/** Repository-relative path → generated document. */
export const publishedDocuments: Record<string, () => unknown> = {
  'docs/visit-completed.schema.json': visitCompletedJsonSchema,
  'docs/openapi.json': buildOpenApiDocument,
};

/** The exact text each published file must contain (formatted as `prettier --write` would). */
export async function renderPublishedDocs(): Promise<Record<string, string>> {
  const prettier = await import('prettier');
  const rendered: Record<string, string> = {};
  for (const [relative, build] of Object.entries(publishedDocuments)) {
    const filepath = path.join(repositoryRoot, relative);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    rendered[relative] = await prettier.format(JSON.stringify(build(), null, 2), { ...options, filepath });
  }
  return rendered;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const rendered = await renderPublishedDocs();
  let stale = 0;
  for (const [relative, text] of Object.entries(rendered)) {
    const filepath = path.join(repositoryRoot, relative);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(filepath, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (committed !== text) {
        stale++;
        console.error(`${relative} is out of date: run \`npx tsx scripts/generate-docs.ts\``);
      }
    } else {
      writeFileSync(filepath, text);
      console.log(`wrote ${relative}`);
    }
  }
  if (stale) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
