/**
 * The indexer resolves one-part names across the articles of a run, whatever order they come in, and
 * against the full names of articles indexed in earlier runs (on both engines).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndexer } from '../../../indexer/run.ts';
import { ENGINES, startHarness, uniqueIndex, type Harness } from '../meili/harness.ts';

interface Doc {
  article_id: string;
  persons: string[];
  persons_latin: string[];
  article_persons: string[];
  person_names: string[];
  content_hash: string;
}

/** The documents of `files`, written into `dir` (the content hash covers the file an article came from). */
async function indexed(
  files: Record<string, string>,
  dir = mkdtempSync(join(tmpdir(), 'persons-across-')),
): Promise<Map<string, Doc[]>> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out = join(dir, 'out.jsonl');
  await runIndexer({ paths: Object.keys(files).map((f) => join(dir, f)), dryRun: true, out });
  const byArticle = new Map<string, Doc[]>();
  for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
    const doc = JSON.parse(line) as Doc & { origin: string };
    const file = doc.origin.split('/').at(-1) as string;
    byArticle.set(file, [...(byArticle.get(file) ?? []), doc]);
  }
  return byArticle;
}

describe('one-part names across the index', () => {
  it('an article naming only the surname takes the full name from another article, before or after it', async () => {
    const docs = await indexed({
      'a.txt': 'Вчера выступил Лавров.\n\nПозже Лавров уехал.',
      'b.txt': 'В Москву прилетел Сергей Лавров.',
      'c.txt': 'Об этом сообщил Миронов.',
    });
    const a = docs.get('a.txt') ?? [];
    expect(a.map((d) => d.persons)).toEqual([['Сергей Лавров'], ['Сергей Лавров']]);
    expect(a[0]?.article_persons).toEqual(['Сергей Лавров']);
    expect(a[0]?.person_names).toContain('Лавров Сергей');
    expect(a[0]?.persons_latin).toEqual(['Sergey Lavrov']);
    expect(docs.get('c.txt')?.[0]?.article_persons).toEqual(['Миронов']);
  });

  it('a resolution that changes gives the article a new content hash, so it is sent again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persons-across-'));
    const alone = await indexed({ 'a.txt': 'Вчера выступил Лавров.' }, dir);
    const resolved = await indexed(
      {
        'a.txt': 'Вчера выступил Лавров.',
        'b.txt': 'В Москву прилетел Сергей Лавров.',
      },
      dir,
    );
    expect(alone.get('a.txt')?.[0]?.article_persons).toEqual(['Лавров']);
    expect(resolved.get('a.txt')?.[0]?.content_hash).not.toBe(
      alone.get('a.txt')?.[0]?.content_hash,
    );
    // b is not touched by the resolution: its hash is the same with or without a.
    const bAlone = await indexed({ 'b.txt': 'В Москву прилетел Сергей Лавров.' }, dir);
    expect(resolved.get('b.txt')?.[0]?.content_hash).toBe(bAlone.get('b.txt')?.[0]?.content_hash);
  });
});

describe.each(ENGINES)('against the index on %s', (engine) => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'persons-index-'));
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (index: string, file: string) =>
    runIndexer({ paths: [join(dir, file)], host: h.url, apiKey: h.masterKey, index });
  const docsOf = async (index: string, file: string) =>
    (
      await h.client.index(index).getDocuments<Doc & { origin: string; text: string }>({
        fields: [
          'origin',
          'text',
          'persons',
          'persons_latin',
          'article_persons',
          'person_names',
          'content_hash',
        ],
      })
    ).results.filter((d) => d.origin.endsWith(file));

  it('a later run resolves a lone surname to the full name an earlier run indexed', async () => {
    const index = uniqueIndex('persons');
    writeFileSync(join(dir, 'full.txt'), 'В Москву прилетел Сергей Лавров.');
    writeFileSync(join(dir, 'alone.txt'), 'Вчера выступил Лавров.');
    await run(index, 'full.txt');
    const second = await run(index, 'alone.txt');
    expect(second.resolvedInIndex).toBe(0);
    const [alone] = await docsOf(index, 'alone.txt');
    expect(alone?.article_persons).toEqual(['Сергей Лавров']);
    expect(alone?.persons).toEqual(['Сергей Лавров']);
    // Run again, nothing changes.
    const again = await run(index, 'alone.txt');
    expect(again.unchanged).toBe(1);
  });

  it('a later run with the full name rewrites an article indexed earlier with the surname alone', async () => {
    const index = uniqueIndex('persons');
    writeFileSync(join(dir, 'early.txt'), 'Вчера выступил Лавров.\n\nПозже Лавров уехал.');
    writeFileSync(join(dir, 'late.txt'), 'В Москву прилетел Сергей Лавров.');
    await run(index, 'early.txt');
    expect((await docsOf(index, 'early.txt'))[0]?.article_persons).toEqual(['Лавров']);
    const late = await run(index, 'late.txt');
    expect(late.resolvedInIndex).toBe(1);
    const early = await docsOf(index, 'early.txt');
    expect(early.map((d) => d.persons)).toEqual([['Сергей Лавров'], ['Сергей Лавров']]);
    expect(early.map((d) => d.article_persons)).toEqual([['Сергей Лавров'], ['Сергей Лавров']]);
    expect(early[0]?.person_names).toContain('Лавров Сергей');
    expect(early[0]?.persons_latin).toEqual(['Sergey Lavrov']);
    expect(early.map((d) => d.text)).toEqual(['Вчера выступил Лавров.', 'Позже Лавров уехал.']);
    // The rewritten article has the hash it would get if it were indexed now: re-reading changes nothing.
    const again = await run(index, 'early.txt');
    expect(again.unchanged).toBe(1);
    expect(again.resolvedInIndex).toBe(0);
    expect((await run(index, 'late.txt')).resolvedInIndex).toBe(0);
  });
});
