/** API keys: the key routes and the checks that decide what a key may do. */
import { randomUUID } from 'node:crypto';
import { MeiliError, describeValue, errors } from '../errors.ts';
import type { Engine } from '../engine.ts';
import type { ApiKey } from '../types.ts';
import { type Route, asObject, paginateList, rfc3339 } from './http.ts';

/** A key as Meilisearch shows it, its fields in Meilisearch's order. */
function keyView(engine: Engine, key: ApiKey): ApiKey {
  const { name, description, uid, actions, indexes, expiresAt, createdAt, updatedAt } = key;
  return {
    name,
    description,
    key: engine.keyValue(uid),
    uid,
    actions,
    indexes,
    expiresAt,
    createdAt,
    updatedAt,
  };
}

function findKey(engine: Engine, idOrKey: string): ApiKey {
  const key = engine.keys.get(idOrKey) ?? engine.keyByValue(idOrKey);
  if (!key) throw errors.keyNotFound(idOrKey);
  return key;
}

/** Every action a key may be given, in Meilisearch's order (its error messages list them so). */
const KEY_ACTIONS = [
  '*',
  'search',
  'documents.*',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.*',
  'indexes.create',
  'indexes.get',
  'indexes.update',
  'indexes.delete',
  'indexes.swap',
  'tasks.*',
  'tasks.cancel',
  'tasks.delete',
  'tasks.get',
  'settings.*',
  'settings.get',
  'settings.update',
  'stats.*',
  'stats.get',
  'metrics.*',
  'metrics.get',
  'dumps.*',
  'dumps.create',
  'snapshots.*',
  'snapshots.create',
  'version',
  'keys.create',
  'keys.get',
  'keys.update',
  'keys.delete',
  'experimental.get',
  'experimental.update',
  'export',
  'network.get',
  'network.update',
  'chatCompletions',
  'chats.*',
  'chats.get',
  'chats.delete',
  'chatsSettings.*',
  'chatsSettings.get',
  'chatsSettings.update',
  '*.get',
  'webhooks.get',
  'webhooks.update',
  'webhooks.delete',
  'webhooks.create',
  'webhooks.*',
  'indexes.compact',
  'fields.post',
  'tasks.compact',
  'dynamicSearchRules.get',
  'dynamicSearchRules.create',
  'dynamicSearchRules.update',
  'dynamicSearchRules.delete',
  'dynamicSearchRules.*',
];
const KEY_ACTION_SET = new Set(KEY_ACTIONS);

/** What `*.get` grants (Meilisearch's read actions; `keys.get` is left out on purpose). */
const READ_ACTIONS = [
  'search',
  'documents.get',
  'export',
  'indexes.get',
  'tasks.get',
  'settings.get',
  'stats.get',
  'metrics.get',
  'version',
  'experimental.get',
  'network.get',
  'chats.get',
  'chatsSettings.get',
  'webhooks.get',
  'fields.post',
  'dynamicSearchRules.get',
];

/** The wildcard actions and what they expand to. */
const EXPANSIONS: Record<string, string[]> = {
  '*': KEY_ACTIONS.filter((a) => a !== '*.get'),
  '*.get': READ_ACTIONS,
  'documents.*': ['documents.get', 'documents.delete', 'documents.add'],
  'indexes.*': [
    'indexes.create',
    'indexes.delete',
    'indexes.get',
    'indexes.update',
    'indexes.swap',
    'indexes.compact',
  ],
  'settings.*': ['settings.get', 'settings.update'],
  'dumps.*': ['dumps.create'],
  'snapshots.*': ['snapshots.create'],
  'tasks.*': ['tasks.get', 'tasks.delete', 'tasks.cancel', 'tasks.compact'],
  'stats.*': ['stats.get'],
  'metrics.*': ['metrics.get'],
  'chats.*': ['chats.get', 'chats.delete'],
  'chatsSettings.*': ['chatsSettings.get', 'chatsSettings.update'],
  'webhooks.*': ['webhooks.get', 'webhooks.update', 'webhooks.delete', 'webhooks.create'],
  'dynamicSearchRules.*': [
    'dynamicSearchRules.get',
    'dynamicSearchRules.create',
    'dynamicSearchRules.update',
    'dynamicSearchRules.delete',
  ],
};

