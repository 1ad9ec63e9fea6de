import type { Logger } from '../logger';
import { loadEhrConnections, type EhrConnections } from './connections';
import { startMllpListener } from './hl7/mllp-listener';
import type { EhrIntakeDependencies } from './intake';

export interface EhrRuntimeSettings {
  connectionsFile: string;
  mllp?: { port: number; host: string };
}

/** The EHR connections the API serves (`npm start` reads config/ehr-connections.json by default). */
export function ehrConnectionsFor(settings: EhrRuntimeSettings): EhrConnections {
  return loadEhrConnections(settings.connectionsFile);
}

/** Starts the MLLP listener next to the API (unless MLLP_PORT=off); returns how to stop it. */
export async function startEhrListener(
  settings: EhrRuntimeSettings,
  connections: EhrConnections,
  deps: EhrIntakeDependencies,
  logger: Logger,
): Promise<() => Promise<void>> {
  if (!settings.mllp) return async () => {};
  const listener = await startMllpListener(deps, connections, settings.mllp);
  logger.info({ host: listener.host, port: listener.port }, 'HL7 v2 MLLP listener started');
  return listener.stop;
}
