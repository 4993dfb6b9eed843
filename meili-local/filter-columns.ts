/**
 * Filters evaluated on an index's facet columns rather than on documents: a condition is tested once per
 * distinct value of its attribute, and each document costs a few array reads.
 */
import { compileCondition, valueTest, type FilterNode } from './filter.ts';
import type { Index } from './index.ts';

/** A test of document numbers for `node` (null: every document passes). */
export function documentFilter(index: Index, node: FilterNode | null): (n: number) => boolean {
  if (!node) return () => true;
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
          const entry = entries[id] as (typeof entries)[number];
          // One key held with values of different types ("5", 5) can pass for one type and not the other.
          if (entry.mixedTypes) return onDocument(index.documentAt(n));
          if (verdicts[id] === 0) verdicts[id] = byValue.test(entry.value) ? 1 : -1;
          passes = verdicts[id] === 1;
        }
        return passes !== byValue.negated;
      };
    }
  }
}
