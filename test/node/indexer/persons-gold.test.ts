/** How the evaluation reads factRuEval gold persons and matches found names against them (constructed gold files). */
import { describe, expect, it } from 'vitest';
import { goldPersons, nameKey, scorePersons } from '../../../indexer/gold-persons.ts';

const objects = [
  '1 Person 10 # a',
  '2 Person 11 # b',
  '3 Person 12 # c',
  '4 Person 13 # d',
  '5 Person 14 # e',
  '6 Org 15 # f',
  '7 Person 16 # g',
  '8 Person 17 # h',
  '9 Person 18 # i',
].join('\n');
const coref = [
  '100 1\nfirstname Олега\nlastname Петров\nwikidata ',
  '101 2\nfirstname Ким\nlastname Пак\nwikidata ',
  '102 3\nfirstname Хосе\nfirstname1 Луис\nlastname Гарсия\nlastname Garcia\nwikidata ',
  '103 4\nfirstname В\nlastname Л\nwikidata ',
  '104 5\nfirstname Абу Машар\nwikidata ',
  '105 6\nname Газпром\nwikidata ',
  '106 7\nfirstname Н.\nlastname Кан\nwikidata ',
  '107 8\nfirstname Усама\npatronymic бин Ладен\nwikidata ',
  '108 9\nfirstname Лонгин\nnickname Клинский\nwikidata ',
].join('\n\n');
// The dictionary's nominative of a given name written in an oblique case, as eval-persons.ts passes it.
const givenNominatives = (word: string) => (word === 'Олега' ? ['олег'] : []);
const gold = goldPersons(objects, coref, givenNominatives);

describe('gold persons', () => {
  it('counts every named person, full or by one part; initials alone name nobody', () => {
    expect(gold.persons.map((p) => [p.label, p.kind])).toEqual([
      ['олега петров', 'full'],
      ['ким пак', 'full'],
      ['хосе гарсия', 'full'],
      ['абу машар', 'one-part'],
      ['кан', 'one-part'],
      ['усама бин ладен', 'full'],
      ['лонгин клинский', 'full'],
    ]);
  });

  it('accepts every spelling the gold gives and the nominative of a given name copied in an oblique case', () => {
    const [oleg, , garcia] = gold.persons;
    expect(oleg?.names.has(nameKey('Олег Петров'))).toBe(true);
    expect(garcia?.names.has(nameKey('Хосе Луис Гарсия'))).toBe(true);
    expect(garcia?.names.has(nameKey('Хосе Garcia'))).toBe(true);
    expect(garcia?.names.has(nameKey('Луис Гарсия'))).toBe(false);
  });

  it('keys names by their words: a hyphen with or without spaces, any order, ё as е', () => {
    expect(nameKey('Касым - Жомарт Токаев')).toBe(nameKey('Касым-Жомарт Токаев'));
    expect(nameKey('Пак  Ким')).toBe(nameKey('Ким Пак'));
    expect(nameKey('Алла Пугачёва')).toBe(nameKey('алла пугачева'));
  });
});

describe('scoring', () => {
  it('matches in any word order and counts full and one-part persons apart', () => {
    const score = scorePersons(['Олег Петров', 'Пак Ким', 'Абу Машар', 'Иван Сидоров'], gold);
    expect(score.tp).toEqual({ full: 2, 'one-part': 1 });
    expect(score.fn.full).toEqual(['хосе гарсия', 'усама бин ладен', 'лонгин клинский']);
    expect(score.fn['one-part']).toEqual(['кан']);
    expect(score.fp.full).toEqual(['иван сидоров']);
  });

  it('finds a one-part person by the part alone or by a fuller name holding it', () => {
    expect(scorePersons(['Кан'], gold).tp['one-part']).toBe(1);
    expect(scorePersons(['Николай Кан'], gold).tp['one-part']).toBe(1);
  });

  it('counts a second facet value for the same person as spurious', () => {
    const score = scorePersons(['Николай Кан', 'Кан'], gold);
    expect(score.tp['one-part']).toBe(1);
    expect(score.fp.full).toEqual(['кан николай (again for кан)']);
  });

  it("accepts the text's spelling, one letter apart, of a gold word the text never writes", () => {
    const misspelt = goldPersons(
      '1 Person 10 # a\n2 Person 11 # b\n3 Person 12 # c',
      '100 1\nfirstname Массимо\nlastname Бузака\n\n101 2\nlastname Бурлускони\n\n102 3\nfirstname Мэтью\nlastname Брайза',
      () => [],
      'Судит Массимо Бузакка. Премьер Берлускони. Приехал Мэтью Брайза.',
    );
    const score = scorePersons(['Массимо Бузакка', 'Сильвио Берлускони', 'Мэтью Брайз'], misspelt);
    expect(score.tp).toEqual({ full: 1, 'one-part': 1 });
    // Брайза is written in the text: a found Брайз is a wrong nominative, not the text's spelling.
    expect(score.fn.full).toEqual(['мэтью брайза']);
    // Two letters apart, or a word the text does not write, is someone else.
    expect(scorePersons(['Массимо Бузакко'], misspelt).tp.full).toBe(0);
    // A case ending is no spelling: Виктории for a gold Виктория the text writes only as Виктории.
    const oblique = goldPersons(
      '1 Person 10 # a',
      '100 1\nfirstname Виктория\nlastname Нуланд',
      () => [],
      'Визит Виктории Нуланд.',
    );
    expect(scorePersons(['Виктории Нуланд'], oblique).tp.full).toBe(0);
  });

  it('does not accept an inflected found name for a nominative gold one, nor a surname for a full person', () => {
    expect(scorePersons(['Олега Петрова'], gold).tp.full).toBe(0);
    const surnameOnly = scorePersons(['Петров'], gold);
    expect(surnameOnly.tp.full).toBe(0);
    expect(surnameOnly.fp['one-part']).toEqual(['петров']);
  });
});
