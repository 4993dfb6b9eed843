import { describe, expect, it } from 'vitest';
import { compileFilter, parseFilter } from '../../../meili-local/filter.ts';
import { documentFilter } from '../../../meili-local/filter-columns.ts';
import { Index } from '../../../meili-local/index.ts';

/** Documents with single, several, missing, null and mixed-type values, so every path of the column filter runs. */
function sampleIndex(): Index {
  const index = new Index('filters');
  const values: unknown[] = [
    2019,
    2020,
    2021,
    '2020',
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
});
