import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from '../../src/temporal/codec/aes-gcm-codec';
import { failureConverter } from '../../src/temporal/codec/failure-converter';
import {
  keyFileText,
  loadPayloadKeyring,
  LOCAL_KEY_FILE,
  parsePayloadKeyFile,
  parsePayloadKeys,
  type PayloadKeyring,
} from '../../src/temporal/codec/keyring';
import { boundFreeText, boundText, DEFAULT_TEXT_LIMIT } from '../../src/temporal/free-text';
import { madeUpPhi, phiFoundIn } from './made-up-phi';

const key = () => randomBytes(32).toString('base64');
const ring = (current: string, ...ids: string[]): PayloadKeyring => ({
  currentKeyId: current,
  keys: new Map([current, ...ids].map((id) => [id, Buffer.from((keyText[id] ??= key()), 'base64')])),
});
const keyText: Record<string, string> = {};

const decision = { action: 'approve', reviewer: 'biller-7', note: madeUpPhi.note };
const plain = (): Payload => defaultPayloadConverter.toPayload(decision)!;
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1');
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

test('payloads are encrypted whole: metadata says binary/encrypted and the key id, nothing readable remains', async () => {
  const codec = new AesGcmPayloadCodec(ring('k1'));
  const [sealed] = await codec.encode([plain()]);
  expect(meta(sealed!, 'encoding')).toBe(ENCRYPTED_ENCODING);
  expect(meta(sealed!, KEY_ID_METADATA)).toBe('k1');
  expect(phiFoundIn(text(sealed!))).toEqual([]);
  expect(text(sealed!)).not.toContain('json/plain');
  const [opened] = await codec.decode([sealed!]);
  expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(decision);
  expect(meta(opened!, 'encoding')).toBe('json/plain');
});

