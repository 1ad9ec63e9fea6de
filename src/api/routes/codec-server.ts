import type { PayloadCodec } from '@temporalio/common';
import cors from 'cors';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../logger';
import { PayloadDecryptionError } from '../../temporal/codec/aes-gcm-codec';
import { payloadsFromJson, payloadsToJson, PayloadsJsonSchema } from '../../temporal/codec/payload-json';
import { presentsCredential, type CodecAuthorizer, type CodecTokenAccess } from '../codec-access';
import { route } from '../http';

export interface CodecAccessEvent {
  action: 'decode' | 'encode';
  namespace: string | undefined;
  payloads: number;
  request: Request;
}

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Origins of the Temporal Web UI (CORS), e.g. http://127.0.0.1:8233. */
  allowedOrigins: string[];
  authorize: CodecAuthorizer;
  /** A browser sign-in page at /codec/login (the embedded token access provides one). */
  signIn?: Pick<CodecTokenAccess, 'signIn' | 'signOut'>;
  /** Every served request, e.g. for the audit trail (decoded payloads are patient data). */
  onAccess?: (event: CodecAccessEvent) => void | Promise<void>;
}

/**
 * Temporal's codec-server protocol: POST …/encode and …/decode with Payloads as proto3 JSON, for
 * the Temporal Web UI (through CORS, with credentials) and the Temporal CLI (--codec-endpoint,
 * --codec-auth). Only an authorised caller gets plain payloads: 401 without a credential, 403 with
 * one that is not allowed or from an origin that is not the UI's.
 */
export function codecServerRoutes(options: CodecServerOptions, logger: Logger): Router {
  const router = Router();
  const allowed = new Set(options.allowedOrigins);
  const corsHeaders = cors({
    origin: options.allowedOrigins,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'X-Namespace', 'Authorization'],
    maxAge: 600,
  });
  // Logged (ids and counts only) and handed to onAccess (the audit trail).
  const onAccess = async (e: CodecAccessEvent) => {
    logger.info(
      { action: `codec.${e.action}`, namespace: e.namespace, payloads: e.payloads },
      'codec request',
    );
    await options.onAccess?.(e);
  };

  const serve = (action: CodecAccessEvent['action']) =>
    route(async (req, res) => {
      const origin = req.get('origin');
      if (origin && !allowed.has(origin)) {
        res.status(403).json({ error: `origin ${origin} may not use the codec endpoint` });
        return;
      }
      if (!(await options.authorize(req))) {
        const status = presentsCredential(req) ? 403 : 401;
        if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="dermclaims codec"');
        res
          .status(status)
          .json({ error: status === 401 ? 'sign in to decode payloads' : 'not allowed to decode payloads' });
        return;
      }
      const body = PayloadsJsonSchema.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: 'expected {"payloads": [{"metadata": {…}, "data": "<base64>"}]}' });
        return;
      }
      const payloads = payloadsFromJson(body.data);
      try {
        const converted =
          action === 'decode' ? await options.codec.decode(payloads) : await options.codec.encode(payloads);
        await onAccess({
          action,
          namespace: req.get('x-namespace'),
          payloads: payloads.length,
          request: req,
        });
        res.json(payloadsToJson(converted));
      } catch (error) {
        if (!(error instanceof PayloadDecryptionError)) throw error;
        res.status(400).json({ error: error.message });
      }
    });

  for (const action of ['decode', 'encode'] as const) {
    router.options(`/${action}`, corsHeaders);
    router.post(`/${action}`, corsHeaders, express.json({ limit: '8mb' }), serve(action));
  }
  if (options.signIn) mountSignIn(router, options.signIn);
  router.use((error: { type?: unknown }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.parse.failed') return void res.status(400).json({ error: 'body is not JSON' });
    if (error.type === 'entity.too.large') return void res.status(413).json({ error: 'body too large' });
    next(error);
  });
  return router;
}

const signInPage = (message: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dermclaims codec sign-in</title></head>
<body><h1>Decode payloads in the Temporal Web UI</h1><p>${message}</p>
<form method="post" action="login"><label>Codec token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Sign in</button></form></body></html>`;

function mountSignIn(router: Router, signIn: NonNullable<CodecServerOptions['signIn']>): void {
  router.get(
    '/login',
    (_req, res) => void res.type('html').send(signInPage('Sign in with the codec token.')),
  );
  router.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const token = typeof req.body?.token === 'string' ? (req.body.token as string) : '';
    const cookie = signIn.signIn(token, req.secure);
    if (!cookie) return void res.status(403).type('html').send(signInPage('That is not the codec token.'));
    res
      .set('Set-Cookie', cookie)
      .type('html')
      .send(
        signInPage(
          'Signed in. In the Temporal Web UI open <b>Data Encoder</b>, enter the endpoint ' +
            `<code>${req.protocol}://${req.get('host') ?? ''}${req.baseUrl}</code> and tick ` +
            '<b>Include cross-origin credentials</b>.',
        ),
      );
  });
  router.post(
    '/logout',
    (req, res) => void res.set('Set-Cookie', signIn.signOut(req.secure)).status(204).end(),
  );
}
