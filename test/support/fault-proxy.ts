import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../src/demo/visit-generator';

export interface FaultCounts {
  forwarded: number;
  /** Answered 503 without reaching the clearinghouse. */
  refused: number;
  /** Forwarded, answered by the clearinghouse (its work done), then the connection dropped. */
  dropped: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Forwards one request and reads the whole answer, so the clearinghouse finishes its work. */
function forward(target: URL, req: IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
    (resolve, reject) => {
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) =>
          void readBody(res).then(
            (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
            reject,
          ),
      );
      upstream.on('error', reject);
      upstream.end(body);
    },
  );
}

/**
 * An HTTP proxy in front of the clearinghouse that fails `failureRate` of the calls: half answered
 * 503 before they reach it, half forwarded and answered by it, then the connection to the caller
 * dropped (the caller cannot tell whether the work was done). Seeded, so a run can be repeated.
 */
export async function startFaultProxy(options: {
  target: string;
  failureRate: number;
  seed?: number;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 7);
  const counts: FaultCounts = { forwarded: 0, refused: 0, dropped: 0 };
  const server: Server = createServer((req, res) => {
    const roll = random();
    void readBody(req)
      .then(async (body) => {
        if (roll < options.failureRate / 2) {
          counts.refused++;
          res.writeHead(503, { 'content-type': 'application/json' });
          return void res.end('{"error":{"code":"FAULT","message":"injected 503"}}');
        }
        const answer = await forward(target, req, body);
        if (roll < options.failureRate) {
          counts.dropped++;
          return void req.socket.destroy();
        }
        counts.forwarded++;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      })
      .catch(() => {
        // The clearinghouse itself is down (restarting): the caller sees a 502 and retries.
        if (!res.headersSent) res.writeHead(502).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
