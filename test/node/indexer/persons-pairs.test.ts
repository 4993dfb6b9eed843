/** Each given name + surname rule of persons/pairs.ts decides its own example, and every rule has one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import type { PairContext } from '../../../indexer/persons/context.ts';
import { PAIR_RULES, decidePair } from '../../../indexer/persons/pairs.ts';
import { articlePersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});

/** Mid-sentence, ending its run, nothing else around it; `written` and `feminineSubject` as listed. */
const context = (
  overrides: Partial<Omit<PairContext, 'written' | 'feminineSubject'>> = {},
  written: string[] = [],
  feminineSubjects: string[] = [],
): PairContext => ({
  afterTitle: false,
  afterThingWord: false,
  afterPlacePreposition: false,
  quoted: false,
  midSentence: true,
  feminine: false,
  afterLocativePreposition: false,
  endsRun: true,
  feminineVerbAfter: false,
  ...overrides,
  written: (w) => written.includes(w),
  feminineSubject: (w) => feminineSubjects.includes(w),
});

/** Rule name -> [given name, surname, context, what the rule decides]. */
const EXAMPLES: Record<string, [string, string, PairContext, string | null]> = {
  'no-name-shape': ['Усама', 'бин', context(), null],
  legislature: ['Жогорку', 'Кенеш', context(), null],
  quoted: ['Юрий', 'Гагарин', context({ quoted: true }), null],
  'place-written-apart': ['Коста', 'Рика', context(), null],
  'first-word-no-given-name': ['Москва', 'Петров', context(), null],
  'common-word-opening-sentence': ['Полёт', 'Гагарина', context({ midSentence: false }), null],
  'patronymic-no-surname': ['Борис', 'Николаевич', context(), null],
  'common-given-name-before-common-word': ['Роман', 'Дом', context({ midSentence: false }), null],
  'foreign-surname-after-nominative-given-name': ['Джо', 'Байдена', context(), 'Джо Байден'],
  'foreign-surname-in-given-names-case': ['Оливеру', 'Кану', context(), 'Оливер Кан'],
  'agreement-in-gender-and-case': ['Нурсултана', 'Назарбаева', context(), 'Нурсултан Назарбаев'],
  'common-given-name-disagreeing-opening-sentence': [
    'Роман',
    'Пелевина',
    context({ midSentence: false }),
    null,
  ],
  'agreement-in-case': ['Бермет', 'Осмонова', context(), 'Бермет Осмонова'],
  'agreement-in-gender': ['Ивану', 'Петрова', context(), 'Иван Петров'],
  'russian-surname-before-given-name': ['Медведева', 'Светлана', context(), null],
  'place-as-surname': ['Камчыбек', 'Москва', context(), null],
  'two-common-words': ['Советом', 'Директоров', context(), null],
  'russian-surname-no-noun-or-after-thing-word': [
    'Камчыбек',
    'Ташиев',
    context({ afterThingWord: true }),
    null,
  ],
  'russian-surname-shows-case': ['Камчыбек', 'Ташиев', context(), 'Камчыбек Ташиев'],
  'foreign-pair-where-names-stand': ['Тору', 'Камикава', context({ endsRun: false }), null],
  'foreign-pair-thing-word': ['Дойче', 'Банк', context(), null],
  'foreign-pair-common-first-word': ['Спутник', 'Уайт', context(), null],
  'foreign-pair-common-surname': ['Масахару', 'Большой', context(), null],
  'foreign-pair-oblique-dictionary-surname': ['Хайнца', 'Фишера', context(), 'Хайнц Фишер'],
  'foreign-pair-nominative': ['Масахару', 'Камикава', context(), 'Масахару Камикава'],
};

describe('pair rules', () => {
  it('every rule has an example', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(PAIR_RULES.map((r) => r.name).sort());
  });

  for (const rule of PAIR_RULES) {
    it(rule.name, () => {
      const [first, surname, ctx, expected] = EXAMPLES[rule.name] as [
        string,
        string,
        PairContext,
        string | null,
      ];
      expect(decidePair(first, surname, morphology, ctx)).toEqual({
        rule: rule.name,
        canonical: expected,
      });
    });
  }

  it('in text: a name wholly in quotes is a thing, a quotation that opens with a name is not', () => {
    expect(articlePersons('Он назвал проект «Спейс Шаттл» ошибкой.', morphology)).toEqual([]);
    expect(articlePersons('На верфи стоит крейсер «Юрий Гагарин».', morphology)).toEqual([]);
    expect(articlePersons('«Сергей Лавров прибыл в Москву», — сказал он.', morphology)).toEqual([
      'Сергей Лавров',
    ]);
    expect(articlePersons('Страны: Чили, Коста Рика, Эквадор.', morphology)).toEqual([]);
  });

  it('agreement in an oblique case prefers a given name that declines there (Анне: Анна, not Анне)', () => {
    expect(decidePair('Анне', 'Сидоровой', morphology, context()).canonical).toBe('Анна Сидорова');
    expect(decidePair('Анне', 'Сидорова', morphology, context()).canonical).toBe('Анне Сидорова');
  });

  it('a woman: the text says so, by a verb, her case elsewhere, or the surname alone before a verb', () => {
    const woman = (ctx: PairContext) =>
      decidePair('Жанара', 'Мамбетова', morphology, ctx).canonical;
    expect(woman(context())).toBe('Жанар Мамбетов');
    expect(woman(context({ feminine: true }))).toBe('Жанара Мамбетова');
    expect(woman(context({ feminineVerbAfter: true }))).toBe('Жанара Мамбетова');
    expect(woman(context({}, ['мамбетовой']))).toBe('Жанара Мамбетова');
    expect(woman(context({}, [], ['мамбетова']))).toBe('Жанара Мамбетова');
    // A man's form elsewhere wins.
    expect(woman(context({ feminine: true }, ['мамбетов']))).toBe('Жанар Мамбетов');
  });
});
