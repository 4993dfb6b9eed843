/**
 * Contract tests of the Meilisearch behaviour the project relies on, through the official client.
 * They pass against meili-local and are written to pass against a real Meilisearch (MEILI_HOST set).
 */
import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startHarness, uniqueIndex, type Harness } from './harness.ts';

let h: Harness;
let client: Meilisearch;

const docs = [
  {
    id: 1,
    article: 'a',
    text: 'Депутаты обсудили отправку войск в Казахстан',
    persons: ['Камчыбек Ташиев'],
    year: 2022,
    ts: 100,
    tags: [],
  },
  {
    id: 2,
    article: 'a',
    text: 'Ташиев отвечал на вопросы депутатов о войсках',
    persons: ['Камчыбек Ташиев', 'Акылбек Жапаров'],
    year: 2022,
    ts: 200,
    tags: ['x'],
  },
  {
    id: 3,
    article: 'b',
    text: 'Войска ОДКБ вошли в Алматы ёлка',
    persons: ['Касым-Жомарт Токаев'],
    year: 2021,
    ts: 300,
    tags: null,
  },
  {
    id: 4,
    article: 'c',
    text: 'Парламент одобрил бюджет на следующий год',
    persons: [],
    year: 2020,
    ts: 50,
  },
];

async function seeded(settings: Record<string, unknown> = {}): Promise<string> {
  const uid = uniqueIndex('contract');
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  await client
    .index(uid)
    .updateSettings({
      filterableAttributes: ['article', 'persons', 'year', 'ts', 'tags'],
      sortableAttributes: ['ts', 'year'],
      ...settings,
    })
    .waitTask();
  const task = await client.index(uid).addDocuments(docs).waitTask();
  expect(task.status).toBe('succeeded');
  return uid;
}

async function apiError(
  promise: Promise<unknown>,
): Promise<{ code?: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MeilisearchApiError)
      return {
        code: (error.cause as { code?: string })?.code,
        status: error.response.status,
        message: error.message,
      };
    throw error;
  }
  throw new Error('expected an API error');
}

