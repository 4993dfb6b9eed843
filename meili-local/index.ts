/**
 * One index in memory: its documents, settings, and an inverted index (word -> documents) with a
 * sorted vocabulary for prefix and typo lookups. Persistence lives in store.ts; this module is pure.
 */
import { defaultSettings, matchesAny, type Settings } from './settings.ts';
import { normalize, tokenize } from './tokenize.ts';
import { valuesAt, type Document } from './filter.ts';

/** One searchable attribute of one document, tokenised. */
export interface FieldTokens {
  attribute: string;
  /** Rank of the attribute in searchableAttributes order (0 = most important). */
  rank: number;
  words: string[];
}

export const NO_VALUE = -1;
export const SEVERAL_VALUES = -2;

/** Positions beyond this count as this far into their attribute. */
export const POSITION_LIMIT = 1 << 16;

/** One facet value of one document: its grouping key, its label as returned, its number if numeric. */
export interface FacetEntry {
  /** Small integer naming `key` among the values of its attribute (interned). */
  id: number;
  key: string;
  label: string;
  number: number | null;
}

export class Index {
  settings: Settings = defaultSettings();
  primaryKey: string | null = null;
  createdAt: string;
  updatedAt: string;

  /** Documents by internal number; holes where documents were deleted. */
  private docs: Array<Document | undefined> = [];
  private fieldTokens: Array<FieldTokens[] | undefined> = [];
  private numberOf = new Map<string, number>();
  /** word -> document -> best (attribute rank, position) packed as rank * POSITION_LIMIT + position. */
  private postings = new Map<string, Map<number, number>>();
  private sortedVocabulary: string[] | null = null;
  /** Every attribute seen, in order of first appearance: the order `*` ranks them in. */
  private fieldOrder: string[] = [];
  private fieldSet = new Set<string>();
  /** attribute -> document number -> its distinct facet values; filled on first use. */
  private facetCache = new Map<string, Array<FacetEntry[] | undefined>>();
  /** attribute -> facet key -> interned id. */
  private facetIds = new Map<string, Map<string, number>>();
  /** attribute -> document number -> its only facet value's id; NO_VALUE, SEVERAL_VALUES, or UNREAD. */
  private singleIds = new Map<string, { ids: Int32Array; readUpTo: number }>();

  constructor(readonly uid: string, now = new Date().toISOString()) {
    this.createdAt = now;
    this.updatedAt = now;
  }

  get size(): number {
    return this.numberOf.size;
  }

  get fields(): readonly string[] {
    return this.fieldOrder;
  }

  documentById(id: string): Document | undefined {
    const n = this.numberOf.get(id);
    return n === undefined ? undefined : this.docs[n];
  }

  /** One more than the largest document number ever given (document numbers are dense array indexes). */
  get capacity(): number {
    return this.docs.length;
  }

  /** The internal number of the document with this id, if any. */
  numberOfId(id: string): number | undefined {
    return this.numberOf.get(id);
  }

  *allNumbers(): Iterable<number> {
    for (const n of this.numberOf.values()) yield n;
  }

  documentAt(n: number): Document {
    return this.docs[n] as Document;
  }

  tokensAt(n: number): FieldTokens[] {
    return this.fieldTokens[n] ?? [];
  }

  /** Documents in insertion order (Meilisearch's order for `GET /documents`). */
  *documents(): Iterable<Document> {
    const numbers = [...this.numberOf.values()].sort((a, b) => a - b);
    for (const n of numbers) yield this.docs[n] as Document;
  }

  put(id: string, doc: Document): void {
    const existing = this.numberOf.get(id);
    if (existing !== undefined) this.unindex(existing);
    const n = this.docs.length;
    this.docs.push(doc);
    this.numberOf.set(id, n);
    for (const key of Object.keys(doc)) {
      if (!this.fieldSet.has(key)) {
        this.fieldSet.add(key);
        this.fieldOrder.push(key);
      }
    }
    this.indexDocument(n, doc);
  }

  delete(id: string): boolean {
    const n = this.numberOf.get(id);
    if (n === undefined) return false;
    this.unindex(n);
    this.numberOf.delete(id);
    this.docs[n] = undefined;
    return true;
  }

  clear(): void {
    this.facetCache.clear();
    this.singleIds.clear();
    this.facetIds.clear();
    this.docs = [];
    this.fieldTokens = [];
    this.numberOf.clear();
    this.postings.clear();
    this.sortedVocabulary = null;
  }

  /** The distinct facet values of a document's attribute (strings, numbers, booleans), cached. */
  facetEntries(attribute: string, n: number): FacetEntry[] {
    return this.facetReader(attribute)(n);
  }

