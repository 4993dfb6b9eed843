/**
 * The matching keys the indexer stores (indexer/text-keys.ts) against the key the Worker sends (wordKey),
 * and the marked forms for the exact-forms search.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { latinNames, textForms, textKeys, wordKeys } from '../../../indexer/text-keys.ts';
import { exactKey, wordKey } from '../../../src/text/stem.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});

const finds = (typed: string, written: string) =>
  wordKeys(written, morphology).split(' ').includes(wordKey(typed));

describe('lexemes', () => {
  it('reads a hyphenated word whole (its last part alone was read as the lemma, or nothing)', () => {
    for (const [word, lemma] of <Array<[string, string]>>[
      ['интернет-издания', 'интернет-издание'],
      ['ракета-носитель', 'ракета-носитель'],
    ]) {
      const lexemes = morphology.lexemes(word);
      expect(lexemes.map((l) => l.lemma)).toContain(lemma);
      expect(lexemes.flatMap((l) => l.forms.map((f) => f.word))).toContain(lemma);
    }
  });
});

describe('matching keys', () => {
  it('join every form of a lexeme, across stem alternations and fleeting vowels', () => {
    for (const [typed, written] of <Array<[string, string]>>[
      ['добьются', 'добился'],
      ['пропишут', 'прописал'],
      ['сутках', 'сутки'],
      ['суток', 'сутках'],
      ['Павла', 'Павел'],
      ['депутатами', 'депутатов'],
      ['войска', 'войск'],
      ['лучшего', 'хороший'],
    ])
      expect(finds(typed, written), `${typed} -> ${written}`).toBe(true);
  });

  it('keep unrelated words apart, also when they share letters', () => {
    for (const [typed, written] of <Array<[string, string]>>[
      ['мировой', 'мир'],
      ['исковому', 'иск'],
      ['пародия', 'народ'],
      ['Павлович', 'Павел'],
      ['ничьей', 'ничего'],
      ['отделился', 'отдел'],
      ['правлении', 'правило'],
    ])
      expect(finds(typed, written), `${typed} -/> ${written}`).toBe(false);
  });

  it('take every reading of an ambiguous word', () => {
    expect(finds('сталью', 'стали')).toBe(true);
    expect(finds('станет', 'стали')).toBe(true);
  });

  it('decline a word the dictionary does not know by its ending', () => {
    expect(finds('Ташиеву', 'Ташиев')).toBe(true);
    expect(finds('Ташиев', 'Ташиевым')).toBe(true);
  });

  it('fold ё into е and split hyphenated words as Meilisearch does', () => {
    expect(finds('ещё', 'еще')).toBe(true);
    expect(textKeys('Касым-Жомарт', morphology).split(' ')).toEqual(
      expect.arrayContaining([wordKey('Касым'), wordKey('Жомарт')]),
    );
  });

  it('start with the key of the word itself', () => {
    expect(wordKeys('Добился', morphology).split(' ')[0]).toBe(wordKey('добился'));
  });

  it('keep the words as written, marked, for the exact-forms search', () => {
    expect(textForms('Депутаты, Ташиева и ОДКБ')).toBe(
      ['депутаты', 'ташиева', 'и', 'одкб'].map(exactKey).join(' '),
    );
    expect(textForms('ёлка')).toBe(exactKey('елка'));
  });

  it('spell names in Latin letters as English usually does', () => {
    expect(latinNames(['Камчыбек Ташиев', 'Акылбек Жапаров', 'Касым-Жомарт Токаев'])).toEqual([
      'Kamchybek Tashiev',
      'Akylbek Zhaparov',
      'Kasym-Zhomart Tokaev',
    ]);
  });
});
