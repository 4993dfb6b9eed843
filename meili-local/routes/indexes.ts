/** Instance routes (health, version, stats, experimental features), indexes and their settings. */
import { MeiliError, describeValue, errors } from '../errors.ts';
import { assertIndexUid } from '../engine.ts';
import type { Index } from '../index.ts';
import { SETTINGS, settingsView, validateSettings } from '../settings.ts';
import { type Route, asObject, enqueue, indexView, paginateList } from './http.ts';
import { allowsIndex } from './keys.ts';

const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/;

/** Unknown fields of a body are refused, naming the accepted ones in Meilisearch's order. */
function onlyFields(body: Record<string, unknown>, accepted: string[], where = ''): void {
  for (const field of Object.keys(body)) {
    if (!accepted.includes(field))
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${field}\`${where}: expected one of ${accepted.map((f) => `\`${f}\``).join(', ')}`,
      );
  }
}

/** An optional string field of a body, or Meilisearch's error for it. */
function optionalString(body: Record<string, unknown>, field: string, code: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new MeiliError(
      400,
      code,
      `Invalid value type at \`.${field}\`: expected a string, but found ${describeValue(value)}`,
    );
  return value;
}

function invalidUidAt(where: string, uid: string): MeiliError {
  return new MeiliError(
    400,
    'invalid_index_uid',
    `Invalid value at \`${where}\`: ${errors.invalidIndexUid(uid).message}`,
  );
}

const VERSION = {
  commitSha: 'meili-local',
  commitDate: '2026-01-01T00:00:00Z',
  pkgVersion: '1.16.0',
};

function indexStats(index: Index): Record<string, unknown> {
  const fieldDistribution: Record<string, number> = {};
  for (const doc of index.documents())
    for (const key of Object.keys(doc)) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
  return {
    numberOfDocuments: index.size,
    rawDocumentDbSize: 0,
    avgDocumentSize: 0,
    isIndexing: false,
    numberOfEmbeddings: 0,
    numberOfEmbeddedDocuments: 0,
    fieldDistribution,
  };
}

