/** Index settings: Meilisearch's defaults, and validation of updates with its error codes. */
import { MeiliError, describeValue } from './errors.ts';
import { hideSecret } from './secrets.ts';

export interface TypoTolerance {
  enabled: boolean;
  minWordSizeForTypos: { oneTypo: number; twoTypos: number };
  disableOnWords: string[];
  disableOnAttributes: string[];
  disableOnNumbers: boolean;
}

/** A granular `filterableAttributes` entry. */
export interface FilterableRule {
  attributePatterns: string[];
  features: { facetSearch: boolean; filter: { equality: boolean; comparison: boolean } };
}

export interface LocalizedRule {
  attributePatterns: string[];
  locales: string[];
}

export interface ForeignKey {
  foreignIndexUid: string;
  fieldName: string;
}

export interface Settings {
  displayedAttributes: string[];
  searchableAttributes: string[];
  /** The patterns whose attributes may be filtered on (derived from `filterableRules`). */
  filterableAttributes: string[];
  /** `filterableAttributes` as given: patterns, or granular rules; what Meilisearch shows. */
  filterableRules: Array<string | FilterableRule>;
  foreignKeys: ForeignKey[];
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
  localizedAttributes: LocalizedRule[] | null;
  facetSearch: boolean;
  prefixSearch: 'indexingTime' | 'disabled';
  embedders: Record<string, unknown>;
  chat?: Record<string, unknown>;
}

export const DEFAULT_RANKING_RULES = [
  'words',
  'typo',
  'proximity',
  'attributeRank',
  'sort',
  'wordPosition',
  'exactness',
];

export function defaultSettings(): Settings {
  return {
    displayedAttributes: ['*'],
    searchableAttributes: ['*'],
    filterableAttributes: [],
    filterableRules: [],
    foreignKeys: [],
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

export const LOCALES = [
  'af',
  'ak',
  'am',
  'ar',
  'az',
  'be',
  'bn',
  'bg',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'eo',
  'et',
  'fi',
  'fr',
  'gu',
  'he',
  'hi',
  'hr',
  'hu',
  'hy',
  'id',
  'it',
  'jv',
  'ja',
  'kn',
  'ka',
  'km',
  'ko',
  'la',
  'lv',
  'lt',
  'ml',
  'mr',
  'mk',
  'my',
  'ne',
  'nl',
  'nb',
  'or',
  'pa',
  'fa',
  'pl',
  'pt',
  'ro',
  'ru',
  'si',
  'sk',
  'sl',
  'sn',
  'es',
  'sr',
  'sv',
  'ta',
  'te',
  'tl',
  'th',
  'tk',
  'tr',
  'uk',
  'ur',
  'uz',
  'vi',
  'yi',
  'zh',
  'zu',
  'afr',
  'aka',
  'amh',
  'ara',
  'aze',
  'bel',
  'ben',
  'bul',
  'cat',
  'ces',
  'dan',
  'deu',
  'ell',
  'eng',
  'epo',
  'est',
  'fin',
  'fra',
  'guj',
  'heb',
  'hin',
  'hrv',
  'hun',
  'hye',
  'ind',
  'ita',
  'jav',
  'jpn',
  'kan',
  'kat',
  'khm',
  'kor',
  'lat',
  'lav',
  'lit',
  'mal',
  'mar',
  'mkd',
  'mya',
  'nep',
  'nld',
  'nob',
  'ori',
  'pan',
  'pes',
  'pol',
  'por',
  'ron',
  'rus',
  'sin',
  'slk',
  'slv',
  'sna',
  'spa',
  'srp',
  'swe',
  'tam',
  'tel',
  'tgl',
  'tha',
  'tuk',
  'tur',
  'ukr',
  'urd',
  'uzb',
  'vie',
  'yid',
  'zho',
  'zul',
  'cmn',
];

type Mutable = Record<string, unknown>;

/**
 * One setting: its name, its route segment under `/indexes/:uid/settings/`, the method that sets it there,
 * the experimental feature it needs, how a value is checked and applied, and how it is shown.
 * `SETTINGS` lists them in Meilisearch's order (its answers and error messages follow it).
 */
interface SettingSpec {
  key: string;
  route: string;
  method: 'PUT' | 'PATCH';
  /** Set only with this experimental feature on (and shown only then). */
  feature?: { name: string; label: string; link: string };
  /** Validate a non-null `value` and write it into `next` (which starts as the current settings). */
  set(next: Settings, value: unknown, error: (message: string) => MeiliError): void;
  reset(next: Settings): void;
  view(settings: Settings): unknown;
  /** Not shown by GET (accepted for compatibility). */
  hidden?: boolean;
  /** The error code when it is not `invalid_settings_<route>`. */
  code?: string;
}

function simple<K extends keyof Settings>(
  key: K,
  route: string,
  method: 'PUT' | 'PATCH',
  check: (value: unknown, error: (m: string) => MeiliError) => Settings[K],
): SettingSpec {
  return {
    key,
    route,
    method,
    set: (next, value, error) => void ((next as unknown as Mutable)[key] = check(value, error)),
    reset: (next) =>
      void ((next as unknown as Mutable)[key] = structuredClone(defaultSettings()[key])),
    view: (settings) => settings[key],
  };
}

export function typeError(at: string, expected: string, value: unknown): string {
  return `Invalid value type at \`${at}\`: expected ${expected}, but found ${describeValue(value)}`;
}

function strings(at: string, value: unknown, error: (m: string) => MeiliError): string[] {
  if (!Array.isArray(value)) throw error(typeError(at, 'an array', value));
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw error(typeError(`${at}[${i}]`, 'a string', item));
  });
  return value as string[];
}

