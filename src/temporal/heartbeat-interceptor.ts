import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Activities scheduled with a heartbeat timeout (the clearinghouse calls, the mailbox) heartbeat
 * for as long as they run, a third of that timeout apart: a worker that dies mid-call is noticed
 * after the heartbeat timeout (seconds), not after the whole start-to-close timeout (minutes),
 * and the activity is retried on another worker. Activities without one are left alone.
 */
export const heartbeatWhileRunning: ActivityInterceptorsFactory = (context: Context) => ({
  inbound: {
    async execute(input, next) {
      const timeoutMs = context.info.heartbeatTimeoutMs;
      if (!timeoutMs) return next(input);
      const timer = setInterval(() => context.heartbeat(), Math.max(100, Math.floor(timeoutMs / 3)));
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});
