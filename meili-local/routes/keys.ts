/** API keys: the key routes and the checks that decide what a key may do. */
import { randomUUID } from 'node:crypto';
import { MeiliError, errors } from '../errors.ts';
import type { Engine } from '../engine.ts';
import type { ApiKey } from '../types.ts';
import { type Route, asObject, paginateList, rfc3339 } from './http.ts';

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


export const keyRoutes: Route[] = [
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