export function object(
  at: string,
  value: unknown,
  error: (m: string) => MeiliError,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw error(typeError(at, 'an object', value));
  return value as Record<string, unknown>;
}

export function onlyKeys(
  at: string,
  value: Record<string, unknown>,
  accepted: string[],
  error: (m: string) => MeiliError,
): void {
  for (const key of Object.keys(value)) {
    if (!accepted.includes(key))
      throw error(
        `Unknown field \`${key}\`${at ? ` inside \`${at}\`` : ''}: expected one of ${accepted.map((k) => `\`${k}\``).join(', ')}`,
      );
  }
}

function bool(at: string, value: unknown, error: (m: string) => MeiliError): boolean {
  if (typeof value !== 'boolean') throw error(typeError(at, 'a boolean', value));
  return value;
}

function positiveInteger(at: string, value: unknown, error: (m: string) => MeiliError): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw error(typeError(at, 'a positive integer', value));
  return value;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** The patterns of `rules` usable in filters: strings, and rules with equality or comparison on. */
export function filterPatterns(rules: Array<string | FilterableRule>): string[] {
  return unique(
    rules.flatMap((r) =>
      typeof r === 'string'
        ? [r]
        : r.features.filter.equality || r.features.filter.comparison
          ? r.attributePatterns
          : [],
    ),
  );
}

/** May `attribute` be searched with facet search? (String entries allow it; rules say so in `facetSearch`.) */
export function facetSearchable(settings: Settings, attribute: string): boolean {
  return settings.filterableRules.some((r) =>
    typeof r === 'string'
      ? matchesAny(attribute, [r])
      : r.features.facetSearch && matchesAny(attribute, r.attributePatterns),
  );
}

/** The patterns open to facet search, for error messages. */
export function facetSearchPatterns(settings: Settings): string[] {
  return unique(
    settings.filterableRules.flatMap((r) =>
      typeof r === 'string' ? [r] : r.features.facetSearch ? r.attributePatterns : [],
    ),
  );
}

const RANKING_RULE =
  /^(words|typo|proximity|attribute|attributeRank|wordPosition|sort|exactness|[^:\s]+:(asc|desc))$/;

export const SETTINGS: SettingSpec[] = [
  simple('displayedAttributes', 'displayed-attributes', 'PUT', (v, e) =>
    unique(strings('.displayedAttributes', v, e)),
  ),
  simple('searchableAttributes', 'searchable-attributes', 'PUT', (v, e) =>
    unique(strings('.searchableAttributes', v, e)),
  ),
  {
    key: 'filterableAttributes',
    route: 'filterable-attributes',
    method: 'PUT',
    set: (next, value, error) => {
      if (!Array.isArray(value)) throw error(typeError('.filterableAttributes', 'an array', value));
      const rules = value.map((item, i): string | FilterableRule => {
        const at = `.filterableAttributes[${i}]`;
        if (typeof item === 'string') return item;
        const rule = object(at, item, error);
        onlyKeys(at, rule, ['attributePatterns', 'features'], error);
        if (rule.attributePatterns === undefined)
          throw error(`Missing field \`attributePatterns\` inside \`${at}\``);
        const attributePatterns = strings(`${at}.attributePatterns`, rule.attributePatterns, error);
        const features = { facetSearch: false, filter: { equality: true, comparison: false } };
        if (rule.features !== undefined && rule.features !== null) {
          const f = object(`${at}.features`, rule.features, error);
          onlyKeys(`${at}.features`, f, ['facetSearch', 'filter'], error);
          if (f.facetSearch !== undefined && f.facetSearch !== null)
            features.facetSearch = bool(`${at}.features.facetSearch`, f.facetSearch, error);
          if (f.filter !== undefined && f.filter !== null) {
            const filter = object(`${at}.features.filter`, f.filter, error);
            onlyKeys(`${at}.features.filter`, filter, ['equality', 'comparison'], error);
            if (filter.equality !== undefined && filter.equality !== null)
              features.filter.equality = bool(
                `${at}.features.filter.equality`,
                filter.equality,
                error,
              );
            if (filter.comparison !== undefined && filter.comparison !== null)
              features.filter.comparison = bool(
                `${at}.features.filter.comparison`,
                filter.comparison,
                error,
              );
          }
        }
        return { attributePatterns, features };
      });
      next.filterableRules = rules;
      next.filterableAttributes = filterPatterns(rules);
    },
    reset: (next) => {
      next.filterableRules = [];
      next.filterableAttributes = [];
    },
    view: (settings) => settings.filterableRules,
  },
  simple('sortableAttributes', 'sortable-attributes', 'PUT', (v, e) =>
    unique(strings('.sortableAttributes', v, e)).sort(),
  ),
  {
    ...simple('foreignKeys', 'foreign-keys', 'PUT', (value, error) => {
      if (!Array.isArray(value)) throw error(typeError('.foreignKeys', 'an array', value));
      return value.map((item, i) => {
        const at = `.foreignKeys[${i}]`;
        const fk = object(at, item, error);
        onlyKeys(at, fk, ['foreignIndexUid', 'fieldName'], error);
        for (const field of ['foreignIndexUid', 'fieldName']) {
          if (fk[field] === undefined) throw error(`Missing field \`${field}\` inside \`${at}\``);
          if (typeof fk[field] !== 'string')
            throw error(typeError(`${at}.${field}`, 'a string', fk[field]));
        }
        return { foreignIndexUid: fk.foreignIndexUid as string, fieldName: fk.fieldName as string };
      });
    }),
    feature: {
      name: 'foreignKeys',
      label: 'foreign_keys',
      link: 'https://github.com/orgs/meilisearch/discussions/873',
    },
  },
  simple('rankingRules', 'ranking-rules', 'PUT', (value, error) => {
    const rules = strings('.rankingRules', value, error);
    rules.forEach((rule, i) => {
      if (!RANKING_RULE.test(rule)) {
        throw error(
          `Invalid value at \`.rankingRules[${i}]\`: \`${rule}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.`,
        );
      }
    });
    return rules;
  }),
  simple('stopWords', 'stop-words', 'PUT', (v, e) => unique(strings('.stopWords', v, e)).sort()),
  simple('nonSeparatorTokens', 'non-separator-tokens', 'PUT', (v, e) =>
    unique(strings('.nonSeparatorTokens', v, e)).sort(),
  ),
  simple('separatorTokens', 'separator-tokens', 'PUT', (v, e) =>
    unique(strings('.separatorTokens', v, e)).sort(),
  ),
  simple('dictionary', 'dictionary', 'PUT', (v, e) => unique(strings('.dictionary', v, e)).sort()),
  simple('synonyms', 'synonyms', 'PUT', (value, error) => {
    const synonyms: Record<string, string[]> = {};
    for (const [word, list] of Object.entries(object('.synonyms', value, error)))
      synonyms[word] = strings(`.synonyms.${word}`, list, error);
    return synonyms;
  }),
  simple('distinctAttribute', 'distinct-attribute', 'PUT', (value, error) => {
    if (typeof value !== 'string') throw error(typeError('.distinctAttribute', 'a string', value));
    return value;
  }),
  simple('proximityPrecision', 'proximity-precision', 'PUT', (value, error) => {
    if (value !== 'byWord' && value !== 'byAttribute')
      throw error(
        `Unknown value \`${String(value)}\` at \`.proximityPrecision\`: expected one of \`byWord\`, \`byAttribute\``,
      );
    return value;
  }),
  {
    key: 'typoTolerance',
    route: 'typo-tolerance',
    method: 'PATCH',
    set: (next, value, error) => {
      const t = object('.typoTolerance', value, error);
      onlyKeys(
        '.typoTolerance',
        t,
        [
          'enabled',
          'minWordSizeForTypos',
          'disableOnWords',
          'disableOnAttributes',
          'disableOnNumbers',
        ],
        error,
      );
      const merged: TypoTolerance = structuredClone(next.typoTolerance);
      if (t.enabled !== undefined && t.enabled !== null)
        merged.enabled = bool('.typoTolerance.enabled', t.enabled, error);
      if (t.disableOnNumbers !== undefined && t.disableOnNumbers !== null)
        merged.disableOnNumbers = bool(
          '.typoTolerance.disableOnNumbers',
          t.disableOnNumbers,
          error,
        );
      for (const field of ['disableOnWords', 'disableOnAttributes'] as const) {
        if (t[field] === null) merged[field] = [];
        else if (t[field] !== undefined)
          merged[field] = unique(strings(`.typoTolerance.${field}`, t[field], error)).sort();
      }
      if (t.minWordSizeForTypos === null) merged.minWordSizeForTypos = { oneTypo: 5, twoTypos: 9 };
      else if (t.minWordSizeForTypos !== undefined) {
        const m = object('.typoTolerance.minWordSizeForTypos', t.minWordSizeForTypos, error);
        onlyKeys('.typoTolerance.minWordSizeForTypos', m, ['oneTypo', 'twoTypos'], error);
        for (const field of ['oneTypo', 'twoTypos'] as const) {
          if (m[field] === null) merged.minWordSizeForTypos[field] = field === 'oneTypo' ? 5 : 9;
          else if (m[field] !== undefined)
            merged.minWordSizeForTypos[field] = positiveInteger(
              `.typoTolerance.minWordSizeForTypos.${field}`,
              m[field],
              error,
            );
        }
      }
      next.typoTolerance = merged;
    },
    reset: (next) => void (next.typoTolerance = defaultSettings().typoTolerance),
    view: (settings) => settings.typoTolerance,
  },
  {
    key: 'faceting',
    route: 'faceting',
    method: 'PATCH',
    set: (next, value, error) => {
      const f = object('.faceting', value, error);
      onlyKeys('.faceting', f, ['maxValuesPerFacet', 'sortFacetValuesBy'], error);
      const merged = structuredClone(next.faceting);
      if (f.maxValuesPerFacet === null) merged.maxValuesPerFacet = 100;
      else if (f.maxValuesPerFacet !== undefined)
        merged.maxValuesPerFacet = positiveInteger(
          '.faceting.maxValuesPerFacet',
          f.maxValuesPerFacet,
          error,
        );
      // sortFacetValuesBy merges into the current map (`*` stays unless given); null resets it.
      if (f.sortFacetValuesBy === null) merged.sortFacetValuesBy = { '*': 'alpha' };
      else if (f.sortFacetValuesBy !== undefined) {
        for (const [attribute, order] of Object.entries(
          object('.faceting.sortFacetValuesBy', f.sortFacetValuesBy, error),
        )) {
          if (order !== 'alpha' && order !== 'count')
            throw error(
              `Unknown value \`${String(order)}\` at \`.faceting.sortFacetValuesBy.${attribute}\`: expected one of \`alpha\`, \`count\``,
            );
          merged.sortFacetValuesBy[attribute] = order;
        }
      }
      next.faceting = merged;
    },
    reset: (next) => void (next.faceting = defaultSettings().faceting),
    view: (settings) => settings.faceting,
  },
  {
    key: 'pagination',
    route: 'pagination',
    method: 'PATCH',
    set: (next, value, error) => {
      const p = object('.pagination', value, error);
      onlyKeys('.pagination', p, ['maxTotalHits'], error);
      if (p.maxTotalHits === null) next.pagination = { maxTotalHits: 1000 };
      else if (p.maxTotalHits !== undefined)
        next.pagination = {
          maxTotalHits: positiveInteger('.pagination.maxTotalHits', p.maxTotalHits, error),
        };
    },
    reset: (next) => void (next.pagination = defaultSettings().pagination),
    view: (settings) => settings.pagination,
  },
  {
    key: 'embedders',
    route: 'embedders',
    method: 'PATCH',
    // Kept and shown as given (meili-local has no vector search to use them); null removes one.
    set: (next, value, error) => {
      const merged: Record<string, unknown> = { ...next.embedders };
      for (const [name, embedder] of Object.entries(object('.embedders', value, error))) {
        if (embedder === null) {
          delete merged[name];
          continue;
        }
        const fields = object(`.embedders.${name}`, embedder, error);
        const source =
          fields.source ?? (merged[name] as Record<string, unknown> | undefined)?.source;
        if (source !== undefined && !EMBEDDER_SOURCES.includes(source as string)) {
          throw error(
            `Unknown value \`${String(source)}\` at \`.embedders.${name}.source\`: expected one of ${EMBEDDER_SOURCES.map((v) => `\`${v}\``).join(', ')}`,
          );
        }
        const current = { ...((merged[name] as Record<string, unknown> | undefined) ?? {}) };
        for (const [field, v] of Object.entries(fields)) {
          if (v === null) delete current[field];
          else current[field] = v;
        }
        // A document template comes with its byte budget, 400 unless given.
        if (
          current.documentTemplate !== undefined &&
          current.documentTemplateMaxBytes === undefined &&
          current.source !== 'userProvided'
        )
          current.documentTemplateMaxBytes = 400;
        merged[name] = current;
      }
      next.embedders = merged;
    },
    reset: (next) => void (next.embedders = {}),
    view: (settings) =>
      Object.fromEntries(
        Object.entries(settings.embedders).map(([name, e]) => {
          const embedder = e as Record<string, unknown>;
          return [
            name,
            typeof embedder.apiKey === 'string'
              ? { ...embedder, apiKey: hideSecret(embedder.apiKey) }
              : embedder,
          ];
        }),
      ),
  },
  simple('searchCutoffMs', 'search-cutoff-ms', 'PUT', (v, e) =>
    positiveInteger('.searchCutoffMs', v, e),
  ),
  simple('localizedAttributes', 'localized-attributes', 'PUT', (value, error) => {
    if (!Array.isArray(value)) throw error(typeError('.localizedAttributes', 'an array', value));
    return value.map((item, i) => {
      const at = `.localizedAttributes[${i}]`;
      const rule = object(at, item, error);
      onlyKeys(at, rule, ['attributePatterns', 'locales'], error);
      if (rule.attributePatterns === undefined)
        throw error(`Missing field \`attributePatterns\` inside \`${at}\``);
      const attributePatterns = strings(`${at}.attributePatterns`, rule.attributePatterns, error);
      const locales =
        rule.locales === undefined || rule.locales === null
          ? []
          : strings(`${at}.locales`, rule.locales, error);
      locales.forEach((locale, j) => {
        if (!LOCALES.includes(locale))
          throw error(
            `Unknown value \`${locale}\` at \`${at}.locales[${j}]\`: expected one of ${LOCALES.map((l) => `\`${l}\``).join(', ')}`,
          );
      });
      return { attributePatterns, locales };
    });
  }),
  simple('facetSearch', 'facet-search', 'PUT', (v, e) => bool('.facetSearch', v, e)),
  simple('prefixSearch', 'prefix-search', 'PUT', (value, error) => {
    if (value !== 'indexingTime' && value !== 'disabled')
      throw error(
        `Unknown value \`${String(value)}\` at \`.prefixSearch\`: expected one of \`indexingTime\`, \`disabled\``,
      );
    return value;
  }),
  {
    key: 'chat',
    route: 'chat',
    method: 'PATCH',
    code: 'invalid_settings_index_chat',
    // Stored and shown; meili-local has no chat route that would use it.
    set: (next, value, error) => {
      const c = object('.chat', value, error);
      onlyKeys(
        '.chat',
        c,
        ['description', 'documentTemplate', 'documentTemplateMaxBytes', 'searchParameters'],
        error,
      );
      const merged = { ...(next.chat ?? defaultChat()) };
      for (const [field, v] of Object.entries(c))
        merged[field] = v === null ? defaultChat()[field] : v;
      next.chat = merged;
    },
    reset: (next) => void (next.chat = defaultChat()),
    view: (settings) => settings.chat ?? defaultChat(),
    feature: {
      name: 'chatCompletions',
      label: 'chat completions',
      link: 'https://github.com/orgs/meilisearch/discussions/835',
    },
  },
];

