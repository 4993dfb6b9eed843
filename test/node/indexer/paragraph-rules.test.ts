/** Each paragraph-start rule for flattened text (chunk.ts) on a sentence where it holds and one where it does not. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chunkArticle,
  inlineHeadingLength,
  namedOpening,
  PARAGRAPH_START_RULES,
  type SentenceContext,
  startsParagraph,
} from '../../../indexer/chunk.ts';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});

const base: SentenceContext = {
  sentence: 'Заседание продолжилось после перерыва в зале.',
  previous: 'Депутаты собрались на заседание в парламенте утром.',
  charsBefore: 50,
  sentencesBefore: 1,
  cohesion: 1,
  index: 3,
  namedOpening: false,
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
  'opens with a name-like phrase': [{ namedOpening: true }, {}],
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

describe('structure in flattened text', () => {
  const heading = (sentence: string) =>
    sentence.slice(0, inlineHeadingLength(sentence, morphology));

  it.each([
    [
      'a word capitalised only at a sentence start',
      'Создатель MySQL против сделки Oracle — Sun Он уже обратился за помощью к антимонопольщикам.',
      'Создатель MySQL против сделки Oracle — Sun',
    ],
    [
      'the heading’s first word again',
      'Митинги в Казахстане и помощь ОДКБ Митинги в соседнем Казахстане начались в январе.',
      'Митинги в Казахстане и помощь ОДКБ',
    ],
    [
      'a common word in the nominative',
      'Краевой совет обсудил ремонт дорог Депутаты краевого совета обсудили программу ремонта.',
      'Краевой совет обсудил ремонт дорог',
    ],
  ])('an inline heading ends before %s', (_, sentence, expected) => {
    expect(heading(sentence)).toBe(expected);
  });

  it.each([
    'Концерн «Майкрософт» представил антимонопольной комиссии Европейского союза новые документы.',
    'Представитель Министерства сельского хозяйства Германии сообщил в субботу об угрозе.',
    'Депутаты парламента 7 января собрались на срочное заседание, чтобы решить вопрос.',
  ])('no inline heading where a capitalised word begins a name: %s', (sentence) => {
    expect(inlineHeadingLength(sentence, morphology)).toBe(0);
  });

  it('tells a sentence that opens with an institution’s full name', () => {
    expect(
      namedOpening(
        'Концерн «Майкрософт» представил антимонопольной комиссии Европейского союза документы.',
        morphology,
      ),
    ).toBe(true);
    expect(namedOpening('Министр заявил о росте цен на топливо в регионе.', morphology)).toBe(
      false,
    );
  });

  it('ends a paragraph at the colon that opens a bulleted list', () => {
    const text =
      'Судейский комитет назвал имена арбитров чемпионата мира. Австралию представляет один арбитр: • Марк Шилд (Австралия) • Джон Смит (Австралия)';
    const chunks = chunkArticle(text, morphology, { flattened: true });
    expect(chunks.map((c) => c.text).at(-1)).toBe(
      '• Марк Шилд (Австралия) • Джон Смит (Австралия)',
    );
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });
});
