import pino from 'pino';

/**
 * Structured logs. Patient data must never be logged: log ids (visit, claim, task) and codes only.
 * The redaction list is a safety net for fields that would carry PHI if passed by mistake.
 */
export function createLogger(level = 'info') {
  return pino({
    level,
    redact: {
      paths: [
        'patient',
        'subscriber',
        '*.patient',
        '*.subscriber',
        'firstName',
        'lastName',
        'dateOfBirth',
        'memberId',
        'address',
        'body',
      ],
      censor: '[PHI]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
