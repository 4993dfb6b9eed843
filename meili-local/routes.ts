/**
 * Meilisearch's REST routes over the Engine. Each handler gets the parsed request and returns
 * `[status, body]`; auth, body parsing and error shaping are done once in server.ts.
 */
import { randomUUID } from 'node:crypto';
import { MeiliError, errors } from './errors.ts';
import { Engine, assertIndexUid, documentId, type TaskPayload } from './engine.ts';
import { compileFilter, parseFilter, type Document } from './filter.ts';
import type { Index } from './index.ts';
import { checkFilterable, search, sortDocumentNumbers, type SearchQuery } from './search.ts';
import { SETTING_ROUTES, defaultSettings, type Settings } from './settings.ts';
import { normalize } from './tokenize.ts';
import type { ApiKey, Task, TaskType } from './types.ts';

export interface Request {
  method: string;
  path: string[];
  query: URLSearchParams;
  body: unknown;
  /** The key that authorised the request; undefined for the master key or when no master key is set. */
  key?: ApiKey;
}

export type Response = [number, unknown];

/** The action a route needs, for API-key checks; `undefined` means master key only. */
export interface Route {
  method: string;
  pattern: string[];
  action: string | null;
  handle: (engine: Engine, req: Request, params: Record<string, string>) => Promise<Response> | Response;
}

const VERSION = { commitSha: 'meili-local', commitDate: '2026-01-01T00:00:00Z', pkgVersion: '1.16.0' };

function summarize(task: Task): Record<string, unknown> {
  return { taskUid: task.uid, indexUid: task.indexUid, status: task.status, type: task.type, enqueuedAt: task.enqueuedAt };
}

/** Enqueue a task; `?customMetadata=` on the request is attached to it, as Meilisearch does. */
async function enqueue(engine: Engine, req: Request, type: TaskType, indexUid: string | null, payload: TaskPayload, details: Record<string, unknown> = {}): Promise<Response> {
  return [202, summarize(await engine.enqueue(type, indexUid, payload, details, req.query.get('customMetadata') ?? undefined))];
}

function indexView(index: Index): Record<string, unknown> {
  return { uid: index.uid, createdAt: index.createdAt, updatedAt: index.updatedAt, primaryKey: index.primaryKey };
}

function paginateList<T>(items: T[], query: URLSearchParams, defaultLimit = 20): { results: T[]; offset: number; limit: number; total: number } {
  const offset = intParam(query, 'offset', 0, 'invalid_index_offset');
  const limit = intParam(query, 'limit', defaultLimit, 'invalid_index_limit');
  return { results: items.slice(offset, offset + limit), offset, limit, total: items.length };
}

function intParam(query: URLSearchParams, name: string, fallback: number, code: string): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new MeiliError(400, code, `Invalid value in parameter \`${name}\`: could not parse \`${raw}\` as a positive integer`);
  return n;
}

function listParam(query: URLSearchParams, name: string): string[] | null {
  const raw = query.get(name);
  return raw === null ? null : raw.split(',').map((s) => s.trim()).filter(Boolean);
}

function asObject(body: unknown, what = 'the body'): Record<string, unknown> {
  if (body === undefined) throw errors.missingPayload();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MeiliError(400, 'bad_request', `Invalid value type: expected an object, but found ${Array.isArray(body) ? 'an array' : typeof body} in ${what}.`);
  }
  return body as Record<string, unknown>;
}

function documentsBody(body: unknown): Document[] {
  if (body === undefined) throw errors.missingPayload();
  const list = Array.isArray(body) ? body : [body];
  for (const doc of list) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw errors.malformedPayload(`The \`json\` payload provided is malformed. \`Couldn't serialize document value: invalid type: ${typeof doc}, expected a map\`.`);
    }
  }
  return list as Document[];
}

const SEARCH_KEYS = new Set([
  'q', 'offset', 'limit', 'page', 'hitsPerPage', 'filter', 'facets', 'attributesToRetrieve', 'attributesToHighlight',
  'attributesToCrop', 'cropLength', 'cropMarker', 'highlightPreTag', 'highlightPostTag', 'showMatchesPosition',
  'showRankingScore', 'showRankingScoreDetails', 'sort', 'distinct', 'matchingStrategy', 'attributesToSearchOn',
  'rankingScoreThreshold', 'vector', 'hybrid', 'retrieveVectors', 'locales', 'showPerformanceDetails', 'indexUid', 'federationOptions',
]);

