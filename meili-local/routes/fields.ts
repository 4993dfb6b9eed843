/** `POST /indexes/:uid/fields`: every field of the index's documents and what the settings make of it. */
import { MeiliError } from '../errors.ts';
import type { Index } from '../index.ts';
import type { FilterableRule, Settings } from '../settings.ts';
import { type Route, asObject } from './http.ts';

type Match = 'match' | 'parent' | 'none';

/** Meilisearch's attribute pattern match: exact, `*`, `prefix*`, `*suffix`, or a child of the pattern. */
function patternMatch(pattern: string, field: string): Match {
  if (pattern === '*' || pattern === field) return 'match';
  if (pattern.endsWith('*') && field.startsWith(pattern.slice(0, -1))) return 'match';
  if (pattern.startsWith('*') && field.endsWith(pattern.slice(1))) return 'match';
  if (field.startsWith(`${pattern}.`)) return 'match';
  if (pattern.startsWith(`${field}.`)) return 'parent';
  return 'none';
}

const anyMatch = (patterns: readonly string[], field: string) =>
  patterns.some((p) => patternMatch(p, field) === 'match');

/** Every field path of the documents: objects give their own name and their children's (arrays of objects too). */
function fieldNames(index: Index): string[] {
  const names = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) for (const item of value) walk(item, path);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const name = path ? `${path}.${key}` : key;
        names.add(name);
        walk(child, name);
      }
    }
  };
  for (const doc of index.documents()) walk(doc, '');
  return [...names].sort();
}

function filterFeatures(
  rules: Settings['filterableRules'],
  field: string,
): FilterableRule['features'] {
  for (const rule of rules) {
    if (typeof rule === 'string') {
      if (patternMatch(rule, field) === 'match')
        return { facetSearch: true, filter: { equality: true, comparison: true } };
    } else if (anyMatch(rule.attributePatterns, field)) return rule.features;
  }
  return { facetSearch: false, filter: { equality: false, comparison: false } };
}

function fieldView(settings: Settings, name: string): Record<string, unknown> {
  const features = filterFeatures(settings.filterableRules, name);
  const rankingRule = settings.rankingRules
    .map((r) => /^(.+):(asc|desc)$/.exec(r))
    .find((m) => m?.[1] === name);
  const locales =
    settings.localizedAttributes?.find((rule) => anyMatch(rule.attributePatterns, name))?.locales ??
    [];
  return {
    name,
    displayed: { enabled: anyMatch(settings.displayedAttributes, name) },
    searchable: { enabled: anyMatch(settings.searchableAttributes, name) },
    sortable: { enabled: anyMatch(settings.sortableAttributes, name) },
    distinct: { enabled: settings.distinctAttribute === name },
    rankingRule: rankingRule ? { enabled: true, order: rankingRule[2] } : { enabled: false },
    filterable: {
      enabled: features.facetSearch || features.filter.equality || features.filter.comparison,
      sortBy:
        settings.faceting.sortFacetValuesBy[name] ??
        settings.faceting.sortFacetValuesBy['*'] ??
        'alpha',
      facetSearch: features.facetSearch,
      equality: features.filter.equality,
      comparison: features.filter.comparison,
    },
    // Meilisearch shows languages by their capitalised ISO 639-3 name.
    localized: {
      locales: locales.map((l) => (l.length === 3 ? l[0]?.toUpperCase() + l.slice(1) : l)),
    },
  };
}

const FILTER_KEYS: Record<string, string> = {
  displayed: 'displayed',
  searchable: 'searchable',
  sortable: 'sortable',
  distinct: 'distinct',
  rankingRule: 'rankingRule',
  filterable: 'filterable',
};

function paginationParam(body: Record<string, unknown>, name: string, fallback: number): number {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MeiliError(
      400,
      `invalid_index_fields_${name}`,
      `Invalid value type at \`.${name}\`: expected a positive integer, but found ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export const fieldRoutes: Route[] = [
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'fields'],
    action: 'fields.post',
    handle: (engine, req, p) => {
      const index = engine.getIndex(p.uid as string);
      const body = req.body === undefined ? {} : asObject(req.body);
      for (const key of Object.keys(body)) {
        if (!['offset', 'limit', 'filter'].includes(key))
          throw new MeiliError(
            400,
            'bad_request',
            `Unknown field \`${key}\`: expected one of \`offset\`, \`limit\`, \`filter\``,
          );
      }
      const offset = paginationParam(body, 'offset', 0);
      const limit = paginationParam(body, 'limit', 20);
      const filter =
        body.filter === undefined || body.filter === null ? {} : asObject(body.filter, '`.filter`');
      const accepted = ['attributePatterns', ...Object.keys(FILTER_KEYS)];
      for (const key of Object.keys(filter)) {
        if (!accepted.includes(key))
          throw new MeiliError(
            400,
            'invalid_index_fields_filter',
            `Unknown field \`${key}\` inside \`.filter\`: expected one of ${accepted.map((a) => `\`${a}\``).join(', ')}`,
          );
      }
      const patterns = filter.attributePatterns as string[] | undefined | null;
      const fields = fieldNames(index)
        .map((name) => fieldView(index.settings, name))
        .filter((field) => {
          if (
            patterns &&
            !patterns.some((pattern) => patternMatch(pattern, field.name as string) === 'match')
          )
            return false;
          for (const key of Object.keys(FILTER_KEYS)) {
            const wanted = filter[key];
            if (
              typeof wanted === 'boolean' &&
              (field[key] as { enabled: boolean }).enabled !== wanted
            )
              return false;
          }
          return true;
        });
      return [
        200,
        { results: fields.slice(offset, offset + limit), offset, limit, total: fields.length },
      ];
    },
  },
];
