import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundle } from '../../src/temporal/worker';

/**
 * Histories recorded from earlier releases (one folder per release and workflow), replayed against
 * today's workflow code: a change that running workflows would see without a patch fails here.
 */
const historiesDir = path.join(__dirname, 'histories');

function recordedHistories(): Array<{ workflowId: string; history: unknown }> {
  return readdirSync(historiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(historiesDir, dir.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => ({
          workflowId: `${dir.name}/${file}`,
          history: JSON.parse(readFileSync(path.join(historiesDir, dir.name, file), 'utf8')) as unknown,
        })),
    );
}

test('every recorded history replays against the current workflow code', async () => {
  const histories = recordedHistories();
  expect(histories.length).toBeGreaterThanOrEqual(34); // v1 (13), inbox-v1 (1), inbox-v2 (1), v2 (19)
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: await workflowBundle() },
    histories,
  )) {
    replayed += 1;
    if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(histories.length);
});
