/**
 * What the payload codec costs: payloads converted (JSON) and then encrypted + decrypted with
 * AES-256-GCM, against conversion alone, for a staff signal (~100 B) and a claim state as the
 * workflow returns it (~3 KB). Both measured in this run; the ratio is what encryption adds.
 *   npx tsx bench/payload-codec.ts [seconds per case]
 */
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../src/temporal/codec/aes-gcm-codec';
import type { VisitBillingState } from '../src/visit-billing/messages';
import { codedVisit } from '../test/workflows/mock-activities';

const seconds = Number(process.argv[2] ?? 2);
const codec = new AesGcmPayloadCodec({ currentKeyId: 'bench', keys: new Map([['bench', randomBytes(32)]]) });

const signal = {
  action: 'approve',
  reviewer: 'biller-7',
  note: 'coverage confirmed by phone with the payer',
};
const state: VisitBillingState = {
  visitId: 'BENCH-1',
  status: 'closed',
  attempt: 1,
  patientControlNumber: 'PCN1',
  claimId: 'clm-1',
  lines: codedVisit.lines,
  selfPayLines: [],
  diagnosisCodes: codedVisit.diagnosisCodes,
  findings: [],
  pendingPathologyLesionIds: [],
  history: Array.from({ length: 12 }, (_, i) => ({
    at: new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
    status: 'submitted' as const,
    note: `claim PCN1 submitted (attempt ${i + 1}); acknowledged by the payer with category A2`,
  })),
};

async function rate(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2000; i++) await work(); // warm-up (JIT)
  let done = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 100; i++) await work();
    done += 100;
  }
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main(): Promise<void> {
  for (const [name, value] of [
    ['staff signal', signal],
    ['claim state', state],
  ] as const) {
    const size = defaultPayloadConverter.toPayload(value)!.data!.length;
    const convert = async () =>
      defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(value)!);
    const encrypt = async () => {
      const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)!]);
      const [opened] = await codec.decode([sealed as Payload]);
      return defaultPayloadConverter.fromPayload(opened!);
    };
    const plain = await rate(convert);
    const sealed = await rate(encrypt);
    console.log(
      `${name} (${size} B): JSON only ${Math.round(plain).toLocaleString('en-US')}/s, ` +
        `JSON + AES-256-GCM encode+decode ${Math.round(sealed).toLocaleString('en-US')}/s, ` +
        `ratio ${(plain / sealed).toFixed(2)}× (${(1e6 / sealed - 1e6 / plain).toFixed(1)} µs added per payload round trip)`,
    );
  }
}

void main();
