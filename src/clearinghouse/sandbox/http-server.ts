import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createDatabase, type Database } from '../../db/client';
import { X12Error, x12ErrorBody } from '../../x12';
import type { SandboxTiming } from './sandbox-payer';
import { INSTANT_TIMING, SandboxPayer } from './sandbox-payer';

/** RFC 1767 media type of X12 text. */
export const X12_MEDIA_TYPE = 'application/edi-x12';

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) =>
  handler(req, res).catch(next);

/**
 * The sandbox clearinghouse over HTTP, shaped like a real one (docs/sandbox.md):
 *   POST /x12/837        X12 body + Idempotency-Key → 202 {submissionId, newlyAccepted, ack999}
 *   POST /x12/270        X12 body → 271 text          POST /x12/276  X12 body → 277 text
 *   GET  /inbound?after= → {documents: [{id, kind, receivedAt}], nextCursor}
 *   GET  /inbound/:id    → X12 text (X-Document-Kind, X-Submission-Id headers)
 *   GET  /submissions/:id/837 → the 837P as received
 * Unreadable X12 → 400 {error, ta1?, ack999?}; nothing is stored.
 */
export function createSandboxHttpApp(payer: SandboxPayer): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: () => true, limit: '50mb' }));

  const x12Body = (req: Request): string => {
    if (typeof req.body !== 'string' || req.body.trim() === '')
      throw new X12Error('MISSING_SEGMENT', 'the request body must be X12 text', {
        segmentId: 'ISA',
        expected: 'ISA',
        found: 'empty body',
      });
    return req.body;
  };

  /** Runs an exchange; X12Error → 400 with the error, and the TA1/999 rejecting the text. */
  const exchange = (work: (x12: string, req: Request, res: Response) => Promise<void>): Handler => {
    return async (req, res) => {
      let x12 = '';
      try {
        x12 = x12Body(req);
        await work(x12, req, res);
      } catch (error) {
        if (!(error instanceof X12Error)) throw error;
        const rejection = x12 ? await payer.rejection(x12, error) : {};
        res.status(400).json({ error: x12ErrorBody(error), ...rejection });
      }
    };
  };

  app.get('/health', (_req, res) => void res.json({ ok: true }));

  app.post(
    '/x12/837',
    route(async (req, res) => {
      const key = req.get('idempotency-key');
      if (!key || key.length > 255) {
        res.status(400).json({
          error: { code: 'IDEMPOTENCY_KEY', message: 'Idempotency-Key header (1-255 chars) is required' },
        });
        return;
      }
      await exchange(async (x12) => {
        const receipt = await payer.receive837(x12, key);
        if (!receipt.newlyAccepted) res.set('Idempotent-Replayed', 'true');
        res.status(202).location(`/submissions/${receipt.submissionId}`).json(receipt);
      })(req, res);
    }),
  );

  app.post(
    '/x12/270',
    route(
      exchange(async (x12, _req, res) => {
        res.type(X12_MEDIA_TYPE).send(await payer.answer270(x12));
      }),
    ),
  );

  app.post(
    '/x12/276',
    route(
      exchange(async (x12, _req, res) => {
        res.type(X12_MEDIA_TYPE).send(await payer.answer276(x12));
      }),
    ),
  );

  app.get(
    '/inbound',
    route(async (req, res) => {
      const after = typeof req.query.after === 'string' && req.query.after !== '' ? req.query.after : null;
      if (after !== null && !/^\d+$/.test(after)) {
        res
          .status(400)
          .json({ error: { code: 'CURSOR', message: 'after must be a cursor returned by GET /inbound' } });
        return;
      }
      const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 500);
      res.json(await payer.listInbound(after, limit));
    }),
  );

  app.get(
    '/inbound/:id',
    route(async (req, res) => {
      const document = await payer.document(String(req.params.id));
      if (!document) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such document' } });
        return;
      }
      res.set('X-Document-Kind', document.kind).set('X-Received-At', document.receivedAt);
      if (document.submissionId) res.set('X-Submission-Id', document.submissionId);
      res.type(X12_MEDIA_TYPE).send(document.raw);
    }),
  );

  app.get(
    '/submissions/:id',
    route(async (req, res) => {
      const submission = await payer.submission(String(req.params.id));
      if (!submission) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such submission' } });
        return;
      }
      res.json({ submissionId: submission.submissionId, receivedAt: submission.receivedAt });
    }),
  );

  app.get(
    '/submissions/:id/837',
    route(async (req, res) => {
      const submission = await payer.submission(String(req.params.id));
      if (!submission) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such submission' } });
        return;
      }
      res.type(X12_MEDIA_TYPE).send(submission.x12);
    }),
  );

  app.use((req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` } });
  });
  // Express recognises an error handler by its four parameters.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: (error as Error).message } });
      return;
    }
    // No PHI in responses: the message of an unexpected error is not echoed.
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  return app;
}

export interface RunningSandboxServer {
  url: string;
  server: Server;
  payer: SandboxPayer;
  stop(): Promise<void>;
}

/** Starts the sandbox HTTP service on host:port (port 0 = ephemeral). */
export async function startSandboxHttpServer(options: {
  db?: Database;
  databaseUrl?: string;
  port?: number;
  host?: string;
  timing?: SandboxTiming;
  clock?: () => Date;
}): Promise<RunningSandboxServer> {
  const ownDb = options.db ? undefined : createDatabase(requireUrl(options.databaseUrl));
  const db = options.db ?? ownDb!;
  const payer = new SandboxPayer(db, options.timing ?? INSTANT_TIMING, options.clock);
  const app = createSandboxHttpApp(payer);
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    payer,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ownDb?.$disconnect();
    },
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('the sandbox clearinghouse needs a database: set DATABASE_URL');
  return url;
}
