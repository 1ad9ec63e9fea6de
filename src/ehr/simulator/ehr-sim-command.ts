import { apiTargetFromEnv, describeFetchError } from '../../demo/api-client';
import { loadConfig } from '../../config';
import { loadEhrConnections } from '../connections';
import { runEhrSimulator } from './ehr-sim';

/** `dermclaims ehr-sim`: prints one line per delivery; exit code 1 when one was refused. */
export async function runEhrSimCommand(options: {
  api: string;
  seed: string;
  connection: string;
  mllp: string;
}): Promise<number> {
  const seed = Number(options.seed);
  const [host, port] = options.mllp.split(':');
  if (!Number.isInteger(seed) || seed < 0 || !host || !Number(port)) {
    console.error('--seed must be a whole number and --mllp host:port');
    return 2;
  }
  const connection = loadEhrConnections(loadConfig().ehr.connectionsFile).byId(options.connection);
  if (!connection) {
    console.error(`no EHR connection "${options.connection}" in the connections file`);
    return 2;
  }
  const target = await apiTargetFromEnv(options.api);
  try {
    const deliveries = await runEhrSimulator({
      target,
      seed,
      connection,
      mllp: { host, port: Number(port) },
    });
    console.log(`demo EHR "${connection.id}", seed ${seed}:`);
    for (const d of deliveries)
      console.log(`  ${d.form.padEnd(20)} ${d.visitId.padEnd(16)} ${d.answer.padEnd(4)} ${d.outcome}`);
    return deliveries.every((d) => d.answer === '202' || d.answer === 'AA') ? 0 : 1;
  } catch (error) {
    console.error(describeFetchError(error, target.apiUrl));
    return 1;
  }
}
