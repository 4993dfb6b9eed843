/** Meilisearch's error object: `{ message, code, type, link }` with an HTTP status. */
export type ErrorType = 'invalid_request' | 'internal' | 'auth' | 'system';

export class MeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: ErrorType = 'invalid_request',
  ) {
    super(message);
  }

  toJSON(): { message: string; code: string; type: ErrorType; link: string } {
    return {
      message: this.message,
      code: this.code,
      type: this.type,
      link: `https://docs.meilisearch.com/errors#${this.code}`,
    };
  }
}

export const errors = {
  indexNotFound: (uid: string) =>
    new MeiliError(404, 'index_not_found', `Index \`${uid}\` not found.`),
  indexAlreadyExists: (uid: string) =>
    new MeiliError(409, 'index_already_exists', `Index \`${uid}\` already exists.`),
  invalidIndexUid: (uid: string) =>
    new MeiliError(
      400,
      'invalid_index_uid',
      `\`${uid}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.`,
    ),
  documentNotFound: (id: string) =>
    new MeiliError(404, 'document_not_found', `Document \`${id}\` not found.`),
  taskNotFound: (uid: number) =>
    new MeiliError(404, 'task_not_found', `Task \`${uid}\` not found.`),
  keyNotFound: (key: string) =>
    new MeiliError(404, 'api_key_not_found', `API key \`${key}\` not found.`),
  missingAuth: () =>
    new MeiliError(
      401,
      'missing_authorization_header',
      'The Authorization header is missing. It must use the bearer authorization method.',
      'auth',
    ),
  invalidKey: () =>
    new MeiliError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth'),
  malformedPayload: (detail: string) => new MeiliError(400, 'malformed_payload', detail),
  missingPayload: () => new MeiliError(400, 'missing_payload', 'A json payload is missing.'),
  payloadTooLarge: (limit: number) =>
    new MeiliError(
      413,
      'payload_too_large',
      `The provided payload reached the size limit. The maximum accepted payload size is ${limit} B.`,
    ),
  invalidContentType: (got: string) =>
    new MeiliError(
      415,
      'invalid_content_type',
      `The Content-Type \`${got}\` is invalid. Accepted values for the Content-Type header are: \`application/json\`, \`application/x-ndjson\`, \`text/csv\``,
    ),
  badRequest: (code: string, message: string) => new MeiliError(400, code, message),
  internal: (message: string) => new MeiliError(500, 'internal', message, 'internal'),
};

/** A value as Meilisearch's deserializer names it in its messages: "a negative integer: `-1`". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array: \`${JSON.stringify(value)}\``;
  if (typeof value === 'object') return `an object: \`${JSON.stringify(value)}\``;
  if (typeof value === 'string') return `a string: \`${JSON.stringify(value)}\``;
  if (typeof value === 'boolean') return `a boolean: \`${value}\``;
  if (typeof value === 'number')
    return `${Number.isInteger(value) ? (value >= 0 ? 'a positive integer' : 'a negative integer') : 'a number'}: \`${value}\``;
  return String(value);
}
