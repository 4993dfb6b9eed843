/**
 * The paragraph model of flattened text (chunk.ts): each feature on a gap where it is higher and one where it
 * is lower, every feature weighted, and the model's verdict on clear cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chunkArticle,
  describeSentences,
  inlineHeadingLength,
  namedOpening,
  PARAGRAPH_FEATURES,
  paragraphScore,
} from '../../../indexer/chunk.ts';
import { shownBoundaries } from '../../../indexer/eval-chunks.ts';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { PARAGRAPH_WEIGHTS } from '../../../indexer/paragraph-weights.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});

/** A gap of a flattened text: the sentence before the previous, the previous, the sentence, the next. */
interface Gap {
  before?: string;
  previous?: string;
  sentence?: string;
  next?: string;
  /** The sentence is the text's second (no sentence before the previous). */
  second?: boolean;
}
const BASE = {
  before: 'Депутаты собрались на заседание в парламенте утром.',
  previous: 'Заседание продолжилось после перерыва в большом зале.',
  sentence: 'Спикер объявил повестку дня на весеннюю сессию.',
  next: 'Повестка включала вопросы бюджета и транспорта.',
};
const long = `Спикер объявил повестку ${'очень '.repeat(40)}длинную.`;
const quoted = '«Мы готовы», — сказал министр.';

/** The sentences of a gap and the sentence's index. */
function sentencesOf(gap: Gap) {
  const g = { ...BASE, ...gap };
  const texts = [...(gap.second ? [] : [g.before]), g.previous, g.sentence, g.next];
  return { s: describeSentences(texts, morphology), i: gap.second ? 1 : 2 };
}

/** Per feature: a gap where its value is higher, and one where it is lower. */
const EXAMPLES: Record<string, [Gap, Gap]> = {
  'sentence length (log)': [{ sentence: long }, {}],
  'previous length (log)': [{ previous: long }, {}],
  'sentence under 60': [{}, { sentence: long }],
  'previous under 60': [{}, { previous: long }],
  'opener word': [{ sentence: 'Кроме того, бюджет не принят.' }, {}],
  'refers back': [{ sentence: 'Он отказался от комментариев.' }, {}],
  'next refers back': [{ next: 'Он отказался от комментариев.' }, {}],
  'previous refers back': [{ previous: 'Он отказался от комментариев.' }, {}],
  'a pronoun early': [{ sentence: 'На заседании комитета он выступил первым.' }, {}],
  'a demonstrative early': [{ sentence: 'Решение этого вопроса отложили.' }, {}],
  '"also" early': [{ sentence: 'Депутаты также обсудили бюджет.' }, {}],
  'opens a quote': [{ sentence: quoted }, {}],
  'holds a quote': [{ sentence: 'Министр назвал решение «ошибкой».' }, {}],
  'after a closed quote': [{ previous: quoted }, {}],
  'after a quote and its speaker': [{ previous: quoted }, { previous: '«Мы готовы».' }],
  'opens with a dash or bullet': [{ sentence: '— Мы готовы, — ответил министр.' }, {}],
  'starts with a name': [{ sentence: 'Ольга Кравец возразила спикеру.' }, {}],
  'starts with a proper name': [{ sentence: 'Ташиев выступил первым.' }, {}],
  'introduces a new name': [
    { sentence: 'Ольга Кравец возразила спикеру.' },
    { before: 'Ольга Кравец пришла.', sentence: 'Ольга Кравец возразила спикеру.' },
  ],
  'names what the previous named': [
    {
      previous: 'Заседание вёл спикер Талант Мамытов.',
      sentence: 'Затем выступил депутат Мамытов.',
    },
    { previous: 'Заседание вёл спикер Талант Мамытов.' },
  ],
  'opens with a noun': [{}, { sentence: 'На заседании спикер объявил повестку.' }],
  'starts with a number': [{ sentence: '12 депутатов воздержались.' }, {}],
  'starts with a time': [{ sentence: 'В понедельник депутаты вернулись.' }, {}],
  'reports speech': [{ sentence: 'Министр заявил о росте цен.' }, {}],
  'opens with a name-like phrase': [
    {
      sentence:
        'Концерн «Майкрософт» представил антимонопольной комиссии Европейского союза документы.',
    },
    {},
  ],
  'second sentence of the text': [{ second: true }, {}],
  'position in the text': [{}, { second: true }],
  'overlap with the previous': [{ sentence: 'Заседание продолжилось после перерыва.' }, {}],
  'overlap with the one before': [{ sentence: 'Депутаты собрались на заседание снова.' }, {}],
  'overlap across the gap': [{ next: 'Заседание продолжилось после перерыва.' }, {}],
};

describe('the paragraph model', () => {
  it('has examples for every feature and a weight for every feature, nothing else', () => {
    const names = PARAGRAPH_FEATURES.map((f) => f.name);
    expect(Object.keys(EXAMPLES).sort()).toEqual(names.filter((n) => n !== 'always').sort());
    expect(Object.keys(PARAGRAPH_WEIGHTS).sort()).toEqual([...names].sort());
  });

  it.each(PARAGRAPH_FEATURES.filter((f) => f.name !== 'always'))('$name', (feature) => {
    const [higher, lower] = (EXAMPLES[feature.name] as [Gap, Gap]).map(sentencesOf) as [
      ReturnType<typeof sentencesOf>,
      ReturnType<typeof sentencesOf>,
    ];
    expect(feature.value(higher.s, higher.i)).toBeGreaterThan(feature.value(lower.s, lower.i));
  });

  it('starts a paragraph at a new speaker after a quote, not at a sentence that refers back', () => {
    const start = sentencesOf({
      previous: quoted,
      sentence: 'Ольга Кравец заявила, что комитет против такого решения.',
    });
    expect(paragraphScore(start.s, start.i)).toBeGreaterThan(0);
    const not = sentencesOf({ sentence: 'Он уехал.' });
    expect(paragraphScore(not.s, not.i)).toBeLessThan(0);
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
    'Со своими стратегическими идеями Хван выступил во время визита в США.',
  ])('no inline heading where a capitalised word begins a name: %s', (sentence) => {
    expect(inlineHeadingLength(sentence, morphology)).toBe(0);
  });

  it('scores the end of an inline heading as a boundary, as the article page shows it apart', () => {
    const text =
      'Власти страны объявили режим чрезвычайной ситуации. Митинги в Казахстане и помощь ОДКБ Митинги в соседнем Казахстане начались в январе.';
    const chunks = chunkArticle(text, morphology, { flattened: true });
    const headingStart = text.indexOf('Митинги');
    const headingEnd = text.indexOf(' Митинги в соседнем');
    expect(chunks.at(-1)).toMatchObject({ heading: 'Митинги в Казахстане и помощь ОДКБ' });
    expect(shownBoundaries(text, chunks)).toEqual([headingStart - 1, headingEnd]);
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
