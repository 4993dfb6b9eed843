/**
 * Tokenisation, normalisation and highlighting as the real Meilisearch (its charabia tokenizer) does them,
 * on both engines: what a word is, how ё/й/case/diacritics are normalised, how many characters a word has
 * for the typo thresholds, the first-letter rule of typos, and what part of a matched word is highlighted.
 */
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const texts = [
  'ёлка',
  'елка',
  'Йошкар-Ола',
  'майор',
  'ЁЛКИ зелёные',
  'Café crème brûlée',
  'naïve façade',
  'œuvre æther',
  'COVID-19 пандемия',
  'Ростов-на-Дону',
  '3.14 число',
  '№5 $100 €200 50% 3°C',
  'заём займ',
  'ЙОГУРТ йогурт',
  'İstanbul ıspanak',
  'Đorđe',
  'парламент собрался',
  'выступление Президента',
];
const docs = texts.map((t, i) => ({ id: i + 1, t }));

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'tokenize', docs);
    h = started;
    ({ client, uid } = started);
  });
  afterAll(async () => h.close());

  const ids = async (q: string) =>
    (await client.index(uid).search(q)).hits.map((hit) => hit.id as number).sort((a, b) => a - b);
  const highlighted = async (q: string) =>
    (
      await client
        .index(uid)
        .search(q, { attributesToHighlight: ['t'], attributesToRetrieve: ['id'] })
    ).hits.map((hit) => (hit._formatted as { t: string }).t);

  it('keeps the marks of Cyrillic letters: ё and й are a letter and a mark, not е and и', async () => {
    expect(await ids('елка')).toEqual([2]); // four characters: no typo allowed, and ёлка is not елка
    expect(await ids('ёлка')).toEqual([1, 2, 5]); // five characters: one typo reaches елка and ёлки
    expect(await ids('ЁЛКИ')).toEqual([1, 5]);
    expect(await ids('заем')).toEqual([]);
    expect(await ids('иошкар')).toEqual([3]); // one typo (the missing mark) from йошкар
    expect(await ids('йошкар')).toEqual([3]);
    expect(await ids('иогурт')).toEqual([14]);
  });

  it('drops the diacritics of Latin letters and splits œ and æ, but leaves ı and đ', async () => {
    for (const q of ['cafe', 'creme', 'brulee', 'naive', 'facade'])
      expect(await ids(q)).toEqual(
        [6, 7].filter((id) => (id === 6) === ['cafe', 'creme', 'brulee'].includes(q)),
      );
    expect(await ids('oeuvre')).toEqual([8]);
    expect(await ids('aether')).toEqual([8]);
    expect(await ids('istanbul')).toEqual([15]);
    expect(await ids('ispanak')).toEqual([]);
    expect(await ids('dorde')).toEqual([]);
  });

  it('cuts words at punctuation, spaces and math symbols only', async () => {
    expect(await ids('covid')).toEqual([9]);
    expect(await ids('дону')).toEqual([10]);
    expect(await ids('$100')).toEqual([12]);
    expect(await ids('100')).toEqual([]); // `$100` is one word
    expect(await ids('№5')).toEqual([12]);
    expect(await ids('3°c')).toEqual([12]);
    expect(await ids('14')).toEqual([11, 14]); // `3.14` is two words (and the id 14 is searchable)
  });

  it('highlights a typo or prefix match of the last word for as many characters as the query word has', async () => {
    expect(await highlighted('маиор')).toEqual(['<em>майо</em>р']);
    expect(await highlighted('маиор ')).toEqual(['<em>майор</em>']); // not the last word: whole
    expect(await highlighted('зеленые')).toEqual(['ЁЛКИ <em>зелёны</em>е']);
    expect(await highlighted('иошкар')).toEqual(['<em>Йошка</em>р-Ола']);
    expect(await highlighted('ёлка')).toEqual([
      '<em>ёлка</em>',
      '<em>елка</em>',
      '<em>ЁЛКИ</em> зелёные',
    ]);
    expect(await highlighted('парла')).toEqual(['<em>парла</em>мент собрался']);
    expect(await highlighted('президентв')).toEqual(['выступление <em>Президента</em>']);
  });

  it('needs the first letter right for one typo, and counts a wrong first letter as two', async () => {
    expect(await ids('бармалент')).toEqual([]); // nine letters, but the first one is wrong and another too
    const hits = (await client.index(uid).search('барламент', { showRankingScoreDetails: true }))
      .hits;
    expect(hits.map((hit) => hit.id)).toEqual([17]);
    expect(
      (hits[0]?._rankingScoreDetails as { typo: { typoCount: number } } | undefined)?.typo
        .typoCount,
    ).toBe(2);
    expect(await ids('барла')).toEqual([]); // five letters: one typo, not on the first letter
  });
});
