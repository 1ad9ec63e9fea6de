import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createActivities, type ActivityDependencies } from '../../activities';
import { projectRoot } from '../project-root';
import { buildIsCurrent } from '../../scripts/build-state';
import { failureConverterPath } from './codec/data-converter';
import { countActivityOutcomes } from '../metrics/activity-metrics';
import { heartbeatWhileRunning } from './heartbeat-interceptor';

/** Always the TypeScript source: webpack bundles it (swc-loader), also when the worker runs from dist/. */
export const workflowsPath = path.join(projectRoot, 'workflows/index.ts');
/** Written by scripts/build.js (`npm run build`, run by postinstall). */
export const prebuiltWorkflowBundle = path.join(projectRoot, 'dist/workflow-bundle.js');

type WorkflowBundleOption = NonNullable<WorkerOptions['workflowBundle']>;
let bundle: { source: 'prebuilt' | 'bundled at start'; option: Promise<WorkflowBundleOption> } | undefined;

/**
 * The workflow bundle, once per process and shared by every worker: the prebuilt file when dist/
 * was built from the current sources, else bundled now (about 1–5 s; a checkout edited since the
 * last build). Either carries the failure converter that encodes failure messages (so the codec
 * encrypts them).
 */
function chooseWorkflowBundle(): NonNullable<typeof bundle> {
  if (existsSync(prebuiltWorkflowBundle) && buildIsCurrent(projectRoot)) {
    return { source: 'prebuilt', option: Promise.resolve({ codePath: prebuiltWorkflowBundle }) };
  }
  const option = bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietBundlerLogger });
  return { source: 'bundled at start', option };
}

export function workflowBundle(): Promise<WorkflowBundleOption> {
  bundle ??= chooseWorkflowBundle();
  return bundle.option;
}

/** Where this process's workflow code came from (logged by the runtime). */
export function workflowBundleSource(): 'prebuilt' | 'bundled at start' {
  bundle ??= chooseWorkflowBundle();
  return bundle.source;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface BillingWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /** The encrypting data converter (src/temporal/codec/data-converter.ts); required, never plain. */
  dataConverter: DataConverter;
  /** Give in-flight activities time to finish on shutdown. */
  shutdownGraceTime?: string;
}

export async function createBillingWorker(options: BillingWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(options.dependencies),
    interceptors: { activity: [heartbeatWhileRunning, countActivityOutcomes] },
    dataConverter: options.dataConverter,
    shutdownGraceTime: (options.shutdownGraceTime ?? '10s') as '10s',
  });
}
