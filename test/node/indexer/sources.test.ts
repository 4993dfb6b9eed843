/** Reading inputs: every format, encodings, and bad input reported with file, line and reason. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../../../indexer/run.ts';
import { parseFile, readArticles } from '../../../indexer/sources.ts';

describe('formats', () => {
  it('reads JSON Lines with given ids and persons, reporting bad lines by number', () => {
    const text = [
      '{"id":"a1","text":"Первый абзац.\\n\\nВторой.","date":"2022-03-01","persons":["Иван Петров"]}',
      '{"text": broken',
      '',
      '{"title":"no text"}',
    ].join('\n');
    const { articles, problems } = parseFile('in.jsonl', text);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      id: 'a1',
      date: '2022-03-01',
      persons: ['Иван Петров'],
      source: 'in.jsonl:1',
    });
    expect(problems).toEqual([
      { file: 'in.jsonl', line: 2, reason: expect.stringContaining('malformed JSON') },
      { file: 'in.jsonl', line: 4, reason: 'missing "text" (a string)' },
    ]);
  });

  it('reads Markdown front matter and HTML main text', () => {
    const md = parseFile(
      'a.md',
      '---\ntitle: Заголовок\ndate: 2021-05-04\nurl: https://x.example/a\n---\n# Заголовок\n\nТекст статьи.',
    );
    expect(md.articles[0]).toMatchObject({
      title: 'Заголовок',
      date: '2021-05-04',
      url: 'https://x.example/a',
    });
    const html = parseFile(
      'a.html',
      '<html><head><title>Новость</title></head><body><nav>Меню сайта</nav><article><h1>Новость</h1><p>Первый абзац новости о важном событии, достаточно длинный для извлечения.</p><p>Второй абзац новости, тоже достаточно длинный для извлечения текста.</p></article></body></html>',
    );
    expect(html.problems).toEqual([]);
    expect(html.articles[0]?.text).toContain('Первый абзац новости');
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
    expect((await readArticles(join(dir, 'binary.txt'))).problems[0]?.reason).toContain('binary');
  });
});

describe('a run over bad input', () => {
  it('reports each bad file or line and indexes the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    writeFileSync(
      join(dir, 'good.jsonl'),
      '{"id":"g1","text":"Хороший текст статьи.","date":"2022-01-02"}\n{"id":"g2","text":"Ещё текст.","date":"2022-02-30"}\n{"id":"g3","text":"   "}\n',
    );
    writeFileSync(join(dir, 'seed.txt'), 'date 2022-01 Текст одной статьи.\nне та строка\n');
    writeFileSync(join(dir, 'empty.md'), '');
    const summary = await runIndexer({ paths: [dir], dryRun: true });
    expect(summary.articles).toBe(2);
    const reasons = summary.problems.map(
      (p) => `${p.file.split('/').pop()}:${p.line ?? '-'} ${p.reason}`,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^good\.jsonl:2 impossible date/),
        expect.stringMatching(/^good\.jsonl:3 empty article/),
        expect.stringMatching(/^seed\.txt:2 expected a line/),
        expect.stringMatching(/^empty\.md:- empty article/),
      ]),
    );
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
