import type { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';

/** Where the Temporal frontend is and how to prove who we are to it (config.temporal). */
export interface TemporalEndpoint {
  address: string;
  tls?: {
    enabled: boolean;
    /** PEM client certificate and key for mTLS (the frontend requires a client certificate). */
    certPath?: string;
    keyPath?: string;
    /** PEM CA that signed the frontend's certificate (else the system's trusted CAs). */
    caPath?: string;
    /** Expected name in the frontend's certificate, when it differs from the address's host. */
    serverName?: string;
  };
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: error,
    });
  }
}

/**
 * The TLS settings of a Temporal connection from TEMPORAL_TLS_* (false: plain TCP, as with the
 * local dev server). Used for both the client (API) and the worker's native connection.
 */
export function temporalTls(endpoint: TemporalEndpoint): TLSConfig | false {
  const tls = endpoint.tls;
  if (!tls?.enabled) return false;
  const config: TLSConfig = {};
  if (tls.serverName) config.serverNameOverride = tls.serverName;
  if (tls.caPath) config.serverRootCACertificate = readPem(tls.caPath, 'TEMPORAL_TLS_CA');
  if (tls.certPath && tls.keyPath) {
    config.clientCertPair = {
      crt: readPem(tls.certPath, 'TEMPORAL_TLS_CERT'),
      key: readPem(tls.keyPath, 'TEMPORAL_TLS_KEY'),
    };
  }
  return config;
}

/** Options for `Connection.connect` and `NativeConnection.connect`. */
export function temporalConnectionOptions(endpoint: TemporalEndpoint): {
  address: string;
  tls: TLSConfig | false;
} {
  return { address: endpoint.address, tls: temporalTls(endpoint) };
}
