/** The shape of meili-local routes and the helpers every route group uses. */
import { MeiliError, errors } from '../errors.ts';
import type { Engine, TaskPayload } from '../engine.ts';
import type { Index } from '../index.ts';
import type { SearchRules } from '../tenant-token.ts';
import type { ApiKey, Task, TaskType } from '../types.ts';

export interface Request {
  method: string;
  path: string[];
  query: URLSearchParams;
  /** The query string as sent, without its `?` (Meilisearch quotes it as is in task details). */
  rawQuery?: string;
  body: unknown;
  /** The key that authorised the request; undefined for the master key or when no master key is set. */
  key?: ApiKey;
  /** The search rules of the tenant token that authorised the request, if it was one. */
  tenantRules?: SearchRules;
  /** Search routes: wait for the next turn on the engine's thread (see search-queue.ts). */
  nextTurn?: () => Promise<void>;
}

export type Response = [number, unknown];

/** A body sent as is, not as JSON (the task documents route answers NDJSON). */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** The action a route needs, for API-key checks; `undefined` means master key only. */
export interface Route {
  method: string;
  pattern: string[];
  action: string | null;
  /** Search routes: how many searches the request makes, one turn each (default 1). */
  turns?: (req: Request) => number;
  handle: (
    engine: Engine,
    req: Request,
    params: Record<string, string>,
  ) => Promise<Response> | Response;
}

function summarize(task: Task): Record<string, unknown> {
  return {
    taskUid: task.uid,
    indexUid: task.indexUid,
    status: task.status,
    type: task.type,
    enqueuedAt: task.enqueuedAt,
  };
}

/** Enqueue a task; `?customMetadata=` on the request is attached to it, as Meilisearch does. */
export async function enqueue(
  engine: Engine,
  req: Request,
  type: TaskType,
  indexUid: string | null,
  payload: TaskPayload,
  details: Record<string, unknown> = {},
): Promise<Response> {
  return [
    202,
    summarize(
      await engine.enqueue(
        type,
        indexUid,
        payload,
        details,
        req.query.get('customMetadata') ?? undefined,
      ),
    ),
  ];
}

export function indexView(index: Index): Record<string, unknown> {
  return {
    uid: index.uid,
    createdAt: index.createdAt,
    updatedAt: index.updatedAt,
    primaryKey: index.primaryKey,
  };
}

export function paginateList<T>(
  items: T[],
  query: URLSearchParams,
  defaultLimit = 20,
): { results: T[]; offset: number; limit: number; total: number } {
  const offset = intParam(query, 'offset', 0, 'invalid_index_offset');
  const limit = intParam(query, 'limit', defaultLimit, 'invalid_index_limit');
  return { results: items.slice(offset, offset + limit), offset, limit, total: items.length };
}

export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  code: string,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new MeiliError(
      400,
      code,
      `Invalid value in parameter \`${name}\`: could not parse \`${raw}\` as a positive integer`,
    );
  return n;
}

export function listParam(query: URLSearchParams, name: string): string[] | null {
  const raw = query.get(name);
  return raw === null
    ? null
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function asObject(body: unknown, what = 'the body'): Record<string, unknown> {
  if (body === undefined) throw errors.missingPayload();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const at = what === 'the body' ? '' : ` at \`${what.replaceAll('`', '')}\``;
    const found =
      body === null
        ? 'null'
        : Array.isArray(body)
          ? `an array: \`${JSON.stringify(body)}\``
          : typeof body === 'string'
            ? `a string: \`${JSON.stringify(body)}\``
            : `${typeof body === 'number' ? (Number.isInteger(body) && body >= 0 ? 'a positive integer' : 'a number') : `a ${typeof body}`}: \`${String(body)}\``;
    throw new MeiliError(
      400,
      'bad_request',
      `Invalid value type${at}: expected an object, but found ${found}`,
    );
  }
  return body as Record<string, unknown>;
}

/** Meilisearch's RFC 3339 form: no fractional seconds when they are zero. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
