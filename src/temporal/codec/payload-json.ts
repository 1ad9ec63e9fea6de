import type { Payload } from '@temporalio/common';
import { z } from 'zod';

/**
 * Payloads as the codec-server protocol carries them (proto3 JSON of temporal.api.common.v1.Payloads):
 * `{ "payloads": [ { "metadata": { "encoding": "<base64>" }, "data": "<base64>" } ] }`.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const PayloadsJsonSchema = z.object({
  payloads: z
    .array(
      z.object({
        metadata: z.record(z.string().max(256), base64).nullish(),
        data: base64.nullish(),
      }),
    )
    .max(10_000),
});

export type PayloadsJson = z.infer<typeof PayloadsJsonSchema>;

export function payloadsFromJson(json: PayloadsJson): Payload[] {
  return json.payloads.map(({ metadata, data }) => ({
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(data ?? '', 'base64'),
  }));
}

export function payloadsToJson(payloads: Payload[]): PayloadsJson {
  return {
    payloads: payloads.map(({ metadata, data }) => ({
      metadata: Object.fromEntries(
        Object.entries(metadata ?? {}).map(([k, v]) => [
          k,
          Buffer.from(v ?? new Uint8Array()).toString('base64'),
        ]),
      ),
      data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
