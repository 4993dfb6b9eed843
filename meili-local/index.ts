/**
 * One index in memory: its documents, settings, and an inverted index (word -> documents) with a
 * sorted vocabulary for prefix and typo lookups. Persistence lives in store.ts; this module is pure.
 */
import { defaultSettings, matchesAny, type Settings } from './settings.ts';
import { normalizeFacet, tokenize } from './tokenize.ts';
import { valuesAt, type Document } from './filter.ts';
import { TokenStore } from './token-store.ts';
import { parseVectors, type Embeddings } from './vectors.ts';

/** One searchable attribute of one document, tokenised. */
export interface FieldTokens {
  attribute: string;
  /** Rank of the attribute in searchableAttributes order (0 = most important). */
  rank: number;
  /** Each word as its id in the index's word table (`wordAt`, `wordId`): 4 bytes a word, not a string. */
  words: Int32Array;
  /** Position of each word (one apart, eight apart across a hard separator or between values). */
  positions: Int32Array;
}

/** Positions beyond this count as this far into their attribute. */
export const POSITION_LIMIT = 1 << 16;

/** One facet value of an attribute: its grouping key, its label as returned, its value as first seen. */
export interface FacetEntry {
  /** Small integer naming `key` among the values of its attribute (interned). */
  id: number;
  key: string;
  label: string;
  value: string | number | boolean;
  number: number | null;
  /** Set when documents hold this key with values of different types ("5" and 5): filters then read the documents. */
  mixedTypes: boolean;
}

/**
 * The facet values of one attribute for every document, as flat arrays (document n's value ids are
 * `ids[offsets[n]] .. ids[offsets[n + 1] - 1]`): facet counts, distinct and filters read them in tight loops.
 */
export interface FacetColumn {
  offsets: Int32Array;
  ids: Int32Array;
  entries: FacetEntry[];
  /** Documents below this number have been read (documents never change in place, so each is read once). */
  readUpTo: number;
}

/**
 * Every occurrence of one word: document numbers (ascending: documents are numbered in the order they are
 * indexed) with the packed (attribute rank, position) of each occurrence, in step.
 */
export class Occurrences {
  docs = new Int32Array(4);
  positions = new Uint32Array(4);
  length = 0;

  push(n: number, packed: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const positions = new Uint32Array(this.length * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    this.docs[this.length] = n;
    this.positions[this.length++] = packed;
  }
}

export class Index {
  settings: Settings = defaultSettings();
  primaryKey: string | null = null;
  createdAt: string;
  updatedAt: string;

  /** Documents by internal number; holes where documents were deleted. */
  private docs: Array<Document | undefined> = [];
  private tokens = new TokenStore();
  private numberOf = new Map<string, number>();
  /**
   * Each document's `_vectors`, which is not one of its fields: as given (what is stored and dumped again,
   * opt-outs included) and as embeddings by embedder.
   */
  private vectors: Array<{ given: unknown; embeddings: Embeddings } | undefined> = [];
  /**
   * word -> its occurrences. Deleting a document leaves its occurrences in place (readers skip documents that
   * are not live) until deleted ones outnumber live ones, when the occurrences are rebuilt.
   */
  private occurrences = new Map<string, Occurrences>();
  /** Every word ever tokenised, by id: what `FieldTokens.words` hold. */
  private wordIds = new Map<string, number>();
  private wordList: string[] = [];
  /** 1 for each document number that holds a live document. */
  private live = new Uint8Array(1024);
  private deleted = 0;
  private sortedVocabulary: string[] | null = null;
  /**
   * The words a typo may reach: those with an occurrence in an attribute where typos are on. Meilisearch keeps
   * the words of `typoTolerance.disableOnAttributes` apart (exact_word_docids), so a typo never finds a word
   * found only there, and derivations need not look at them (here, every key of `text_stem`).
   */
  private typoWords = new Set<string>();
  private sortedTypoWords: string[] | null = null;
  /** The attribute ranks with typos off, and what they were computed from (settings, attributes seen). */
  private typoOff: { settings: Settings; attributes: number; ranks: Uint8Array | null } | null =
    null;
  /** Every attribute seen, in order of first appearance: the order `*` ranks them in. */
  private fieldOrder: string[] = [];
  private fieldSet = new Set<string>();
  private facetColumns = new Map<string, FacetColumn>();
  /** Each attribute's documents by value, and how far into the column they were read. */
  private postings = new Map<string, { readUpTo: number; starts: Int32Array; docs: Int32Array }>();
  /** Each attribute's facet counts over every live document, and the change they were counted at. */
  private allFacetCounts = new Map<string, { at: number; counts: Uint32Array }>();
  /** Bumped by every put, delete and clear: what caches over the live documents compare against. */
  private changes = 0;
  /**
   * Meilisearch's internal document ids, which order ties: a replaced document keeps its id, a new one takes
   * the smallest id left free by a deletion, else the next one. `docidAt[n]` for document number n.
   */
  private docidAt: number[] = [];
  private numberAtDocid: number[] = [];
  private freeDocids: number[] = [];
  private nextDocid = 0;

