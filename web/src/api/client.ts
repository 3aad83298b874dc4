/** An error answered by the Coral API, in its one error shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field problems of a validation error: path → message. */
  get fieldIssues(): Record<string, string> {
    const issues = (this.details?.issues ?? []) as Array<{ path: string; message: string }>;
    return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
  }
}

/** The session's CSRF token, sent on every write, and the language answers should be in. In memory only. */
const requestState: { csrfToken: string | null; language: string } = { csrfToken: null, language: 'en' };

export function setCsrfToken(token: string | null): void {
  requestState.csrfToken = token;
}

/** The CSRF token of the session, for requests made without `api` (uploads with progress). */
export function csrfToken(): string | null {
  return requestState.csrfToken;
}

export function requestLanguage(): string {
  return requestState.language;
}

/** Validation messages from the server come back in this language. */
export function setRequestLanguage(language: string): void {
  requestState.language = language;
}

/** A successful answer with the headers that matter (the ETag of a record). */
export interface ApiResponse<T> {
  body: T;
  etag: string | null;
}

/**
 * Calls the Coral API with the session cookie; writes carry the CSRF token. Errors become ApiError.
 *
 * @example
 * const session = await api<SessionView>('GET', '/api/v1/auth/session');
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return (await apiWithHeaders<T>(method, path, body, headers)).body;
}

/** Like `api`, also returning the ETag. */
export async function apiWithHeaders<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': requestState.language,
    ...extraHeaders,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && requestState.csrfToken) headers['x-csrf-token'] = requestState.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Coral cannot be reached. Check the connection and try again.');
  }
  const etag = response.headers.get('etag');
  if (response.status === 204) return { body: undefined as T, etag };
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'unknown',
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return { body: payload as T, etag };
}