function searchBody(body: unknown): SearchQuery {
  const query = body === undefined ? {} : asObject(body);
  for (const key of Object.keys(query)) {
    if (!SEARCH_KEYS.has(key)) {
      throw new MeiliError(400, 'bad_request', `Unknown field \`${key}\`: expected one of ${[...SEARCH_KEYS].filter((k) => k !== 'indexUid' && k !== 'federationOptions').map((k) => `\`${k}\``).join(', ')}`);
    }
  }
  if (query.q !== undefined && query.q !== null && typeof query.q !== 'string') {
    throw new MeiliError(400, 'invalid_search_q', `Invalid value type at \`.q\`: expected a string, but found ${JSON.stringify(query.q)}.`);
  }
  if (query.matchingStrategy !== undefined && !['last', 'all', 'frequency'].includes(query.matchingStrategy as string)) {
    throw new MeiliError(400, 'invalid_search_matching_strategy', `Unknown value \`${String(query.matchingStrategy)}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\`.`);
  }
  for (const name of ['facets', 'attributesToRetrieve', 'attributesToHighlight', 'attributesToCrop', 'sort']) {
    const v = query[name];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      const code = `invalid_search_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
      throw new MeiliError(400, code, `Invalid value type at \`.${name}\`: expected an array, but found ${JSON.stringify(v)}.`);
    }
  }
  return query as SearchQuery;
}

function searchFromParams(query: URLSearchParams): SearchQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    switch (key) {
      case 'offset':
      case 'limit':
      case 'page':
      case 'hitsPerPage':
      case 'cropLength': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) {
          const code = `invalid_search_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
          throw new MeiliError(400, code, `Invalid value in parameter \`${key}\`: could not parse \`${value}\` as a positive integer`);
        }
        out[key] = n;
        break;
      }
      case 'showMatchesPosition':
      case 'showRankingScore':
        out[key] = value === 'true';
        break;
      case 'facets':
      case 'attributesToRetrieve':
      case 'attributesToHighlight':
      case 'attributesToCrop':
      case 'sort':
      case 'attributesToSearchOn':
        out[key] = value.split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case 'filter':
        out[key] = value.trim().startsWith('[') ? JSON.parse(value) : value;
        break;
      default:
        out[key] = value;
    }
  }
  return searchBody(out);
}

const TASK_STATUSES = ['enqueued', 'processing', 'succeeded', 'failed', 'canceled'];
const TASK_TYPES = [
  'documentAdditionOrUpdate', 'documentEdition', 'documentDeletion', 'settingsUpdate', 'indexCreation', 'indexDeletion', 'indexUpdate',
  'indexSwap', 'taskCancelation', 'taskDeletion', 'dumpCreation', 'snapshotCreation', 'export', 'upgradeDatabase', 'indexCompaction',
];

function taskFilter(query: URLSearchParams | Record<string, unknown>): (task: Task) => boolean {
  const get = (name: string): string | null =>
    query instanceof URLSearchParams ? query.get(name) : query[name] === undefined ? null : String(query[name]);
  const list = (name: string) => get(name)?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const uids = list('uids')?.map(Number);
  const statuses = list('statuses');
  const types = list('types');
  const indexUids = list('indexUids');
  const canceledBy = list('canceledBy')?.map(Number);
  const dates: Array<[string, keyof Task, 1 | -1]> = [
    ['beforeEnqueuedAt', 'enqueuedAt', -1],
    ['afterEnqueuedAt', 'enqueuedAt', 1],
    ['beforeStartedAt', 'startedAt', -1],
    ['afterStartedAt', 'startedAt', 1],
    ['beforeFinishedAt', 'finishedAt', -1],
    ['afterFinishedAt', 'finishedAt', 1],
  ];
  for (const [name, allowed] of [['statuses', TASK_STATUSES], ['types', TASK_TYPES]] as const) {
    const wrong = list(name)?.find((v) => v !== '*' && !allowed.includes(v));
    if (wrong !== undefined) {
      throw new MeiliError(400, `invalid_task_${name}`, `Invalid value in parameter \`${name}\`: \`${wrong}\` is not a valid task ${name === 'types' ? 'type' : 'status'}. Available ${name} are ${allowed.map((a) => `\`${a}\``).join(', ')}.`);
    }
  }
  for (const [name] of dates) {
    const value = get(name);
    if (value !== null && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
      throw new MeiliError(400, `invalid_task_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, `Invalid value in parameter \`${name}\`: \`${value}\` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.`);
    }
  }
  for (const name of ['uids', 'canceledBy']) {
    if (list(name)?.some((v) => v !== '*' && !/^\d+$/.test(v))) {
      throw new MeiliError(400, `invalid_task_${name === 'uids' ? 'uids' : 'canceled_by'}`, `Invalid value in parameter \`${name}\`: could not parse \`${get(name)}\` as a positive integer`);
    }
  }
  return (task) => {
    if (uids && !list('uids')?.includes('*') && !uids.includes(task.uid)) return false;
    if (statuses && !statuses.includes('*') && !statuses.includes(task.status)) return false;
    if (types && !types.includes('*') && !types.includes(task.type)) return false;
    if (indexUids && !indexUids.includes('*') && !indexUids.includes(task.indexUid ?? '')) return false;
    if (canceledBy && (task.canceledBy === null || !canceledBy.includes(task.canceledBy))) return false;
    for (const [name, field, sign] of dates) {
      const limit = get(name);
      if (!limit) continue;
      const value = task[field] as string | null;
      if (!value) return false;
      const diff = Date.parse(value) - Date.parse(limit);
      if (sign === -1 ? diff >= 0 : diff <= 0) return false;
    }
    return true;
  };
}