  constructor(
    readonly uid: string,
    now = new Date().toISOString(),
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }

  get size(): number {
    return this.numberOf.size;
  }

  get fields(): readonly string[] {
    return this.fieldOrder;
  }

  /** The document as it would be stored again: its fields, and its `_vectors` as given. */
  storedDocument(id: string): Document | undefined {
    const n = this.numberOf.get(id);
    if (n === undefined) return undefined;
    return this.withVectors(n);
  }

  /** One more than the largest document number ever given (document numbers are dense array indexes). */
  get capacity(): number {
    return this.docs.length;
  }

  /** The internal number of the document with this id, if any. */
  numberOfId(id: string): number | undefined {
    return this.numberOf.get(id);
  }

  /** 1 at each live document number (shared, not a copy: do not write to it). */
  get liveDocuments(): Uint8Array {
    return this.live;
  }

  /** The live document numbers, ascending (a loop over `live`: a generator over the id map cost ms at 100k). */
  allNumbers(): Int32Array {
    const out = new Int32Array(this.numberOf.size);
    let k = 0;
    for (let n = 0; n < this.docs.length; n++) if (this.live[n]) out[k++] = n;
    return out;
  }

  documentAt(n: number): Document {
    return this.docs[n] as Document;
  }

  embeddingsAt(n: number): Embeddings | undefined {
    return this.vectors[n]?.embeddings;
  }

  tokensAt(n: number): FieldTokens[] {
    return this.live[n] ? this.tokens.fieldsOf(n) : [];
  }

  /** How many tokens document n holds in the attribute of this rank (0 when it has none there). */
  tokenCount(n: number, rank: number): number {
    return this.live[n] ? this.tokens.countIn(n, rank) : 0;
  }

  /** Documents in internal id order (Meilisearch's order for `GET /documents`). */
  *documents(): Iterable<Document> {
    for (const n of this.numbersByDocid()) yield this.docs[n] as Document;
  }

  /** Documents as stored (their `_vectors` included), in internal id order. */
  *storedDocuments(): Iterable<Document> {
    for (const n of this.numbersByDocid()) yield this.withVectors(n);
  }

  private withVectors(n: number): Document {
    const vectors = this.vectors[n];
    return vectors ? { ...this.docs[n], _vectors: vectors.given } : (this.docs[n] as Document);
  }

  private numbersByDocid(): number[] {
    return [...this.numberOf.values()].sort(
      (a, b) => (this.docidAt[a] as number) - (this.docidAt[b] as number),
    );
  }

  /** The internal id (tie order) of document number n. */
  docid(n: number): number {
    return this.docidAt[n] as number;
  }

  /** The document number holding internal id `docid`. */
  numberOfDocid(docid: number): number {
    return this.numberAtDocid[docid] as number;
  }

  private takeDocid(): number {
    if (this.freeDocids.length === 0) return this.nextDocid++;
    // The smallest free id (the pool is small: ids freed since they were last reused).
    let best = 0;
    for (let i = 1; i < this.freeDocids.length; i++)
      if ((this.freeDocids[i] as number) < (this.freeDocids[best] as number)) best = i;
    const [docid] = this.freeDocids.splice(best, 1);
    return docid as number;
  }

  /** The internal id of the document `id` (which must be there). */
  docidOf(id: string): number {
    return this.docidAt[this.numberOf.get(id) as number] as number;
  }

