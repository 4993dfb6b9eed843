/**
 * `/dynamic-search-rules` (behind the `dynamicSearchRules` experimental feature), as Meilisearch 1.50's
 * routes/dynamic_search_rules.rs: rules are listed with a POST (a search over their descriptions and query
 * words), read one by one, and written through tasks (`dsrUpdate`, `dsrClear`) on the `.meili_dsr` index.
 */
import type { Engine } from '../engine.ts';
import { MeiliError } from '../errors.ts';
import { checkRuleUpdate, listRules, ruleView, RULES_INDEX } from '../rules.ts';
import { featureNotEnabled, typeError } from '../settings.ts';
import { RawBody, type Route, asObject, enqueue } from './http.ts';

const FEATURE = {
  label: 'dynamic search rules',
  link: 'https://github.com/orgs/meilisearch/discussions/884',
};

function requireFeature(engine: Engine, action: string): void {
  if (!engine.features.dynamicSearchRules) throw featureNotEnabled(action, FEATURE);
}

const RULE_UID = /^[A-Za-z0-9_-]{1,512}$/;

/** A bad uid in the path fails its extraction: actix answers a plain-text 404. */
function badUid(uid: string): RawBody | null {
  return RULE_UID.test(uid)
    ? null
    : new RawBody(
        `\`${uid}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.`,
        'text/plain; charset=utf-8',
      );
}

const invalid = (code: string, message: string) =>
  new MeiliError(400, `invalid_dynamic_search_rule_${code}`, message);

function unknownField(key: string, at: string, accepted: string[], code: string): MeiliError {
  return new MeiliError(
    400,
    code,
    `Unknown field \`${key}\`${at ? ` inside \`${at}\`` : ''}: expected one of ${accepted.map((k) => `\`${k}\``).join(', ')}`,
  );
}

/** The listing's body: `offset`, `limit` (default 20) and `filter: { query, active }`. */
function listBody(body: unknown): {
  offset: number;
  limit: number;
  query?: string;
  active?: boolean;
} {
  const input = body === undefined ? {} : asObject(body);
  for (const key of Object.keys(input))
    if (!['offset', 'limit', 'filter'].includes(key))
      throw unknownField(key, '', ['offset', 'limit', 'filter'], 'bad_request');
  const count = (name: 'offset' | 'limit', fallback: number): number => {
    const value = input[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw invalid(name, typeError(`.${name}`, 'a positive integer', value));
    return value;
  };
  const out: { offset: number; limit: number; query?: string; active?: boolean } = {
    offset: count('offset', 0),
    limit: count('limit', 20),
  };
  const filter = input.filter;
  if (filter === undefined || filter === null) return out;
  if (typeof filter !== 'object' || Array.isArray(filter))
    throw invalid('filter', typeError('.filter', 'an object', filter));
  const fields = filter as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (key !== 'query' && key !== 'active')
      throw unknownField(key, '.filter', ['query', 'active'], 'invalid_dynamic_search_rule_filter');
  if (typeof fields.query === 'string') out.query = fields.query;
  else if (fields.query !== undefined && fields.query !== null)
    throw invalid('filter_query', typeError('.filter.query', 'a string', fields.query));
  if (typeof fields.active === 'boolean') out.active = fields.active;
  else if (fields.active !== undefined && fields.active !== null)
    throw invalid('filter_active', typeError('.filter.active', 'a boolean', fields.active));
  return out;
}

const ROUTES_ACTION = 'Using the `/dynamic-search-rules` routes';

export const ruleRoutes: Route[] = [
  {
    method: 'POST',
    pattern: ['dynamic-search-rules'],
    action: 'dynamicSearchRules.get',
    handle: (engine, req) => {
      const { offset, limit, query, active } = listBody(req.body);
      requireFeature(engine, 'Calling the `POST /dynamic-search-rules` route');
      const found = listRules([...engine.rules.values()], query, active);
      return [
        200,
        {
          results: found.slice(offset, offset + limit).map(ruleView),
          offset,
          limit,
          total: found.length,
        },
      ];
    },
  },
  {
    method: 'DELETE',
    pattern: ['dynamic-search-rules'],
    action: 'dynamicSearchRules.delete',
    handle: (engine, req) => {
      requireFeature(engine, ROUTES_ACTION);
      return enqueue(engine, req, 'dsrClear', RULES_INDEX, { kind: 'rulesClear' });
    },
  },
  {
    method: 'GET',
    pattern: ['dynamic-search-rules', ':uid'],
    action: 'dynamicSearchRules.get',
    handle: (engine, _req, p) => {
      const uid = p.uid as string;
      const bad = badUid(uid);
      if (bad) return [404, bad];
      requireFeature(engine, 'Calling the `GET /dynamic-search-rules/{:ruleUid}` route');
      const rule = engine.rules.get(uid);
      if (!rule)
        throw new MeiliError(
          404,
          'dynamic_search_rule_not_found',
          `Dynamic search rule \`${uid}\` not found.`,
        );
      return [200, ruleView(rule)];
    },
  },
  {
    method: 'PATCH',
    pattern: ['dynamic-search-rules', ':uid'],
    action: 'dynamicSearchRules.update',
    handle: (engine, req, p) => {
      const uid = p.uid as string;
      const bad = badUid(uid);
      if (bad) return [404, bad];
      const update = checkRuleUpdate(asObject(req.body));
      requireFeature(engine, ROUTES_ACTION);
      return enqueue(
        engine,
        req,
        'dsrUpdate',
        RULES_INDEX,
        { kind: 'ruleUpdate', uid, update },
        { rule: update, updatedRules: 1 },
      );
    },
  },
  {
    method: 'DELETE',
    pattern: ['dynamic-search-rules', ':uid'],
    action: 'dynamicSearchRules.delete',
    handle: (engine, req, p) => {
      const uid = p.uid as string;
      const bad = badUid(uid);
      if (bad) return [404, bad];
      requireFeature(engine, ROUTES_ACTION);
      return enqueue(
        engine,
        req,
        'dsrUpdate',
        RULES_INDEX,
        { kind: 'ruleDelete', uid },
        { updatedRules: 1 },
      );
    },
  },
];
