import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import type { PayloadKeyring } from './keyring';

/** Required by path: failure-converter.ts through tsx or jest, failure-converter.js in dist/. */
export const failureConverterPath = require.resolve('./failure-converter');

/**
 * What every Temporal client and worker of dermclaims uses: payloads encrypted by the AES-256-GCM
 * codec, and failure messages encoded into payloads so the codec encrypts them too.
 */
export function encryptingDataConverter(keyring: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keyring)], failureConverterPath };
}
