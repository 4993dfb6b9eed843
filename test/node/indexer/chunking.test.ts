/** Chunking properties on generated input: nothing lost, no boundary inside a sentence, no empty chunk. */
import { describe, expect, it } from 'vitest';
import { generateArticles, prng } from '../../../bench/corpus.ts';
import { chunkArticle, joinChunks, MAX_CHUNK_CHARS } from '../../../indexer/chunk.ts';
import { splitSentences } from '../../../indexer/sentences.ts';

const notCommon = () => false;

describe('sentences', () => {
  it('keeps initials, abbreviations, numbers and quoted speech inside sentences', () => {
    const text =
      'Об этом заявил К. Ташиев в 2020 г. на сессии. Рост составил 3.5 процента, т.е. немного. «Мы готовы. Всё решено», — сказал он. Затем он ушёл.';
    const sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(sentences).toEqual([
      'Об этом заявил К. Ташиев в 2020 г. на сессии.',
      'Рост составил 3.5 процента, т.е. немного.',
      '«Мы готовы. Всё решено», — сказал он.',
      'Затем он ушёл.',
    ]);
  });
});

describe('blank-line paragraphs', () => {
  it('keeps paragraphs, joins a lone heading to the paragraph below, splits overlong ones between sentences', () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `Предложение номер ${i} о важном событии в регионе.`,
    ).join(' ');
    const text = `Первый абзац.\n\nВторой заголовок\n\nТекст под заголовком.\n\n${long}`;
    const chunks = chunkArticle(text, notCommon);
    expect(chunks[0]?.text).toBe('Первый абзац.');
    expect(chunks[1]).toMatchObject({
      heading: 'Второй заголовок',
      text: 'Второй заголовок\n\nТекст под заголовком.',
    });
    const parts = chunks.slice(2);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    expect(parts.map((p) => p.text).join(' ')).toBe(long);
  });
});

describe('properties on generated articles', () => {
  const random = prng(7);
  const articles = generateArticles(60, 11);

  it.each(['as given', 'flattened'])(
    '%s: chunks join back to the text, end on sentence ends, are never empty',
    (form) => {
      for (const article of articles) {
        const text = form === 'flattened' ? article.text.split(/\n\n/).join(' ') : article.text;
        const chunks = chunkArticle(text, notCommon);
        expect(chunks.every((c) => c.text.trim().length > 0)).toBe(true);
        expect(joinChunks(chunks)).toBe(text.trim());
        expect(chunks.every((c) => c.separator.trim() === '')).toBe(true);
        const ends = new Set(splitSentences(text).map((s) => s.end));
        let offset = 0;
        for (const chunk of chunks) {
          offset = text.indexOf(chunk.text, offset) + chunk.text.length;
          expect(ends.has(offset)).toBe(true);
        }
        if (random() < 0.1 && form === 'as given')
          expect(chunks.length).toBe(text.split(/\n\n/).length);
      }
    },
  );
});
