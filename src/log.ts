/**
 * The application log. It records what happened to which id, never names, contacts or request
 * bodies: personal data stays in the database, where erasure can reach it.
 */
import pino from 'pino';

export const log = pino({
  level: process.env.LOTTA_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: undefined,
  // Defence in depth should a caller pass a whole record by mistake.
  redact: {
    paths: [
      '*.full_name',
      '*.email',
      '*.phone',
      '*.address',
      '*.password',
      '*.contact',
      'full_name',
      'email',
      'phone',
    ],
    censor: '[removed]',
  },
});
