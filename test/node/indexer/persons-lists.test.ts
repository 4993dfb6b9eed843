/** Names listed beside names (persons/lists.ts): the rule on its own, then in running text (constructed sentences). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { listedWithPersons } from '../../../indexer/persons/lists.ts';
import { nameWords } from '../../../indexer/persons/words.ts';
import { findPersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string) => [...new Set(findPersons(text, morphology).map((m) => m.name))];

/**
 * The rule over `text` with `persons` as the mentions found (each as written, or written: its name) and
 * every other capitalised word a candidate.
 */
function listed(text: string, persons: Array<string | [string, string]>): string[] {
  const named = new Map(persons.map((p) => (typeof p === 'string' ? [p, p] : p)));
  const words = nameWords(text);
  const mentions = words
    .filter((w) => named.has(w.text))
    .map((w) => ({ name: named.get(w.text) as string, start: w.start, end: w.end }));
  const others = words.filter((w) => !named.has(w.text));
  return listedWithPersons(
    text,
    mentions,
    others,
    new Set(others.map((w) => w.start)),
    morphology,
  ).map((m) => m.name);
}

describe('listed with persons', () => {
  it('takes the other items of a list that holds two persons, across scores, times and parentheses', () => {
    expect(listed('• 1:1 — 03:54 Бернс (Рой, Грин) • 2:1 — 09:17 Куниц', ['Рой', 'Грин'])).toEqual([
      'Бернс',
      'Куниц',
    ]);
    expect(listed('Были Лавров, Шойгу и Нарышкин.', ['Лавров', 'Шойгу'])).toEqual(['Нарышкин']);
  });

  it('needs two persons: one is no list of persons ("Зенит — Спартак")', () => {
    expect(listed('Сыграли Бернс и Грин.', ['Грин'])).toEqual([]);
  });

  it('ends the list at a sentence end, a line break or a word in lower case', () => {
    expect(listed('Лавров, Шойгу. Нарышкин', ['Лавров', 'Шойгу'])).toEqual([]);
    expect(listed('Лавров, Шойгу\nНарышкин', ['Лавров', 'Шойгу'])).toEqual([]);
    expect(listed('Лавров, Шойгу, сказал Нарышкин', ['Лавров', 'Шойгу'])).toEqual([]);
  });

  it('takes no label before a colon: a team or a position heads its line-up', () => {
    expect(listed('Спартак: Селихов, Джикия, Кутепов.', ['Селихов', 'Кутепов'])).toEqual([
      'Джикия',
    ]);
  });

  it('takes nothing from a list with a place or organisation: names with their companies', () => {
    expect(
      listed('Сечин (Роснефть), Миллер (Газпром), Греф (Сбербанк)', ['Сечин', 'Миллер']),
    ).toEqual([]);
  });

  it('takes nothing when a person is in an oblique case: the word as written would be no nominative', () => {
    expect(listed('с Лавровым, Шойгу и Бернсом', [['Лавровым', 'Лавров'], 'Шойгу'])).toEqual([]);
  });

  it('takes nothing from a list with an adjective, verb or ordinary noun in the nominative', () => {
    // A heading run into the list, a thing listed with persons.
    expect(listed('Топалов — Нисипяну 1:0 Общий', ['Топалов', 'Нисипяну'])).toEqual([]);
    expect(listed('Топалов, Нисипяну, Отчёт, Бернс', ['Топалов', 'Нисипяну'])).toEqual([]);
    expect(listed('Абрамович, Потанин, Сбербанк и Тинькофф', ['Абрамович', 'Потанин'])).toEqual([]);
  });
});

describe('lists in text', () => {
  it('take the unknown surnames of a goal line beside the known ones', () => {
    expect(names('Голы: Сёмин (Овечкин, Фёдоров) • 1:1 — 03:54 Бернс (Рой, Грин).')).toEqual([
      'Сёмин',
      'Овечкин',
      'Фёдоров',
      'Бернс',
      'Рой',
      'Грин',
    ]);
  });
});
