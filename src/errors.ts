/**
 * Errors as the API answers them: `{ "error": { "code", "message" } }` with a fitting status.
 * A client's mistake is a 4xx; a Meilisearch failure maps to 502 (bad answer), 503 (unreachable or
 * overloaded) and 504 (too slow). Each keeps what caused it as `cause`, for the log.
 */
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { INTERNAL_FIELDS } from './api/public.ts';

export type ErrorStatus = 400 | 404 | 405 | 413 | 414 | 415 | 429 | 500 | 502 | 503 | 504;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.headers = options?.headers ?? {};
  }

  /** Headers the answer carries (Retry-After, Allow). */
  readonly headers: Record<string, string>;

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A message from the engine, unless it names a field that must not leave the Worker. */
function engineMessage(message: string): string | undefined {
  return INTERNAL_FIELDS.some((field) => message.includes(field)) ? undefined : message;
}

/**
 * Translate whatever a Meilisearch call threw into an ApiError. With `clientQuery` the query came from
 * the client (/multi-search), so the engine's "invalid request" answers are the client's mistake: 400.
 */
export function fromMeilisearch(error: unknown, options?: { clientQuery?: boolean }): ApiError {
  if (error instanceof ApiError) return error;
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  // A call its signal aborted (src/meili.ts: the timeout; a client gone hears nothing) is a request error
  // caused by the abort.
  if (isAbort(cause)) {
    return new ApiError(
      504,
      'search_timeout',
      'The search engine did not answer in time. Try again in a moment.',
      { cause: error },
    );
  }
  if (error instanceof MeilisearchApiError) {
    const detail = error.cause as { code?: string; type?: string; message?: string } | undefined;
    const code = detail?.code;
    if (code === 'index_not_found')
      return new ApiError(
        503,
        'index_not_ready',
        'The search index does not exist yet: index some articles first.',
        { cause: error },
      );
    if (error.response.status === 401 || error.response.status === 403) {
      return new ApiError(
        502,
        'search_unauthorized',
        "The search engine refused the Worker's key. Check MEILI_SEARCH_KEY.",
        { cause: error },
      );
    }
    if (code === 'too_many_search_requests' || error.response.status === 503)
      return new ApiError(503, 'overloaded', 'The search engine is busy: try again in a second.', {
        cause: error,
        headers: { 'Retry-After': error.response.headers.get('retry-after') ?? '1' },
      });
    if (options?.clientQuery && error.response.status === 400 && detail?.type === 'invalid_request')
      return new ApiError(
        400,
        code ?? 'invalid_request',
        engineMessage(detail.message ?? '') ?? `The search engine rejected the query (${code}).`,
        { cause: error },
      );
    return new ApiError(
      502,
      'search_failed',
      `The search engine rejected the query (${code ?? error.response.status}).`,
      { cause: error },
    );
  }
  if (error instanceof MeilisearchRequestError) {
    // The client wraps both network failures and unparsable answers.
    if (cause instanceof SyntaxError)
      return new ApiError(
        502,
        'search_bad_answer',
        'The search engine gave an answer that is not valid JSON.',
        { cause: error },
      );
    return new ApiError(
      503,
      'search_unavailable',
      'The search engine cannot be reached. Try again in a moment.',
      { cause: error },
    );
  }
  return new ApiError(502, 'search_failed', 'The search engine failed to answer.', {
    cause: error,
  });
}

/** An aborted or timed-out call (a DOMException, not always an Error). */
function isAbort(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { name } = value as { name?: unknown };
  return name === 'AbortError' || name === 'TimeoutError';
}
