import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The payload keys: `currentKeyId` encrypts, every key decrypts. */
export interface PayloadKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface PayloadKeySource {
  /** DERMCLAIMS_PAYLOAD_KEYS: `id:base64key,id:base64key`, the first one current. */
  keys?: string;
  /** DERMCLAIMS_PAYLOAD_KEY_FILE: a JSON key file (see keyFileText). */
  keyFile?: string;
  /** Where the embedded default keeps its generated key file. */
  dataDir: string;
  /** False against a real cluster: every process must be given the same keys. */
  generate?: boolean;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const LOCAL_KEY_FILE = 'payload-keys.json';

function decodeKey(id: string, text: string): Buffer {
  if (!KEY_ID.test(id))
    throw new Error(`payload key id "${id}" must be 1-64 letters, digits, ".", "_" or "-"`);
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== text.trim().replace(/=+$/, '')) {
    throw new Error(`payload key ${id} must be 32 bytes in base64 (e.g. "openssl rand -base64 32")`);
  }
  return key;
}

function keyring(entries: Array<[string, string]>, currentKeyId: string | undefined): PayloadKeyring {
  if (entries.length === 0) throw new Error('no payload keys given');
  const keys = new Map<string, Buffer>();
  for (const [id, text] of entries) {
    if (keys.has(id)) throw new Error(`payload key id ${id} is given twice`);
    keys.set(id, decodeKey(id, text));
  }
  const current = currentKeyId ?? entries[0]![0];
  if (!keys.has(current)) throw new Error(`the current payload key ${current} is not among the keys`);
  return { currentKeyId: current, keys };
}

/** `id:base64,id:base64` (the first is current). */
export function parsePayloadKeys(text: string): PayloadKeyring {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): [string, string] => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error('DERMCLAIMS_PAYLOAD_KEYS entries are "id:base64key", comma-separated');
      return [entry.slice(0, colon), entry.slice(colon + 1)];
    });
  return keyring(entries, undefined);
}

/** `{ "currentKeyId": "k2", "keys": { "k2": "base64…", "k1": "base64…" } }` */
export function parsePayloadKeyFile(text: string, where: string): PayloadKeyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`payload key file ${where} is not JSON`);
  }
  const file = json as { currentKeyId?: unknown; keys?: unknown };
  if (typeof file.keys !== 'object' || file.keys === null || Array.isArray(file.keys)) {
    throw new Error(`payload key file ${where} needs "keys": { "<id>": "<base64 key>" }`);
  }
  const entries = Object.entries(file.keys).map(([id, key]): [string, string] => [id, String(key)]);
  return keyring(entries, typeof file.currentKeyId === 'string' ? file.currentKeyId : undefined);
}

export function keyFileText(ring: PayloadKeyring): string {
  const keys = Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')]));
  return `${JSON.stringify({ currentKeyId: ring.currentKeyId, keys }, null, 2)}\n`;
}

/**
 * A secret file under the data folder, created once (exclusively, mode 0600) and read ever after.
 * For the embedded `npm start` default only; deployments pass their secrets in.
 */
export function ensureSecretFile(file: string, create: () => string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8');
}

export function generatedKeyring(): PayloadKeyring {
  const id = `local-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  return { currentKeyId: id, keys: new Map([[id, randomBytes(32)]]) };
}

/**
 * The environment's keys, else the key file, else (the embedded default only) the local key file
 * generated in the data folder.
 */
export function loadPayloadKeyring(source: PayloadKeySource): { keyring: PayloadKeyring; from: string } {
  if (source.keys) return { keyring: parsePayloadKeys(source.keys), from: 'DERMCLAIMS_PAYLOAD_KEYS' };
  if (source.keyFile) {
    return {
      keyring: parsePayloadKeyFile(readFileSync(source.keyFile, 'utf8'), source.keyFile),
      from: source.keyFile,
    };
  }
  if (source.generate === false) {
    throw new Error(
      'set DERMCLAIMS_PAYLOAD_KEYS or DERMCLAIMS_PAYLOAD_KEY_FILE: the API and every worker need the same payload keys (docs/phi.md)',
    );
  }
  const file = path.join(source.dataDir, LOCAL_KEY_FILE);
  const text = ensureSecretFile(file, () => keyFileText(generatedKeyring()));
  return { keyring: parsePayloadKeyFile(text, file), from: file };
}
