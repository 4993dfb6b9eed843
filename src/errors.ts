/**
 * Errors as the API answers them: `{ "error": { "code", "message" } }` with a fitting status.
 * Meilisearch failures map to 502 (bad answer), 503 (unreachable) and 504 (too slow).
 */
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
} from 'meilisearch';

export type ErrorStatus = 400 | 404 | 405 | 429 | 500 | 502 | 503 | 504;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Translate whatever a Meilisearch call threw into an ApiError. */
export function fromMeilisearch(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  // The client reports its timeout as a request error caused by a timeout error (or, in some runtimes, an abort).
  if (
    error instanceof MeilisearchRequestTimeOutError ||
    cause instanceof MeilisearchRequestTimeOutError ||
    isAbort(cause)
  ) {
    return new ApiError(
      504,
      'search_timeout',
      'The search engine did not answer in time. Try again in a moment.',
    );
  }
  if (error instanceof MeilisearchApiError) {
    const code = (error.cause as { code?: string } | undefined)?.code;
    if (code === 'index_not_found')
      return new ApiError(
        503,
        'index_not_ready',
        'The search index does not exist yet: index some articles first.',
      );
    if (error.response.status === 401 || error.response.status === 403) {
      return new ApiError(
        502,
        'search_unauthorized',
        "The search engine refused the Worker's key. Check MEILI_SEARCH_KEY.",
      );
    }
    return new ApiError(
      502,
      'search_failed',
      `The search engine rejected the query (${code ?? error.response.status}).`,
    );
  }
  if (error instanceof MeilisearchRequestError) {
    // The client wraps both network failures and unparsable answers.
    if (cause instanceof SyntaxError)
      return new ApiError(
        502,
        'search_bad_answer',
        'The search engine gave an answer that is not valid JSON.',
      );
    return new ApiError(
      503,
      'search_unavailable',
      'The search engine cannot be reached. Try again in a moment.',
    );
  }
  return new ApiError(502, 'search_failed', 'The search engine failed to answer.');
}

/** workerd turns the client's abort reason (a symbol) into `Error("Symbol(<timeout>)")`. */
function isAbort(value: unknown): boolean {
  return (
    value instanceof Error &&
    (value.name === 'AbortError' ||
      value.name === 'TimeoutError' ||
      value.message.includes('<timeout>'))
  );
}
