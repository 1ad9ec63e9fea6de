/**
 * Errors as logs may carry them: type, code and a message stripped of values. Database errors are
 * the reason: a Prisma error's message quotes the query's arguments (for a visit, the whole
 * document: names, date of birth, address, member id), and PostgreSQL's detail quotes the row
 * ("Key (id)=(…) already exists"). Parsers quote the input they choke on (JSON.parse: `"Zebulon
 * Q"... is not valid JSON`). None of that may reach a log.
 */
export interface SerializedError {
  type: string;
  code?: string;
  message: string;
  /** Prisma: the model and the fields involved, never their values. */
  model?: string;
  fields?: string[];
  cause?: SerializedError;
  /** Code locations only (the "at …" frames); the message line of the stack is dropped. */
  stack?: string[];
}

const MAX_MESSAGE = 160;
const MAX_FRAMES = 8;
const MAX_CAUSES = 3;

/**
 * The first line, without anything quoted (any quote kind, nested or not) and without values after
 * "=" (`Key (id)=(…)`, `memberId=…`), at most 160 characters.
 */
export function scrubMessage(message: string): string {
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? '';
  const scrubbed = firstLine
    .replace(/["'`\u2018\u2019\u201c\u201d].*["'`\u2018\u2019\u201c\u201d]/g, '[…]')
    .replace(/["'`\u2018\u2019\u201c\u201d].*$/g, '[…]')
    .replace(/=\s*\([^)]*\)?/g, '=(…)')
    .replace(/=\s*[^\s,;()[\]]+/g, '=…')
    .trim();
  return scrubbed.length > MAX_MESSAGE ? `${scrubbed.slice(0, MAX_MESSAGE)}…` : scrubbed;
}

type ErrorLike = Error & {
  code?: unknown;
  type?: unknown;
  meta?: Record<string, unknown>;
  issues?: unknown;
};

/** Prisma's driver adapter error wraps PostgreSQL's: its SQLSTATE and kind, never its text. */
function driverCause(error: ErrorLike): { originalCode?: unknown; kind?: unknown } | undefined {
  return error.name === 'DriverAdapterError' && error.cause && typeof error.cause === 'object'
    ? (error.cause as { originalCode?: unknown; kind?: unknown })
    : undefined;
}

function codeOf(error: ErrorLike): string | undefined {
  if (typeof error.code === 'string' || typeof error.code === 'number') return String(error.code);
  const driver = driverCause(error);
  if (typeof driver?.originalCode === 'string') return driver.originalCode;
  // Temporal's ApplicationFailure and body-parser's errors name their kind in `type`.
  if (typeof error.type === 'string') return error.type;
  return undefined;
}

function prismaDetails(error: ErrorLike): Pick<SerializedError, 'model' | 'fields'> {
  const meta = error.meta ?? {};
  const model = typeof meta.modelName === 'string' ? meta.modelName : undefined;
  const target = meta.target ?? meta.field_name;
  const fields = Array.isArray(target)
    ? target.filter((f): f is string => typeof f === 'string')
    : typeof target === 'string'
      ? [target]
      : undefined;
  return { ...(model ? { model } : {}), ...(fields?.length ? { fields: fields.map(scrubMessage) } : {}) };
}

/** Messages whose text is replaced outright: their kinds quote the input by design. */
function messageOf(error: ErrorLike, type: string): string {
  if (type === 'PrismaClientValidationError') return 'invalid query arguments';
  const driver = driverCause(error);
  if (driver)
    return typeof driver.kind === 'string' && driver.kind !== 'postgres'
      ? `database error ${driver.kind}`
      : 'database error';
  if (type.startsWith('PrismaClient') && codeOf(error)) return `database error ${codeOf(error)}`;
  if (type === 'SyntaxError') return 'invalid syntax';
  if (type === 'ZodError' || Array.isArray(error.issues)) return 'validation failed';
  return scrubMessage(error.message ?? '');
}

function framesOf(stack: string | undefined): string[] | undefined {
  const frames = (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => scrubMessage(line.trim()));
  return frames.length ? frames.slice(0, MAX_FRAMES) : undefined;
}

export function serializeError(value: unknown, depth = 0): SerializedError {
  if (!(value instanceof Error)) {
    // A thrown string or object could be anything, a request body included: keep only its kind.
    return { type: value === null ? 'null' : typeof value, message: '[not an Error]' };
  }
  const error = value as ErrorLike;
  const type =
    error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  const code = codeOf(error);
  const cause =
    depth < MAX_CAUSES && error.cause instanceof Error ? serializeError(error.cause, depth + 1) : undefined;
  const stack = framesOf(error.stack);
  return {
    type,
    ...(code ? { code: scrubMessage(code) } : {}),
    message: messageOf(error, type),
    ...(type.startsWith('PrismaClient') ? prismaDetails(error) : {}),
    ...(cause ? { cause } : {}),
    ...(stack ? { stack } : {}),
  };
}
