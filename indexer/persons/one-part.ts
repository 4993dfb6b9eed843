/**
 * Persons the text names by one part only: a surname (Путин, "премьер Проди"), initials and a surname
 * ("Н. Кан"), a given name alone (Лиза). Each rule is one entry of `ONE_PART_RULES`: it reads a
 * capitalised word that no full name in the article claimed and says whether it names a person, with
 * the nominatives it may have (most likely first). Resolution against full names happens elsewhere.
 */
import type { Morphology, NameForm } from '../morphology.ts';

/** A capitalised word standing alone (no capitalised word beside it) that may be a one-part name. */
export interface OnePartCandidate {
  /** As written: "Путина". */
  word: string;
  /** One or more initials right before it ("Н. Кан", "В.В. Путин"). */
  afterInitials: boolean;
  /** A patronymic right after it ("Наине Иосифовне"): it is a given name. */
  beforePatronymic: boolean;
  /** A word in lower case follows it ("Ташиев отвечал"): opening a sentence, it is no heading word. */
  beforeLowerCase: boolean;
  /** Not the first word of its sentence. */
  midSentence: boolean;
  /** A title or profession in the singular right before it ("премьер", "президент"; not "активистам"). */
  afterTitle: boolean;
  /** A verb in the past tense, singular, follows it ("Токаев назвал", not "Советов собрали", "Рыбаков сняли"): one person its subject. */
  beforeSingularPastVerb: boolean;
  /**
   * A verb in the present tense, singular, follows it, and neither a noun nor a preposition comes before
   * it ("как Марина бежит"; not "Встреча Путина состоится", "у Марины болит"): it is the verb's subject.
   */
  subjectOfPresentVerb: boolean;
  /**
   * It follows a verb in the singular past tense and ends the clause ("— заявил Трамп.", "сообщила
   * Захарова,"): the inverted subject of news reports, so in the nominative.
   */
  subjectAfterVerb: boolean;
  /** The sentence says the person is a woman (a feminine verb beside it: "заявила Кендирбаева", "Путина сказала"). */
  feminine: boolean;
  /** The title before it, as written ("президентом"), or "" when none. */
  title: string;
}

export interface OnePartRule {
  name: string;
  /** The nominatives the word may stand for (most likely first), or none when the rule does not apply. */
  read(candidate: OnePartCandidate, morphology: Morphology): string[];
}

/** Russian surname shapes with the nominatives an inflected form may come from, masculine first. */
const RUSSIAN_SURNAME: Array<{ ending: RegExp; nominatives: (stem: string) => string[] }> = [
  { ending: /^(.+(?:ов|ев|ёв|ин|ын))$/u, nominatives: (s) => [s] },
  { ending: /^(.+(?:ов|ев|ёв|ин|ын))(?:а)$/u, nominatives: (s) => [s, `${s}а`] },
  { ending: /^(.+(?:ов|ев|ёв|ин|ын))(?:у|ым|е)$/u, nominatives: (s) => [s] },
  { ending: /^(.+(?:ов|ев|ёв|ин|ын))(?:ой|у)$/u, nominatives: (s) => [`${s}а`] },
  { ending: /^(.+(?:ск|цк))(?:ий|ого|ому|им|ом)$/u, nominatives: (s) => [`${s}ий`] },
  { ending: /^(.+(?:ск|цк))(?:ая|ой|ую)$/u, nominatives: (s) => [`${s}ая`] },
];

/** The nominatives of a surname of Russian shape (Кендирбаева: Кендирбаев's genitive or Кендирбаева), else []. */
export function russianSurnameNominatives(word: string): string[] {
  const lower = word.toLowerCase();
  for (const { ending, nominatives } of RUSSIAN_SURNAME) {
    const m = ending.exec(lower);
    if (m) return nominatives(m[1] as string);
  }
  return [];
}