const TASK_FILTERS = ['uids', 'batchUids', 'canceledBy', 'types', 'statuses', 'indexUids', 'afterEnqueuedAt', 'beforeEnqueuedAt', 'afterStartedAt', 'beforeStartedAt', 'afterFinishedAt', 'beforeFinishedAt'];

function requireTaskFilter(query: URLSearchParams, route: 'cancel' | 'delete'): void {
  if (![...query.keys()].some((k) => TASK_FILTERS.includes(k))) {
    throw new MeiliError(
      400,
      'missing_task_filters',
      `Query parameters to filter the tasks to ${route} are missing. Available query parameters are: \`uids\`, \`indexUids\`, \`statuses\`, \`types\`, \`canceledBy\`, \`beforeEnqueuedAt\`, \`afterEnqueuedAt\`, \`beforeStartedAt\`, \`afterStartedAt\`, \`beforeFinishedAt\`, \`afterFinishedAt\`.`,
    );
  }
}

function keyView(engine: Engine, key: ApiKey): ApiKey {
  return { ...key, key: engine.keyValue(key.uid) };
}

function findKey(engine: Engine, idOrKey: string): ApiKey {
  const key = engine.keys.get(idOrKey) ?? engine.keyByValue(idOrKey);
  if (!key) throw errors.keyNotFound(idOrKey);
  return key;
}

const KEY_ACTIONS = new Set([
  '*', 'search', 'documents.*', 'documents.add', 'documents.get', 'documents.delete', 'indexes.*', 'indexes.create', 'indexes.get',
  'indexes.update', 'indexes.delete', 'indexes.swap', 'tasks.*', 'tasks.cancel', 'tasks.delete', 'tasks.get', 'settings.*', 'settings.get',
  'settings.update', 'stats.*', 'stats.get', 'metrics.*', 'metrics.get', 'dumps.*', 'dumps.create', 'snapshots.*', 'snapshots.create',
  'version', 'keys.create', 'keys.get', 'keys.update', 'keys.delete', 'experimental.get', 'experimental.update', 'network.get', 'network.update',
]);

interface FetchOptions {
  offset: number;
  limit: number;
  fields: string[] | null;
  filter: unknown;
  ids: string[] | null;
  sort: string[] | null;
  retrieveVectors: boolean;
}

function fetchDocuments(index: Index, options: FetchOptions): Record<string, unknown> {
  const tree = parseFilter(options.filter);
  checkFilterable(index, collect(tree), 'invalid_document_filter', options.filter);
  const predicate = compileFilter(tree);
  let numbers = options.ids
    ? options.ids.flatMap((id) => {
        const n = index.numberOfId(id);
        return n === undefined ? [] : [n];
      })
    : [...index.allNumbers()].sort((a, b) => a - b);
  numbers = numbers.filter((n) => predicate(index.documentAt(n)));
  if (options.sort?.length) numbers = sortDocumentNumbers(index, numbers, options.sort, 'invalid_document_sort');
  const results = numbers.slice(options.offset, options.offset + options.limit).map((n) => {
    const doc = project(index.documentAt(n), options.fields, index.settings.displayedAttributes);
    return options.retrieveVectors ? { ...doc, _vectors: {} } : doc;
  });
  return { results, offset: options.offset, limit: options.limit, total: numbers.length };
}

function collect(tree: ReturnType<typeof parseFilter>): string[] {
  if (!tree) return [];
  if (tree.kind === 'cond') return [tree.cond.attr];
  if (tree.kind === 'not') return collect(tree.child);
  return tree.children.flatMap(collect);
}

function project(doc: Document, fields: string[] | null, displayed: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(displayed.includes('*') || displayed.includes(key))) continue;
    if (fields && !fields.includes('*') && !fields.includes(key)) continue;
    out[key] = value;
  }
  return out;
}

function runSearch(engine: Engine, uid: string, query: SearchQuery): Record<string, unknown> {
  const index = engine.getIndex(uid);
  return { ...search(index, query) };
}

/**
 * Meilisearch's experimental feature flags. meili-local accepts and reports them (so clients that toggle
 * them work) but none changes its behaviour; they are kept in memory only.
 */
const experimentalFeatures = {
  metrics: false,
  logsRoute: false,
  editDocumentsByFunction: false,
  containsFilter: false,
  network: false,
  getTaskDocumentsRoute: false,
  compositeEmbedders: false,
  chatCompletions: false,
  multimodal: false,
  vectorStoreSetting: false,
};