const EMBEDDER_SOURCES = ['openAi', 'huggingFace', 'ollama', 'userProvided', 'rest', 'composite'];

function defaultChat(): Record<string, unknown> {
  return {
    description: '',
    documentTemplate:
      '{% for field in fields %}{% if field.is_searchable and field.value != nil %}{{ field.name }}: {{ field.value }}\n{% endif %}{% endfor %}',
    documentTemplateMaxBytes: 400,
    searchParameters: {},
  };
}

const BY_KEY = new Map(SETTINGS.map((spec) => [spec.key, spec]));

/** Route segment (kebab-case) -> settings key, for the per-setting routes. */
export const SETTING_ROUTES: Record<string, string> = Object.fromEntries(
  SETTINGS.map((spec) => [spec.route, spec.key]),
);

export function settingSpec(key: string): SettingSpec | undefined {
  return BY_KEY.get(key);
}

function codeOf(spec: SettingSpec): string {
  return spec.code ?? `invalid_settings_${spec.route.replaceAll('-', '_')}`;
}

/**
 * Check an update as the HTTP route does (before any task is enqueued): unknown fields, types, values,
 * experimental features. Throws Meilisearch's error for the first problem.
 */
export function validateSettings(
  update: Record<string, unknown>,
  features: Record<string, boolean> = {},
): void {
  for (const [key, value] of Object.entries(update)) {
    const spec = BY_KEY.get(key);
    if (!spec) {
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${key}\`: expected one of ${SETTINGS.map((s) => `\`${s.key}\``).join(', ')}`,
      );
    }
    if (value !== null)
      spec.set(
        structuredClone(defaultSettings()),
        value,
        (message) => new MeiliError(400, codeOf(spec), message),
      );
  }
  const embedders = update.embedders;
  if (embedders && typeof embedders === 'object' && !features.compositeEmbedders) {
    for (const embedder of Object.values(
      embedders as Record<string, { source?: unknown } | null>,
    )) {
      if (embedder?.source === 'composite')
        throw featureNotEnabled('using `"composite"` as source', {
          label: 'composite embedders',
          link: 'https://github.com/orgs/meilisearch/discussions/816',
        });
    }
  }
  for (const key of Object.keys(update)) {
    const spec = BY_KEY.get(key) as SettingSpec;
    if (
      spec.feature &&
      update[key] !== undefined &&
      update[key] !== null &&
      !features[spec.feature.name]
    ) {
      throw featureNotEnabled(`setting \`${key}\` in the index settings`, spec.feature);
    }
  }
}

