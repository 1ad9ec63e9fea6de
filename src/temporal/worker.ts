import type { NativeConnection } from '@temporalio/worker';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import path from 'node:path';
import { createActivities, type ActivityDependencies } from '../../activities';

export const workflowsPath = path.resolve(__dirname, '../../workflows/index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle is built once per process (about a second) and shared by every worker. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
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
    shutdownGraceTime: (options.shutdownGraceTime ?? '10s') as '10s',
  });
}
