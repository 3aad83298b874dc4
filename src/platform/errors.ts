/**
 * The closed set of error codes Coral answers with, and the HTTP status each one means.
 * Clients (the web app, the CLI, other systems) may rely on these codes; messages are for people.
 */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_rejected: 403,
  mfa_enrolment_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One problem with one field of an input, for forms and import reports. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** Details an error may carry. Never personal data: field paths, codes, limits, ids. */
export interface ErrorDetails {
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/**
 * The one error type of Coral. Services throw it; the HTTP error handler and the CLI turn it into a
 * response or an exit message. Messages must never contain personal data.
 *
 * @example
 * throw new AppError('not_found', 'No such organisation.');
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Factories for the errors raised most often, so their wording stays the same everywhere. */
export const errors = {
  notFound: (what: string) => new AppError('not_found', `No such ${what}.`),
  forbidden: (message = 'You are not allowed to do this.') => new AppError('forbidden', message),
  unauthenticated: () => new AppError('unauthenticated', 'Sign in first.'),
  validation: (issues: FieldIssue[], message = 'Some fields are not valid.') =>
    new AppError('validation_failed', message, { issues }),
  conflict: (message: string) => new AppError('conflict', message),
};

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