/** Feminine readings first when the sentence says she is a woman, masculine (the commoner) otherwise. */
function byGender(readings: NameForm[], feminine: boolean): string[] {
  const rank = (r: NameForm) => ((r.gender === 'femn') === feminine ? 0 : 1);
  return [...new Set([...readings].sort((a, b) => rank(a) - rank(b)).map((r) => r.nominative))];
}

/** A Russian surname of the possessive kind, in any case: Лавров, Лавровым, Петровой, Ильиной. */
const RUSSIAN_POSSESSIVE_SHAPE = /(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ою)?$/u;

/** Endings of a plural's dative, instrumental and prepositional: no subject. */
const PLURAL_OBLIQUE = /(?:ам|ям|ами|ями|ах|ях)$/u;

/** The Arabic article joined to a name in -и: аль-Барадеи, эш-Шами. */
export const ARABIC_NISBA = /^(?:аль|эль|ал|эл|ад|ас|ат|аш|эш|аз|ар|ан)-\p{Lu}\p{Ll}+и$/u;

/** A title's oblique endings other than the genitive's: президентом, президенту, о президенте. */
const TITLE_CASE_ENDING = /[^аеёиоуыэюя](ом|у|е)$/u;

/**
 * A man's name in the case its title shows, with the nominative it comes from: the instrumental
 * ("с канцлером Шольцем", "президентом Макроном") and the dative ("президенту Байдену"; not after г, к,
 * х: Нетаньяху, like many names in -гу, -ку, -ху, does not decline). Not the genitive ("президента Клуба"
 * is the club's), nor the prepositional, whose -е ends nominatives too (Гёте, де Блекере).
 */
const IN_TITLES_CASE: ReadonlyArray<{
  title: RegExp;
  name: RegExp;
  nominative: (s: string) => string;
}> = [
  {
    title: /[^аеёиоуыэюя](?:ом|ем|ём)$/u,
    name: /^(.+[бвгдзклмнпрстфх])ом$/u,
    nominative: (s) => s,
  },
  { title: /[^аеёиоуыэюя](?:ом|ем|ём)$/u, name: /^(.+[цжшчщ])ем$/u, nominative: (s) => s },
  { title: /[^аеёиоуыэюя](?:ом|ем|ём)$/u, name: /^(.+[лн])ем$/u, nominative: (s) => `${s}ь` },
  { title: /[^аеёиоуыэюя][ую]$/u, name: /^(.+[бвдзлмнпрстфцжшчщ])у$/u, nominative: (s) => s },
];

/** The nominative of a man's name `word` in the case of the title before it, or null when it shows none. */
function inTitlesCase(word: string, title: string): string | null {
  for (const rule of IN_TITLES_CASE) {
    const m = rule.title.test(title.toLowerCase()) ? rule.name.exec(word) : null;
    if (m) return rule.nominative(m[1] as string);
  }
  return null;
}

/** The endings of an adjective's nominative: Римский, Великая, Красное. */
const ADJECTIVE_SHAPE = /(?:ий|ый|ой|ая|яя|ое|ее)$/u;

/** A word the dictionary mostly reads as something else (Гор as гора, Кан as a river) needs more than a capital. */
const MOSTLY_A_PERSON = 0.5;
/** Opening a sentence, where every word has a capital, only a word the dictionary reads as nothing but a person. */
const ONLY_A_PERSON = 0.95;

