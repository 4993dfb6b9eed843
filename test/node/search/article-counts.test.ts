/**
 * Counts from the article index (src/search/counts.ts) equal counts by `distinct` over paragraphs, on both
 * engines: a generated corpus indexed by the project's indexer (both indexes), and many Worker-shaped
 * requests (words as typed, inflected, mistyped, cut short, phrases, negation, persons, years, dates),
 * each answered both ways: totals, every facet's counts and the hits must be the same. The indexer keeps
 * the article index in step: a re-run writes nothing, changes and prunes follow, and lost or stale
 * article documents are rebuilt.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, prng } from '../../../bench/corpus.ts';
import { articleDocument, positionBound } from '../../../indexer/article-index.ts';
import { runIndexer } from '../../../indexer/run.ts';
import { searchParams } from '../../../src/api/params.ts';
import { articleIndexName } from '../../../src/schema/article.ts';
import type { ChunkDocument } from '../../../src/schema/chunk.ts';
import {
  articleFacetCounts,
  searchCountingArticles,
  type Send,
} from '../../../src/search/counts.ts';
import { buildSearches } from '../../../src/search/query.ts';
import { ENGINES, type Harness, startHarness, uniqueIndex } from '../meili/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'article-counts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Words some articles hold, from a few to most, so that which query word is rarest varies. */
const EXTRA = [
  'вакцина',
  'тариф',
  'митинг',
  'реформа',
  'паводок',
  'кредит',
  'экспорт',
  'забастовка',
];
const PERSONS = ['Айгуль Касымова', 'Бакыт Исаков', 'Елена Соколова', 'Сергей Волков'];
/** What users type: forms, typos, words cut short, phrases, negation, numbers. */
const TYPED = [
  'решение',
  'бюджет',
  'министр экономики',
  'министра экономики',
  'депутаты обсудили',
  'депутатами',
  'выборы',
  'вакцины',
  'тарифов',
  'митинг реформа',
  'реформы паводок кредит',
  'экспорта тариф',
  'забастовк',
  'паводк',
  'кредиты экспорт вакцина',
  'бюджта',
  'вокцина',
  'Касымова',
  'Касымовой тариф',
  'в Бишкеке',
  'Бишкек митинги',
  'цен на газ',
  'водных ресурсов',
  'ситуация остаётся сложной',
  '"остаётся сложной"',
  '"министр экономики" бюджет',
  'тариф -митинг',
  'реформа 2021',
  'эксперты считают',
  'работу над вопросом',
  'делегаци',
  'ми',
];

function corpus(): object[] {
  const random = prng(5);
  return generateArticles(240, 9).map((a, i) => {
    // Extra words with very different frequencies: EXTRA[k] in about one article in k+1.
    const extra = EXTRA.filter((_, k) => random() < 1 / (k + 1.5));
    const text = extra.length
      ? `${a.text}\n\nТакже обсуждались ${extra.join(', ')} и другие вопросы.`
      : a.text;
    return { ...a, text, ...(i % 50 === 7 ? { date: undefined } : {}) };
  });
}

/** Worker API parameters, deterministic: most grouped by article, some by paragraph. */
function requests(count: number): Array<Record<string, unknown>> {
  const random = prng(17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const typed = random() < 0.08 ? '' : pick(TYPED);
    const params: Record<string, unknown> = { q: random() < 0.3 ? `${typed} ` : typed };
    const persons =
      random() < 0.45 ? [pick(PERSONS), ...(random() < 0.3 ? [pick(PERSONS)] : [])] : [];
    if (persons.length) {
      params.person = [...new Set(persons)];
      params.person_mode = random() < 0.6 ? 'any' : 'all';
    }
    if (random() < 0.4) params.year = [String(2018 + Math.floor(random() * 7))];
    if (random() < 0.15)
      params.from = `20${19 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}`;
    if (random() < 0.1) params.sort = 'newest';
    if (random() < 0.1) params.group = 'paragraph';
    if (random() < 0.2) params.page = '2';
    out.push(params);
  }
  return out;
}

