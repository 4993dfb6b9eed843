/** Index settings: Meilisearch's defaults, and validation of updates with its error codes. */
import { MeiliError } from './errors.ts';

export interface TypoTolerance {
  enabled: boolean;
  minWordSizeForTypos: { oneTypo: number; twoTypos: number };
  disableOnWords: string[];
  disableOnAttributes: string[];
  disableOnNumbers: boolean;
}

export interface Settings {
  displayedAttributes: string[];
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  stopWords: string[];
  nonSeparatorTokens: string[];
  separatorTokens: string[];
  dictionary: string[];
  synonyms: Record<string, string[]>;
  distinctAttribute: string | null;
  proximityPrecision: 'byWord' | 'byAttribute';
  typoTolerance: TypoTolerance;
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, 'alpha' | 'count'> };
  pagination: { maxTotalHits: number };
  searchCutoffMs: number | null;
  localizedAttributes: null;
  facetSearch: boolean;
  prefixSearch: 'indexingTime' | 'disabled';
  embedders: Record<string, never>;
}

export const DEFAULT_RANKING_RULES = ['words', 'typo', 'proximity', 'attributeRank', 'sort', 'wordPosition', 'exactness'];

export function defaultSettings(): Settings {
  return {
    displayedAttributes: ['*'],
    searchableAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: [...DEFAULT_RANKING_RULES],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: false,
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
    pagination: { maxTotalHits: 1000 },
    searchCutoffMs: null,
    localizedAttributes: null,
    facetSearch: true,
    prefixSearch: 'indexingTime',
    embedders: {},
  };
}

/** Route segment (kebab-case) -> settings key. */
export const SETTING_ROUTES: Record<string, keyof Settings> = {
  'displayed-attributes': 'displayedAttributes',
  'searchable-attributes': 'searchableAttributes',
  'filterable-attributes': 'filterableAttributes',
  'sortable-attributes': 'sortableAttributes',
  'ranking-rules': 'rankingRules',
  'stop-words': 'stopWords',
  'non-separator-tokens': 'nonSeparatorTokens',
  'separator-tokens': 'separatorTokens',
  dictionary: 'dictionary',
  synonyms: 'synonyms',
  'distinct-attribute': 'distinctAttribute',
  'proximity-precision': 'proximityPrecision',
  'typo-tolerance': 'typoTolerance',
  faceting: 'faceting',
  pagination: 'pagination',
  'search-cutoff-ms': 'searchCutoffMs',
  'localized-attributes': 'localizedAttributes',
  'facet-search': 'facetSearch',
  'prefix-search': 'prefixSearch',
  embedders: 'embedders',
};

const KEBAB: Record<string, string> = Object.fromEntries(Object.entries(SETTING_ROUTES).map(([route, key]) => [key, route]));

function invalid(key: keyof Settings, message: string): MeiliError {
  const code = `invalid_settings_${(KEBAB[key] ?? key).replaceAll('-', '_')}`;
  return new MeiliError(400, code, `Invalid value at \`.${key}\`: ${message}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array: \`${JSON.stringify(value)}\``;
  if (typeof value === 'object') return `an object: \`${JSON.stringify(value)}\``;
  if (typeof value === 'string') return `a string: \`"${value}"\``;
  if (typeof value === 'boolean') return `a boolean: \`${value}\``;
  if (typeof value === 'number') return `${Number.isInteger(value) && value >= 0 ? 'a positive integer' : 'a number'}: \`${value}\``;
  return String(value);
}

function stringArray(key: keyof Settings, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid(key, `expected an array, but found ${describe(value)}.`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      throw new MeiliError(400, `invalid_settings_${(KEBAB[key] ?? key).replaceAll('-', '_')}`, `Invalid value type at \`.${key}[${i}]\`: expected a string, but found ${describe(item)}.`);
    }
  });
  return value as string[];
}

const RANKING_RULE = /^(words|typo|proximity|attribute|attributeRank|wordPosition|sort|exactness|[^:\s]+:(asc|desc))$/;

/**
 * Apply a partial update to `current`; `null` resets a setting to its default.
 * Returns the new settings or throws Meilisearch's error for the first bad value.
 */
