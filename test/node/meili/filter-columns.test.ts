import { describe, expect, it } from 'vitest';
import { compileFilter, type FilterNode, parseFilter } from '../../../meili-local/filter.ts';
import { documentFilter, filterFlags } from '../../../meili-local/filter-columns.ts';
import { Index } from '../../../meili-local/index.ts';

/** Documents with single, several, missing, null and mixed-type values, so every path of the column filter runs. */
function sampleIndex(mixedTypes = true): Index {
  const index = new Index('filters');
  const values: unknown[] = [
    2019,
    2020,
    2021,
    mixedTypes ? '2020' : 'Нарын',
    'Бишкек',
    'бишкек',
    'Ош',
    true,
    null,
    [2019, 2021],
    ['Ош', 'Бишкек'],
    [],
    undefined,
  ];
  values.forEach((value, i) => {
    const doc: Record<string, unknown> = { id: i, tag: i % 3 === 0 ? 'a' : 'b' };
    if (value !== undefined) doc.value = value;
    index.put(String(i), doc);
  });
  return index;
}

const FILTERS = [
  'value = 2020',
  'value != 2020',
  'value >= 2020',
  'value 2019 TO 2020',
  'value IN [Бишкек, 2021]',
  'value = бишкек',
  'value > Б',
  'value = true',
  'value EXISTS',
  'value IS NULL',
  'value IS EMPTY',
  'NOT value = 2019',
  'value >= 2019 AND value <= 2020',
  '(value = Ош OR value = 2019) AND tag = a',
  'value = Ош AND value = Бишкек',
  'NOT (value = 2021 OR tag = b)',
];

describe('filters on facet columns', () => {
  it.each(FILTERS)('agree with the document filter: %s', (filter) => {
    const index = sampleIndex();
    const tree = parseFilter(filter);
    const onDocuments = compileFilter(tree);
    const onColumns = documentFilter(index, tree);
    const expected = [...index.allNumbers()].filter((n) => onDocuments(index.documentAt(n)));
    // Twice: the second pass reads the verdicts remembered per value.
    for (let pass = 0; pass < 2; pass++)
      expect([...index.allNumbers()].filter(onColumns)).toEqual(expected);
  });

  it('finds what the filter names', () => {
    const index = sampleIndex();
    const ids = (filter: string) =>
      [...index.allNumbers()]
        .filter(documentFilter(index, parseFilter(filter)))
        .map((n) => index.documentAt(n).id);
    expect(ids('value = 2020')).toEqual([1, 3]);
    expect(ids('value = бишкек')).toEqual([4, 5, 10]);
    expect(ids('value 2019 TO 2020')).toEqual([0, 1, 9]);
  });

  it.each(FILTERS)('as flags per document, agree with the document filter: %s', (filter) => {
    // One type per key (no "2020" beside 2020), and documents deleted and replaced, so flags are computed.
    const index = sampleIndex(false);
    index.delete('3');
    index.put('0', { id: 0, tag: 'b', value: 2021 });
    index.delete('6');
    const tree = parseFilter(filter);
    const onDocuments = compileFilter(tree);
    const expected = [...index.allNumbers()].filter((n) => onDocuments(index.documentAt(n)));
    if (!tree) throw new Error(`no filter parsed from ${filter}`);
    const flags = filterFlags(index, tree);
    const needsDocuments = /EXISTS|NULL|EMPTY/.test(filter);
    expect(flags === null).toBe(needsDocuments);
    if (flags) expect([...index.allNumbers()].filter((n) => flags[n] === 1)).toEqual(expected);
    // Only live documents are flagged.
    if (flags) expect(flags.reduce((sum, flag) => sum + flag, 0)).toBe(expected.length);
  });

  it('gives no flags where one key holds values of different types', () => {
    expect(filterFlags(sampleIndex(), parseFilter('value = 2020') as FilterNode)).toBeNull();
  });
});
