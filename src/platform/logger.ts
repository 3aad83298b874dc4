import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear, as a second line of defence: Coral's own code logs ids and
 * codes, never request bodies, but a stray object must still not leak a password, token or cookie.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'totp',
  '*.totp',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'email',
  '*.email',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; standard output by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/**
 * Creates Coral's logger: JSON lines, personal data and credentials redacted.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ orgId }, 'organisation created');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { service: 'coral' },
      serializers: { req: serializeRequest, res: serializeReply, err: safeError },
    },
    options.destination,
  );
}

/**
 * What Coral logs of a request: method and path, never the query string (a search could hold a name),
 * headers, body or client address. The audit log, not the operational log, records who did what.
 */
export function serializeRequest(request: {
  method: string;
  url: string;
  id: string;
}): Record<string, string> {
  const path = request.url.split('?', 1)[0] ?? '';
  return { method: request.method, path, requestId: request.id };
}

/** What Coral logs of a reply: its status. */
export function serializeReply(reply: { statusCode: number }): Record<string, number> {
  return { statusCode: reply.statusCode };
}

/**
 * What of an unexpected error may be logged. Database errors carry the offending values (pg's `detail`,
 * and quoted in some messages), which may be personal data: for them only the SQLSTATE, the schema names
 * involved and the message with its quoted literals blanked are kept.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const record = error as Error & Record<string, unknown>; // checked: an Error; only string fields are read
  const code = typeof record.code === 'string' ? record.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const names = Object.fromEntries(
      ['table', 'column', 'constraint', 'routine']
        .filter((k) => typeof record[k] === 'string')
        .map((k) => [k, record[k]]),
    );
    return {
      type: 'DatabaseError',
      code,
      ...names,
      message: error.message.replace(/(["'])(?:(?!\1).)*\1/g, '$1…$1'),
    };
  }
  return { type: error.name, code, message: error.message, stack: error.stack };
}
