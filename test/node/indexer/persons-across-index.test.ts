/** The indexer resolves one-part names across the articles of a run, whatever order they come in. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../../../indexer/run.ts';

interface Doc {
  article_id: string;
  persons: string[];
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
