/** Instance routes (health, version, stats, experimental features), indexes and their settings. */
import { MeiliError } from '../errors.ts';
import { assertIndexUid } from '../engine.ts';
import type { Index } from '../index.ts';
import { SETTING_ROUTES, defaultSettings, type Settings } from '../settings.ts';
import { type Route, asObject, enqueue, indexView, paginateList } from './http.ts';
import { allowsIndex } from './keys.ts';

const VERSION = { commitSha: 'meili-local', commitDate: '2026-01-01T00:00:00Z', pkgVersion: '1.16.0' };


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


function indexStats(index: Index): Record<string, unknown> {
  const fieldDistribution: Record<string, number> = {};
  for (const doc of index.documents()) for (const key of Object.keys(doc)) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
  return { numberOfDocuments: index.size, rawDocumentDbSize: 0, avgDocumentSize: 0, isIndexing: false, numberOfEmbeddings: 0, numberOfEmbeddedDocuments: 0, fieldDistribution };
}


export const indexRoutes: Route[] = [
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
];

export const settingsRoutes: Route[] = [
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
];
