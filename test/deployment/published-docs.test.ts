import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { publishedDocuments, repositoryRoot } from '../../scripts/generate-docs';
import { parseVisitEvent } from '../../src/intake/receive-visit';

const REGENERATE = 'npx tsx scripts/generate-docs.ts';
const read = (relative: string) => readFileSync(path.join(repositoryRoot, relative), 'utf8');
const readJson = (relative: string) => JSON.parse(read(relative)) as Record<string, unknown>;

const exampleFiles = readdirSync(path.join(repositoryRoot, 'docs', 'examples'))
  .filter((name) => /^visit-.*\.json$/.test(name))
  .sort()
  .map((name) => `docs/examples/${name}`);

describe('published docs are generated from the code', () => {
  it.each(Object.entries(publishedDocuments))('%s has the content the code generates', (relative, build) => {
    const generated = JSON.parse(JSON.stringify(build())) as unknown;
    let committed: unknown;
    try {
      committed = readJson(relative);
    } catch {
      throw new Error(`${relative} is missing or not JSON: run \`${REGENERATE}\` and commit the result`);
    }
    try {
      expect(committed).toEqual(generated);
    } catch (error) {
      throw new Error(
        `${relative} is out of date with the code: run \`${REGENERATE}\` and commit the result\n\n` +
          (error as Error).message,
        { cause: error },
      );
    }
  });

  it('the committed files are byte for byte what the script writes (generate-docs --check)', () => {
    // A child process: prettier 3 loads its plugins with dynamic import(), which jest's VM refuses.
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repositoryRoot, 'scripts/generate-docs.ts'), '--check'],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(
        `published docs are stale or unformatted: run \`${REGENERATE}\` and commit the result\n` +
          `${result.stderr}${result.error ? String(result.error) : ''}`,
      );
    }
  });

  it('the OpenAPI document embeds the same visit-completed schema as the published one', () => {
    const openapi = readJson('docs/openapi.json') as { components: { schemas: Record<string, unknown> } };
    expect(openapi.components.schemas.VisitCompletedEvent).toEqual(
      readJson('docs/visit-completed.schema.json'),
    );
  });
});

describe('docs/visit-completed.schema.json validates the examples (ajv, JSON Schema draft 2020-12)', () => {
  const schema = readJson('docs/visit-completed.schema.json');
  // strict: unknown keywords or formats in the published schema are errors, not silently ignored.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is a draft 2020-12 schema with a stable $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://dermclaims.dev/schemas/visit-completed.v1.json');
  });

  it('there are examples to validate', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(exampleFiles)('%s is valid', (relative) => {
    const document = readJson(relative);
    const valid = validate(document);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
    expect(valid).toBe(true);
    // The API's own parser agrees (it adds cross-reference checks the JSON Schema cannot express).
    expect(parseVisitEvent(document)).toMatchObject({ ok: true });
  });

  const base = () => readJson(exampleFiles[0]!);
  const broken: Array<[string, (doc: Record<string, unknown>) => void]> = [
    ['without visitId', (doc) => delete doc.visitId],
    ['with another schemaVersion', (doc) => (doc.schemaVersion = '3')],
    ['with completedAt that is not a date-time', (doc) => (doc.completedAt = 'yesterday afternoon')],
    ['with dateOfService in US format', (doc) => (doc.dateOfService = '06/02/2025')],
    ['with a visitId containing a space', (doc) => (doc.visitId = 'visit 1')],
  ];
  it.each(broken)('rejects a document %s, as the API does', (_name, breakIt) => {
    const document = base();
    breakIt(document);
    expect(validate(document)).toBe(false);
    expect(parseVisitEvent(document)).toMatchObject({ ok: false });
  });
});