/** Global actions: an index-scoped key cannot be given them. */
const GLOBAL_ACTIONS = new Set([
  'metrics.*',
  'metrics.get',
  'dumps.*',
  'dumps.create',
  'snapshots.*',
  'snapshots.create',
  'version',
  'keys.create',
  'keys.get',
  'keys.update',
  'keys.delete',
  'experimental.get',
  'experimental.update',
  'export',
  'network.get',
  'network.update',
  'chats.*',
  'chats.get',
  'chats.delete',
  'chatsSettings.*',
  'chatsSettings.get',
  'chatsSettings.update',
  'webhooks.get',
  'webhooks.update',
  'webhooks.delete',
  'webhooks.create',
  'webhooks.*',
  'dynamicSearchRules.get',
  'dynamicSearchRules.create',
  'dynamicSearchRules.update',
  'dynamicSearchRules.delete',
  'dynamicSearchRules.*',
  'tasks.compact',
]);

/**
 * Actions whose routes are not about one index but that an index-scoped key may still use: the route itself
 * keeps to the key's indexes (lists, stats, tasks, swaps, index creation, multi-search).
 */
const HANDLER_SCOPED_ACTIONS = new Set([
  'documents.get',
  'search',
  'indexes.create',
  'indexes.get',
  'indexes.swap',
  'tasks.cancel',
  'tasks.delete',
  'tasks.get',
  'settings.get',
  'stats.*',
  'stats.get',
  'chatCompletions',
]);

const INDEX_PATTERN = /^[A-Za-z0-9_-]*\*?$/;
const UUID =
  /^(?:[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})$/;

