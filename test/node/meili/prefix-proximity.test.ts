/**
 * The last query word as a prefix, where Meilisearch 1.50 reads it in two ways (milli: query_term/
 * compute_derivations.rs, ranking_rule_graph/proximity/compute_docids.rs, db_cache.rs):
 * - a prefix of at most 4 bytes that at least 100 words start with is read from the prefix database: every
 *   extension matches, but a word *before* the previous query word counts for proximity only when it is the
 *   prefix itself;
 * - any other prefix stands for its first 1 000 extensions in word order, each one a word like any other;
 * - a word stands for its first 150 words one typo away, in word order.
 * And on both: one word matching two query terms is not a pair.
 */
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const RU = 'абвгдежзиклмнопрстуфхцчшщэюя';
const LATIN = 'abcdefghijklmnopqrstuvwxyz';

/** `count` distinct words: `stem` and two (or three) letters of `alphabet`, in word order. */
function words(stem: string, alphabet: string, count: number, letters = 2): string[] {
  const out: string[] = [];
  const n = alphabet.length;
  for (let i = 0; out.length < count; i++) {
    let suffix = '';
    for (let k = letters - 1, rest = i; k >= 0; k--, rest = Math.floor(rest / n))
      suffix = (alphabet[rest % n] as string) + suffix;
    out.push(stem + suffix);
  }
  return out;
}

// 120 words start with «ж»: it is in the prefix database. Three start with «щ»: it is not.
const manyZh = words('ж', RU, 120);
// 1 001 extensions of a 5-byte prefix, which is never in the prefix database.
const capped = words('qzxwv', LATIN, 1001, 3);

// 200 words one typo from «abcde» (a letter replaced or added after the first), in word order.
const oneTypo = [
  ...new Set(
    [1, 2, 3, 4, 5].flatMap((at) =>
      [...LATIN].flatMap((c) => [
        `${'abcde'.slice(0, at)}${c}${'abcde'.slice(at)}`,
        ...(at < 5 && c !== 'abcde'[at]
          ? [`${'abcde'.slice(0, at)}${c}${'abcde'.slice(at + 1)}`]
          : []),
      ]),
    ),
  ),
]
  .sort()
  .slice(0, 200);

const documents = [
  { id: 1, body: 'жук по' },
  { id: 2, body: 'по жуку' },
  { id: 3, body: 'ж по' },
  { id: 4, body: manyZh.join(' ') },
  { id: 5, body: 'щука по' },
  { id: 6, body: 'по раз два три четыре щит' },
  { id: 7, body: 'жа ну' },
  { id: 8, body: 'жа жук' },
  { id: 9, body: capped.slice(0, -1).join(' ') },
  { id: 10, body: capped.at(-1) as string },
  { id: 11, body: oneTypo.slice(0, -1).join(' ') },
  { id: 12, body: oneTypo.at(-1) as string },
];

describe.each(ENGINES)('prefix terms and proximity on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'prefix_proximity', documents, {
      searchableAttributes: ['body'],
      // Proximity decides, nothing else in between.
      rankingRules: ['words', 'proximity'],
    });
    h = started;
    ({ client, uid } = started);
  });
  afterAll(async () => h.close());

  const ranked = async (q: string) =>
    (
      await client.index(uid).search(q, {
        showRankingScoreDetails: true,
        attributesToRetrieve: ['id'],
        limit: 20,
      })
    ).hits.map((hit) => ({
      id: hit.id as number,
      proximity: (hit._rankingScoreDetails?.proximity as { score: number } | undefined)?.score,
    }));

  it('counts a word before the previous one only as the prefix itself, for a prefix of the prefix database', async () => {
    const hits = await ranked('по ж');
    // 2: «жуку» right after «по»; 3: the word «ж» before it; 1: «жук» before it does not count.
    expect(hits.filter((hit) => [1, 2, 3].includes(hit.id))).toEqual([
      { id: 2, proximity: 1 },
      { id: 3, proximity: expect.any(Number) },
      { id: 1, proximity: 0.25 },
    ]);
    expect(hits[1]?.proximity).toBeLessThan(1);
    expect(hits[1]?.proximity).toBeGreaterThan(0.25);
  });

  it('counts every extension before the previous word for a prefix outside it', async () => {
    const hits = await ranked('по щ');
    // «щука» before «по» (one more than the gap: 2) is closer than «щит» five words after.
    expect(hits.slice(0, 2).map((hit) => hit.id)).toEqual([5, 6]);
    expect(hits[0]?.proximity).toBeGreaterThan(hits[1]?.proximity as number);
  });

  it('does not take one word matching two terms for a pair', async () => {
    const hits = await ranked('жа ж');
    // «жа» is the first term and, as a prefix of itself, the second: in 7 there is no second word.
    expect(hits.filter((hit) => [7, 8].includes(hit.id))).toEqual([
      { id: 8, proximity: 1 },
      { id: 7, proximity: 0.25 },
    ]);
  });

  it('stands for the first 1 000 extensions of a prefix outside the prefix database', async () => {
    const ids = (await ranked('qzxwv')).map((hit) => hit.id);
    expect(ids).toEqual([9]);
    // The word itself is found whatever the cap (and, with typos, the words of 9 as well).
    expect((await ranked(capped.at(-1) as string)).map((hit) => hit.id)).toContain(10);
  });

  it('stands for the first 150 words one typo away', async () => {
    // A space after the word: no prefix, so its extensions count as typos too.
    expect((await ranked('abcde ')).map((hit) => hit.id)).toEqual([11]);
  });
});
