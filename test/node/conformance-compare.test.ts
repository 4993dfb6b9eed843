/** The conformance comparator (conformance/compare.ts): how two answers are told apart. */
import { describe, expect, it } from 'vitest';
import { compareAnswers } from '../../conformance/compare.ts';

const answer = (hits: unknown[]) => ({ status: 200, body: { hits, processingTimeMs: 3 } });
const hit = (id: string, indexUid: string) => ({ id, _federation: { indexUid } });

describe('compareAnswers', () => {
  it('matches a document met twice (two indexes) occurrence by occurrence', () => {
    const both = [hit('a', 'one'), hit('a', 'two'), hit('b', 'one')];
    expect(compareAnswers(answer(both), answer(both))).toEqual([]);
    const swapped = [hit('a', 'two'), hit('a', 'one'), hit('b', 'one')];
    expect(compareAnswers(answer(both), answer(swapped)).map((d) => d.at)).toEqual([
      'hits[a]._federation.indexUid',
      'hits[a]._federation.indexUid',
    ]);
  });

  it('tells other documents from the same ones in another order, and ignores timings', () => {
    const ab = [hit('a', 'one'), hit('b', 'one')];
    expect(compareAnswers(answer(ab), answer([...ab].reverse())).map((d) => d.field)).toEqual([
      'hits.order',
    ]);
    expect(compareAnswers(answer(ab), answer([hit('a', 'one')])).map((d) => d.field)).toEqual([
      'hits.ids',
    ]);
  });
});
