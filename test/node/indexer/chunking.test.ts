/**
 * Chunking: nothing lost, no boundary inside a sentence, no empty chunk, no chunk over the limit (between
 * paragraphs first, then sentences, then words), headings as the format marks them.
 */
import { describe, expect, it } from 'vitest';
import { generateArticles, prng } from '../../../bench/corpus.ts';
import { chunkArticle, joinChunks, MAX_CHUNK_CHARS } from '../../../indexer/chunk.ts';
import { buildDocuments } from '../../../indexer/documents.ts';
import { loadMorphology } from '../../../indexer/morphology.ts';
import { splitSentences } from '../../../indexer/sentences.ts';

const notCommon = {
  isCommonWord: () => false,
  canBeCommonNominative: () => false,
  lexemes: () => [],
};

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

/** Chunks join back to the text, only whitespace between them, none empty or over `max`. */
function expectIntact(text: string, chunks: ReturnType<typeof chunkArticle>, max: number) {
  expect(joinChunks(chunks)).toBe(text.trim());
  for (const c of chunks) {
    expect(c.separator.trim()).toBe('');
    expect(c.text.trim().length).toBeGreaterThan(0);
    expect(c.text.length).toBeLessThanOrEqual(max);
  }
}

describe('bounded chunks', () => {
  it('splits a 5 MB single line into chunks of at most the limit that give the text back', () => {
    const line = 'слово '.repeat(900_000).trim();
    const chunks = chunkArticle(line, notCommon);
    expectIntact(line, chunks, MAX_CHUNK_CHARS);
    expect(chunks.length).toBeGreaterThan(line.length / MAX_CHUNK_CHARS);
  });

  it('splits a flattened article between sentences, a sentence over the limit between words, a run without spaces anywhere', () => {
    const sentences = Array.from(
      { length: 400 },
      (_, i) => `Депутаты обсудили вопрос ${i} о бюджете.`,
    );
    const longSentence = `Перечень включал ${Array.from({ length: 300 }, (_, i) => `пункт ${i}`).join(', ')}.`;
    const blob = 'A'.repeat(3000);
    const text = `${sentences.join(' ')} ${longSentence} ${blob} Конец.`;
    const chunks = chunkArticle(text, notCommon);
    expectIntact(text, chunks, MAX_CHUNK_CHARS);
    const ends = new Set(splitSentences(text).map((s) => s.end));
    let offset = 0;
    for (const chunk of chunks) {
      offset = text.indexOf(chunk.text, offset) + chunk.text.length;
      // Inside the long sentence and the blob only: everywhere else boundaries are sentence ends.
      const inside = text.indexOf(longSentence);
      if (offset <= inside) expect(ends.has(offset)).toBe(true);
    }
    expect(chunks.some((c) => c.text === 'A'.repeat(MAX_CHUNK_CHARS))).toBe(true);
  });

  it('keeps to a smaller limit, and never joins two paragraphs to split them elsewhere', () => {
    const paragraphs = Array.from({ length: 6 }, (_, p) =>
      Array.from({ length: 8 }, (_, i) => `Абзац ${p}, предложение ${i} о бюджете города.`).join(
        ' ',
      ),
    );
    const text = paragraphs.join('\n\n');
    const chunks = chunkArticle(text, notCommon, { maxChars: 150 });
    expectIntact(text, chunks, 150);
    for (const c of chunks) expect(c.text.includes('\n\n')).toBe(false);
    // Near-equal parts: no short tail left over from filling the others to the limit.
    expect(Math.min(...chunks.map((c) => c.text.length))).toBeGreaterThan(60);
  });
});

describe('headings marked by the format', () => {
  it('takes the marked paragraphs for headings and nothing else', () => {
    const text = '2 мая 2024\n\nРеакция\n\nТекст под разделом.\n\nИтоги\n\nПоследний абзац.';
    const chunks = chunkArticle(text, notCommon, { headings: [1, 3] });
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ['', '2 мая 2024'],
      ['Реакция', 'Реакция\n\nТекст под разделом.'],
      ['Итоги', 'Итоги\n\nПоследний абзац.'],
    ]);
    // Told from its shape, a date line above a paragraph is taken for a heading; marked, it is not.
    const dated = '2 мая 2024\n\nПервый абзац статьи.';
    expect(chunkArticle(dated, notCommon)[0]?.heading).toBe('2 мая 2024');
    expect(chunkArticle(dated, notCommon, { headings: [] })[0]?.heading).toBe('');
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
        const max = 200 + Math.floor(random() * 1200);
        const chunks = chunkArticle(text, notCommon, { maxChars: max });
        expectIntact(text, chunks, max);
        const ends = new Set(splitSentences(text).map((s) => s.end));
        let offset = 0;
        for (const chunk of chunks) {
          offset = text.indexOf(chunk.text, offset) + chunk.text.length;
          expect(ends.has(offset)).toBe(true);
        }
        if (form === 'as given' && text.split(/\n\n/).every((p) => p.length <= max))
          expect(chunks.length).toBe(text.split(/\n\n/).length);
      }
    },
  );
});

describe('the content hash', () => {
  const article = (text: string) => ({
    title: 'Заседание',
    date: '2024-03-01',
    text,
    url: '',
    origin: 'test.md',
    persons: [],
  });
  const text =
    'Айгуль Касымова выступила на заседании парламента. Она предложила новый бюджет.\n\nДепутаты обсудили проект закона о водных ресурсах. Решение примут весной.';
  const hashOf = async (
    a: ReturnType<typeof article>,
    options: Partial<Parameters<typeof buildDocuments>[1]> = {},
  ) => {
    const built = buildDocuments(a, { morphology: await loadMorphology(), ...options });
    if (!('documents' in built)) throw new Error(built.error.reason);
    expect(new Set(built.documents.map((d) => d.content_hash)).size).toBe(1);
    return built.documents[0]?.content_hash;
  };

  it('is the same for the same article built twice', async () => {
    expect(await hashOf(article(text))).toBe(await hashOf(article(text)));
  });

  it('changes with whatever changes the documents, not only with the text', async () => {
    const plain = await hashOf(article(text));
    expect(await hashOf(article(`${text} Дата ещё не назначена.`))).not.toBe(plain);
    // Other chunks from the same text (as a new chunking rule would give).
    expect(await hashOf(article(text), { maxChunkChars: 60 })).not.toBe(plain);
    // Other persons from the same text (as a new extraction rule, or an alias, would give).
    const aliases = new Map([['Айгуль Касымова', 'Айгуль Касымова-Исаева']]);
    expect(await hashOf(article(text), { aliases })).not.toBe(plain);
  });
});