export const routes: Route[] = [
  { method: 'GET', pattern: ['health'], action: 'public', handle: () => [200, { status: 'available' }] },
  { method: 'GET', pattern: ['version'], action: 'version', handle: () => [200, VERSION] },
  {
    method: 'GET',
    pattern: ['stats'],
    action: 'stats.get',
    handle: (engine) => {
      const indexes: Record<string, unknown> = {};
      for (const index of engine.indexes.values()) indexes[index.uid] = indexStats(index);
      const lastUpdate = [...engine.indexes.values()].map((i) => i.updatedAt).sort().at(-1) ?? null;
      return [200, { databaseSize: 0, usedDatabaseSize: 0, lastUpdate, indexes }];
    },
  },
  // Indexes
  {
    method: 'GET',
    pattern: ['indexes'],
    action: 'indexes.get',
    handle: (engine, req) => {
      const list = [...engine.indexes.values()].sort((a, b) => (a.uid < b.uid ? -1 : 1)).filter((i) => allowsIndex(req.key, i.uid)).map(indexView);
      return [200, paginateList(list, req.query)];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes'],
    action: 'indexes.create',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      if (typeof body.uid !== 'string') {
        throw new MeiliError(400, 'missing_index_uid', 'Missing field `uid`');
      }
      assertIndexUid(body.uid);
      const primaryKey = typeof body.primaryKey === 'string' ? body.primaryKey : null;
      return enqueue(engine, req, 'indexCreation', body.uid, { kind: 'createIndex', primaryKey }, { primaryKey });
    },
  },
  { method: 'GET', pattern: ['indexes', ':uid'], action: 'indexes.get', handle: (engine, _req, p) => [200, indexView(engine.getIndex(p.uid as string))] },
  {
    method: 'PATCH',
    pattern: ['indexes', ':uid'],
    action: 'indexes.update',
    handle: (engine, req, p) => {
      const body = asObject(req.body);
      const primaryKey = typeof body.primaryKey === 'string' ? body.primaryKey : null;
      return enqueue(engine, req, 'indexUpdate', p.uid as string, { kind: 'updateIndex', primaryKey }, { primaryKey });
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid'],
    action: 'indexes.delete',
    handle: (engine, req, p) => enqueue(engine, req, 'indexDeletion', p.uid as string, { kind: 'deleteIndex' }, { deletedDocuments: 0 }),
  },
  {
    method: 'POST',
    pattern: ['swap-indexes'],
    action: 'indexes.swap',
    handle: (engine, req) => {
      if (!Array.isArray(req.body)) throw new MeiliError(400, 'bad_request', 'Invalid value type: expected an array.');
      const swaps = req.body as Array<{ indexes: [string, string] }>;
      for (const swap of swaps) {
        if (!Array.isArray(swap?.indexes) || swap.indexes.length !== 2) {
          throw new MeiliError(400, 'invalid_swap_indexes', 'Two indexes must be given for each swap. The list `[...]` contains a wrong number of indexes.');
        }
      }
      return enqueue(engine, req, 'indexSwap', null, { kind: 'swap', swaps }, { swaps });
    },
  },
  { method: 'GET', pattern: ['indexes', ':uid', 'stats'], action: 'stats.get', handle: (engine, _req, p) => [200, indexStats(engine.getIndex(p.uid as string))] },
  // Documents
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'documents'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const index = engine.getIndex(p.uid as string);
      const filter = req.query.get('filter');
      return [
        200,
        fetchDocuments(index, {
          offset: intParam(req.query, 'offset', 0, 'invalid_document_offset'),
          limit: intParam(req.query, 'limit', 20, 'invalid_document_limit'),
          fields: listParam(req.query, 'fields'),
          filter: filter ?? undefined,
          ids: listParam(req.query, 'ids'),
          sort: listParam(req.query, 'sort'),
          retrieveVectors: req.query.get('retrieveVectors') === 'true',
        }),
      ];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'fetch'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const body = req.body === undefined ? {} : asObject(req.body);
      const index = engine.getIndex(p.uid as string);
      return [
        200,
        fetchDocuments(index, {
          offset: typeof body.offset === 'number' ? body.offset : 0,
          limit: typeof body.limit === 'number' ? body.limit : 20,
          fields: Array.isArray(body.fields) ? (body.fields as string[]) : null,
          filter: body.filter,
          ids: Array.isArray(body.ids) ? (body.ids as unknown[]).map(String) : null,
          sort: Array.isArray(body.sort) ? (body.sort as string[]) : null,
          retrieveVectors: body.retrieveVectors === true,
        }),
      ];
    },
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'documents', ':id'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const index = engine.getIndex(p.uid as string);
      const doc = index.documentById(p.id as string);
      if (!doc) throw errors.documentNotFound(p.id as string);
      return [200, project(doc, listParam(req.query, 'fields'), index.settings.displayedAttributes)];
    },
  },
  ...(['POST', 'PUT'] as const).map(
    (method): Route => ({
      method,
      pattern: ['indexes', ':uid', 'documents'],
      action: 'documents.add',
      handle: (engine, req, p) => {
        assertIndexUid(p.uid as string);
        const documents = documentsBody(req.body);
        const primaryKey = req.query.get('primaryKey') ?? undefined;
        const skipCreation = req.query.get('skipCreation') === 'true';
        return enqueue(
          engine,
          req,
          'documentAdditionOrUpdate',
          p.uid as string,
          { kind: 'addDocuments', documents, primaryKey, merge: method === 'PUT', skipCreation },
          { receivedDocuments: documents.length, indexedDocuments: null },
        );
      },
    }),
  ),
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'documents', ':id'],
    action: 'documents.delete',
    handle: (engine, req, p) =>
      enqueue(engine, req, 'documentDeletion', p.uid as string, { kind: 'deleteDocuments', ids: [p.id as string] }, { providedIds: 1, deletedDocuments: null }),
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'delete-batch'],
    action: 'documents.delete',
    handle: (engine, req, p) => {
      if (!Array.isArray(req.body)) throw new MeiliError(400, 'bad_request', 'Invalid value type: expected an array of document ids.');
      const ids = (req.body as unknown[]).map(String);
      return enqueue(engine, req, 'documentDeletion', p.uid as string, { kind: 'deleteDocuments', ids }, { providedIds: ids.length, deletedDocuments: null });
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'delete'],
    action: 'documents.delete',
    handle: (engine, req, p) => {
      const body = asObject(req.body);
      if (body.filter === undefined) throw new MeiliError(400, 'missing_document_filter', 'Missing field `filter`');
      if (body.filter === '' || (Array.isArray(body.filter) && body.filter.length === 0)) throw new MeiliError(400, 'invalid_document_filter', 'Sending an empty filter is forbidden.');
      parseFilter(body.filter); // syntax errors are answered at once, like Meilisearch
      return enqueue(engine, req, 'documentDeletion', p.uid as string, { kind: 'deleteByFilter', filter: body.filter }, { providedIds: 0, deletedDocuments: null, originalFilter: JSON.stringify(body.filter) });
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'documents'],
    action: 'documents.delete',
    handle: (engine, req, p) => enqueue(engine, req, 'documentDeletion', p.uid as string, { kind: 'deleteAll' }, { deletedDocuments: null }),
  },
  // Search
  { method: 'POST', pattern: ['indexes', ':uid', 'search'], action: 'search', handle: (engine, req, p) => [200, runSearch(engine, p.uid as string, searchBody(req.body))] },
  { method: 'GET', pattern: ['indexes', ':uid', 'search'], action: 'search', handle: (engine, req, p) => [200, runSearch(engine, p.uid as string, searchFromParams(req.query))] },
  {
    method: 'POST',
    pattern: ['multi-search'],
    action: 'search',
    handle: (engine, req) => {
      const body = asObject(req.body);
      if (!Array.isArray(body.queries)) throw new MeiliError(400, 'bad_request', 'Missing field `queries`');
      const federation = body.federation === undefined || body.federation === null ? null : asObject(body.federation, '`.federation`');
      const started = performance.now();
      const results = (body.queries as unknown[]).map((raw, i) => {
        const query = asObject(raw, `.queries[${i}]`);
        if (typeof query.indexUid !== 'string') throw new MeiliError(400, 'missing_index_uid', `Missing field \`indexUid\` inside \`.queries[${i}]\``);
        if (!allowsIndex(req.key, query.indexUid)) throw errors.invalidKey();
        try {
          const { federationOptions: _o, ...params } = searchBody(query) as SearchQuery & { federationOptions?: unknown };
          if (!federation) return { indexUid: query.indexUid, ...runSearch(engine, query.indexUid, params) };
          // Federated: every query contributes its best hits, merged below by weighted ranking score.
          const limit = Number(federation.offset ?? 0) + Number(federation.limit ?? 20);
          const result = runSearch(engine, query.indexUid, { ...params, offset: 0, limit, showRankingScore: true, distinct: (federation.distinct as string | undefined) ?? params.distinct });
          return { indexUid: query.indexUid, ...result };
        } catch (error) {
          if (error instanceof MeiliError) error.message = `Inside \`.queries[${i}]\`: ${error.message}`;
          throw error;
        }
      });
      if (!federation) return [200, { results }];
      return [200, federate(engine, body.queries as Array<Record<string, unknown>>, results as Parameters<typeof federate>[2], federation, started)];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'facet-search'],
    action: 'search',
    handle: (engine, req, p) => {
      const body = asObject(req.body);
      const index = engine.getIndex(p.uid as string);
      const facetName = body.facetName;
      if (typeof facetName !== 'string') throw new MeiliError(400, 'missing_facet_search_facet_name', 'Missing field `facetName`');
      if (!index.isFilterable(facetName)) {
        const available = [...index.settings.filterableAttributes].sort();
        throw new MeiliError(
          400,
          'invalid_facet_search_facet_name',
          `Attribute \`${facetName}\` is not facet-searchable. ${available.length ? `Available facet-searchable attributes are: \`${available.join(', ')}\`.` : 'This index does not have configured facet-searchable attributes.'} To make it facet-searchable add it to the \`filterableAttributes\` index settings.`,
        );
      }
      const started = performance.now();
      const { facetName: _f, facetQuery, exhaustiveFacetCount: _e, ...rest } = body;
      const searchQuery = searchBody(rest);
      const all = search(index, { ...searchQuery, offset: 0, limit: Number.MAX_SAFE_INTEGER, facets: [facetName] });
      const wanted = typeof facetQuery === 'string' ? normalize(facetQuery) : '';
      const values = Object.entries(all.facetDistribution?.[facetName] ?? {})
        .filter(([value]) => wanted === '' || normalize(value).split(/\s+/).some((w) => w.startsWith(wanted)) || normalize(value).startsWith(wanted))
        .slice(0, 100)
        .map(([value, count]) => ({ value, count }));
      return [200, { facetHits: values, facetQuery: facetQuery ?? null, processingTimeMs: Math.round(performance.now() - started) }];
    },
  },
  // Settings
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.get',
    handle: (engine, _req, p) => [200, engine.getIndex(p.uid as string).settings],
  },
  {
    method: 'PATCH',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.update',
    handle: (engine, req, p) => {
      assertIndexUid(p.uid as string);
      const body = asObject(req.body);
      return enqueue(engine, req, 'settingsUpdate', p.uid as string, { kind: 'settings', settings: body }, body);
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.update',
    handle: (engine, req, p) => {
      const reset = Object.fromEntries(Object.keys(defaultSettings()).map((k) => [k, null]));
      return enqueue(engine, req, 'settingsUpdate', p.uid as string, { kind: 'settings', settings: reset }, reset);
    },
  },
  ...Object.entries(SETTING_ROUTES).flatMap(([segment, key]): Route[] => [
    {
      method: 'GET',
      pattern: ['indexes', ':uid', 'settings', segment],
      action: 'settings.get',
      handle: (engine, _req, p) => [200, engine.getIndex(p.uid as string).settings[key]],
    },
    {
      method: ['searchableAttributes', 'displayedAttributes', 'filterableAttributes', 'sortableAttributes', 'rankingRules', 'stopWords', 'synonyms', 'distinctAttribute', 'nonSeparatorTokens', 'separatorTokens', 'dictionary', 'proximityPrecision', 'searchCutoffMs', 'localizedAttributes', 'facetSearch', 'prefixSearch'].includes(key)
        ? 'PUT'
        : 'PATCH',
      pattern: ['indexes', ':uid', 'settings', segment],
      action: 'settings.update',
      handle: (engine, req, p) => {
        assertIndexUid(p.uid as string);
        const update = { [key]: req.body === undefined ? null : req.body } as Partial<Record<keyof Settings, unknown>>;
        return enqueue(engine, req, 'settingsUpdate', p.uid as string, { kind: 'settings', settings: update }, update);
      },
    },
    {
      method: 'DELETE',
      pattern: ['indexes', ':uid', 'settings', segment],
      action: 'settings.update',
      handle: (engine, req, p) => enqueue(engine, req, 'settingsUpdate', p.uid as string, { kind: 'settings', settings: { [key]: null } }, { [key]: null }),
    },
  ]),
  // Tasks
  {
    method: 'GET',
    pattern: ['tasks'],
    action: 'tasks.get',
    handle: (engine, req) => {
      const matches = taskFilter(req.query);
      const limit = intParam(req.query, 'limit', 20, 'invalid_task_limit');
      const from = req.query.get('from') === null ? Infinity : intParam(req.query, 'from', 0, 'invalid_task_from');
      const reverse = req.query.get('reverse') === 'true';
      let list = [...engine.tasks.values()].filter((t) => matches(t) && allowsIndex(req.key, t.indexUid ?? '*'));
      list.sort((a, b) => (reverse ? a.uid - b.uid : b.uid - a.uid));
      list = list.filter((t) => (reverse ? t.uid >= (from === Infinity ? 0 : from) : t.uid <= from));
      const page = list.slice(0, limit);
      const next = list[limit];
      return [200, { results: page, total: list.length, limit, from: page[0]?.uid ?? null, next: next ? next.uid : null }];
    },
  },
  {
    method: 'GET',
    pattern: ['tasks', ':taskUid'],
    action: 'tasks.get',
    handle: (engine, _req, p) => {
      const uid = Number(p.taskUid);
      if (!Number.isInteger(uid) || uid < 0) {
        throw new MeiliError(400, 'invalid_task_uids', `Invalid value in parameter \`taskUid\`: could not parse \`${p.taskUid}\` as a positive integer`);
      }
      const task = engine.tasks.get(uid);
      if (!task) throw errors.taskNotFound(uid);
      return [200, task];
    },
  },
  {
    method: 'POST',
    pattern: ['tasks', 'cancel'],
    action: 'tasks.cancel',
    handle: (engine, req) => {
      requireTaskFilter(req.query, 'cancel');
      const matches = taskFilter(req.query);
      const uids = [...engine.tasks.values()].filter((t) => matches(t) && (t.status === 'enqueued' || t.status === 'processing')).map((t) => t.uid);
      const query = `?${req.query.toString()}`;
      return enqueue(engine, req, 'taskCancelation', null, { kind: 'cancelTasks', uids, query }, { matchedTasks: uids.length, canceledTasks: null, originalFilter: query });
    },
  },
  {
    method: 'DELETE',
    pattern: ['tasks'],
    action: 'tasks.delete',
    handle: (engine, req) => {
      requireTaskFilter(req.query, 'delete');
      const matches = taskFilter(req.query);
      const uids = [...engine.tasks.values()].filter(matches).map((t) => t.uid);
      const query = `?${req.query.toString()}`;
      return enqueue(engine, req, 'taskDeletion', null, { kind: 'deleteTasks', uids, query }, { matchedTasks: uids.length, deletedTasks: null, originalFilter: query });
    },
  },
  { method: 'GET', pattern: ['experimental-features'], action: 'experimental.get', handle: () => [200, { ...experimentalFeatures }] },
  {
    method: 'PATCH',
    pattern: ['experimental-features'],
    action: 'experimental.update',
    handle: (_engine, req) => {
      const body = asObject(req.body);
      for (const [name, value] of Object.entries(body)) {
        if (!(name in experimentalFeatures)) {
          throw new MeiliError(400, 'bad_request', `Unknown field \`${name}\`: expected one of ${Object.keys(experimentalFeatures).map((f) => `\`${f}\``).join(', ')}`);
        }
        if (typeof value !== 'boolean' && value !== null) throw new MeiliError(400, 'bad_request', `Invalid value type at \`.${name}\`: expected a boolean, but found ${JSON.stringify(value)}`);
        if (typeof value === 'boolean') experimentalFeatures[name as keyof typeof experimentalFeatures] = value;
      }
      return [200, { ...experimentalFeatures }];
    },
  },
  { method: 'GET', pattern: ['batches'], action: 'tasks.get', handle: () => [200, { results: [], total: 0, limit: 20, from: null, next: null }] },
  // Keys (master key only, or a key with keys.* actions)
  {
    method: 'GET',
    pattern: ['keys'],
    action: 'keys.get',
    handle: (engine, req) => {
      const keys = [...engine.keys.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).map((k) => keyView(engine, k));
      return [200, paginateList(keys, req.query)];
    },
  },
  { method: 'GET', pattern: ['keys', ':key'], action: 'keys.get', handle: (engine, _req, p) => [200, keyView(engine, findKey(engine, p.key as string))] },
  {
    method: 'POST',
    pattern: ['keys'],
    action: 'keys.create',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      if (!Array.isArray(body.actions)) throw new MeiliError(400, 'missing_api_key_actions', 'Missing field `actions`');
      if (!Array.isArray(body.indexes)) throw new MeiliError(400, 'missing_api_key_indexes', 'Missing field `indexes`');
      if (!('expiresAt' in body)) throw new MeiliError(400, 'missing_api_key_expires_at', 'Missing field `expiresAt`');
      for (const action of body.actions as unknown[]) {
        if (typeof action !== 'string' || !KEY_ACTIONS.has(action)) {
          throw new MeiliError(400, 'invalid_api_key_actions', `Unknown value \`${String(action)}\` at \`.actions[0]\`: expected one of ${[...KEY_ACTIONS].map((a) => `\`${a}\``).join(', ')}`);
        }
      }
      if (body.expiresAt !== null && (typeof body.expiresAt !== 'string' || Number.isNaN(Date.parse(body.expiresAt)))) {
        throw new MeiliError(400, 'invalid_api_key_expires_at', `Invalid value at \`.expiresAt\`: \`${String(body.expiresAt)}\` is not a valid date. It should follow the RFC 3339 format to represents a date or datetime in the future or specified as a null value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.`);
      }
      const uid = typeof body.uid === 'string' ? body.uid : randomUUID();
      if (engine.keys.has(uid)) throw new MeiliError(409, 'api_key_already_exists', `\`uid\` field value \`${uid}\` is already an existing API key.`);
      const now = new Date().toISOString();
      const key: ApiKey = {
        uid,
        key: '',
        name: typeof body.name === 'string' ? body.name : null,
        description: typeof body.description === 'string' ? body.description : null,
        actions: body.actions as string[],
        indexes: body.indexes as string[],
        expiresAt: (body.expiresAt as string | null) === null ? null : rfc3339(new Date(body.expiresAt as string)),
        createdAt: now,
        updatedAt: now,
      };
      await engine.saveKey(key);
      return [201, keyView(engine, key)];
    },
  },
  {
    method: 'PATCH',
    pattern: ['keys', ':key'],
    action: 'keys.update',
    handle: async (engine, req, p) => {
      const key = findKey(engine, p.key as string);
      const body = asObject(req.body);
      for (const field of Object.keys(body)) {
        if (field !== 'name' && field !== 'description') {
          throw new MeiliError(400, `immutable_api_key_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, `The \`${field}\` field cannot be modified for the given resource.`);
        }
      }
      const updated: ApiKey = {
        ...key,
        name: body.name === undefined ? key.name : (body.name as string | null),
        description: body.description === undefined ? key.description : (body.description as string | null),
        updatedAt: new Date().toISOString(),
      };
      await engine.saveKey(updated);
      return [200, keyView(engine, updated)];
    },
  },
  {
    method: 'DELETE',
    pattern: ['keys', ':key'],
    action: 'keys.delete',
    handle: async (engine, _req, p) => {
      await engine.deleteKey(findKey(engine, p.key as string).uid);
      return [204, null];
    },
  },
];

