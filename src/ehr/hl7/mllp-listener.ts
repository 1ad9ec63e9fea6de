import { Hl7Connection, type Hl7ErrorEvent, type Hl7MessageEvent } from '@medplum/hl7';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { EhrConnections } from '../connections';
import type { EhrIntakeDependencies } from '../intake';
import { connectionBySender, receiveHl7Message } from './receive-message';

/** The default MLLP port of `npm start` and `dermclaims hl7` (docs/integrations.md). */
export const DEFAULT_MLLP_PORT = 2575;

export interface MllpListener {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The MLLP listener: `@medplum/hl7`'s Hl7Connection does the framing on each socket, and each
 * message is answered with its ACK on the same connection. MLLP carries no credentials, so the
 * listener binds to one address (loopback by default; a private interface or VPN in production)
 * and a message must name a configured connection in MSH-3/MSH-4. Logs carry ids and ACK codes only.
 */
export async function startMllpListener(
  deps: EhrIntakeDependencies,
  connections: EhrConnections,
  options: { port?: number; host?: string } = {},
): Promise<MllpListener> {
  const connectionFor = connectionBySender(connections);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const connection = new Hl7Connection(socket, 'utf-8');
    connection.addEventListener('message', (event: Hl7MessageEvent) => {
      void receiveHl7Message(deps, event.message.toString(), connectionFor).then(
        (reply) => {
          deps.logger.info(
            { controlId: event.message.header.getComponent(10, 1), ack: reply.code },
            'HL7 message acknowledged',
          );
          if (!connection.isClosed()) connection.send(reply.ack);
        },
        (error: unknown) => deps.logger.error({ err: error }, 'HL7 message not acknowledged'),
      );
    });
    connection.addEventListener('error', (event: Hl7ErrorEvent) =>
      deps.logger.warn({ err: { name: event.error.name } }, 'MLLP connection error'),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_MLLP_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    host,
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
