import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';

interface ClientMistake {
  status: number;
  error: string;
}

/** body-parser / raw-body error types → what the client did wrong. */
const BODY_ERRORS: Record<string, ClientMistake> = {
  'entity.too.large': { status: 413, error: 'the body is larger than this endpoint accepts' },
  'entity.parse.failed': { status: 400, error: 'body is not valid JSON' },
  'charset.invalid': { status: 400, error: 'body is not valid UTF-8' },
  'charset.unsupported': { status: 415, error: 'only UTF-8 bodies are accepted' },
  'encoding.unsupported': {
    status: 415,
    error: 'unsupported Content-Encoding (use identity, gzip, deflate or br)',
  },
  'request.aborted': { status: 400, error: 'the request was aborted' },
  'request.size.invalid': { status: 400, error: 'the body length does not match Content-Length' },
  'parameters.too.many': { status: 413, error: 'too many parameters' },
};

function clientMistake(error: unknown): ClientMistake | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, code } = error as { type?: unknown; status?: unknown; code?: unknown };
  if (typeof type === 'string' && BODY_ERRORS[type]) return BODY_ERRORS[type];
  // zlib could not inflate a body sent with Content-Encoding gzip, deflate or br.
  if (typeof code === 'string' && code.startsWith('Z_'))
    return { status: 400, error: 'the body does not decompress with its Content-Encoding' };
  // The router's decodeURIComponent of a path parameter (`%`, `%zz`).
  if (error instanceof URIError) return { status: 400, error: 'the path is not valid percent-encoding' };
  // Other errors raised for the client (http-errors with a 4xx status and an exposable message).
  if (typeof status === 'number' && status >= 400 && status < 500 && (error as { expose?: boolean }).expose)
    return { status, error: (error as Error).message };
  return undefined;
}

/**
 * The last middleware: a client's mistake gets its 4xx with a problem; anything else is ours, a 500
 * that logs the error's type and code only (src/logging/error-serializer.ts scrubs the message).
 */
export function answerErrors(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const mistake = clientMistake(error);
    if (mistake) {
      res
        .status(mistake.status)
        .json({ error: mistake.error, problems: [{ path: '(request)', message: mistake.error }] });
      return;
    }
    // The error itself: the logger's serializer keeps its type and code, never the values it quotes.
    logger.error(
      { method: req.method, route: req.route?.path as string | undefined, err: error },
      'request failed',
    );
    res.status(500).json({ error: 'internal error' });
  };
}
