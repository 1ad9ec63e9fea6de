import type { Readable } from 'node:stream';
import type { RemittanceEvent } from './835/read-835';
import { RemittanceReader } from './835/read-835';
import { EnvelopeChecker } from './envelope';
import type { Segment } from './segment';
import { SegmentTokenizer } from './tokenizer';

/** Anything yielding text or bytes: a Node Readable, a web stream reader adapter, an async generator. */
export type ChunkSource = Readable | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Segments of a streamed document, one array per chunk read (cheaper than one await per segment). */
export async function* readSegmentBatches(
  source: ChunkSource,
  options: { checkEnvelope?: boolean } = {},
): AsyncGenerator<Segment[]> {
  const tokenizer = new SegmentTokenizer();
  const checker = options.checkEnvelope === false ? null : new EnvelopeChecker({ strict: true });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const segments = tokenizer.push(text);
    if (checker) for (const segment of segments) checker.accept(segment);
    if (segments.length > 0) yield segments;
  }
  const rest = decoder.decode();
  const tail = [...(rest.length > 0 ? tokenizer.push(rest) : []), ...tokenizer.end()];
  if (checker) for (const segment of tail) checker.accept(segment);
  if (tail.length > 0) yield tail;
  checker?.end();
}

/**
 * Segments of a streamed X12 document, one at a time (bounded memory). Envelope checks run as the
 * segments pass unless `checkEnvelope` is false; the first error is thrown.
 */
export async function* readSegments(
  source: ChunkSource,
  options: { checkEnvelope?: boolean } = {},
): AsyncGenerator<Segment> {
  for await (const batch of readSegmentBatches(source, options)) yield* batch;
}

/**
 * Streams an 835: yields a `payment` event per transaction set, then each claim as soon as it is
 * complete (with its balancing problems), then `paymentEnd` with PLB and payment-level balancing.
 */
export async function* streamRemittances(
  source: ChunkSource,
  options: { checkEnvelope?: boolean } = {},
): AsyncGenerator<RemittanceEvent> {
  const reader = new RemittanceReader();
  for await (const batch of readSegmentBatches(source, options)) {
    const events: RemittanceEvent[] = [];
    for (const segment of batch) {
      for (const event of reader.accept(segment)) events.push(event);
    }
    yield* events;
  }
}