/** Merge per-query results into one federated answer (`POST /multi-search` with `federation`). */
function federate(
  engine: Engine,
  queries: Array<Record<string, unknown>>,
  results: Array<Record<string, unknown> & { indexUid: string; hits: Document[]; estimatedTotalHits?: number }>,
  federation: Record<string, unknown>,
  started: number,
): Record<string, unknown> {
  const offset = Number(federation.offset ?? 0);
  const limit = Number(federation.limit ?? 20);
  const merged = results.flatMap((result, position) => {
    const options = (queries[position]?.federationOptions ?? {}) as { weight?: number };
    const weight = typeof options.weight === 'number' ? options.weight : 1;
    const keepScore = queries[position]?.showRankingScore === true;
    return result.hits.map((hit) => {
      const { _rankingScore, ...rest } = hit as Document & { _rankingScore: number };
      const weighted = _rankingScore * weight;
      return { ...rest, ...(keepScore ? { _rankingScore } : {}), _federation: { indexUid: result.indexUid, queriesPosition: position, weightedRankingScore: weighted } };
    });
  });
  merged.sort((a, b) => b._federation.weightedRankingScore - a._federation.weightedRankingScore);
  const answer: Record<string, unknown> = {
    hits: merged.slice(offset, offset + limit),
    processingTimeMs: Math.round(performance.now() - started),
    limit,
    offset,
    estimatedTotalHits: results.reduce((sum, r) => sum + (r.estimatedTotalHits ?? 0), 0),
  };
  const facetsByIndex = federation.facetsByIndex as Record<string, string[]> | undefined;
  if (facetsByIndex) {
    const byIndex: Record<string, { distribution: Record<string, Record<string, number>>; stats: Record<string, { min: number; max: number }> }> = {};
    for (const [uid, facets] of Object.entries(facetsByIndex)) {
      const own = results.find((r) => r.indexUid === uid);
      const position = results.indexOf(own as (typeof results)[number]);
      const q = position >= 0 ? (queries[position] as SearchQuery) : {};
      const { facetDistribution, facetStats } = search(engine.getIndex(uid), { q: q.q, filter: q.filter, limit: 0, facets });
      byIndex[uid] = { distribution: facetDistribution ?? {}, stats: facetStats ?? {} };
    }
    if ((federation.mergeFacets as unknown) && typeof federation.mergeFacets === 'object') {
      const distribution: Record<string, Record<string, number>> = {};
      const stats: Record<string, { min: number; max: number }> = {};
      for (const facets of Object.values(byIndex)) {
        for (const [name, values] of Object.entries(facets.distribution)) for (const [v, c] of Object.entries(values)) (distribution[name] ??= {})[v] = (distribution[name]?.[v] ?? 0) + c;
        for (const [name, s] of Object.entries(facets.stats)) stats[name] = stats[name] ? { min: Math.min(stats[name].min, s.min), max: Math.max(stats[name].max, s.max) } : { ...s };
      }
      Object.assign(answer, { facetDistribution: distribution, facetStats: stats });
    } else answer.facetsByIndex = byIndex;
  }
  if (federation.showPerformanceDetails) answer.performanceDetails = {};
  return answer;
}

