/**
 * The Temporal client side of mTLS (TEMPORAL_TLS_*), against a real frontend: the dev server
 * speaks plain gRPC, so a TLS terminator in front of it plays the cluster's frontend, requiring a
 * client certificate signed by the cluster's client CA (as `TEMPORAL_TLS_REQUIRE_CLIENT_AUTH`
 * does on a real server). Certificates come from scripts/temporal-certs.sh, as a deployment's do.
 */
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { loadConfig } from '../../src/config';
import { temporalConnectionOptions, type TemporalEndpoint } from '../../src/temporal/connection';
import { devServerEnvironment } from '../support/temporal';

const dir = mkdtempSync(path.join(tmpdir(), 'temporal-tls-'));
/** Certificates as scripts/temporal-certs.sh makes them: the cluster's, and an unrelated CA's. */
const cert = (pki: 'cluster' | 'rogue', party: string, name: 'ca.pem' | 'cert.pem' | 'key.pem') =>
  path.join(dir, pki, party, name);

let env: TestWorkflowEnvironment;
let frontend: tls.Server;
let address = '';

beforeAll(async () => {
  for (const pki of ['cluster', 'rogue'])
    execFileSync('bash', [path.join(__dirname, '../../scripts/temporal-certs.sh'), path.join(dir, pki)], {
      stdio: 'pipe',
    });
  env = await devServerEnvironment();
  const [host, port] = env.address.split(':') as [string, string];
  frontend = tls.createServer(
    {
      key: readFileSync(cert('cluster', 'server', 'key.pem')),
      cert: readFileSync(cert('cluster', 'server', 'cert.pem')),
      ca: readFileSync(cert('cluster', 'server', 'ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = net.connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close);
      upstream.on('error', close);
    },
  );
  frontend.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(frontend.address() as net.AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => frontend?.close(() => resolve()));
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

const endpoint = (client: { pki: 'cluster' | 'rogue'; party: string } | null): TemporalEndpoint => ({
  address,
  tls: {
    enabled: true,
    caPath: cert('cluster', 'worker', 'ca.pem'),
    serverName: 'temporal',
    ...(client
      ? {
          certPath: cert(client.pki, client.party, 'cert.pem'),
          keyPath: cert(client.pki, client.party, 'key.pem'),
        }
      : {}),
  },
});
const worker = { pki: 'cluster', party: 'worker' } as const;
const api = { pki: 'cluster', party: 'api' } as const;

async function systemInfo(options: TemporalEndpoint): Promise<unknown> {
  const connection = await Connection.connect({
    ...temporalConnectionOptions(options),
    connectTimeout: 3000,
  });
  try {
    return await connection.workflowService.getSystemInfo({});
  } finally {
    await connection.close();
  }
}

describe('mTLS to the Temporal frontend (TEMPORAL_TLS_CERT / _KEY / _CA / _SERVER_NAME)', () => {
  it('the API’s client connects with the cluster-signed client certificate', async () => {
    await expect(systemInfo(endpoint(api))).resolves.toHaveProperty('capabilities');
  });

  it('the worker’s native connection connects with the same settings', async () => {
    const connection = await NativeConnection.connect(temporalConnectionOptions(endpoint(worker)));
    try {
      await expect(connection.workflowService.getSystemInfo({})).resolves.toHaveProperty('capabilities');
    } finally {
      await connection.close();
    }
  });

  it('is refused without a client certificate, or with one from another CA', async () => {
    await expect(systemInfo(endpoint(null))).rejects.toThrow();
    await expect(systemInfo(endpoint({ pki: 'rogue', party: 'worker' }))).rejects.toThrow();
  });

  it('checks the frontend’s certificate: another CA, or another name, is refused', async () => {
    const otherCa = endpoint(worker);
    otherCa.tls!.caPath = cert('rogue', 'worker', 'ca.pem');
    await expect(systemInfo(otherCa)).rejects.toThrow();
    const otherName = endpoint(worker);
    otherName.tls!.serverName = 'someone-else.test';
    await expect(systemInfo(otherName)).rejects.toThrow();
  });

  it('reads the settings from the environment, and says which file it cannot read', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CERT: cert('cluster', 'worker', 'cert.pem'),
      TEMPORAL_TLS_KEY: cert('cluster', 'worker', 'key.pem'),
      TEMPORAL_TLS_CA: cert('cluster', 'worker', 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal',
    });
    const options = temporalConnectionOptions({ address, tls: config.temporal.tls });
    expect(options.tls).toMatchObject({ serverNameOverride: 'temporal' });
    expect(options.tls && options.tls.clientCertPair?.crt).toEqual(
      readFileSync(cert('cluster', 'worker', 'cert.pem')),
    );
    expect(temporalConnectionOptions({ address, tls: loadConfig({}).temporal.tls }).tls).toBe(false);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: cert('cluster', 'worker', 'cert.pem') })).toThrow(
      /TEMPORAL_TLS_KEY go together/,
    );
    expect(() =>
      temporalConnectionOptions({ address, tls: { enabled: true, caPath: path.join(dir, 'missing.pem') } }),
    ).toThrow(/cannot read TEMPORAL_TLS_CA .*missing\.pem: ENOENT/);
  });
});
