import type { Readable } from 'node:stream';
import type { RemittanceEvent } from './835/read-835';
import { RemittanceReader } from './835/read-835';
import { EnvelopeChecker } from './envelope';
import type { Segment } from './segment';
import { SegmentTokenizer } from './tokenizer';

/** Anything yielding text or bytes: a Node Readable, a web stream reader adapter, an async generator. */
export type ChunkSource = Readable | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Characters or bytes tokenized per step. */
const SLICE = 32 * 1024;

export interface StreamOptions {
  /** Envelope and segment-definition checks as the segments pass (default true). */
  checkEnvelope?: boolean;
}

/**
 * Feeds every segment of a streamed document to `sink`, chunk by chunk, and calls `afterChunk`
 * once a chunk is tokenized (so a caller can hand on what the chunk produced). Envelope checks run
 * as the segments pass unless `checkEnvelope` is false; the first error is thrown.
 */
async function* pumpSegments(
  source: ChunkSource,
  options: StreamOptions,
  sink: (segment: Segment) => void,
): AsyncGenerator<void> {
  const tokenizer = new SegmentTokenizer();
  const checker = options.checkEnvelope === false ? null : new EnvelopeChecker({ strict: true });
  const accept = checker
    ? (segment: Segment) => {
        checker.accept(segment);
        sink(segment);
      }
    : sink;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>) {
    // Slices keep what one step holds small: 32 KB strings die young (a 256 KB read decoded at once
    // would go to V8's large-object space and linger until a full GC), and so do a slice's events.
    for (let at = 0; at < chunk.length; at += SLICE) {
      const piece =
        typeof chunk === 'string'
          ? chunk.length <= SLICE
            ? chunk
            : chunk.slice(at, at + SLICE)
          : decoder.decode(chunk.subarray(at, at + SLICE), { stream: true });
      tokenizer.feed(piece, accept);
      yield;
    }
  }
  const rest = decoder.decode();
  if (rest.length > 0) tokenizer.feed(rest, accept);
  for (const segment of tokenizer.end()) accept(segment);
  checker?.end();
  yield;
}

/** Segments of a streamed document, one array per chunk read (cheaper than one await per segment). */
export async function* readSegmentBatches(
  source: ChunkSource,
  options: StreamOptions = {},
): AsyncGenerator<Segment[]> {
  let batch: Segment[] = [];
  for await (const _ of pumpSegments(source, options, (segment) => batch.push(segment))) {
    if (batch.length === 0) continue;
    const full = batch;
    batch = [];
    yield full;
  }
}

/**
 * Segments of a streamed X12 document, one at a time (bounded memory). Envelope checks run as the
 * segments pass unless `checkEnvelope` is false; the first error is thrown.
 */
export async function* readSegments(
  source: ChunkSource,
  options: StreamOptions = {},
): AsyncGenerator<Segment> {
  for await (const batch of readSegmentBatches(source, options)) yield* batch;
}

/**
 * Streams an 835 as batches of events, one batch per 32 KB read (bounded memory): the cheapest way
 * to consume a large file, with no await per claim. Events come in the order `streamRemittances`
 * gives them.
 */
export async function* streamRemittanceBatches(
  source: ChunkSource,
  options: StreamOptions = {},
): AsyncGenerator<RemittanceEvent[]> {
  const reader = new RemittanceReader();
  let events: RemittanceEvent[] = [];
  for await (const _ of pumpSegments(source, options, (segment) => reader.acceptInto(segment, events))) {
    if (events.length === 0) continue;
    const ready = events;
    events = [];
    yield ready;
  }
}

/**
 * Streams an 835: yields a `payment` event per transaction set, then each claim as soon as it is
 * complete (with its balancing problems), then `paymentEnd` with PLB and payment-level balancing.
 * Segments go straight from the tokenizer to the reader: only the events of a slice are held.
 */
export async function* streamRemittances(
  source: ChunkSource,
  options: StreamOptions = {},
): AsyncGenerator<RemittanceEvent> {
  for await (const batch of streamRemittanceBatches(source, options)) yield* batch;
}