  /** `facetEntries` for one attribute, with the per-attribute lookups done once (for loops over many documents). */
  facetReader(attribute: string): (n: number) => FacetEntry[] {
    let byDocument = this.facetCache.get(attribute);
    if (!byDocument) {
      byDocument = [];
      this.facetCache.set(attribute, byDocument);
    }
    let ids = this.facetIds.get(attribute);
    if (!ids) {
      ids = new Map();
      this.facetIds.set(attribute, ids);
    }
    const cache = byDocument;
    const interned = ids;
    return (n) => {
      const cached = cache[n];
      if (cached) return cached;
      const seen = new Set<string>();
      const entries: FacetEntry[] = [];
      for (const v of valuesAt(this.docs[n] as Document, attribute)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
        const key = typeof v === 'string' ? normalize(v) : String(v);
        if (seen.has(key)) continue;
        seen.add(key);
        let id = interned.get(key);
        if (id === undefined) {
          id = interned.size;
          interned.set(key, id);
        }
        entries.push({ id, key, label: String(v), number: typeof v === 'number' ? v : null });
      }
      cache[n] = entries;
      return entries;
    };
  }

  /**
   * For each document number, the interned id of its only value of `attribute`, or NO_VALUE / SEVERAL_VALUES:
   * a flat array that distinct and facet loops can read without a call per document.
   */
  singleValueIds(attribute: string): Int32Array {
    let column = this.singleIds.get(attribute);
    if (!column) {
      column = { ids: new Int32Array(0), readUpTo: 0 };
      this.singleIds.set(attribute, column);
    }
    if (column.readUpTo < this.docs.length) {
      if (column.ids.length < this.docs.length) {
        const grown = new Int32Array(Math.max(this.docs.length * 2, 1024));
        grown.set(column.ids.subarray(0, column.readUpTo));
        column.ids = grown;
      }
      const read = this.facetReader(attribute);
      for (let n = column.readUpTo; n < this.docs.length; n++) {
        // Documents are never changed in place (a new version gets a new number), so each is read once.
        const entries = this.docs[n] === undefined ? [] : read(n);
        column.ids[n] = entries.length === 0 ? NO_VALUE : entries.length === 1 ? (entries[0] as FacetEntry).id : SEVERAL_VALUES;
      }
      column.readUpTo = this.docs.length;
    }
    return column.ids;
  }

  /** How many distinct values of `attribute` have been interned so far. */
  facetValueCount(attribute: string): number {
    return this.facetIds.get(attribute)?.size ?? 0;
  }

  /** Re-tokenise everything, after searchable attributes or stop words changed. */
  reindex(): void {
    this.postings.clear();
    this.sortedVocabulary = null;
    for (const n of this.numberOf.values()) this.indexDocument(n, this.docs[n] as Document);
  }

  /** Searchable attributes in rank order, resolved against the attributes seen so far. */
  searchableAttributes(): string[] {
    const patterns = this.settings.searchableAttributes;
    if (patterns.length === 1 && patterns[0] === '*') return this.fieldOrder;
    return patterns;
  }

  private indexDocument(n: number, doc: Document): void {
    const stopWords = new Set(this.settings.stopWords.map((w) => w.toLowerCase()));
    const fields: FieldTokens[] = [];
    const searchable = this.searchableAttributes();
    searchable.forEach((attribute, rank) => {
      const text = searchableText(doc, attribute);
      if (text === '') return;
      const words = tokenize(text).map((t) => t.word);
      fields.push({ attribute, rank, words });
      words.forEach((word, position) => {
        if (stopWords.has(word)) return;
        let docs = this.postings.get(word);
        if (!docs) {
          docs = new Map();
          this.postings.set(word, docs);
          this.sortedVocabulary = null;
        }
        const packed = rank * POSITION_LIMIT + Math.min(position, POSITION_LIMIT - 1);
        const best = docs.get(n);
        if (best === undefined || packed < best) docs.set(n, packed);
      });
    });
    this.fieldTokens[n] = fields;
  }

  private unindex(n: number): void {
    for (const field of this.fieldTokens[n] ?? []) {
      for (const word of field.words) {
        const set = this.postings.get(word);
        if (!set) continue;
        set.delete(n);
        if (set.size === 0) {
          this.postings.delete(word);
          this.sortedVocabulary = null;
        }
      }
    }
    this.fieldTokens[n] = undefined;
  }

  /** Documents containing `word`, each with its best packed (attribute rank, position). */
  postingsOf(word: string): Map<number, number> | undefined {
    return this.postings.get(word);
  }

  vocabulary(): string[] {
    if (!this.sortedVocabulary) this.sortedVocabulary = [...this.postings.keys()].sort();
    return this.sortedVocabulary;
  }

  /** Words of the vocabulary that start with `prefix`, found by binary search. */
  wordsWithPrefix(prefix: string): string[] {
    const vocab = this.vocabulary();
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocab.length && (vocab[i] as string).startsWith(prefix); i++) out.push(vocab[i] as string);
    return out;
  }

  isFilterable(attribute: string): boolean {
    return matchesAny(attribute, this.settings.filterableAttributes);
  }

  isSortable(attribute: string): boolean {
    return matchesAny(attribute, this.settings.sortableAttributes);
  }
}

/** The text of an attribute for full-text indexing: strings and numbers, flattened through arrays and objects. */
export function searchableText(doc: Document, attribute: string): string {
  const parts: string[] = [];
  const collect = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object') Object.values(value).forEach(collect);
  };
  if (attribute in doc) collect(doc[attribute]);
  else if (attribute.includes('.')) {
    const [head, ...rest] = attribute.split('.');
    const inner = doc[head as string];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) return searchableText(inner as Document, rest.join('.'));
  }
  return parts.join(' . ');
}
