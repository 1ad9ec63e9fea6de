import type { Context } from '@temporalio/activity';
import { activityRegistry, countActivityOutcomes } from '../../src/metrics/activity-metrics';

const contextFor = (activityType: string, attempt: number) =>
  ({ info: { activityType, attempt } }) as unknown as Context;

async function valueOf(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await activityRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) =>
    Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return found?.value ?? 0;
}

describe('countActivityOutcomes', () => {
  it('counts completed and failed attempts by activity type, and retries after the first attempt', async () => {
    const run = (attempt: number, outcome: () => Promise<unknown>) =>
      countActivityOutcomes(contextFor('testSubmit', attempt)).inbound!.execute!(
        { args: [], headers: {} },
        outcome,
      );
    await expect(run(1, () => Promise.reject(new Error('clearinghouse down')))).rejects.toThrow(
      'clearinghouse down',
    );
    await expect(run(2, () => Promise.resolve('ok'))).resolves.toBe('ok');
    await expect(run(1, () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(
      await valueOf('dermclaims_activity_attempts_total', { activity: 'testSubmit', outcome: 'failed' }),
    ).toBe(1);
    expect(
      await valueOf('dermclaims_activity_attempts_total', { activity: 'testSubmit', outcome: 'completed' }),
    ).toBe(2);
    expect(await valueOf('dermclaims_activity_retries_total', { activity: 'testSubmit' })).toBe(1);
    const text = await activityRegistry.metrics();
    expect(text).toMatch(/^dermclaims_activity_duration_seconds_count\{activity="testSubmit"\} 3$/m);
  });
});