/** Meilisearch's accepted forms of `expiresAt`: RFC 3339, `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` (UTC). */
function parseExpiresAt(text: string): Date | null {
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text))
    iso = text;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}$/.test(text))
    iso = `${text.replace(' ', 'T')}Z`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = `${text}T00:00:00Z`;
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const keyRoutes: Route[] = [
  // Keys (master key only, or a key with keys.* actions)
  {
    method: 'GET',
    pattern: ['keys'],
    action: 'keys.get',
    handle: (engine, req) => {
      const keys = [...engine.keys.values()]
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .map((k) => keyView(engine, k));
      return [200, paginateList(keys, req.query)];
    },
  },
  {
    method: 'GET',
    pattern: ['keys', ':key'],
    action: 'keys.get',
    handle: (engine, _req, p) => [200, keyView(engine, findKey(engine, p.key as string))],
  },
  {
    method: 'POST',
    pattern: ['keys'],
    action: 'keys.create',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      const accepted = ['description', 'name', 'uid', 'actions', 'indexes', 'expiresAt'];
      for (const field of Object.keys(body)) {
        if (!accepted.includes(field))
          throw new MeiliError(
            400,
            'bad_request',
            `Unknown field \`${field}\`: expected one of ${accepted.map((f) => `\`${f}\``).join(', ')}`,
          );
      }
      for (const field of ['description', 'name'] as const) {
        if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') {
          throw new MeiliError(
            400,
            `invalid_api_key_${field}`,
            `Invalid value type at \`.${field}\`: expected a string, but found ${describeValue(body[field])}`,
          );
        }
      }
      if (body.uid !== undefined && (typeof body.uid !== 'string' || !UUID.test(body.uid))) {
        throw new MeiliError(
          400,
          'invalid_api_key_uid',
          typeof body.uid === 'string'
            ? `Invalid value at \`.uid\`: invalid character: found \`${[...body.uid].find((c) => !/[0-9a-fA-F-]/.test(c)) ?? body.uid[0]}\` at ${Math.max(
                0,
                [...body.uid].findIndex((c) => !/[0-9a-fA-F-]/.test(c)),
              )}`
            : `Invalid value type at \`.uid\`: expected a string, but found ${describeValue(body.uid)}`,
        );
      }
      if (body.actions === undefined)
        throw new MeiliError(400, 'missing_api_key_actions', 'Missing field `actions`');
      if (!Array.isArray(body.actions))
        throw new MeiliError(
          400,
          'invalid_api_key_actions',
          `Invalid value type at \`.actions\`: expected an array, but found ${describeValue(body.actions)}`,
        );
      (body.actions as unknown[]).forEach((action, i) => {
        if (typeof action !== 'string')
          throw new MeiliError(
            400,
            'invalid_api_key_actions',
            `Invalid value type at \`.actions[${i}]\`: expected a string, but found ${describeValue(action)}`,
          );
        if (!KEY_ACTION_SET.has(action)) {
          throw new MeiliError(
            400,
            'invalid_api_key_actions',
            `Unknown value \`${action}\` at \`.actions[${i}]\`: expected one of ${KEY_ACTIONS.map((a) => `\`${a}\``).join(', ')}`,
          );
        }
      });
      if (body.indexes === undefined)
        throw new MeiliError(400, 'missing_api_key_indexes', 'Missing field `indexes`');
      if (!Array.isArray(body.indexes))
        throw new MeiliError(
          400,
          'invalid_api_key_indexes',
          `Invalid value type at \`.indexes\`: expected an array, but found ${describeValue(body.indexes)}`,
        );
      (body.indexes as unknown[]).forEach((pattern, i) => {
        if (typeof pattern !== 'string')
          throw new MeiliError(
            400,
            'invalid_api_key_indexes',
            `Invalid value type at \`.indexes[${i}]\`: expected a string, but found ${describeValue(pattern)}`,
          );
        if (!INDEX_PATTERN.test(pattern) || pattern === '' || Buffer.byteLength(pattern) > 512) {
          throw new MeiliError(
            400,
            'invalid_api_key_indexes',
            `Invalid value at \`.indexes[${i}]\`: \`${pattern}\` is not a valid index uid pattern. Index uid patterns can be an integer or a string containing only alphanumeric characters, hyphens (-), underscores (_), and optionally end with a star (*).`,
          );
        }
      });
      if (!('expiresAt' in body))
        throw new MeiliError(400, 'missing_api_key_expires_at', 'Missing field `expiresAt`');
      let expiresAt: string | null = null;
      if (body.expiresAt !== null) {
        if (typeof body.expiresAt !== 'string') {
          throw new MeiliError(
            400,
            'invalid_api_key_expires_at',
            `Invalid value type at \`.expiresAt\`: expected a string, but found ${describeValue(body.expiresAt)}`,
          );
        }
        // A date in the past is refused like a malformed one, with the same message.
        const date = parseExpiresAt(body.expiresAt);
        if (!date || date.getTime() <= Date.now()) {
          throw new MeiliError(
            400,
            'invalid_api_key_expires_at',
            `Invalid value at \`.expiresAt\`: \`${body.expiresAt}\` is not a valid date. It should follow the RFC 3339 format to represents a date or datetime in the future or specified as a null value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.\n`,
          );
        }
        expiresAt = rfc3339(date);
      }
      const actions = body.actions as string[];
      const indexes = body.indexes as string[];
      if (indexes.length > 0 && !indexes.includes('*')) {
        const global = actions.find((a) => GLOBAL_ACTIONS.has(a));
        if (global !== undefined) {
          throw new MeiliError(
            400,
            'index_scoped_api_key_with_global_action',
            `cannot create index-scoped API key with global action \`"${global}"\`\n  - Hint: remove action \`"${global}"\` from the action list, or remove \`indexes\` to make the key global`,
          );
        }
      }
      const uid = typeof body.uid === 'string' ? normalizeUuid(body.uid) : randomUUID();
      if (engine.keys.has(uid))
        throw new MeiliError(
          409,
          'api_key_already_exists',
          `\`uid\` field value \`${uid}\` is already an existing API key.`,
        );
      const now = new Date().toISOString();
      const key: ApiKey = {
        name: typeof body.name === 'string' ? body.name : null,
        description: typeof body.description === 'string' ? body.description : null,
        key: '',
        uid,
        actions,
        indexes,
        expiresAt,
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
      const immutable = ['uid', 'actions', 'indexes', 'expiresAt', 'createdAt', 'updatedAt'];
      for (const field of Object.keys(body)) {
        if (field === 'name' || field === 'description') continue;
        if (immutable.includes(field)) {
          throw new MeiliError(
            400,
            `immutable_api_key_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
            `Immutable field \`${field}\`: expected one of \`description\`, \`name\``,
          );
        }
        throw new MeiliError(
          400,
          'bad_request',
          `Unknown field \`${field}\`: expected one of \`description\`, \`name\``,
        );
      }
      for (const field of ['description', 'name'] as const) {
        if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') {
          throw new MeiliError(
            400,
            `invalid_api_key_${field}`,
            `Invalid value type at \`.${field}\`: expected a string, but found ${describeValue(body[field])}`,
          );
        }
      }
      const updated: ApiKey = {
        ...key,
        name: body.name === undefined ? key.name : (body.name as string | null),
        description:
          body.description === undefined ? key.description : (body.description as string | null),
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

function normalizeUuid(text: string): string {
  const hex = text.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Does index pattern `pattern` (`*`, exact, or `prefix*`) cover index `uid`? */
function patternMatches(pattern: string, uid: string): boolean {
  return (
    pattern === '*' ||
    pattern === uid ||
    (pattern.endsWith('*') && uid.startsWith(pattern.slice(0, -1)))
  );
}

/** Does this API key grant access to index `uid`? (No key object: master key, or no auth.) */
export function allowsIndex(key: ApiKey | undefined, uid: string): boolean {
  if (!key) return true;
  return key.indexes.some((pattern) => patternMatches(pattern, uid));
}

/** Is the key limited to some indexes (no `*` among its patterns)? */
export function isIndexScoped(key: ApiKey | undefined): key is ApiKey {
  return key !== undefined && !key.indexes.includes('*');
}

/** The actions a key's list grants once wildcards are expanded. */
function grantedActions(key: ApiKey): Set<string> {
  const granted = new Set<string>();
  for (const action of key.actions) for (const a of EXPANSIONS[action] ?? [action]) granted.add(a);
  return granted;
}

/**
 * Why a key may not do `action` (on index `indexUid` when the route names one), as Meilisearch words it;
 * null when it may. An expired key may do nothing.
 */
export function refusal(key: ApiKey, action: string, indexUid: string | undefined): string | null {
  const invalid = 'The provided API key is invalid.';
  if (indexUid !== undefined && !allowsIndex(key, indexUid)) {
    const allowed = [...new Set(key.indexes)].sort();
    return `The API key cannot acces the index \`${indexUid}\`, authorized indexes are [${allowed.map((i) => JSON.stringify(i)).join(', ')}].`;
  }
  if (!grantedActions(key).has(action)) return invalid;
  const global = key.indexes.includes('*');
  if (
    !global &&
    indexUid === undefined &&
    !(HANDLER_SCOPED_ACTIONS.has(action) && key.indexes.length > 0)
  )
    return invalid;
  if (!global && indexUid !== undefined && !allowsIndex(key, indexUid)) return invalid;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now()) return invalid;
  return null;
}

/** Does this API key grant `action` (ignoring index scopes and expiry)? */
export function allowsAction(key: ApiKey, action: string): boolean {
  return grantedActions(key).has(action);
}