describe.each(ENGINES)('on %s', (engine) => {
  beforeAll(async () => {
    h = await startHarness(engine);
    client = h.client;
  });
  afterAll(async () => h.close());

  describe('tasks and documents', () => {
    it('runs tasks through their life cycle and reports failures inside the task', async () => {
      const uid = uniqueIndex('tasks');
      const enqueued = await client.createIndex(uid);
      expect(enqueued.status).toBe('enqueued');
      const done = await client.tasks.waitForTask(enqueued.taskUid);
      expect(done).toMatchObject({ status: 'succeeded', type: 'indexCreation', indexUid: uid });
      expect(done.startedAt && done.finishedAt && done.duration).toBeTruthy();
      const failed = await client.createIndex(uid).waitTask();
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('index_already_exists');
      const bad = await client
        .index(uid)
        .addDocuments([{ id: 'not valid!' }])
        .waitTask();
      expect(bad.error?.code).toBe('invalid_document_id');
    });

    it('adds, replaces, updates, gets and deletes documents', async () => {
      const uid = await seeded();
      const index = client.index(uid);
      expect(await index.getDocument(2)).toMatchObject({ article: 'a' });
      await index.updateDocuments([{ id: 2, extra: true }]).waitTask();
      expect(await index.getDocument(2)).toMatchObject({ article: 'a', extra: true });
      await index.addDocuments([{ id: 2, text: 'replaced' }]).waitTask();
      expect(await index.getDocument(2)).toEqual({ id: 2, text: 'replaced' });
      const page = await index.getDocuments({ fields: ['id'], limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.results).toHaveLength(2);
      const filtered = await index.getDocuments({ filter: 'year = 2021' });
      expect(filtered.results.map((d) => d.id)).toEqual([3]);
      await index.deleteDocument(1).waitTask();
      await index.deleteDocuments([3]).waitTask();
      await index.deleteDocuments({ filter: 'year = 2020' }).waitTask();
      expect((await index.getDocuments()).total).toBe(1);
      await index.deleteAllDocuments().waitTask();
      expect((await index.getDocuments()).total).toBe(0);
      expect((await apiError(index.getDocument(1))).code).toBe('document_not_found');
    });
  });

  describe('documents by ids and sorted, task filters, federation', () => {
    it('fetches documents by ids, sorted, and skips creation when asked', async () => {
      const uid = await seeded();
      const index = client.index(uid);
      expect((await index.getDocuments({ ids: [3, 1] })).results.map((d) => d.id).sort()).toEqual([
        1, 3,
      ]);
      expect((await index.getDocuments({ sort: ['ts:desc'] })).results.map((d) => d.id)).toEqual([
        3, 2, 1, 4,
      ]);
      expect(await apiError(index.getDocuments({ sort: ['text:asc'] }))).toMatchObject({
        status: 400,
      });
      await index
        .addDocuments(
          [
            { id: 1, text: 'обновлено' },
            { id: 99, text: 'новый' },
          ],
          { skipCreation: true },
        )
        .waitTask();
      expect((await index.getDocument(1)).text).toBe('обновлено');
      expect((await index.getDocuments()).total).toBe(4);
      const filterError = await apiError(index.getDocuments({ filter: 'text = 1' }));
      expect(filterError).toMatchObject({ code: 'invalid_document_filter' });
      expect(filterError.message).toContain('\n1:5 text = 1');
    });

    it('lists documents in internal id order: new documents take the ids deletions freed', async () => {
      const index = client.index(uniqueIndex('order'));
      await index
        .addDocuments([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }], { primaryKey: 'id' })
        .waitTask();
      await index.deleteDocuments([2, 3]).waitTask();
      await index.addDocuments([{ id: 100 }, { id: 101 }]).waitTask();
      expect((await index.getDocuments()).results.map((d) => d.id)).toEqual([1, 100, 101, 4]);
      expect((await index.getDocuments({ ids: [4, 101, 1] })).results.map((d) => d.id)).toEqual([
        1, 101, 4,
      ]);
    });

    it('validates task filters and keeps custom metadata', async () => {
      expect(await apiError(client.tasks.getTasks({ types: ['notAType' as never] }))).toMatchObject(
        { code: 'invalid_task_types', status: 400 },
      );
      expect(await apiError(client.tasks.getTasks({ statuses: ['nope' as never] }))).toMatchObject({
        code: 'invalid_task_statuses',
        status: 400,
      });
      const uid = uniqueIndex('meta');
      const task = await client
        .index(uid)
        .addDocuments([{ id: 1 }], { customMetadata: 'run-42' })
        .waitTask();
      expect(task.customMetadata).toBe('run-42');
    });

    it('merges federated multi-search results by weighted score', async () => {
      const uid = await seeded();
      const federated = await client.multiSearch({
        federation: { limit: 10, facetsByIndex: { [uid]: ['year'] } },
        queries: [
          { indexUid: uid, q: 'парламент' },
          { indexUid: uid, q: 'ОДКБ', federationOptions: { weight: 2 } },
        ],
      });
      expect(federated.hits.map((hit) => hit.id)).toEqual([3, 4]);
      expect(federated.hits[0]?._federation).toMatchObject({ indexUid: uid, queriesPosition: 1 });
      expect(federated.facetsByIndex?.[uid]?.distribution).toBeDefined();
    });
  });

  describe('search', () => {
    let uid: string;
    beforeAll(async () => {
      uid = await seeded();
    });

    it('matches prefixes of the last word, typos by word length, ё as е plus a mark, case-insensitively', async () => {
      const index = client.index(uid);
      expect((await index.search('войс')).hits.map((h) => h.id).sort()).toEqual([1, 2, 3]);
      expect((await index.search('депутаты')).hits.map((h) => h.id)).toContain(1);
      expect((await index.search('парламетн')).hits.map((h) => h.id)).toEqual([4]);
      // ё is not folded into е: it decomposes into е and a combining mark, so `ёлка` is five characters, one
      // typo from `елка`, while the four-letter `елка` allows no typo and finds nothing.
      expect((await index.search('елка')).hits.map((h) => h.id)).toEqual([]);
      expect((await index.search('ёлка')).hits.map((h) => h.id)).toEqual([3]);
      expect((await index.search('ЁЛКИ')).hits.map((h) => h.id)).toEqual([3]);
      expect((await index.search('одкб')).hits.map((h) => h.id)).toEqual([3]);
    });

    it('supports phrases, negative terms and matching strategies', async () => {
      const index = client.index(uid);
      expect((await index.search('"отправку войск"')).hits.map((h) => h.id)).toEqual([1]);
      expect((await index.search('войска -ОДКБ')).hits.map((h) => h.id).sort()).toEqual([1, 2]);
      expect((await index.search('войска бюджет', { matchingStrategy: 'all' })).hits).toEqual([]);
      expect(
        (await index.search('бюджет войска', { matchingStrategy: 'last' })).hits.map((h) => h.id),
      ).toEqual([4]);
    });

    it('takes only the first ten words of a query into account', async () => {
      const index = client.index(uid);
      const ten = Array.from({ length: 10 }, () => 'войска').join(' ');
      // The eleventh word would match nothing, but it is ignored: every word still required is found.
      expect(
        (await index.search(`${ten} несуществующее`, { matchingStrategy: 'all' })).hits.length,
      ).toBeGreaterThan(0);
      // Many more words than that is still an ordinary search, not an error.
      const many = Array.from({ length: 300 }, () => 'войска').join(' ');
      expect((await index.search(many)).hits.length).toBeGreaterThan(0);
    });

    it('filters with the full grammar', async () => {
      const ids = async (filter: string | string[] | Array<string | string[]>) =>
        (await client.index(uid).search('', { filter, sort: ['ts:asc'] })).hits.map((h) => h.id);
      expect(await ids('year = 2022')).toEqual([1, 2]);
      expect(await ids('year != 2022')).toEqual([4, 3]);
      expect(await ids('ts 100 TO 250')).toEqual([1, 2]);
      expect(await ids('persons IN ["Касым-Жомарт Токаев", "Акылбек Жапаров"]')).toEqual([2, 3]);
      expect(await ids('persons NOT IN ["Камчыбек Ташиев"]')).toEqual([4, 3]);
      expect(await ids('(year = 2021 OR year = 2020) AND NOT ts > 200')).toEqual([4]);
      expect(await ids('persons = "камчыбек ташиев"')).toEqual([1, 2]);
      expect(await ids('tags EXISTS')).toEqual([1, 2, 3]);
      expect(await ids('tags IS NULL')).toEqual([3]);
      expect(await ids('tags IS EMPTY')).toEqual([1]);
      expect(await ids('tags IS NOT EMPTY')).toEqual([4, 2, 3]);
      expect(await ids(['year = 2022', ['ts = 100', 'ts = 300']])).toEqual([1]);
    });

    it('answers bad filters with invalid_search_filter', async () => {
      const index = client.index(uid);
      expect(await apiError(index.search('', { filter: 'text = x' }))).toMatchObject({
        code: 'invalid_search_filter',
        status: 400,
      });
      expect(await apiError(index.search('', { filter: 'year = ' }))).toMatchObject({
        code: 'invalid_search_filter',
      });
      expect(await apiError(index.search('', { filter: 'year = "2022' }))).toMatchObject({
        code: 'invalid_search_filter',
      });
      // Keywords are upper case only: a lower-case `and` leaves unparsed input behind.
      for (const filter of [
        'year = 2022 and year = 2021',
        'year = 2022 or year = 2021',
        'not year = 2022',
        'year 2020 to 2022',
        'persons exists',
      ]) {
        expect(await apiError(index.search('', { filter }))).toMatchObject({
          code: 'invalid_search_filter',
        });
      }
      expect(await apiError(index.search('', { sort: ['text:asc'] }))).toMatchObject({
        code: 'invalid_search_sort',
      });
    });

    it('computes facets and stats, counting distinct groups once', async () => {
      const index = client.index(uid);
      const plain = await index.search('', { facets: ['persons', 'year'] });
      expect(plain.facetDistribution?.persons).toEqual({
        'Акылбек Жапаров': 1,
        'Камчыбек Ташиев': 2,
        'Касым-Жомарт Токаев': 1,
      });
      expect(plain.facetStats?.year).toEqual({ min: 2020, max: 2022 });
      const distinct = await index.search('', {
        facets: ['year'],
        distinct: 'article',
        page: 1,
        hitsPerPage: 10,
      });
      expect(distinct.totalHits).toBe(3);
      expect(distinct.facetDistribution?.year).toEqual({ '2020': 1, '2021': 1, '2022': 1 });
    });

    it('with distinct on a list, keeps no document that shares any value with one kept', async () => {
      const index = client.index(uid);
      // 2 shares Ташиев with 1; 4 has no value and is kept.
      const paged = await index.search('', { distinct: 'persons', page: 1, hitsPerPage: 10 });
      expect(paged.hits.map((h) => h.id).sort()).toEqual([1, 3, 4]);
      expect(paged.totalHits).toBe(3);
      const offset = await index.search('', { distinct: 'persons', limit: 10 });
      expect(offset.hits.map((h) => h.id).sort()).toEqual([1, 3, 4]);
      expect(offset.estimatedTotalHits).toBe(3);
    });

    it('ranks by the attributes searched on only', async () => {
      const index = client.index(uniqueIndex('search_on'));
      await index
        .addDocuments(
          [
            { id: 1, title: 'бюджетом', text: 'обсудили бюджетам' },
            { id: 2, title: 'новости', text: 'обсудили бюджетом' },
          ],
          { primaryKey: 'id' },
        )
        .waitTask();
      // On every attribute both hold the word exactly (1 in its title); on `text` only 2 does, 1 with a typo.
      expect((await index.search('бюджетом ', {})).hits.map((h) => h.id)).toEqual([1, 2]);
      expect(
        (await index.search('бюджетом ', { attributesToSearchOn: ['text'] })).hits.map((h) => h.id),
      ).toEqual([2, 1]);
    });

    it('checks parameter types and ranges before searching, each with its own code', async () => {
      const raw = async (path: string, body?: unknown) => {
        const response = await fetch(`${h.url}/indexes/${uid}/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { Authorization: `Bearer ${h.masterKey}`, 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return {
          status: response.status,
          code: ((await response.json()) as { code?: string }).code,
        };
      };
      const cases: Array<[string, unknown, string]> = [
        ['search', { cropLength: -1 }, 'invalid_search_crop_length'],
        ['search', { highlightPreTag: 1 }, 'invalid_search_highlight_pre_tag'],
        ['search', { distinct: 5 }, 'invalid_search_distinct'],
        ['search', { showMatchesPosition: 'yes' }, 'invalid_search_show_matches_position'],
        ['search', { rankingScoreThreshold: 2 }, 'invalid_search_ranking_score_threshold'],
        ['search', { vector: [1, 2] }, 'missing_search_hybrid'],
        ['search', { locales: ['xx'] }, 'invalid_search_locales'],
        ['search', { locales: 'rus' }, 'invalid_search_locales'],
        ['facet-search', { facetName: 'persons', facetQuery: 5 }, 'invalid_facet_search_query'],
        ['documents/fetch', { fields: 'id' }, 'invalid_document_fields'],
        ['documents/fetch', { filter: 'year =' }, 'invalid_document_filter'],
      ];
      for (const [path, body, code] of cases)
        expect({ path, body, ...(await raw(path, body)) }).toEqual({
          path,
          body,
          status: 400,
          code,
        });
      expect(await raw('search?showMatchesPosition=maybe')).toEqual({
        status: 400,
        code: 'invalid_search_show_matches_position',
      });
    });

    it('facet-searches the start of string values, with a typo budget counted in bytes', async () => {
      const index = client.index(uid);
      const values = async (facetQuery: string, facetName = 'persons') =>
        (await index.searchForFacetValues({ facetName, facetQuery })).facetHits.map((h) => h.value);
      // Two Cyrillic letters are four bytes: no typo.
      expect(await values('Ак')).toEqual(['Акылбек Жапаров']);
      // Not the start of a word inside the value.
      expect(await values('Ташиев')).toEqual([]);
      // Three are six bytes: one typo allowed ("Кас" finds "Кам…" too).
      expect(await values('Кас')).toEqual(['Камчыбек Ташиев', 'Касым-Жомарт Токаев']);
      expect(await values('Акылбек Жапаров')).toEqual(['Акылбек Жапаров']);
      // Numbers are not facet-searchable.
      expect(await values('2022', 'year')).toEqual([]);
      await index
        .updateSettings({ typoTolerance: { disableOnAttributes: ['persons'] } })
        .waitTask();
      expect(await values('Кас')).toEqual(['Касым-Жомарт Токаев']);
      await index.resetTypoTolerance().waitTask();
    });

    it('counts facet-searched values over the documents as they are now', async () => {
      const index = client.index(uid);
      const counts = async () =>
        (await index.searchForFacetValues({ facetName: 'persons', facetQuery: 'Ак' })).facetHits;
      const before = await counts();
      const count = before[0]?.count as number;
      await index.addDocuments([{ id: 900, persons: ['Акылбек Жапаров'] }]).waitTask();
      expect(await counts()).toEqual([{ value: 'Акылбек Жапаров', count: count + 1 }]);
      await index.deleteDocument(900).waitTask();
      expect(await counts()).toEqual(before);
    });

    it('sorts, paginates both ways, and highlights and crops', async () => {
      const index = client.index(uid);
      expect(
        (await index.search('', { sort: ['ts:desc'], limit: 2 })).hits.map((h) => h.id),
      ).toEqual([3, 2]);
      const pages = await index.search('', { page: 2, hitsPerPage: 3 });
      expect(pages).toMatchObject({ page: 2, hitsPerPage: 3, totalHits: 4, totalPages: 2 });
      expect(pages.hits).toHaveLength(1);
      const offset = await index.search('', { offset: 1, limit: 2 });
      expect(offset).toMatchObject({ offset: 1, limit: 2, estimatedTotalHits: 4 });
      const formatted = await index.search('войск', {
        attributesToHighlight: ['text'],
        highlightPreTag: '[',
        highlightPostTag: ']',
        attributesToCrop: ['text'],
        cropLength: 3,
        filter: 'ts = 100',
      });
      expect(formatted.hits[0]?._formatted?.text).toBe('…отправку [войск] в…');
    });
  });

  describe('keys and errors', () => {
    it('has the default keys and enforces actions and indexes', async () => {
      const { results } = await client.getKeys();
      const search = results.find((k) => k.name === 'Default Search API Key');
      const admin = results.find((k) => k.name === 'Default Admin API Key');
      expect(search?.actions).toEqual(['search']);
      expect(admin?.actions).toEqual(['*']);
      const uid = await seeded();
      const searchClient = new (client.constructor as typeof Meilisearch)({
        host: h.url,
        apiKey: search?.key,
      });
      expect((await searchClient.index(uid).search('войск')).hits.length).toBeGreaterThan(0);
      expect(await apiError(searchClient.index(uid).addDocuments([{ id: 9 }]))).toMatchObject({
        code: 'invalid_api_key',
        status: 403,
      });
      const adminClient = new (client.constructor as typeof Meilisearch)({
        host: h.url,
        apiKey: admin?.key,
      });
      // `*` covers key management too: the Default Admin API Key may list keys (Meilisearch's docs and client suite).
      expect((await adminClient.getKeys()).results.length).toBeGreaterThanOrEqual(2);
      const scoped = await client.createKey({
        actions: ['search'],
        indexes: ['other_*'],
        expiresAt: null,
      });
      const scopedClient = new (client.constructor as typeof Meilisearch)({
        host: h.url,
        apiKey: scoped.key,
      });
      expect(await apiError(scopedClient.index(uid).search(''))).toMatchObject({
        code: 'invalid_api_key',
      });
      await client.deleteKey(scoped.key);
    });

    it('answers missing keys, unknown indexes and malformed bodies with Meilisearch error objects', async () => {
      const noKey = await fetch(`${h.url}/indexes`);
      expect(noKey.status).toBe(401);
      expect(await noKey.json()).toMatchObject({
        code: 'missing_authorization_header',
        type: 'auth',
        link: expect.stringContaining('missing_authorization_header'),
      });
      expect(await apiError(client.index('no_such_index_here').search(''))).toMatchObject({
        code: 'index_not_found',
        status: 404,
      });
      const malformed = await fetch(`${h.url}/indexes/x/documents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${h.masterKey}`, 'Content-Type': 'application/json' },
        body: '{"id": 1,',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({
        code: 'malformed_payload',
        type: 'invalid_request',
      });
    });
  });
});
