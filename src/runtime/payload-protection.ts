import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { codecTokenAccess } from '../api/codec-access';
import type { CodecServerOptions } from '../api/routes/codec-server';
import type { DermclaimsConfig } from '../config';
import type { Logger } from '../logger';
import { AesGcmPayloadCodec } from '../temporal/codec/aes-gcm-codec';
import { encryptingDataConverter } from '../temporal/codec/data-converter';
import { ensureSecretFile, loadPayloadKeyring, type PayloadKeyring } from '../temporal/codec/keyring';

export interface PayloadProtection {
  keyring: PayloadKeyring;
  dataConverter: DataConverter;
  codecServer: CodecServerOptions;
  /** Where an admin finds the codec token (never the token itself). */
  codecTokenFrom: string;
}

export const LOCAL_CODEC_TOKEN_FILE = 'codec-token';

/**
 * The payload keys (environment, key file, or a key file generated once in the data folder) and
 * the codec server that decodes for an admin holding the codec token.
 */
export function preparePayloadProtection(config: DermclaimsConfig, logger: Logger): PayloadProtection {
  const { keyring, from } = loadPayloadKeyring({ ...config.payloadKeys, dataDir: config.dataDir });
  logger.info(
    { keyId: keyring.currentKeyId, keys: keyring.keys.size, from },
    'payload encryption keys loaded',
  );
  const tokenFile = path.join(config.dataDir, LOCAL_CODEC_TOKEN_FILE);
  const token =
    config.codec.token ??
    ensureSecretFile(tokenFile, () => `${randomBytes(24).toString('base64url')}\n`).trim();
  const access = codecTokenAccess({ token });
  return {
    keyring,
    dataConverter: encryptingDataConverter(keyring),
    codecServer: {
      codec: new AesGcmPayloadCodec(keyring),
      allowedOrigins: config.codec.allowedOrigins,
      authorize: access.authorize,
      signIn: access,
    },
    codecTokenFrom: config.codec.token ? 'DERMCLAIMS_CODEC_TOKEN' : tokenFile,
  };
}