export function applySettings(current: Settings, update: Record<string, unknown>): Settings {
  const defaults = defaultSettings();
  const next: Settings = structuredClone(current);
  for (const [rawKey, value] of Object.entries(update)) {
    const key = rawKey as keyof Settings;
    if (!(key in defaults)) {
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${rawKey}\`: expected one of ${Object.keys(defaults).map((k) => `\`${k}\``).join(', ')}`,
      );
    }
    if (value === null) {
      (next as unknown as Record<string, unknown>)[key] = structuredClone(defaults[key]);
      continue;
    }
    switch (key) {
      case 'displayedAttributes':
      case 'searchableAttributes':
      case 'filterableAttributes':
      case 'sortableAttributes':
      case 'stopWords':
      case 'nonSeparatorTokens':
      case 'separatorTokens':
      case 'dictionary': {
        let list = stringArray(key, value);
        if (key === 'filterableAttributes') {
          // v1.14 also accepts granular objects; keep their attribute patterns.
          list = list.map(String);
        }
        next[key] = [...new Set(list)];
        break;
      }
      case 'rankingRules': {
        const rules = stringArray(key, value);
        for (const rule of rules) {
          if (!RANKING_RULE.test(rule)) {
            throw invalid(
              key,
              `\`${rule}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, attributeRank, wordPosition, exactness and custom ranking rules.`,
            );
          }
        }
        next.rankingRules = rules;
        break;
      }
      case 'synonyms': {
        if (typeof value !== 'object' || Array.isArray(value)) throw invalid(key, `expected an object, but found ${describe(value)}.`);
        const synonyms: Record<string, string[]> = {};
        for (const [word, list] of Object.entries(value as Record<string, unknown>)) synonyms[word] = stringArray(key, list);
        next.synonyms = synonyms;
        break;
      }
      case 'distinctAttribute':
        if (typeof value !== 'string') throw invalid(key, `expected a string, but found ${describe(value)}.`);
        next.distinctAttribute = value;
        break;
      case 'proximityPrecision':
        if (value !== 'byWord' && value !== 'byAttribute') {
          throw invalid(key, `Unknown value \`${String(value)}\`, expected one of \`byWord\`, \`byAttribute\``);
        }
        next.proximityPrecision = value;
        break;
      case 'typoTolerance': {
        if (typeof value !== 'object' || Array.isArray(value)) throw invalid(key, `expected an object, but found ${describe(value)}.`);
        const t = value as Partial<TypoTolerance>;
        const merged: TypoTolerance = {
          ...next.typoTolerance,
          ...t,
          minWordSizeForTypos: { ...next.typoTolerance.minWordSizeForTypos, ...(t.minWordSizeForTypos ?? {}) },
        };
        const { oneTypo, twoTypos } = merged.minWordSizeForTypos;
        if (oneTypo > twoTypos) {
          throw new MeiliError(
            400,
            'invalid_settings_typo_tolerance',
            '`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but found `oneTypo: ' +
              oneTypo +
              '` and twoTypos: ' +
              twoTypos +
              '`.',
          );
        }
        next.typoTolerance = merged;
        break;
      }
      case 'faceting': {
        if (typeof value !== 'object' || Array.isArray(value)) throw invalid(key, `expected an object, but found ${describe(value)}.`);
        const f = value as Partial<Settings['faceting']>;
        next.faceting = {
          maxValuesPerFacet: f.maxValuesPerFacet ?? next.faceting.maxValuesPerFacet,
          sortFacetValuesBy: f.sortFacetValuesBy ?? next.faceting.sortFacetValuesBy,
        };
        break;
      }
      case 'pagination': {
        if (typeof value !== 'object' || Array.isArray(value)) throw invalid(key, `expected an object, but found ${describe(value)}.`);
        const p = value as Partial<Settings['pagination']>;
        if (p.maxTotalHits !== undefined && (!Number.isInteger(p.maxTotalHits) || p.maxTotalHits < 0)) {
          throw invalid(key, `expected a positive integer, but found ${describe(p.maxTotalHits)}.`);
        }
        next.pagination = { maxTotalHits: p.maxTotalHits ?? next.pagination.maxTotalHits };
        break;
      }
      case 'searchCutoffMs':
        if (typeof value !== 'number') throw invalid(key, `expected a positive integer, but found ${describe(value)}.`);
        next.searchCutoffMs = value;
        break;
      case 'facetSearch':
        if (typeof value !== 'boolean') throw invalid(key, `expected a boolean, but found ${describe(value)}.`);
        next.facetSearch = value;
        break;
      case 'prefixSearch':
        if (value !== 'indexingTime' && value !== 'disabled') {
          throw invalid(key, `Unknown value \`${String(value)}\`, expected one of \`indexingTime\`, \`disabled\``);
        }
        next.prefixSearch = value;
        break;
      case 'localizedAttributes':
      case 'embedders':
        break;
    }
  }
  return next;
}

/** Does `attribute` match one of `patterns` (`*`, exact, `prefix*`, or a parent object of it)? */
export function matchesAny(attribute: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) => p === '*' || p === attribute || attribute.startsWith(`${p}.`) || (p.endsWith('*') && attribute.startsWith(p.slice(0, -1))),
  );
}