export const ONE_PART_RULES: readonly OnePartRule[] = [
  {
    name: 'initials and a surname',
    read: (c, m) =>
      !c.afterInitials
        ? []
        : m.surname(c.word).length > 0
          ? byGender(m.surname(c.word), c.feminine)
          : russianSurnameNominatives(c.word).length > 0
            ? russianSurnameNominatives(c.word)
            : [c.word.toLowerCase()],
  },
  {
    // Opening a sentence only a word the dictionary reads as nothing but a person, or mostly a person and
    // the subject of the verb in the singular after it (Лавров, also лавров of лавр: "Лавров встретился";
    // a plural verb has another subject: "Рыбаков сняли со льдины").
    name: 'a surname the dictionary knows',
    read: (c, m) =>
      m.personShare(c.word) >=
        (c.midSentence || c.beforeSingularPastVerb ? MOSTLY_A_PERSON : ONLY_A_PERSON) &&
      m.surname(c.word).length > 0
        ? byGender(m.surname(c.word), c.feminine)
        : [],
  },
  {
    // An Arabic name in -и after its article is a nisba, "of a place or a tribe", a part of persons' names
    // only (аль-Барадеи, аль-Багдади; аль-Каида, аль-Джазира are organisations), as written.
    name: 'an Arabic nisba after its article',
    read: (c) => (ARABIC_NISBA.test(c.word) ? [c.word.toLowerCase()] : []),
  },
  {
    // A plural cannot be the subject of a verb in the singular: before one, a word the dictionary reads
    // as a surname or else only as plurals is the surname ("Песков сообщил", not песок's genitive plural).
    name: 'a surname before a singular verb, its other readings plural',
    read: (c, m) =>
      c.beforeSingularPastVerb && m.isSurnameOrPlural(c.word)
        ? byGender(m.surname(c.word), c.feminine)
        : [],
  },
  {
    name: 'a surname of Russian shape no dictionary knows',
    read: (c, m) => {
      if (!(c.midSentence || c.beforeLowerCase) || !m.isUnknown(c.word)) return [];
      const russian = russianSurnameNominatives(c.word);
      return c.feminine ? [...russian].reverse() : russian;
    },
  },
  {
    // Mid-sentence, after a title or before a verb in the singular that it is the subject of, a
    // capitalised word of Russian surname shape that the dictionary reads only as a plural (Токаев as
    // токаев of токай, Азимов) is no common noun. Elsewhere it may be one ("власть Советов"), and so
    // opening a sentence ("Космонавтов встретили").
    name: 'a surname of Russian shape the dictionary reads only as a plural',
    read: (c, m) =>
      c.midSentence &&
      (c.afterTitle || c.beforeSingularPastVerb) &&
      !m.isUnknown(c.word) &&
      !m.canBeSingular(c.word)
        ? russianSurnameNominatives(c.word).filter((n) => !c.feminine || n.endsWith('а'))
        : [],
  },
  {
    // Mid-sentence a capital rules the ordinary readings out (лавровым, of лавровый): a word of Russian
    // surname shape in -ов/-ев/-ин that the dictionary also reads as a surname, and as no place, is one
    // ("с Лавровым"; "к Ростову" is the city).
    name: 'a surname of Russian shape the dictionary knows as one, mid-sentence',
    read: (c, m) =>
      c.midSentence &&
      RUSSIAN_POSSESSIVE_SHAPE.test(c.word) &&
      m.surname(c.word).length > 0 &&
      m.isProperOnlyAPerson(c.word)
        ? byGender(m.surname(c.word), c.feminine)
        : [],
  },
  {
    // The subject after its verb is a nominative: the name as written, never a plural's oblique ending
    // ("сообщил Викиновостям"). Only a word the dictionary knows as a surname or one of Russian surname
    // shape: an unknown word there is as often an organisation ("сообщил Роскомнадзор").
    // A surname the dictionary reads in no nominative of the verb's gender is its object, in the
    // nominative the dictionary gives ("убил Ленского.": Ленский).
    name: 'the subject after its verb, ending the clause',
    read: (c, m) => {
      if (!c.subjectAfterVerb || PLURAL_OBLIQUE.test(c.word)) return [];
      const readings = m.surname(c.word);
      if (readings.length === 0)
        return russianSurnameNominatives(c.word).includes(c.word.toLowerCase())
          ? [c.word.toLowerCase()]
          : [];
      const subject = readings.some(
        (r) => r.case === 'nomn' && r.gender !== (c.feminine ? 'masc' : 'femn'),
      );
      return subject ? [c.word.toLowerCase()] : byGender(readings, c.feminine);
    },
  },
  {
    // A noun ending in a consonant, -и, -о or -у is masculine or neuter (Роскомнадзор, Укрэнерго), never
    // feminine: the subject of a feminine verb ending so is a woman whose foreign surname does not
    // decline ("Псаки заявила", "— отметила Тунберг."), as written. Not a word in -а, -я, -ь
    // (Росгвардия, Роснефть), nor one hyphenated (Би-би-си).
    name: "a woman's surname no dictionary knows, by a feminine verb",
    read: (c, m) =>
      c.feminine &&
      (c.beforeSingularPastVerb || c.subjectAfterVerb) &&
      m.isUnknown(c.word) &&
      !/[аяь]$|-/u.test(c.word)
        ? [c.word.toLowerCase()]
        : [],
  },
  {
    name: 'a given name alone',
    read: (c, m) => {
      // A patronymic after it proves a given name that is also a place (Наина, Наин's genitive).
      const given = c.beforePatronymic ? m.givenName(c.word).length > 0 : m.isOnlyGivenName(c.word);
      if (!(c.midSentence || c.beforeLowerCase) || !given) return [];
      // The subject of the verb after it is a nominative: "как Марина бежит" is Марина, not Марин's genitive.
      const names = m
        .givenName(c.word)
        .filter((n) => n.case === 'nomn' || !(c.feminine || c.subjectOfPresentVerb));
      return byGender(names, c.feminine);
    },
  },
  {
    name: 'a surname after a title',
    read: (c, m) => {
      // Only a word the dictionary does not know: "лауреата Нобелевской" is an adjective. An unknown
      // word in -а/-я/-ы after a title is a genitive of a thing more often ("глава Роснано").
      if (!c.afterTitle || !c.midSentence || !m.isUnknown(c.word)) return [];
      const russian = russianSurnameNominatives(c.word);
      if (russian.length > 0) return c.feminine ? [...russian].reverse() : russian;
      if (/[аяы]$/u.test(c.word)) return [];
      // In the title's case a man's ending of that case comes off; a word without one stays as written
      // (Меркель, Нетаньяху: a woman's or indeclinable).
      const lower = c.word.toLowerCase();
      return [(!c.feminine && inTitlesCase(lower, c.title)) || lower];
    },
  },
  {
    // The dictionary knows some foreign surnames only as ordinary nouns (Трамп, a tramp steamer; Макрон, a
    // diacritic): after a title, capitalised mid-sentence and in the dictionary form, such a noun is the
    // surname, in the nominative. Not a word of adjective shape ("Папа Римский" is a title).
    // In the title's own oblique case it is that noun's form ("с президентом Трампом", "президенту
    // Трампу"), but never in the genitive: "президента Клуба" is the club's president.
    name: 'an ordinary noun after a title, capitalised mid-sentence',
    read: (c, m) => {
      if (!c.afterTitle || !c.midSentence || ADJECTIVE_SHAPE.test(c.word)) return [];
      const ending = TITLE_CASE_ENDING.exec(c.title)?.[1];
      const nominative =
        ending && c.word.endsWith(ending) ? c.word.slice(0, -ending.length) : c.word;
      return m.isCommonLemma(nominative) && !m.isNotANoun(c.word) && !m.isTitle(nominative)
        ? [nominative.toLowerCase()]
        : [];
    },
  },
];

/** The nominatives a lone capitalised word may stand for as a person (most likely first), or [] when it names none. */
export function onePartNominatives(candidate: OnePartCandidate, morphology: Morphology): string[] {
  for (const rule of ONE_PART_RULES) {
    const read = rule.read(candidate, morphology);
    if (read.length > 0) return read;
  }
  return [];
}