  /**
   * Store `stored` (a document as given, its `_vectors` included) under `id`, replacing any before it.
   * `docid`: the internal id it had before a restart (then `settleDocids` once all are back).
   */
  put(id: string, stored: Document, docid?: number): void {
    const { _vectors, ...doc } = stored;
    this.changes++;
    const existing = this.numberOf.get(id);
    if (docid !== undefined) this.nextDocid = Math.max(this.nextDocid, docid + 1);
    docid ??= existing !== undefined ? (this.docidAt[existing] as number) : this.takeDocid();
    if (existing !== undefined) this.forget(existing);
    const n = this.docs.length;
    this.docidAt[n] = docid;
    this.numberAtDocid[docid] = n;
    this.docs.push(doc);
    this.vectors[n] =
      _vectors === undefined
        ? undefined
        : { given: _vectors, embeddings: parseVectors(id, _vectors, {}) };
    this.numberOf.set(id, n);
    if (n >= this.live.length) {
      const grown = new Uint8Array(this.live.length * 2);
      grown.set(this.live);
      this.live = grown;
    }
    this.live[n] = 1;
    for (const key of Object.keys(doc)) {
      if (!this.fieldSet.has(key)) {
        this.fieldSet.add(key);
        this.fieldOrder.push(key);
      }
    }
    this.indexDocument(n, doc);
  }

  /** After a restart: the ids below the largest that no document holds are free again, as before it. */
  settleDocids(): void {
    const used = new Uint8Array(this.nextDocid);
    for (const n of this.numberOf.values()) used[this.docidAt[n] as number] = 1;
    this.freeDocids = [];
    for (let docid = 0; docid < this.nextDocid; docid++)
      if (!used[docid]) this.freeDocids.push(docid);
  }

  delete(id: string): boolean {
    const n = this.numberOf.get(id);
    if (n === undefined) return false;
    this.changes++;
    this.freeDocids.push(this.docidAt[n] as number);
    this.forget(n);
    this.numberOf.delete(id);
    return true;
  }

  clear(): void {
    this.changes++;
    this.facetColumns.clear();
    this.postings.clear();
    this.docs = [];
    this.vectors = [];
    this.tokens = new TokenStore();
    this.numberOf.clear();
    this.live = new Uint8Array(1024);
    this.deleted = 0;
    this.occurrences.clear();
    this.wordIds.clear();
    this.wordList = [];
    this.clearVocabulary();
    this.docidAt = [];
    this.numberAtDocid = [];
    this.freeDocids = [];
    this.nextDocid = 0;
  }

  /** The facet values of every document for `attribute`, read up to the newest document. */
  facetColumn(attribute: string): FacetColumn {
    let column = this.facetColumns.get(attribute);
    if (!column) {
      column = {
        offsets: new Int32Array(1024),
        ids: new Int32Array(1024),
        entries: [],
        readUpTo: 0,
      };
      this.facetColumns.set(attribute, column);
    }
    if (column.readUpTo < this.docs.length) this.readFacets(attribute, column);
    return column;
  }

  /**
   * How many live documents hold each value of `attribute` (by entry id), counted once per change of the
   * documents: an unfiltered facet search (`/api/persons` as the user types) then costs a pass over the values.
   */
  facetCountsOfAll(attribute: string): Uint32Array {
    const cached = this.allFacetCounts.get(attribute);
    if (cached?.at === this.changes) return cached.counts;
    const counts = countFacetValues(this.facetColumn(attribute), this.allNumbers());
    this.allFacetCounts.set(attribute, { at: this.changes, counts });
    return counts;
  }

  /**
   * The documents holding each value of `attribute` (entry id e: `docs[starts[e]] .. docs[starts[e + 1] - 1]`,
   * ascending; deleted documents included, check `liveDocuments`), rebuilt when documents were added.
   */
  facetPostings(attribute: string): { starts: Int32Array; docs: Int32Array } {
    const column = this.facetColumn(attribute);
    const cached = this.postings.get(attribute);
    if (cached?.readUpTo === column.readUpTo) return cached;
    const { offsets, ids, entries, readUpTo } = column;
    const starts = new Int32Array(entries.length + 1);
    const total = offsets[readUpTo] as number;
    for (let i = 0; i < total; i++) {
      const e = (ids[i] as number) + 1;
      starts[e] = (starts[e] as number) + 1;
    }
    for (let e = 0; e < entries.length; e++)
      starts[e + 1] = (starts[e + 1] as number) + (starts[e] as number);
    const fill = starts.slice(0, entries.length);
    const docs = new Int32Array(total);
    for (let n = 0; n < readUpTo; n++)
      for (let i = offsets[n] as number; i < (offsets[n + 1] as number); i++) {
        const e = ids[i] as number;
        const at = fill[e] as number;
        docs[at] = n;
        fill[e] = at + 1;
      }
    const built = { readUpTo, starts, docs };
    this.postings.set(attribute, built);
    return built;
  }