test('the same payload encrypts differently every time (random IV)', async () => {
  const codec = new AesGcmPayloadCodec(ring('k1'));
  const [a, b] = await codec.encode([plain(), plain()]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('rotation: the new key encrypts, old payloads still decrypt; a retired key cannot be read', async () => {
  const old = new AesGcmPayloadCodec(ring('2026-a'));
  const [before] = await old.encode([plain()]);
  const rotated = new AesGcmPayloadCodec(ring('2026-b', '2026-a'));
  const [after] = await rotated.encode([plain()]);
  expect(meta(after!, KEY_ID_METADATA)).toBe('2026-b');
  const decoded = await rotated.decode([before!, after!]);
  expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([decision, decision]);
  await expect(new AesGcmPayloadCodec(ring('2026-b')).decode([before!])).rejects.toThrow(
    PayloadDecryptionError,
  );
});

test('tampering is detected: a flipped byte, or a key id swapped in the metadata', async () => {
  const codec = new AesGcmPayloadCodec(ring('k1', 'k2'));
  const [sealed] = await codec.encode([plain()]);
  const flipped = Buffer.from(sealed!.data!);
  flipped[20] = flipped[20]! ^ 1;
  await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow(/does not authenticate/);
  const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/does not authenticate/);
  await expect(codec.decode([{ ...sealed!, data: flipped.subarray(0, 10) }])).rejects.toThrow(/truncated/);
});

test('plain payloads (histories from before the codec) pass through decode unchanged', async () => {
  const codec = new AesGcmPayloadCodec(ring('k1'));
  const payload = plain();
  expect(await codec.decode([payload])).toEqual([payload]);
});

test('failure messages and stack traces are encoded into a payload the codec then encrypts', async () => {
  const failure = failureConverter.errorToFailure(
    new Error(`could not store ${madeUpPhi.lastName}`),
    defaultPayloadConverter,
  );
  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace).toBe('');
  const codec = new AesGcmPayloadCodec(ring('k1'));
  const [sealed] = await codec.encode([failure.encodedAttributes!]);
  expect(phiFoundIn(text(sealed!))).toEqual([]);
  const restored = failureConverter.failureToError(
    { ...failure, encodedAttributes: (await codec.decode([sealed!]))[0] },
    defaultPayloadConverter,
  );
  expect(restored.message).toBe(`could not store ${madeUpPhi.lastName}`);
});

describe('keys', () => {
  test('DERMCLAIMS_PAYLOAD_KEYS: id:base64 pairs, the first current', () => {
    const [a, b] = [key(), key()];
    const parsed = parsePayloadKeys(` new:${a}, old:${b} `);
    expect(parsed.currentKeyId).toBe('new');
    expect([...parsed.keys.keys()]).toEqual(['new', 'old']);
    expect(parsed.keys.get('old')!.toString('base64')).toBe(b);
  });

  const key32 = Buffer.alloc(32, 7).toString('base64');
  test.each([
    ['', /no payload keys/],
    ['nokey', /"id:base64key"/],
    [`k1:${Buffer.alloc(16, 7).toString('base64')}`, /32 bytes/],
    ['k1:not base64 at all!!', /32 bytes/],
    [`bad id:${key32}`, /key id/],
    [`k1:${key32},k1:${key32}`, /twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parsePayloadKeys(text)).toThrow(message);
  });

  test('a key file names its current key; a current key that is missing is refused', () => {
    const file = keyFileText(ring('k2', 'k1'));
    expect(parsePayloadKeyFile(file, 'f').currentKeyId).toBe('k2');
    const broken = JSON.stringify({ currentKeyId: 'k9', keys: JSON.parse(file).keys });
    expect(() => parsePayloadKeyFile(broken, 'f')).toThrow(/k9 is not among/);
    expect(() => parsePayloadKeyFile('{', 'f')).toThrow(/not JSON/);
  });

  test('the embedded default generates one key file, mode 0600, and keeps it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dermclaims-keys-'));
    try {
      const first = loadPayloadKeyring({ dataDir });
      const file = path.join(dataDir, LOCAL_KEY_FILE);
      expect(first.from).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = loadPayloadKeyring({ dataDir });
      expect(again.keyring.currentKeyId).toBe(first.keyring.currentKeyId);
      expect(again.keyring.keys.get(again.keyring.currentKeyId)).toEqual(
        first.keyring.keys.get(first.keyring.currentKeyId),
      );
      expect(loadPayloadKeyring({ dataDir, keyFile: file }).keyring.currentKeyId).toBe(
        first.keyring.currentKeyId,
      );
      expect(JSON.parse(readFileSync(file, 'utf8')).keys).toBeDefined();
      // Environment keys win over any file.
      expect(loadPayloadKeyring({ dataDir, keys: `env:${key()}` }).keyring.currentKeyId).toBe('env');
      // Against a real cluster nothing is generated: API and workers must share the keys.
      expect(() => loadPayloadKeyring({ dataDir: path.join(dataDir, 'other'), generate: false })).toThrow(
        /set DERMCLAIMS_PAYLOAD_KEYS/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('free text bounds', () => {
  test('each field has its limit; code points are never split', () => {
    const long = 'é'.repeat(800);
    const bounded = boundFreeText({
      action: 'approve',
      reviewer: 'r'.repeat(100),
      note: long,
      reasons: ['x'.repeat(400), 'short'],
      nested: { message: '😀'.repeat(400) },
      other: 'y'.repeat(5000),
      units: 3,
    });
    expect(bounded.reviewer).toHaveLength(64);
    expect(bounded.note).toHaveLength(500);
    expect(bounded.note.endsWith('…')).toBe(true);
    expect(bounded.reasons.map((r) => r.length)).toEqual([300, 5]);
    expect(bounded.nested.message.length).toBeLessThanOrEqual(300);
    expect(bounded.nested.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone surrogate
    expect(bounded.other).toHaveLength(DEFAULT_TEXT_LIMIT);
    expect(bounded.units).toBe(3);
    expect(boundText('short', 10)).toBe('short');
  });
});