/** Meilisearch's RFC 3339 form: no fractional seconds when they are zero. */
function rfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function indexStats(index: Index): Record<string, unknown> {
  const fieldDistribution: Record<string, number> = {};
  for (const doc of index.documents()) for (const key of Object.keys(doc)) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
  return { numberOfDocuments: index.size, rawDocumentDbSize: 0, avgDocumentSize: 0, isIndexing: false, numberOfEmbeddings: 0, numberOfEmbeddedDocuments: 0, fieldDistribution };
}

/** Does this API key grant access to index `uid`? (No key object: master key, or no auth.) */
export function allowsIndex(key: ApiKey | undefined, uid: string): boolean {
  if (!key) return true;
  return key.indexes.some((pattern) => pattern === '*' || pattern === uid || (pattern.endsWith('*') && uid.startsWith(pattern.slice(0, -1))));
}

/** Does this API key grant `action`? `*` grants everything, key management included, as in Meilisearch. */
export function allowsAction(key: ApiKey, action: string): boolean {
  const group = action.split('.')[0] as string;
  return key.actions.some((a) => a === '*' || a === action || a === `${group}.*`);
}

export function matchRoute(method: string, path: string[]): { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | null {
  let pathMatched = false;
  for (const route of routes) {
    if (route.pattern.length !== path.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < path.length; i++) {
      const part = route.pattern[i] as string;
      if (part.startsWith(':')) params[part.slice(1)] = path[i] as string;
      else if (part !== path[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}

