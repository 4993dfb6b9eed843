/**
 * `typoTolerance.disableOnAttributes` in searches, on both engines: the words of those attributes are found
 * as typed and by prefix, never by a typo or a joined n-gram (Meilisearch keeps them apart from the words
 * typos are looked up in), while the same word in another attribute still is. And a query word split in two.
 */
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const documents = [
  { id: 1, text: 'заседание', keys: 'парламентарий внешний' },
  { id: 2, text: 'парламентарий выступил', keys: 'заседание' },
  { id: 3, text: 'внешний долг', keys: 'бюджет' },
  { id: 4, text: 'бюджетный', keys: 'старина' },
  { id: 5, text: 'в первые часы', keys: '' },
];

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'typo_attributes', documents, {
      searchableAttributes: ['text', 'keys'],
      typoTolerance: { disableOnAttributes: ['keys'] },
    });
    h = started;
    ({ client, uid } = started);
  }, 60_000);
  afterAll(async () => h.close());

  const ids = async (q: string, options: Record<string, unknown> = {}) =>
    (await client.index(uid).search(q, { attributesToRetrieve: ['id'], ...options })).hits
      .map((hit) => hit.id as number)
      .sort();

  it('finds the words of an attribute without typos as typed and by prefix', async () => {
    expect(await ids('старина ')).toEqual([4]);
    expect(await ids('стари')).toEqual([4]);
    expect(await ids('парламентарий ')).toEqual([1, 2]);
    expect(await ids('бюджет ')).toEqual([3]);
  });

  it('never by a typo there, while a typo still finds the word elsewhere', async () => {
    // One typo from «старина», which only the attribute without typos holds.
    expect(await ids('старинв ')).toEqual([]);
    // A typo of a word both attributes hold: only where it is in the text.
    expect(await ids('парламетнарий ')).toEqual([2]);
    expect(await ids('засдеание ')).toEqual([1]);
    // A typo and a prefix: «бюджт» reaches «бюджетный» (in the text) but not «бюджет» in the keys.
    expect(await ids('бюджт')).toEqual([4]);
  });

  it('never by joined query words there (an n-gram is a derived word too)', async () => {
    expect(await ids('вне шний ', { matchingStrategy: 'all' })).toEqual([3]);
  });

  it('follows the setting when it changes after the documents are in', async () => {
    const settings = (typoTolerance: Record<string, unknown>) =>
      client.index(uid).updateSettings({ typoTolerance }).waitTask();
    // Typos on everywhere: «старинв» reaches «старина» in the keys.
    expect((await settings({ disableOnAttributes: [] })).status).toBe('succeeded');
    expect(await ids('старинв ')).toEqual([4]);
    // Off on the text instead: «засдеание» no longer finds it there, and now does in the keys.
    expect((await settings({ disableOnAttributes: ['text'] })).status).toBe('succeeded');
    expect(await ids('засдеание ')).toEqual([2]);
    expect(await ids('старинв ')).toEqual([4]);
    expect((await settings({ disableOnAttributes: ['keys'] })).status).toBe('succeeded');
    expect(await ids('старинв ')).toEqual([]);
  });

  it('finds a word split in two, next to each other, for one typo, whatever typos it allows', async () => {
    expect(await ids('впервые ')).toEqual([5]);
    expect(await ids('впервые часы', { matchingStrategy: 'all' })).toEqual([5]);
  });
});
