import type { Context } from '@temporalio/activity';
import { heartbeatWhileRunning } from '../../src/temporal/heartbeat-interceptor';

/** A stand-in for the activity context: the interceptor reads the timeout and heartbeats. */
function contextWith(heartbeatTimeoutMs: number | undefined) {
  const heartbeat = jest.fn();
  return { context: { info: { heartbeatTimeoutMs }, heartbeat } as unknown as Context, heartbeat };
}

const slowActivity = () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 700));

describe('heartbeatWhileRunning', () => {
  it('an activity with a heartbeat timeout heartbeats a third of it apart while it runs, and stops after', async () => {
    const { context, heartbeat } = contextWith(300);
    const inbound = heartbeatWhileRunning(context).inbound!;
    await expect(inbound.execute!({ args: [], headers: {} }, slowActivity)).resolves.toBe('done');
    const during = heartbeat.mock.calls.length;
    expect(during).toBeGreaterThanOrEqual(4); // every 100 ms for 700 ms (timers on a busy machine may slip)
    await new Promise((r) => setTimeout(r, 300));
    expect(heartbeat.mock.calls.length).toBe(during);
  });

  it('an activity without one is left alone; a failure passes through', async () => {
    const { context, heartbeat } = contextWith(undefined);
    const inbound = heartbeatWhileRunning(context).inbound!;
    await expect(inbound.execute!({ args: [], headers: {} }, slowActivity)).resolves.toBe('done');
    expect(heartbeat).not.toHaveBeenCalled();
    const failing = contextWith(300);
    const boom = () => Promise.reject(new Error('clearinghouse down'));
    await expect(
      heartbeatWhileRunning(failing.context).inbound!.execute!({ args: [], headers: {} }, boom),
    ).rejects.toThrow('clearinghouse down');
  });
});
