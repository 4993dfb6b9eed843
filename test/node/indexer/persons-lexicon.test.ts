/** The person lexicons: one list per closed class, each read by the rules that need it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import * as lexicon from '../../../indexer/persons/lexicon.ts';
import { findPersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string) => [...new Set(findPersons(text, morphology).map((m) => m.name))];

describe('person lexicons', () => {
  it('hold each word once, in lower case', () => {
    for (const [name, list] of Object.entries(lexicon)) {
      if (!Array.isArray(list)) continue;
      expect(new Set(list).size, name).toBe(list.length);
      for (const word of list) expect(word, name).toBe(word.toLowerCase());
    }
  });

  it('write particles in lower case only where Russian does (де Блекере, Ле Пен)', () => {
    for (const p of lexicon.LOWER_CASE_PARTICLES) expect(lexicon.SURNAME_PARTICLES).toContain(p);
    expect(names('Матч судил Франк де Блекере.')).toEqual(['Франк де Блекере']);
    expect(names('Во второй тур вышла Марин Ле Пен.')).toEqual(['Марин Ле Пен']);
  });

  it('read «ван» as a particle in lower case and as a Chinese surname with a capital', () => {
    expect(names('Гол забил Люк ван Велли.')).toEqual(['Люк ван Велли']);
    expect(names('Переговоры провёл премьер Ван Цишань.')).toEqual(['Ван Цишань']);
  });

  it('match stems with any case ending: things, roles, parliaments', () => {
    const thing = lexicon.oneOf(lexicon.THING_STEMS, true);
    expect(thing.test('компанией')).toBe(true);
    expect(lexicon.oneOf(lexicon.LEGISLATURE_STEMS, true).test('Курултая')).toBe(true);
    expect(lexicon.oneOf(lexicon.PLACE_PREPOSITIONS).test('во')).toBe(true);
    expect(lexicon.oneOf(lexicon.PLACE_PREPOSITIONS).test('вот')).toBe(false);
    const relation = lexicon.oneOf(lexicon.RELATION_STEMS, true);
    expect(
      ['жене', 'адвокатом', 'сторонница', 'пресс-секретаря'].every((w) => relation.test(w)),
    ).toBe(true);
    expect(['певица', 'министр', 'чемпионка'].some((w) => relation.test(w))).toBe(false);
  });

  it("read titles from the dictionary: a person noun, its dictionary form also another noun's form, a woman's apart", () => {
    // премьер is also премьера's genitive plural; глава and спутник a chapter and a satellite in the
    // nominative, Лев a lion and a name: no titles.
    expect(
      ['премьер', 'президентом', 'канцлер', 'судья', 'экс-президент'].every((w) =>
        morphology.isTitle(w),
      ),
    ).toBe(true);
    expect(['глава', 'спутник', 'Лев', 'Москва'].some((w) => morphology.isTitle(w))).toBe(false);
    expect(
      ['певица', 'чемпионкой', 'теннисистка'].every((w) => morphology.isFeminineTitle(w)),
    ).toBe(true);
    // Nouns of either gender (судья, коллега) and men's titles say nothing.
    expect(['судья', 'коллега', 'министр'].some((w) => morphology.isFeminineTitle(w))).toBe(false);
    expect(names('Премьер Проди выступил в парламенте.')).toEqual(['Проди']);
  });
});
