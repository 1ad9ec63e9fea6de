import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import type { PayloadKeyring } from './keyring';

export const failureConverterPath = path.resolve(__dirname, 'failure-converter.ts');

/**
 * What every Temporal client and worker of dermclaims uses: payloads encrypted by the AES-256-GCM
 * codec, and failure messages encoded into payloads so the codec encrypts them too.
 */
export function encryptingDataConverter(keyring: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keyring)], failureConverterPath };
}