  private readFacets(attribute: string, column: FacetColumn): void {
    const interned = new Map(column.entries.map((e) => [e.key, e]));
    if (column.offsets.length <= this.docs.length) {
      const grown = new Int32Array(Math.max(this.docs.length * 2, 1024));
      grown.set(column.offsets.subarray(0, column.readUpTo + 1));
      column.offsets = grown;
    }
    let end = column.offsets[column.readUpTo] as number;
    for (let n = column.readUpTo; n < this.docs.length; n++) {
      const doc = this.docs[n];
      const seen = new Set<number>();
      for (const v of doc ? valuesAt(doc, attribute) : []) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
        const key = typeof v === 'string' ? normalizeFacet(v) : String(v);
        let entry = interned.get(key);
        if (!entry) {
          entry = {
            id: column.entries.length,
            key,
            label: String(v),
            value: v,
            number: typeof v === 'number' ? v : null,
            mixedTypes: false,
          };
          column.entries.push(entry);
          interned.set(key, entry);
        } else if (typeof entry.value !== typeof v) entry.mixedTypes = true;
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        if (end === column.ids.length) {
          const grown = new Int32Array(column.ids.length * 2);
          grown.set(column.ids);
          column.ids = grown;
        }
        column.ids[end++] = entry.id;
      }
      column.offsets[n + 1] = end;
    }
    column.readUpTo = this.docs.length;
  }

  /** Re-tokenise everything, after searchable attributes or stop words changed. */
  reindex(): void {
    this.occurrences.clear();
    this.tokens = new TokenStore();
    this.clearVocabulary();
    this.deleted = 0;
    // In document-number order, so occurrence lists stay sorted by document.
    for (let n = 0; n < this.docs.length; n++) {
      const doc = this.docs[n];
      if (doc) this.indexDocument(n, doc);
    }
  }

  /** Searchable attributes in rank order, resolved against the attributes seen so far. */
  searchableAttributes(): string[] {
    const patterns = this.settings.searchableAttributes;
    if (patterns.length === 1 && patterns[0] === '*') return this.fieldOrder;
    return patterns;
  }

  private indexDocument(n: number, doc: Document): void {
    const fields: Array<{ attribute: string; rank: number; words: number[]; positions: number[] }> =
      [];
    this.searchableAttributes().forEach((attribute, rank) => {
      const text = searchableText(doc, attribute);
      if (text === '') return;
      const tokens = tokenize(text);
      fields.push({
        attribute,
        rank,
        words: tokens.map((t) => this.intern(t.word)),
        positions: tokens.map((t) => t.position),
      });
    });
    this.tokens.add(n, fields);
    this.addOccurrences(n, this.tokens.fieldsOf(n), this.stopWordSet());
  }

  private stopWordSet(): Set<string> {
    return new Set(this.settings.stopWords.map((w) => w.toLowerCase()));
  }

  private addOccurrences(n: number, fields: FieldTokens[], stopWords: Set<string>): void {
    const typoOff = this.typoOffRanks();
    for (const { rank, words, positions } of fields) {
      const typos = !typoOff?.[rank];
      words.forEach((id, i) => {
        const word = this.wordList[id] as string;
        const position = positions[i] as number;
        // Meilisearch keeps no word beyond this position of an attribute.
        if (stopWords.has(word) || position >= POSITION_LIMIT) return;
        let list = this.occurrences.get(word);
        if (!list) {
          list = new Occurrences();
          this.occurrences.set(word, list);
          this.sortedVocabulary = null;
        }
        list.push(n, rank * POSITION_LIMIT + position);
        if (typos && !this.typoWords.has(word)) {
          this.typoWords.add(word);
          this.sortedTypoWords = null;
        }
      });
    }
  }

  private clearVocabulary(): void {
    this.sortedVocabulary = null;
    this.typoWords.clear();
    this.sortedTypoWords = null;
  }

  /** The ranks of the searchable attributes where typos are off (`typoTolerance.disableOnAttributes`), or null. */
  typoOffRanks(): Uint8Array | null {
    const searchable = this.searchableAttributes();
    const cached = this.typoOff;
    if (cached?.settings === this.settings && cached.attributes === searchable.length)
      return cached.ranks;
    const off = this.settings.typoTolerance.disableOnAttributes;
    const ranks = new Uint8Array(searchable.length);
    searchable.forEach(
      (attribute, rank) =>
        (ranks[rank] = off.some((a) => attribute === a || attribute.startsWith(`${a}.`)) ? 1 : 0),
    );
    const before = cached?.ranks ?? new Uint8Array(cached?.attributes ?? 0);
    this.typoOff = {
      settings: this.settings,
      attributes: searchable.length,
      ranks: ranks.includes(1) ? ranks : null,
    };
    // Typos turned off or on in an attribute that holds words: which words they reach is read again (an
    // attribute seen for the first time holds none yet).
    if (before.some((flag, rank) => flag !== ranks[rank])) this.readTypoWords();
    return this.typoOff.ranks;
  }

