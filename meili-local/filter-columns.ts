/**
 * Filters evaluated on an index's facet columns rather than on documents: a condition is tested once per
 * distinct value of its attribute, and each document costs a few array reads.
 */
import { compileCondition, valueTest, type FilterNode } from './filter.ts';
import type { Index } from './index.ts';

type DocumentTest = (n: number) => boolean;

/** A test of document numbers for `node` (null: every document passes). */
export function documentFilter(index: Index, node: FilterNode | null): DocumentTest {
  if (!node) return () => true;
  const test = compile(index, node);
  const attribute = soleAttribute(node);
  return attribute === null ? test : memoizedBySingleValue(index, attribute, test);
}

function compile(index: Index, node: FilterNode): DocumentTest {
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map((child) => documentFilter(index, child));
      return (n) => {
        for (const passes of parts) if (!passes(n)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = node.children.map((child) => documentFilter(index, child));
      return (n) => {
        for (const passes of parts) if (passes(n)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = documentFilter(index, node.child);
      return (n) => !inner(n);
    }
    case 'cond': {
      const onDocument = compileCondition(node.cond);
      const byValue = valueTest(node.cond);
      if (!byValue) return (n) => onDocument(index.documentAt(n));
      const { offsets, ids, entries } = index.facetColumn(node.cond.attr);
      // Per value id: 0 not yet tested, 1 passes, -1 fails.
      const verdicts = new Int8Array(entries.length);
      return (n) => {
        let passes = false;
        for (let i = offsets[n] as number; i < (offsets[n + 1] as number) && !passes; i++) {
          const id = ids[i] as number;
          // One key held with values of different types ("5", 5) can pass for one type and not the other.
          if ((entries[id] as (typeof entries)[number]).mixedTypes)
            return onDocument(index.documentAt(n));
          if (verdicts[id] === 0)
            verdicts[id] = byValue.test((entries[id] as (typeof entries)[number]).value) ? 1 : -1;
          passes = verdicts[id] === 1;
        }
        return passes !== byValue.negated;
      };
    }
  }
}

/** The attribute every condition of `node` tests values of, if there is one (`year >= 2019 AND year <= 2021`). */
function soleAttribute(node: FilterNode): string | null {
  switch (node.kind) {
    case 'cond':
      return valueTest(node.cond) ? node.cond.attr : null;
    case 'not':
      return soleAttribute(node.child);
    default: {
      const attributes = node.children.map(soleAttribute);
      return attributes.every((a) => a !== null && a === attributes[0])
        ? (attributes[0] as string)
        : null;
    }
  }
}

/**
 * For a filter over one attribute, a document with a single value of it passes exactly when any other
 * document with that value does: the verdict is computed once per value and then looked up.
 */
function memoizedBySingleValue(index: Index, attribute: string, test: DocumentTest): DocumentTest {
  const { offsets, ids, entries } = index.facetColumn(attribute);
  const verdicts = new Int8Array(entries.length);
  return (n) => {
    const from = offsets[n] as number;
    if ((offsets[n + 1] as number) - from !== 1) return test(n);
    const id = ids[from] as number;
    if ((entries[id] as (typeof entries)[number]).mixedTypes) return test(n);
    if (verdicts[id] === 0) verdicts[id] = test(n) ? 1 : -1;
    return verdicts[id] === 1;
  };
}

/**
 * The documents passing `node` as one flag per document number (live ones only), from each value's documents
 * rather than a test per document; null when a condition needs the documents themselves (`EXISTS`, `IS NULL`,
 * `IS EMPTY`, or a key held with values of different types). A placeholder search tests every document, and at
 * 100k paragraphs the per-document tests were most of a browse.
 */
export function filterFlags(index: Index, node: FilterNode): Uint8Array | null {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts: Uint8Array[] = [];
      for (const child of node.children) {
        const flags = filterFlags(index, child);
        if (!flags) return null;
        parts.push(flags);
      }
      const [first, ...rest] = parts as [Uint8Array, ...Uint8Array[]];
      for (const other of rest)
        for (let n = 0; n < first.length; n++)
          first[n] =
            node.kind === 'and'
              ? (first[n] as number) & (other[n] as number)
              : (first[n] as number) | (other[n] as number);
      return first;
    }
    case 'not': {
      const inner = filterFlags(index, node.child);
      if (inner) complement(index, inner);
      return inner;
    }
    case 'cond': {
      const byValue = valueTest(node.cond);
      if (!byValue) return null;
      const column = index.facetColumn(node.cond.attr);
      const { entries } = column;
      const passing = entries.filter((entry) => byValue.test(entry.value));
      if (entries.some((entry) => entry.mixedTypes)) return null;
      const flags = new Uint8Array(index.capacity);
      const { starts, docs } = index.facetPostings(node.cond.attr);
      const live = index.liveDocuments;
      for (const { id } of passing)
        for (let i = starts[id] as number; i < (starts[id + 1] as number); i++) {
          const n = docs[i] as number;
          flags[n] = live[n] as number;
        }
      if (byValue.negated) complement(index, flags);
      return flags;
    }
  }
}

/** Flip the flags of the live documents (dead ones stay 0). */
function complement(index: Index, flags: Uint8Array): void {
  const live = index.liveDocuments;
  for (let n = 0; n < flags.length; n++)
    flags[n] = (live[n] as number) & ((flags[n] as number) ^ 1);
}