export const indexRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ['health'],
    action: 'public',
    handle: () => [200, { status: 'available' }],
  },
  { method: 'GET', pattern: ['version'], action: 'version', handle: () => [200, VERSION] },
  {
    method: 'GET',
    pattern: ['stats'],
    action: 'stats.get',
    handle: (engine, req) => {
      // A key scoped to some indexes sees only theirs.
      const visible = [...engine.indexes.values()]
        .filter((i) => allowsIndex(req.key, i.uid))
        .sort((a, b) => (a.uid < b.uid ? -1 : 1));
      const indexes: Record<string, unknown> = {};
      for (const index of visible) indexes[index.uid] = indexStats(index);
      const lastUpdate =
        visible
          .map((i) => i.updatedAt)
          .sort()
          .at(-1) ?? null;
      return [200, { databaseSize: 0, usedDatabaseSize: 0, lastUpdate, indexes }];
    },
  },
  // Indexes
  {
    method: 'GET',
    pattern: ['indexes'],
    action: 'indexes.get',
    handle: (engine, req) => {
      const list = [...engine.indexes.values()]
        .sort((a, b) => (a.uid < b.uid ? -1 : 1))
        .filter((i) => allowsIndex(req.key, i.uid))
        .map(indexView);
      return [200, paginateList(list, req.query)];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes'],
    action: 'indexes.create',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      onlyFields(body, ['uid', 'primaryKey']);
      if (body.uid === undefined)
        throw new MeiliError(400, 'missing_index_uid', 'Missing field `uid`');
      if (typeof body.uid !== 'string')
        throw new MeiliError(
          400,
          'invalid_index_uid',
          `Invalid value type at \`.uid\`: expected a string, but found ${describeValue(body.uid)}`,
        );
      if (!INDEX_UID.test(body.uid)) throw invalidUidAt('.uid', body.uid);
      const primaryKey = optionalString(body, 'primaryKey', 'invalid_index_primary_key');
      // indexes.create may be given for some indexes only: the route checks the uid against the key's.
      if (!allowsIndex(req.key, body.uid)) throw errors.invalidKey();
      return enqueue(
        engine,
        req,
        'indexCreation',
        body.uid,
        { kind: 'createIndex', primaryKey },
        { primaryKey },
      );
    },
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid'],
    action: 'indexes.get',
    handle: (engine, _req, p) => [200, indexView(engine.getIndex(p.uid as string))],
  },
  {
    method: 'PATCH',
    pattern: ['indexes', ':uid'],
    action: 'indexes.update',
    handle: (engine, req, p) => {
      assertIndexUid(p.uid as string);
      const body = asObject(req.body);
      onlyFields(body, ['primaryKey', 'uid']);
      const primaryKey = optionalString(body, 'primaryKey', 'invalid_index_primary_key');
      const newUid = optionalString(body, 'uid', 'invalid_index_uid');
      if (newUid !== null) assertIndexUid(newUid);
      const details =
        newUid === null ? { primaryKey } : { primaryKey, oldIndexUid: p.uid, newIndexUid: newUid };
      return enqueue(
        engine,
        req,
        'indexUpdate',
        p.uid as string,
        { kind: 'updateIndex', primaryKey, ...(newUid === null ? {} : { newUid }) },
        details,
      );
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid'],
    action: 'indexes.delete',
    handle: (engine, req, p) =>
      enqueue(
        engine,
        req,
        'indexDeletion',
        p.uid as string,
        { kind: 'deleteIndex' },
        { deletedDocuments: 0 },
      ),
  },
  {
    method: 'POST',
    pattern: ['swap-indexes'],
    action: 'indexes.swap',
    handle: (engine, req) => {
      if (req.body === undefined) throw errors.missingPayload();
      if (!Array.isArray(req.body))
        throw new MeiliError(
          400,
          'bad_request',
          `Invalid value type: expected an array, but found ${describeValue(req.body)}`,
        );
      const swaps: Array<{ indexes: [string, string]; rename: boolean }> = [];
      (req.body as unknown[]).forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new MeiliError(
            400,
            'bad_request',
            `Invalid value type at \`[${i}]\`: expected an object, but found ${describeValue(item)}`,
          );
        }
        const swap = item as Record<string, unknown>;
        onlyFields(swap, ['indexes', 'rename'], ` inside \`[${i}]\``);
        if (swap.indexes === undefined)
          throw new MeiliError(
            400,
            'missing_swap_indexes',
            `Missing field \`indexes\` inside \`[${i}]\``,
          );
        if (!Array.isArray(swap.indexes))
          throw new MeiliError(
            400,
            'invalid_swap_indexes',
            `Invalid value type at \`[${i}].indexes\`: expected an array, but found ${describeValue(swap.indexes)}`,
          );
        (swap.indexes as unknown[]).forEach((uid, j) => {
          if (typeof uid !== 'string')
            throw new MeiliError(
              400,
              'invalid_swap_indexes',
              `Invalid value type at \`[${i}].indexes[${j}]\`: expected a string, but found ${describeValue(uid)}`,
            );
          if (!INDEX_UID.test(uid))
            throw new MeiliError(
              400,
              'invalid_swap_indexes',
              `Invalid value at \`[${i}].indexes[${j}]\`: ${errors.invalidIndexUid(uid).message}`,
            );
        });
        if (swap.rename !== undefined && typeof swap.rename !== 'boolean') {
          throw new MeiliError(
            400,
            'invalid_swap_rename',
            `Invalid value type at \`[${i}].rename\`: expected a boolean, but found ${describeValue(swap.rename)}`,
          );
        }
        swaps.push({ indexes: swap.indexes as [string, string], rename: swap.rename === true });
      });
      for (const { indexes } of swaps) {
        if (indexes.length !== 2) {
          throw new MeiliError(
            400,
            'invalid_swap_indexes',
            `Two indexes must be given for each swap. The list \`${JSON.stringify(indexes)}\` contains ${indexes.length} indexes.`,
          );
        }
        if (!indexes.every((uid) => allowsIndex(req.key, uid))) throw errors.invalidKey();
      }
      const seen = new Set<string>();
      const duplicates = new Set<string>();
      for (const { indexes } of swaps)
        for (const uid of indexes) (seen.has(uid) ? duplicates : seen).add(uid);
      const dup = [...duplicates].sort();
      if (dup.length === 1)
        throw new MeiliError(
          400,
          'invalid_swap_duplicate_index_found',
          `Indexes must be declared only once during a swap. \`${dup[0]}\` was specified several times.`,
        );
      if (dup.length > 1)
        throw new MeiliError(
          400,
          'invalid_swap_duplicate_index_found',
          `Indexes must be declared only once during a swap. ${dup.map((d) => `\`${d}\``).join(', ')} were specified several times.`,
        );
      // Meilisearch attaches no custom metadata to swaps.
      return enqueue(
        engine,
        { ...req, query: new URLSearchParams() },
        'indexSwap',
        null,
        { kind: 'swap', swaps },
        { swaps },
      );
    },
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'stats'],
    action: 'stats.get',
    handle: (engine, _req, p) => [200, indexStats(engine.getIndex(p.uid as string))],
  },
  {
    method: 'GET',
    pattern: ['experimental-features'],
    action: 'experimental.get',
    handle: (engine) => [200, { ...engine.features }],
  },
  {
    method: 'PATCH',
    pattern: ['experimental-features'],
    action: 'experimental.update',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      for (const [name, value] of Object.entries(body)) {
        if (!(name in engine.features)) {
          throw new MeiliError(
            400,
            'bad_request',
            `Unknown field \`${name}\`: expected one of ${Object.keys(engine.features)
              .map((f) => `\`${f}\``)
              .join(', ')}`,
          );
        }
        if (typeof value !== 'boolean' && value !== null)
          throw new MeiliError(
            400,
            'bad_request',
            `Invalid value type at \`.${name}\`: expected a boolean, but found ${describeValue(value)}`,
          );
      }
      await engine.setFeatures(
        Object.fromEntries(
          Object.entries(body).filter(([, value]) => typeof value === 'boolean'),
        ) as Record<string, boolean>,
      );
      return [200, { ...engine.features }];
    },
  },
];

