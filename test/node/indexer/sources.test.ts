/** Reading inputs: every format, encodings, and bad input reported with file, line, kind and reason. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../indexer/problems.ts';
import { runIndexer, type IndexSummary } from '../../../indexer/run.ts';
import {
  FORMATS,
  listFiles,
  parseFile,
  readArticles,
  SUPPORTED_EXTENSIONS,
} from '../../../indexer/sources.ts';
import type { ChunkDocument } from '../../../src/schema/chunk.ts';
import { runIndexerProcess } from '../../setup/processes.ts';

/** The chunk documents a dry run writes for `files` (written into a fresh folder). */
async function documentsOf(files: Record<string, string>): Promise<ChunkDocument[]> {
  const dir = mkdtempSync(join(tmpdir(), 'docs-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out = join(tmpdir(), `out-${Date.now()}-${Math.random()}.jsonl`);
  await runIndexer({ paths: [dir], dryRun: true, out });
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ChunkDocument);
}

describe('formats', () => {
  it('reads JSON Lines with given ids and persons, reporting bad lines by number and kind', () => {
    const text = [
      '{"id":"a1","text":"Первый абзац.\\n\\nВторой.","date":"2022-03-01","persons":["Иван Петров"],"source":"Вечерний Бишкек"}',
      '{"text": broken',
      '',
      '{"title":"no text"}',
    ].join('\n');
    const { articles, problems } = parseFile('in.jsonl', text, '/abs/in.jsonl');
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      id: 'a1',
      date: '2022-03-01',
      persons: ['Иван Петров'],
      source: 'Вечерний Бишкек',
      origin: '/abs/in.jsonl',
      line: 1,
    });
    expect(problems).toEqual([
      { line: 2, kind: 'malformed-json', reason: expect.stringContaining('malformed JSON') },
      { line: 4, kind: 'missing-text', reason: 'missing "text" (a string)' },
    ]);
  });

  it('Markdown: front matter, the title once, `#` headings as headings and not glued to the text', async () => {
    const docs = await documentsOf({
      'a.md': [
        '---',
        'title: Заголовок статьи',
        'date: 2021-05-04',
        'url: https://x.example/a',
        'source: Демо-лента',
        '---',
        '# Заголовок статьи',
        '',
        'Вступление с **жирным** словом и [ссылкой](https://x.example).',
        '## Первый раздел',
        'Текст первого раздела.',
        '',
        '- пункт один',
        '- пункт два',
        '',
        '## Второй раздел',
        '',
        'Текст второго раздела.',
      ].join('\n'),
    });
    expect(docs.map((d) => [d.heading, d.text])).toEqual([
      ['', 'Вступление с жирным словом и ссылкой.'],
      ['Первый раздел', 'Первый раздел\n\nТекст первого раздела.'],
      ['Первый раздел', 'пункт один\nпункт два'],
      ['Второй раздел', 'Второй раздел\n\nТекст второго раздела.'],
    ]);
    expect(docs[0]).toMatchObject({
      title: 'Заголовок статьи',
      date: '2021-05-04',
      url: 'https://x.example/a',
      source: 'Демо-лента',
    });
  });

  it('HTML: the title once, <time>, bylines and captions never headings, the date from <time>', async () => {
    const docs = await documentsOf({
      'a.html': `<html><head><title>Новость дня</title><meta property="og:site_name" content="Демо"></head><body>
        <nav>Меню сайта</nav>
        <article><h1>Новость дня</h1>
          <time datetime="2024-05-02T10:00:00Z">2 мая 2024, 10:00</time>
          <p class="byline">Автор: Иван Иванов</p>
          <p>Первый абзац новости о важном событии в городе, достаточно длинный для извлечения.</p>
          <figure><img src="x.jpg"><figcaption>Фото: площадь перед мэрией</figcaption></figure>
          <h2>Реакция горожан</h2>
          <p>Второй абзац новости, опубликованный <time datetime="2024-05-02">в четверг</time>, тоже достаточно длинный.</p>
        </article></body></html>`,
    });
    expect(docs.map((d) => [d.heading, d.text])).toEqual([
      ['', 'Первый абзац новости о важном событии в городе, достаточно длинный для извлечения.'],
      ['', 'Фото: площадь перед мэрией'],
      [
        'Реакция горожан',
        'Реакция горожан\n\nВторой абзац новости, опубликованный в четверг, тоже достаточно длинный.',
      ],
    ]);
    expect(docs[0]).toMatchObject({ title: 'Новость дня', date: '2024-05-02', source: 'Демо' });
  });

  it('`source` is only the publication an article names, in any format; absent otherwise, never a file', async () => {
    const body =
      '<p>Первый абзац новости о важном событии в городе, достаточно длинный для извлечения.</p>';
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Новость',
      publisher: { '@type': 'Organization', name: 'Вестник (JSON-LD)' },
    });
    const docs = await documentsOf({
      'a.jsonl': [
        '{"id":"given","text":"Текст.","source":"Вечерний Бишкек"}',
        '{"id":"none","text":"Текст."}',
      ].join('\n'),
      'b.md': '---\nid: md-given\nsource: Демо-лента\n---\nТекст.\n',
      'c.md': '---\nid: md-none\n---\nТекст.\n',
      'd.html': `<html><head><title>Новость</title><meta property="og:site_name" content="Демо"></head><body><article>${body}</article></body></html>`,
      'e.html': `<html><head><title>Новость</title><script type="application/ld+json">${jsonLd}</script></head><body><article>${body}</article></body></html>`,
      'f.html': `<html><head><title>Новость</title></head><body><article>${body}</article></body></html>`,
      'g.txt': 'date 2022-01 Депутаты собрались. Ташиев выступил.',
      'h.txt': 'Просто текст.',
    });
    const byFile = new Map(docs.map((d) => [`${basename(d.origin)}:${d.article_id}`, d]));
    const sourceOf = (file: string) =>
      [...byFile].filter(([k]) => k.startsWith(`${file}:`)).map(([, d]) => d.source);
    expect(docs.find((d) => d.article_id === 'given')?.source).toBe('Вечерний Бишкек');
    expect(docs.find((d) => d.article_id === 'md-given')?.source).toBe('Демо-лента');
    expect(sourceOf('d.html')).toEqual(['Демо']);
    expect(sourceOf('e.html')).toEqual(['Вестник (JSON-LD)']);
    for (const d of docs.filter((d) => ['none', 'md-none'].includes(d.article_id)))
      expect(d).not.toHaveProperty('source');
    for (const file of ['f.html', 'g.txt', 'h.txt']) expect(sourceOf(file)).toEqual([undefined]);
    for (const d of docs)
      expect(JSON.stringify(d.source ?? '')).not.toMatch(/\.(txt|html|md|jsonl)/);
  });

  it('a flattened article that opens with an inline heading takes it for its title', async () => {
    const docs = await documentsOf({
      'a.txt':
        'date 2024-04 Космонавты вернулись на Землю Все дружно отметили юбилей полёта. Праздник прошёл в Звёздном городке.\n' +
        'date 2024-05 Депутаты собрались на заседание. Ташиев выступил первым.',
    });
    expect([...new Set(docs.map((d) => d.title))]).toEqual([
      'Космонавты вернулись на Землю',
      'Депутаты собрались на заседание.',
    ]);
  });

  it('reads windows-1251 and rejects binary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'src-'));
    writeFileSync(
      join(dir, 'cp1251.txt'),
      iconv.encode('Депутаты собрались на заседание. Ташиев выступил.', 'win1251'),
    );
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 255, 0]));
    expect((await readArticles(join(dir, 'cp1251.txt'))).articles[0]?.text).toContain(
      'Депутаты собрались',
    );
    expect((await readArticles(join(dir, 'binary.txt'))).problems[0]).toMatchObject({
      kind: 'binary',
    });
  });
});

