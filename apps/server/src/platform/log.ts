import pino from 'pino';
import { maskPhonesInText } from './pii.ts';

export type Logger = pino.Logger;

/**
 * Logs never carry a full phone number: known phone fields are masked by path, and any number that
 * slips into a message or another string field is masked by the formatter.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'linli',
      level,
      redact: {
        paths: [
          'phone',
          '*.phone',
          '*.*.phone',
          'password',
          '*.password',
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
        ],
        censor: (value, path) =>
          path.at(-1) === 'phone' && typeof value === 'string' ? maskPhonesInText(value) : '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      formatters: {
        log(object) {
          return JSON.parse(maskPhonesInText(JSON.stringify(object))) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}
