import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { auditCodecAccess, codecTokenAccess, withStaffKeys } from '../api/codec-access';
import type { CodecServerOptions } from '../api/routes/codec-server';
import type { DermclaimsConfig } from '../config';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import { AesGcmPayloadCodec } from '../temporal/codec/aes-gcm-codec';
import { encryptingDataConverter } from '../temporal/codec/data-converter';
import { ensureSecretFile, loadPayloadKeyring, type PayloadKeyring } from '../temporal/codec/keyring';

export const LOCAL_CODEC_TOKEN_FILE = 'codec-token';

/**
 * The payload keys: from the environment or a key file, or (embedded dev server only) a key file
 * generated once in the data folder. A real cluster gets its keys passed in: every process must
 * share them.
 */
export function loadPayloadProtection(
  config: DermclaimsConfig,
  logger: Logger,
): { keyring: PayloadKeyring; dataConverter: DataConverter } {
  const { keyring, from } = loadPayloadKeyring({
    ...config.payloadKeys,
    dataDir: config.dataDir,
    generate: !config.temporal.address,
  });
  logger.info(
    { keyId: keyring.currentKeyId, keys: keyring.keys.size, from },
    'payload encryption keys loaded',
  );
  return { keyring, dataConverter: encryptingDataConverter(keyring) };
}

/**
 * The codec server for the API: decodes for an admin holding the codec token (environment, or
 * with the embedded dev server a token generated once into the data folder). `tokenFrom` says
 * where an admin finds the token, never the token itself.
 */
export function codecServerFor(
  config: DermclaimsConfig,
  keyring: PayloadKeyring,
  db: Pick<Database, 'apiKey' | 'auditEvent'>,
): { codecServer: CodecServerOptions; tokenFrom: string } {
  const tokenFile = path.join(config.dataDir, LOCAL_CODEC_TOKEN_FILE);
  if (!config.codec.token && config.temporal.address) {
    throw new Error('set DERMCLAIMS_CODEC_TOKEN: the API serves the codec server (docs/phi.md)');
  }
  const token =
    config.codec.token ??
    ensureSecretFile(tokenFile, () => `${randomBytes(24).toString('base64url')}\n`).trim();
  const access = codecTokenAccess({ token });
  return {
    codecServer: {
      codec: new AesGcmPayloadCodec(keyring),
      allowedOrigins: config.codec.allowedOrigins,
      authorize: withStaffKeys(db, access.authorize),
      signIn: access,
      onAccess: auditCodecAccess(db),
    },
    tokenFrom: config.codec.token ? 'DERMCLAIMS_CODEC_TOKEN' : tokenFile,
  };
}