  private readTypoWords(): void {
    const off = this.typoOff?.ranks;
    this.typoWords.clear();
    this.sortedTypoWords = null;
    for (const [word, list] of this.occurrences)
      for (let i = 0; i < list.length; i++)
        if (!off?.[Math.floor((list.positions[i] as number) / POSITION_LIMIT)]) {
          this.typoWords.add(word);
          break;
        }
  }

  /** Occurrence lists without the deleted documents, from the tokens already read (no re-tokenising). */
  private compact(): void {
    this.occurrences.clear();
    this.clearVocabulary();
    this.deleted = 0;
    const stopWords = this.stopWordSet();
    this.tokens.compact(this.docs.length);
    for (let n = 0; n < this.docs.length; n++)
      if (this.live[n]) this.addOccurrences(n, this.tokens.fieldsOf(n), stopWords);
  }

  private forget(n: number): void {
    this.docs[n] = undefined;
    this.vectors[n] = undefined;
    this.tokens.remove(n);
    this.live[n] = 0;
    // Compacting costs a pass over the live documents' tokens, so do it when as many have been deleted.
    if (++this.deleted > Math.max(1000, this.numberOf.size)) this.compact();
  }

  private intern(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.wordList.length;
      this.wordList.push(word);
      this.wordIds.set(word, id);
    }
    return id;
  }

  /** The id of `word` in the word table, if it was ever tokenised (-1 otherwise: no token holds it). */
  wordId(word: string): number {
    return this.wordIds.get(word) ?? -1;
  }

  wordAt(id: number): string {
    return this.wordList[id] as string;
  }

  /** Every occurrence of `word` (documents that are no longer live included: check `liveDocuments`). */
  occurrencesOf(word: string): Occurrences | undefined {
    return this.occurrences.get(word);
  }

  /** The live documents holding `word`, ascending. */
  documentsWith(word: string): number[] {
    const list = this.occurrences.get(word);
    const out: number[] = [];
    if (!list) return out;
    let previous = -1;
    for (let i = 0; i < list.length; i++) {
      const n = list.docs[i] as number;
      if (n !== previous && this.live[n]) out.push(n);
      previous = n;
    }
    return out;
  }

  vocabulary(): string[] {
    if (!this.sortedVocabulary) this.sortedVocabulary = [...this.occurrences.keys()].sort();
    return this.sortedVocabulary;
  }

  /** The words a typo may reach (see `typoWords`), sorted. */
  typoVocabulary(): string[] {
    this.typoOffRanks();
    if (!this.sortedTypoWords) this.sortedTypoWords = [...this.typoWords].sort();
    return this.sortedTypoWords;
  }

  /** Words of the vocabulary (or of `vocab`) that start with `prefix`, found by binary search. */
  wordsWithPrefix(
    prefix: string,
    vocab = this.vocabulary(),
    limit = Number.POSITIVE_INFINITY,
  ): string[] {
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (
      let i = lo;
      i < vocab.length && out.length < limit && (vocab[i] as string).startsWith(prefix);
      i++
    )
      out.push(vocab[i] as string);
    return out;
  }

  isFilterable(attribute: string): boolean {
    return matchesAny(attribute, this.settings.filterableAttributes);
  }

  isSortable(attribute: string): boolean {
    return matchesAny(attribute, this.settings.sortableAttributes);
  }
}

/** How many of the documents `numbers` hold each value of a facet column (by entry id). */
export function countFacetValues(column: FacetColumn, numbers: ArrayLike<number>): Uint32Array {
  const { offsets, ids } = column;
  const counts = new Uint32Array(column.entries.length);
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k] as number;
    for (let i = offsets[n] as number; i < (offsets[n + 1] as number); i++)
      counts[ids[i] as number] = (counts[ids[i] as number] as number) + 1;
  }
  return counts;
}

/** The text of an attribute for full-text indexing: strings and numbers, flattened through arrays and objects. */
export function searchableText(doc: Document, attribute: string): string {
  const parts: string[] = [];
  const collect = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      parts.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object') Object.values(value).forEach(collect);
  };
  if (attribute in doc) collect(doc[attribute]);
  else if (attribute.includes('.')) {
    const [head, ...rest] = attribute.split('.');
    const inner = doc[head as string];
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      return searchableText(inner as Document, rest.join('.'));
  }
  return parts.join(' . ');
}
