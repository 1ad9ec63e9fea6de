import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger (worker, activity, workflow and core messages) on top of dermclaims'
 * pino logger, so its messages get the same redaction and error scrubbing: the SDK logs a failed
 * activity with the error itself, and a database error quotes the visit it was writing.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const sdk = logger.child({ component: 'temporal' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields = Object.fromEntries(Object.entries(meta ?? {})); // drops symbol keys (timestamps)
    sdk[levels[level]](fields, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

let installed = false;

/**
 * Installs the Temporal runtime with dermclaims' logger, once per process; before any worker or
 * native connection exists (later calls, and calls after the SDK made its default runtime, keep
 * what is there).
 */
export function installTemporalRuntime(logger: Logger): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: temporalLogger(logger) });
  } catch (error) {
    logger.warn(
      { err: error },
      'the Temporal runtime was already installed; its logs bypass the scrubbing logger',
    );
  }
}