export function featureNotEnabled(
  action: string,
  feature: { label: string; link: string },
): MeiliError {
  return new MeiliError(
    400,
    'feature_not_enabled',
    `${action} requires enabling the \`${feature.label}\` experimental feature. See ${feature.link}`,
  );
}

/** The settings as GET shows them, in Meilisearch's order; feature-gated ones only with their feature on. */
export function settingsView(
  settings: Settings,
  features: Record<string, boolean> = {},
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    if (spec.hidden || (spec.feature && !features[spec.feature.name])) continue;
    view[spec.key] = spec.view(settings);
  }
  return view;
}

/** Settings read from an older database: fields added since get their defaults or are derived. */
export function upgradeSettings(stored: Partial<Settings>): Settings {
  const settings = { ...defaultSettings(), ...stored } as Settings;
  if (stored.filterableRules === undefined)
    settings.filterableRules = [...(stored.filterableAttributes ?? [])];
  settings.filterableAttributes = filterPatterns(settings.filterableRules);
  return settings;
}

/**
 * Apply an update to `current`; `null` resets a setting to its default. Returns the new settings or throws
 * Meilisearch's error for the first bad value.
 */
export function applySettings(current: Settings, update: Record<string, unknown>): Settings {
  const next: Settings = structuredClone(current);
  for (const [key, value] of Object.entries(update)) {
    const spec = BY_KEY.get(key);
    if (!spec)
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${key}\`: expected one of ${SETTINGS.map((s) => `\`${s.key}\``).join(', ')}`,
      );
    if (value === null) spec.reset(next);
    else spec.set(next, value, (message) => new MeiliError(400, codeOf(spec), message));
  }
  const { oneTypo, twoTypos } = next.typoTolerance.minWordSizeForTypos;
  if (oneTypo > twoTypos || twoTypos > 255) {
    throw new MeiliError(
      400,
      'invalid_settings_typo_tolerance',
      `\`minWordSizeForTypos\` setting is invalid. \`oneTypo\` and \`twoTypos\` fields should be between \`0\` and \`255\`, and \`twoTypos\` should be greater or equals to \`oneTypo\` but found \`oneTypo: ${oneTypo}\` and twoTypos: ${twoTypos}\`.`,
    );
  }
  return next;
}

/** Does `attribute` match one of `patterns` (`*`, exact, `prefix*`, or a parent object of it)? */
export function matchesAny(attribute: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) =>
      p === '*' ||
      p === attribute ||
      attribute.startsWith(`${p}.`) ||
      (p.endsWith('*') && attribute.startsWith(p.slice(0, -1))),
  );
}