describe('the table of input formats', () => {
  it('is what the folder walk reads and what the README lists, one row per format', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(FORMATS.flatMap((f) => f.extensions));
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const format of FORMATS) {
      const row = readme.split('\n').find((l) => l.split('|')[1]?.trim() === format.name);
      expect(row, format.name).toBeDefined();
      for (const ext of format.extensions) expect(row).toContain(`\`.${ext}\``);
    }
  });
});

describe('the sample', () => {
  it('has articles in every input format, over several months, all read without a problem', async () => {
    const { files } = await listFiles([fileURLToPath(new URL('../../../sample', import.meta.url))]);
    const formats = new Set<string>();
    const months = new Set<string>();
    for (const file of files) {
      const { articles, problems } = await readArticles(file);
      expect(problems, file).toEqual([]);
      expect(articles.length, file).toBeGreaterThan(0);
      const ext = extname(file).slice(1);
      formats.add(FORMATS.find((f) => f.extensions.includes(ext))?.name ?? ext);
      for (const a of articles) if (a.date) months.add(a.date.slice(0, 7));
    }
    expect([...formats].sort()).toEqual(FORMATS.map((f) => f.name).sort());
    expect(months.size).toBeGreaterThanOrEqual(6);
  });
});

describe('bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-'));
  writeFileSync(
    join(dir, 'good.jsonl'),
    [
      '{"id":"g1","text":"Хороший текст статьи.","date":"2022-01-02"}',
      '{"id":"g2","text":"Статья со вчерашней датой.","date":"вчера"}',
      '{"id":"g3","text":"Ещё текст.","date":"2022-02-30"}',
      '{"id":"g4","text":"   "}',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'seed.txt'),
    'date 2022-01 Текст одной статьи.\nне та строка\ndate 2022-13-45 Статья с невозможной датой.\n',
  );
  writeFileSync(join(dir, 'dateline.txt'), 'date 2024-09-01\n');
  writeFileSync(join(dir, 'empty.jsonl'), '');
  writeFileSync(join(dir, 'blank.md'), '\n  \n');
  const places = (list: Problem[]) =>
    list.map((p) => `${basename(p.file)}:${p.line ?? '-'} ${p.kind}`).sort();

  it('keeps articles with impossible dates (no date, a warning), refuses date lines without text, warns of empty files', async () => {
    const out = join(dir, '..', `bad-out-${Date.now()}.jsonl`);
    const summary = await runIndexer({ paths: [dir], dryRun: true, out });
    expect(places(summary.problems)).toEqual([
      'dateline.txt:1 date-line-without-text',
      'good.jsonl:4 empty-text',
      'seed.txt:2 not-a-date-line',
    ]);
    expect(places(summary.warnings)).toEqual([
      'blank.md:- empty-file',
      'empty.jsonl:- empty-file',
      'good.jsonl:2 impossible-date',
      'good.jsonl:3 impossible-date',
      'seed.txt:3 impossible-date',
    ]);
    expect(summary.articles).toBe(5);
    expect(summary.skipped).toBe(3);
    const docs = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ChunkDocument);
    expect(docs.find((d) => d.article_id === 'g2')).toMatchObject({ date: null, year: null });
    expect(docs.some((d) => d.title.startsWith('date 2024'))).toBe(false);
    expect(summary.counts).toEqual({
      'date-line-without-text': 1,
      'empty-text': 1,
      'not-a-date-line': 1,
      'empty-file': 2,
      'impossible-date': 3,
    });
  });

  it('prints the summary as JSON with --json, counts per kind, exit code 2', async () => {
    const { code, stdout, stderr } = await runIndexerProcess(['--dry-run', '--json', dir], {});
    expect(code).toBe(2);
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) as string) as IndexSummary;
    expect(summary).toMatchObject({ dryRun: true, articles: 5, skipped: 3 });
    expect(summary.counts).toMatchObject({ 'impossible-date': 3, 'empty-file': 2 });
    expect(stderr).toMatch(/dateline\.txt:1: "date 2024-09-01" with no article text/);
  });
});

describe('aliases', () => {
  it('maps name variants to one canonical name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aliases-'));
    writeFileSync(
      join(dir, 'a.jsonl'),
      '{"id":"a1","text":"Заявление сделал Садыр Жапаров. Позже Жапаров уехал.","date":"2022-01-01"}\n',
    );
    writeFileSync(
      join(dir, 'aliases.json'),
      JSON.stringify({ 'Садыр Жапаров': 'Садыр Нургожоевич Жапаров' }),
    );
    const out = join(dir, 'out.jsonl');
    await runIndexer({
      paths: [join(dir, 'a.jsonl')],
      dryRun: true,
      out,
      aliases: join(dir, 'aliases.json'),
    });
    const doc = JSON.parse(readFileSync(out, 'utf8').split('\n')[0] as string) as {
      persons: string[];
      article_persons: string[];
    };
    expect(doc.article_persons).toEqual(['Садыр Нургожоевич Жапаров']);
    expect(doc.persons).toEqual(['Садыр Нургожоевич Жапаров']);
  });
});
