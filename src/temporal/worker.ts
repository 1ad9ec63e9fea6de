import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import path from 'node:path';
import { createActivities, type ActivityDependencies } from '../../activities';
import { failureConverterPath } from './codec/data-converter';

export const workflowsPath = path.resolve(__dirname, '../../workflows/index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The workflow bundle is built once per process (about a second) and shared by every worker. It
 * carries the failure converter that encodes failure messages (so the payload codec encrypts them).
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietBundlerLogger });
  return bundle;
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
    dataConverter: options.dataConverter,
    shutdownGraceTime: (options.shutdownGraceTime ?? '10s') as '10s',
  });
}
