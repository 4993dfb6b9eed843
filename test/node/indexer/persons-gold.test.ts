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
].join('\n');
const coref = [
  '100 1\nfirstname Олега\nlastname Петров\nwikidata ',
  '101 2\nfirstname Ким\nlastname Пак\nwikidata ',
  '102 3\nfirstname Хосе\nfirstname1 Луис\nlastname Гарсия\nlastname Garcia\nwikidata ',
  '103 4\nfirstname В\nlastname Л\nwikidata ',
  '104 5\nfirstname Абу\nwikidata ',
  '105 6\nname Газпром\nwikidata ',
].join('\n\n');
// The dictionary's nominative of a given name written in an oblique case, as eval.ts passes it.
const givenNominatives = (word: string) => (word === 'Олега' ? ['олег'] : []);
const gold = goldPersons(objects, coref, givenNominatives);

describe('gold persons', () => {
  it('scores only persons with a given name and a surname, an initial counting as no given name', () => {
    expect(gold.persons.map((p) => p.label)).toEqual(['олега петров', 'ким пак', 'хосе гарсия']);
    expect(gold.partial.map((p) => p.label)).toEqual(['в л', 'абу']);
  });

  it('accepts every spelling the gold gives and the nominative of a given name copied in an oblique case', () => {
    const [oleg, , garcia] = gold.persons;
    expect(oleg?.names.has(nameKey('Олег Петров'))).toBe(true);
    expect(garcia?.names.has(nameKey('Хосе Луис Гарсия'))).toBe(true);
    expect(garcia?.names.has(nameKey('Хосе Garcia'))).toBe(true);
    expect(garcia?.names.has(nameKey('Луис Гарсия'))).toBe(false);
  });

  it('matches in any word order, and holds names of one-part persons neither for nor against', () => {
    const { tp, fp, fn } = scorePersons(['Олег Петров', 'Пак Ким', 'Абу', 'Иван Сидоров'], gold);
    expect(tp).toBe(2);
    expect(fn).toEqual(['хосе гарсия']);
    expect(fp).toEqual(['иван сидоров']);
  });

  it('does not accept an inflected found name for a nominative gold one', () => {
    expect(scorePersons(['Олега Петрова'], gold).tp).toBe(0);
  });
});