describe('the article document', () => {
  const chunk = (paragraph: number, text: string): ChunkDocument =>
    ({
      id: `a-${paragraph}`,
      article_id: 'a',
      paragraph,
      paragraphs: 2,
      title: 'Заголовок',
      heading: '',
      text,
      text_stem: text.toLowerCase(),
      text_forms: text.toLowerCase(),
      persons: paragraph ? ['Бакыт Исаков'] : [],
      persons_latin: [],
      article_persons: ['Бакыт Исаков'],
      person_names: [],
      date: '2022-01',
      date_ts: 1640995200,
      year: 2022,
      month: '2022-01',
      dates_mentioned: [],
      url: '',
      source: 's',
      origin: 'o',
      content_hash: 'h',
    }) as ChunkDocument;

  it('lists each paragraph once per field, in order, with the article-level facets', () => {
    const doc = articleDocument([chunk(1, 'Второй абзац.'), chunk(0, 'Первый абзац.')]);
    expect(doc).toMatchObject({
      article_id: 'a',
      complete: true,
      text: ['Первый абзац.', 'Второй абзац.'],
      title: ['Заголовок'],
      heading: [],
      persons: ['Бакыт Исаков'],
      article_persons: ['Бакыт Исаков'],
      year: 2022,
      month: '2022-01',
    });
    expect(doc.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('bounds the positions Meilisearch gives a field, and marks an article too long to index whole', () => {
    expect(positionBound(['два слова'])).toBe(8 + 2);
    expect(positionBound(['Конец. Начало'])).toBe(8 + 1 + 8);
    expect(positionBound(['раз', 'два'])).toBe(16 + 2);
    expect(positionBound(['iPhone'])).toBe(8 + 6);
    const long = Array.from({ length: 9000 }, (_, i) => `слово${'а'.repeat(i % 5)}.`).join(' ');
    const incomplete = articleDocument([chunk(0, long)]);
    expect(incomplete.complete).toBe(false);
    // Its words are not searched (its paragraphs count it), so they are not sent: only its facets.
    expect(incomplete).toMatchObject({ text: [], title: [], persons: [], year: 2022 });
  });
});

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let index: string;
  let send: Send;
  const folder = join(dir, engine);
  const run = (extra: { prune?: boolean } = {}) =>
    runIndexer({ paths: [folder], host: h.url, apiKey: h.masterKey, index, ...extra });
  const articleDocs = async () =>
    (
      await h.client
        .index(articleIndexName(index))
        .getDocuments({ fields: ['article_id', 'content_hash'], limit: 10_000 })
    ).results
      .map((d) => `${d.article_id}:${d.content_hash}`)
      .sort();

  beforeAll(async () => {
    h = await startHarness(engine);
    index = uniqueIndex('counts');
    mkdirSync(folder, { recursive: true });
    const articles = corpus();
    writeFileSync(
      join(folder, 'a.jsonl'),
      articles
        .slice(0, 200)
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    writeFileSync(
      join(folder, 'b.jsonl'),
      articles
        .slice(200)
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    await run();
    send = async <H extends Record<string, unknown>>(queries: MultiSearchQuery[]) =>
      (await h.client.multiSearch<MultiSearchParams, H>({ queries })).results;
  }, 240_000);
  afterAll(async () => h?.close());

  it('holds one article document per article, and a re-run writes nothing', async () => {
    expect((await articleDocs()).length).toBe(240);
    const logged: string[] = [];
    await runIndexer({
      paths: [folder],
      host: h.url,
      apiKey: h.masterKey,
      index,
      log: (l) => logged.push(l),
    });
    expect(logged.filter((l) => l.startsWith('article index'))).toEqual([]);
  });

  /** Each request answered both ways must agree; how many of those grouped by article used the article index. */
  async function compareAll(n: number): Promise<{ counted: number; grouped: number }> {
    let counted = 0;
    const all = requests(n);
    for (const raw of all) {
      const params = searchParams.parse(raw);
      const plan = buildSearches(params, index);
      const old = await send<Record<string, unknown>>(plan.queries);
      let viaArticles = false;
      const fresh = await searchCountingArticles(plan, async (queries) => {
        if (queries.some((q) => q.indexUid === articleIndexName(index) && q.hitsPerPage === 0))
          viaArticles = true;
        return send(queries);
      });
      if (viaArticles) counted++;
      const shape = (results: typeof old) => ({
        total: Math.max(
          results[0]?.totalHits ?? 0,
          plan.exact ? (results.at(-1)?.totalHits ?? 0) : 0,
        ),
        facets: results.slice(0, 1 + plan.disjunctive.length).map((r) => r.facetDistribution ?? {}),
        hits: [results[0], ...(plan.exact ? [results.at(-1)] : [])].map((r) =>
          r?.hits.map((hit) => hit.id),
        ),
      });
      expect(shape(fresh), JSON.stringify(raw)).toEqual(shape(old));
    }
    return { counted, grouped: all.filter((r) => r.group !== 'paragraph').length };
  }

  it('counts every request the same as distinct over paragraphs', async () => {
    const { counted, grouped } = await compareAll(400);
    // Most requests grouped by article are counted from the article index, not the old way.
    expect(counted).toBeGreaterThan(grouped * 0.6);
  }, 240_000);

  it('still counts from the article index with an article too long for it, that one from its paragraphs', async () => {
    const articles = corpus() as Array<{ text: string }>;
    const long = {
      ...articles[0],
      id: 'long-read',
      title: 'Длинное интервью',
      text: articles
        .slice(0, 150)
        .map((a) => a.text)
        .join('\n\n'),
    };
    writeFileSync(join(folder, 'c.jsonl'), JSON.stringify(long));
    await run();
    try {
      const { results } = await h.client
        .index(articleIndexName(index))
        .getDocuments({ filter: 'complete = false', fields: ['article_id'] });
      expect(results.map((d) => d.article_id)).toEqual(['long-read']);
      const { counted, grouped } = await compareAll(150);
      expect(counted).toBeGreaterThan(grouped * 0.6);
    } finally {
      rmSync(join(folder, 'c.jsonl'));
      await run({ prune: true });
    }
  }, 240_000);

  it('counts the articles of each person (/api/persons) the same as distinct over paragraphs', async () => {
    for (const names of [PERSONS, PERSONS.slice(1, 3), ['Никто Никтоев']]) {
      const filter = `article_persons IN [${names.map((n) => `"${n}"`).join(', ')}]`;
      const [old] = await send([
        {
          indexUid: index,
          q: '',
          filter,
          facets: ['article_persons'],
          distinct: 'article_id',
          page: 1,
          hitsPerPage: 0,
        },
      ]);
      const counts = await articleFacetCounts(send, index, filter, 'article_persons');
      expect(counts).toEqual(old?.facetDistribution?.article_persons ?? {});
    }
  });

  it('follows changed, pruned, lost and stale articles', async () => {
    const articles = corpus();
    const changed = {
      ...(articles[3] as { id: string }),
      text: 'Совсем другой текст про паводок.',
    };
    writeFileSync(
      join(folder, 'a.jsonl'),
      [...articles.slice(0, 3), changed, ...articles.slice(4, 200)]
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    rmSync(join(folder, 'b.jsonl'));
    await run({ prune: true });
    const docs = await articleDocs();
    expect(docs.length).toBe(200);
    // An article document lost (a run killed before writing it), another stale: the next run repairs both.
    const ai = h.client.index(articleIndexName(index));
    const { results } = await ai.getDocuments({ fields: ['id', 'article_id'], limit: 2 });
    const [lost, stale] = results as Array<{ id: string; article_id: string }>;
    await ai.deleteDocument((lost as { id: string }).id).waitTask();
    await ai
      .updateDocuments([{ id: (stale as { id: string }).id, content_hash: 'old' }])
      .waitTask();
    expect((await articleDocs()).length).toBe(199);
    await run();
    expect(await articleDocs()).toEqual(docs);
    const { hits } = await ai.search('паводок', {
      filter: `article_id = "${changed.id}"`,
    });
    expect(hits.length).toBe(1);
  }, 240_000);
});
