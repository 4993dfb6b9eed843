/** The seed article, chunked and extracted exactly as DESIGN.md asks. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments } from '../../../indexer/documents.ts';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { parseFile } from '../../../indexer/sources.ts';
import { splitSentences } from '../../../indexer/sentences.ts';
import type { ChunkDocument } from '../../../src/schema/chunk.ts';
import { SEED_PERSONS as PERSONS } from '../../setup/seed.ts';

const SEED = new URL('../../../sample/seed-article.txt', import.meta.url);

let morphology: Morphology;
let docs: ChunkDocument[];
let text: string;

beforeAll(async () => {
  morphology = await loadMorphology();
  const { articles, problems } = parseFile('sample/seed-article.txt', readFileSync(SEED, 'utf8'));
  expect(problems).toEqual([]);
  expect(articles).toHaveLength(1);
  text = (articles[0] as { text: string }).text;
  const built = buildDocuments(articles[0] as never, { morphology });
  if ('error' in built) throw new Error(built.error.reason);
  docs = built.documents;
});

describe('the seed article', () => {
  it('has exactly its eight persons, canonical and nominative', () => {
    expect(docs[0]?.article_persons.slice().sort()).toEqual([...PERSONS].sort());
    const all = new Set(docs.flatMap((d) => d.persons));
    expect([...all].sort()).toEqual([...PERSONS].sort());
    expect(all.has('Нурсултана Назарбаева')).toBe(false);
  });

  it('puts each person on the paragraphs that mention them, surname-only mentions included', () => {
    const withNazarbayev = docs.filter((d) => d.persons.includes('Нурсултан Назарбаев'));
    expect(withNazarbayev.length).toBeGreaterThan(0);
    for (const d of withNazarbayev) expect(d.text).toContain('Назарбаев');
    const tashievOnlyBySurname = docs.find((d) => d.text.includes('По информации Ташиева'));
    expect(tashievOnlyBySurname?.persons).toEqual(['Камчыбек Ташиев']);
  });

  it('is dated 2022-01 at month precision, with dates in the text resolved against it', () => {
    expect(docs[0]).toMatchObject({
      date: '2022-01',
      year: 2022,
      month: '2022-01',
      date_ts: Date.UTC(2022, 0, 1) / 1000,
    });
    expect(docs[0]?.dates_mentioned).toContain('2022-01-07');
    expect(docs.flatMap((d) => d.dates_mentioned)).toEqual(
      expect.arrayContaining(['2020-10', '2022-01-02', '2022-01-04', '2022-01-05']),
    );
  });

  it('is split back into paragraphs between sentences, with its inline heading detected', () => {
    expect(docs.length).toBeGreaterThanOrEqual(6);
    expect(docs.map((d) => d.text).join(' ')).toBe(text);
    const ends = new Set(splitSentences(text).map((s) => s.end));
    let offset = 0;
    for (const d of docs) {
      offset = text.indexOf(d.text, offset) + d.text.length;
      expect(ends.has(offset)).toBe(true);
    }
    const headed = docs.filter((d) => d.heading === 'Митинги в Казахстане и помощь ОДКБ');
    expect(headed.length).toBeGreaterThan(0);
    expect(
      headed[0]?.text.startsWith('Митинги в Казахстане и помощь ОДКБ Митинги в соседнем'),
    ).toBe(true);
    expect(
      docs.filter((d) => d.heading && d.heading !== 'Митинги в Казахстане и помощь ОДКБ'),
    ).toEqual([]);
  });

  it('has stable ids and a stemmed copy of the text', () => {
    const again = buildDocuments(
      parseFile('sample/seed-article.txt', readFileSync(SEED, 'utf8')).articles[0] as never,
      { morphology },
    );
    expect('documents' in again && again.documents.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(docs[0]?.text_stem).toContain('депутат');
  });
});