/**
 * A per-setting route's body is the setting itself, so Meilisearch's messages name places inside it:
 * `at \`.typoTolerance.enabled\`` reads `at \`.enabled\``, and the setting's own name goes.
 */
function relocate(error: unknown, key: string): unknown {
  if (!(error instanceof MeiliError)) return error;
  const message = error.message
    .replaceAll(` at \`.${key}\`:`, ':')
    .replaceAll(` inside \`.${key}\``, '')
    .replaceAll(`\`.${key}.`, '`.')
    .replaceAll(`\`.${key}[`, '`[');
  return new MeiliError(error.status, error.code, message, error.type);
}

export const settingsRoutes: Route[] = [
  // Settings: one table (settings.ts) gives every setting's name, route, method, checks and view.
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.get',
    handle: (engine, _req, p) => [
      200,
      settingsView(engine.getIndex(p.uid as string).settings, engine.features),
    ],
  },
  {
    method: 'PATCH',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.update',
    handle: (engine, req, p) => {
      assertIndexUid(p.uid as string);
      const body = asObject(req.body);
      validateSettings(body, engine.features);
      return enqueue(
        engine,
        req,
        'settingsUpdate',
        p.uid as string,
        { kind: 'settings', settings: body },
        body,
      );
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'settings'],
    action: 'settings.update',
    handle: (engine, req, p) => {
      // Meilisearch's task details for a reset: every setting null, but the attribute lists shown as `["*"]`.
      const settings = Object.fromEntries(SETTINGS.map((spec) => [spec.key, null]));
      const details = { ...settings, displayedAttributes: ['*'], searchableAttributes: ['*'] };
      return enqueue(
        engine,
        req,
        'settingsUpdate',
        p.uid as string,
        { kind: 'settings', settings },
        details,
      );
    },
  },
  ...SETTINGS.flatMap((spec): Route[] => [
    {
      method: 'GET',
      pattern: ['indexes', ':uid', 'settings', spec.route],
      action: 'settings.get',
      handle: (engine, _req, p) => [200, spec.view(engine.getIndex(p.uid as string).settings)],
    },
    {
      method: spec.method,
      pattern: ['indexes', ':uid', 'settings', spec.route],
      action: 'settings.update',
      handle: (engine, req, p) => {
        assertIndexUid(p.uid as string);
        const update = { [spec.key]: req.body === undefined ? null : req.body };
        try {
          validateSettings(update, engine.features);
        } catch (error) {
          throw relocate(error, spec.key);
        }
        return enqueue(
          engine,
          req,
          'settingsUpdate',
          p.uid as string,
          { kind: 'settings', settings: update },
          update,
        );
      },
    },
    {
      method: 'DELETE',
      pattern: ['indexes', ':uid', 'settings', spec.route],
      action: 'settings.update',
      handle: (engine, req, p) =>
        enqueue(
          engine,
          req,
          'settingsUpdate',
          p.uid as string,
          { kind: 'settings', settings: { [spec.key]: null } },
          { [spec.key]: null },
        ),
    },
  ]),
];
