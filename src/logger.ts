import pino from 'pino';
import { serializeError } from './logging/error-serializer';

/**
 * Keys whose values are patient data or secrets wherever they appear. Logs carry ids (visit, claim,
 * task) and codes only; this list is the safety net for a record passed to the logger by mistake.
 */
const sensitiveKeys = [
  'patient',
  'subscriber',
  'guarantor',
  'firstName',
  'lastName',
  'middleName',
  'name',
  'dateOfBirth',
  'dob',
  'birthDate',
  'memberId',
  'groupNumber',
  'ssn',
  'address',
  'line1',
  'line2',
  'postalCode',
  'phone',
  'email',
  'document',
  'documentation',
  'note',
  'notes',
  'text',
  'narrative',
  'reportedBy',
  'body',
  'rawBody',
  'raw',
  'payload',
  'payloads',
  'authorization',
  'cookie',
];

/** Top level, nested two deep, and inside arrays at the top or one level down. */
const placements = ['', '*.', '*.*.', '*[*].', '*.*[*].', '*[*].*.'];

export const redactedPaths = placements.flatMap((prefix) => sensitiveKeys.map((key) => `${prefix}${key}`));

/**
 * Structured logs. Errors go through the scrubbing serializer under any of the keys the code and
 * the Temporal SDK use (`err`, `error`, `failure`).
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[PHI]' },
      serializers: { err: serializeError, error: serializeError, failure: serializeError },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;
