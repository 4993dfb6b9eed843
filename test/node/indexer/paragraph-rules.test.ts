/** Each paragraph-start rule for flattened text (chunk.ts) on a sentence where it holds and one where it does not. */
import { describe, expect, it } from 'vitest';
import {
  PARAGRAPH_START_RULES,
  type SentenceContext,
  startsParagraph,
} from '../../../indexer/chunk.ts';

const base: SentenceContext = {
  sentence: 'Заседание продолжилось после перерыва в зале.',
  previous: 'Депутаты собрались на заседание в парламенте утром.',
  charsBefore: 50,
  sentencesBefore: 1,
  cohesion: 1,
  index: 3,
};
const long = 'очень '.repeat(40);

/** Per rule: a context where it holds, and one where it does not. */
const EXAMPLES: Record<string, [Partial<SentenceContext>, Partial<SentenceContext>]> = {
  always: [{}, {}],
  'opener word': [{ sentence: 'Кроме того, бюджет не принят.' }, {}],
  'refers back': [{ sentence: 'Он отказался от комментариев.' }, {}],
  'opens a quote': [{ sentence: '«Мы готовы», — сказал министр.' }, {}],
  'holds a quote': [{ sentence: 'Министр назвал это «ошибкой».' }, {}],
  'after a closed quote': [{ previous: '«Мы готовы», — сказал министр.' }, {}],
  'no shared content word': [{ cohesion: 0 }, {}],
  'shares 2+ content words': [{ cohesion: 2 }, {}],
  'sentence under 60': [{}, { sentence: `Заседание ${long}.` }],
  'sentence under 100': [{}, { sentence: `Заседание ${long}.` }],
  'sentence 200+': [{ sentence: `Заседание ${long}.` }, {}],
  'previous under 60': [{}, { previous: `Депутаты ${long}.` }],
  'previous 200+': [{ previous: `Депутаты ${long}.` }, {}],
  'starts with a name': [{ sentence: 'Ольга Кравец возразила.' }, {}],
  'starts with a number': [{ sentence: '12 депутатов воздержались.' }, {}],
  'reports speech': [{ sentence: 'Министр заявил о росте цен.' }, {}],
  'second sentence of the text': [{ index: 1 }, {}],
  'chunk has 200+ characters': [{ charsBefore: 200 }, {}],
  'chunk has 400+ characters': [{ charsBefore: 400 }, {}],
  'chunk has 700+ characters': [{ charsBefore: 700 }, {}],
  'chunk has 2+ sentences': [{ sentencesBefore: 2 }, {}],
  'chunk has 3+ sentences': [{ sentencesBefore: 3 }, {}],
};

describe('paragraph-start rules', () => {
  it('every rule has its examples', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(PARAGRAPH_START_RULES.map((r) => r.name).sort());
  });

  it.each(PARAGRAPH_START_RULES.filter((r) => r.name !== 'always'))('$name', (rule) => {
    const [holds, not] = EXAMPLES[rule.name] as [
      Partial<SentenceContext>,
      Partial<SentenceContext>,
    ];
    expect(rule.holds({ ...base, ...holds })).toBe(true);
    expect(rule.holds({ ...base, ...not })).toBe(false);
  });

  it('starts a paragraph on a long chunk with a new speaker, not on a sentence that refers back', () => {
    expect(
      startsParagraph({
        ...base,
        sentence: 'Ольга Кравец заявила, что комитет против.',
        charsBefore: 450,
        sentencesBefore: 3,
      }),
    ).toBe(true);
    expect(startsParagraph({ ...base, sentence: 'Он уехал.', charsBefore: 80 })).toBe(false);
  });
});
