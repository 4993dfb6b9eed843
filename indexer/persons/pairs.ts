/**
 * A given name and a surname side by side: are they a person, and what is their canonical nominative
 * `Имя Фамилия`? Each rule is one entry of `PAIR_RULES`, tried in order: it names the person, says the
 * pair is no person (null), or leaves the pair to the next rule (undefined). Agreement decides case and
 * gender: the given name's readings from the dictionary, the surname's from its ending.
 */
import type { Morphology, NameForm } from '../morphology.ts';
import { type PairContext, LEGISLATURE, THING_WORD } from './context.ts';
import {
  type SurnameReading,
  ARABIC_PARTICLE,
  MASCULINE_CASE_ENDING,
  capitalise,
  foreignNominative,
  givenNameNominative,
  surnameReadings,
} from './forms.ts';
import { CYRILLIC_NAME } from './words.ts';

/** The pair a rule reads. */
export interface Pair {
  first: string;
  surname: string;
  /** The first word's readings as a given name from the dictionary; none when it knows no such name. */
  names: NameForm[];
  /** The surname's readings from its ending (Russian shapes); none for other surnames. */
  surnames: SurnameReading[];
  context: PairContext;
  morphology: Morphology;
}

export interface PairRule {
  name: string;
  /** Which pairs it reads: a given name the dictionary knows, one it does not know, or any. */
  givenName: 'known' | 'unknown' | 'any';
  /** The canonical name, null when the pair is no person, undefined when the next rule decides. */
  decide(pair: Pair): string | null | undefined;
}

const CONSONANT_END = /[^аеёиоуыэюяь]$/u;
const name = (given: string, surname: string) => capitalise(`${given} ${surname}`);

/**
 * The nominative of a surname of no Russian shape standing in the case of the given name before it.
 * Women's foreign surnames that do not end in -а/-я do not decline (Джоанны Стингрей); men's drop
 * their case ending (Оливеру Кану, Халеда эль-Масри stays: a particle surname is left as written).
 */
function obliqueSurnameNominative(
  surname: string,
  given: NameForm,
  morphology: Morphology,
): string {
  const lower = surname.toLowerCase();
  if (surname.includes('-') || (given.gender === 'femn' && !/[ыиуюойе]$/u.test(lower)))
    return lower;
  const guess = morphology.surnameNominative(surname, given.case, given.gender);
  // The dictionary's guesser may split an unknown word (Стингрей -> рея): keep only a lemma of this word.
  if (guess && guess.slice(0, 3) === lower.slice(0, 3)) return guess;
  return given.gender === 'masc' ? givenNameNominative(surname, 'masc', given.case) : lower;
}

/**
 * Does the sentence say the name is a woman's: a feminine verb before it ending the clause, or after it
 * when it opens the clause ("Юлия Тимошенко вышла"), or after its surname alone elsewhere ("Тимошенко
 * выступила")?
 */
const saysWoman = (context: PairContext, surname: string) =>
  context.feminine || context.feminineVerbAfter || context.feminineSubject(surname.toLowerCase());

/**
 * The given name's reading before a surname that shows no case (Бондаренко, Дарчиашвили): a woman's
 * nominative when the sentence says so (saysWoman); a prepositional case only after a preposition that
 * takes it ("Валентине Матвиенко" is Валентина's dative, not Валентин's prepositional); else a man's.
 */
function undeclinedSurnameReading(
  names: NameForm[],
  surname: string,
  context: PairContext,
): NameForm | undefined {
  const possible = names.filter((n) => n.case !== 'loct' || context.afterLocativePreposition);
  const woman = saysWoman(context, surname)
    ? possible.find((n) => n.gender === 'femn' && n.case === 'nomn')
    : undefined;
  return woman ?? possible.find((n) => n.gender === 'masc') ?? possible[0] ?? names[0];
}

/**
 * The feminine nominative reading of a surname in -ова/-ева/-ина (Кендирбаева) when the text says she is
 * a woman: a feminine verb agreeing with the name or, elsewhere, with the surname alone ("Кендирбаева
 * отметила"), or the surname elsewhere in a woman's case (Кендирбаевой); and nowhere in a man's
 * (Кендирбаев, Кендирбаевым).
 */
function womansReading(
  surnames: readonly SurnameReading[],
  context: PairContext,
): SurnameReading | undefined {
  const reading = surnames.find((r) => r.gender === 'femn' && r.case === 'nomn');
  if (!reading) return undefined;
  const stem = reading.nominative.slice(0, -1);
  if (context.written(stem) || context.written(`${stem}ым`)) return undefined;
  return context.feminine ||
    context.feminineVerbAfter ||
    context.written(`${stem}ой`) ||
    context.feminineSubject(reading.nominative)
    ? reading
    : undefined;
}

/**
 * The reading of a known given name before a surname of no Russian shape, which shows no case itself:
 * a woman's when the sentence says so (saysWoman), or when the surname ends in a consonant and stays so after an oblique
 * given name (Виктории Нуланд; a man's would decline: Хайнца Фишера); else a man's, nominative first
 * ("Александра Брода" is Александр's genitive more often than Александра's nominative).
 */
function givenReadingBeforeForeignSurname({ surname, names, context }: Pair): NameForm {
  const masculine = names.filter((n) => n.gender === 'masc');
  const undeclinedAfterOblique =
    CONSONANT_END.test(surname.toLowerCase()) && !names.some((n) => n.case === 'nomn')
      ? names.find((n) => n.gender === 'femn')
      : undefined;
  const woman = saysWoman(context, surname)
    ? names.find((n) => n.gender === 'femn' && n.case === 'nomn')
    : undeclinedAfterOblique;
  return (
    woman ??
    masculine.find((n) => n.case === 'nomn') ??
    masculine[0] ??
    names.find((n) => n.case === 'nomn') ??
    (names[0] as NameForm)
  );
}

export const PAIR_RULES: readonly PairRule[] = [
  {
    name: 'no-name-shape',
    givenName: 'any',
    decide: ({ first, surname }) =>
      !CYRILLIC_NAME.test(first) ||
      ARABIC_PARTICLE.test(first.split('-')[0] as string) ||
      ARABIC_PARTICLE.test(surname)
        ? null
        : undefined,
  },
  {
    name: 'legislature',
    givenName: 'any',
    decide: ({ first, surname }) =>
      LEGISLATURE.test(first) || LEGISLATURE.test(surname) ? null : undefined,
  },
  {
    // A name wholly in quotes names a thing: a ship, a programme, a film («Спейс Шаттл», «Адмирал Кузнецов»).
    name: 'quoted',
    givenName: 'any',
    decide: ({ context }) => (context.quoted ? null : undefined),
  },
  {
    // A place written apart that the dictionary knows hyphenated: Коста Рика, Сьерра Леоне.
    name: 'place-written-apart',
    givenName: 'any',
    decide: ({ first, surname, morphology }) =>
      morphology.isPlaceOrOrganisation(`${first}-${surname}`) ? null : undefined,
  },
  {
    // An adjective or verb, a place or organisation, a title: no given name. A capitalised word the
    // dictionary reads only as a short adjective or participle is one mid-sentence (Сулима Ямадаева).
    name: 'first-word-no-given-name',
    givenName: 'any',
    decide: ({ first, morphology: m, context }) =>
      (m.isNotANoun(first) && !(context.midSentence && m.isOnlyShortForm(first))) ||
      m.isPlaceOrOrganisation(first) ||
      m.isTitle(first)
        ? null
        : undefined,
  },
  {
    // A common noun opening a sentence ("Полёт Гагарина") is no given name; mid-sentence one may be (Талант).
    name: 'common-word-opening-sentence',
    givenName: 'any',
    decide: ({ first, morphology, context }) =>
      morphology.isCommonWord(first) && !context.midSentence && !context.afterTitle
        ? null
        : undefined,
  },
  {
    // A patronymic after a given name ("Борис Николаевич") is not a surname; Янукович and Шендерович are,
    // and so is a man's patronymic after a woman's name (Светлана Алексиевич).
    name: 'patronymic-no-surname',
    givenName: 'any',
    decide: ({ surname, names, morphology }) => {
      const womansName = names.length > 0 && names.every((n) => n.gender === 'femn');
      return morphology.isPatronymic(surname) && !(womansName && /ич$/u.test(surname))
        ? null
        : undefined;
    },
  },
  // A given name the dictionary knows.
  {
    // Opening a sentence, a given name that is also a common word (Роман, Вера, Лев) needs a surname that
    // is no common word; mid-sentence its capital says it is the name.
    name: 'common-given-name-before-common-word',
    givenName: 'known',
    decide: ({ first, surname, surnames, morphology: m, context }) =>
      surnames.length === 0 &&
      !context.midSentence &&
      m.hasCommonReading(first) &&
      (m.isCommonWord(surname) || m.isNotANoun(surname))
        ? null
        : undefined,
  },
  {
    // An indeclinable given name (Джошуа, Сами) leaves the case to a foreign surname (Джошуа Вольфа), which
    // may be a common noun or a place too (Виктор Бут, Оливер Кан): mid-name capitals are no sentence's.
    name: 'foreign-surname-after-nominative-given-name',
    givenName: 'known',
    decide: (pair) => {
      const { surname, names, surnames, morphology } = pair;
      if (surnames.length > 0) return undefined;
      const given = givenReadingBeforeForeignSurname(pair);
      if (given.case !== 'nomn') return undefined;
      const indeclinable = names.some(
        (n) => n.case !== 'nomn' && n.nominative === given.nominative,
      );
      const last =
        (indeclinable &&
          !surname.includes('-') &&
          (morphology.obliqueProperNominative(surname) ??
            (given.gender === 'masc' && !morphology.surname(surname).some((r) => r.case === 'nomn')
              ? MASCULINE_CASE_ENDING.exec(surname.toLowerCase())?.[1]
              : undefined))) ||
        surname.toLowerCase();
      return name(given.nominative, last);
    },
  },
  {
    // A foreign surname in the case of an oblique given name: Хайнца Фишера, Оливеру Кану, Виктории Нуланд.
    name: 'foreign-surname-in-given-names-case',
    givenName: 'known',
    decide: (pair) => {
      if (pair.surnames.length > 0) return undefined;
      const given = givenReadingBeforeForeignSurname(pair);
      return name(given.nominative, obliqueSurnameNominative(pair.surname, given, pair.morphology));
    },
  },
  {
    // The first reading where the given name and a Russian surname agree in gender and case; a surname
    // that shows no case (Бондаренко) takes the given name's (undeclinedSurnameReading). In an oblique
    // case a name that declines there comes before one that never declines: "Анне Сидоровой" is Анна's
    // dative, not the French Анне. When the sentence says she is a woman, her readings come first:
    // "Жанна Агалакова вернулась" is Жанна's, not Жан's genitive.
    name: 'agreement-in-gender-and-case',
    givenName: 'known',
    decide: ({ first, surname, names, surnames, context }) => {
      const declines = (n: NameForm) => n.case === 'nomn' || n.nominative !== first.toLowerCase();
      const ordered = saysWoman(context, surname)
        ? [...surnames].sort((a, b) => Number(b.gender === 'femn') - Number(a.gender === 'femn'))
        : surnames;
      for (const declining of [true, false])
        for (const s of ordered) {
          const given =
            s.case === 'any'
              ? declining
                ? undefined
                : undeclinedSurnameReading(names, surname, context)
              : names.find(
                  (n) =>
                    (n.gender === s.gender || n.gender === 'ms-f') &&
                    n.case === s.case &&
                    (!declining || declines(n)),
                );
          if (given) return name(given.nominative, s.nominative);
        }
      return undefined;
    },
  },
  {
    // Opening a sentence, a given name that is also a common word (Роман, Вера, Лев) and agrees with the
    // surname in neither both gender and case is that word: "Роман Пелевина вышел" (Пелевин's novel).
    name: 'common-given-name-disagreeing-opening-sentence',
    givenName: 'known',
    decide: ({ first, surnames, morphology, context }) =>
      surnames.length > 0 && !context.midSentence && morphology.hasCommonReading(first)
        ? null
        : undefined,
  },
  {
    // No reading agrees in both. The case the given name shows decides before the gender the dictionary
    // gives it (Бермет, a woman's name it lists as a man's: Бермет Осмонова).
    name: 'agreement-in-case',
    givenName: 'known',
    decide: ({ names, surnames }) => {
      const s = surnames.find((r) => names.some((n) => n.case === r.case));
      return s ? name((names[0] as NameForm).nominative, s.nominative) : undefined;
    },
  },
  {
    name: 'agreement-in-gender',
    givenName: 'known',
    decide: ({ names, surnames }) => {
      const s = surnames.find((r) =>
        names.some((n) => n.gender === r.gender || n.gender === 'ms-f'),
      );
      return s ? name((names[0] as NameForm).nominative, s.nominative) : null;
    },
  },
  // A given name no dictionary knows (Камчыбек, Масахару, Фелипе).
  {
    // A word of Russian surname shape before a word that is only a given name is a surname, and the
    // given name stands apart: "супруга Дмитрия Медведева Светлана" (the surname first with no
    // patronymic after is read elsewhere, if at all).
    name: 'russian-surname-before-given-name',
    givenName: 'unknown',
    decide: ({ first, surname, morphology }) =>
      surnameReadings(first).length > 0 && morphology.isOnlyGivenName(surname) ? null : undefined,
  },
  {
    name: 'place-as-surname',
    givenName: 'unknown',
    decide: ({ surname, morphology }) =>
      morphology.isPlaceOrOrganisation(surname) ? null : undefined,
  },
  {
    // Two ordinary words with capitals name a thing (Советом Директоров), not a person.
    name: 'two-common-words',
    givenName: 'unknown',
    decide: ({ first, surname, morphology }) =>
      morphology.isCommonWord(first) && morphology.isCommonWord(surname) ? null : undefined,
  },
  {
    name: 'russian-surname-no-noun-or-after-thing-word',
    givenName: 'unknown',
    decide: ({ surname, surnames, morphology, context }) =>
      surnames.length > 0 && (morphology.isNotANoun(surname) || context.afterThingWord)
        ? null
        : undefined,
  },
  {
    // A consonant ending is a nominative masculine name (Камчыбек, Дастан), so the surname is nominative
    // too; otherwise a woman's reading when the text says so, else the surname's first (most frequent).
    name: 'russian-surname-shows-case',
    givenName: 'unknown',
    decide: ({ first, surnames, context }) => {
      if (surnames.length === 0) return undefined;
      const reading = CONSONANT_END.test(first.toLowerCase())
        ? (surnames.find((r) => r.case === 'nomn' || r.case === 'any') ??
          (surnames[0] as SurnameReading))
        : (womansReading(surnames, context) ?? (surnames[0] as SurnameReading));
      const inCase = reading.case === 'any' ? 'nomn' : reading.case;
      return name(givenNameNominative(first, reading.gender, inCase), reading.nominative);
    },
  },
  {
    // Two capitalised words of no Russian shape are a foreign name only mid-sentence or after a title,
    // ending their run (so "Тоттенхэм Хотспур Ледли" does not yield "Хотспур Ледли").
    name: 'foreign-pair-where-names-stand',
    givenName: 'unknown',
    decide: ({ surname, context }) =>
      !CYRILLIC_NAME.test(surname) ||
      !context.endsRun ||
      !(context.midSentence || context.afterTitle) ||
      context.afterThingWord ||
      context.afterPlacePreposition
        ? null
        : undefined,
  },
  {
    // A kind of thing as the second word (Дойче Банк, Майкрософт Корпорейшн) names that thing.
    name: 'foreign-pair-thing-word',
    givenName: 'unknown',
    decide: ({ surname }) => (THING_WORD.test(surname.toLowerCase()) ? null : undefined),
  },
  {
    // A first word the dictionary knows as an inflected common word (Хорхе, Тору, but also "острова") only
    // before a surname it does not know at all (Ларрионда, Камикава; not "Уайт"); a common word in its
    // dictionary form (Спутник, Игра) never.
    name: 'foreign-pair-common-first-word',
    givenName: 'unknown',
    decide: ({ first, surname, morphology: m }) =>
      m.isCommonWord(first) && (m.isCommonLemma(first) || !m.isUnknown(surname)) ? null : undefined,
  },
  {
    // A common noun as the surname (Йохен Шарф, Фелипе Масса) only after a given name no dictionary
    // knows at all; an adjective or verb never.
    name: 'foreign-pair-common-surname',
    givenName: 'unknown',
    decide: ({ first, surname, morphology: m }) =>
      m.isNotANoun(surname) ||
      ((m.isCommonWord(surname) || m.isTitle(surname)) && !m.isUnknown(first))
        ? null
        : undefined,
  },
  {
    // A surname the dictionary knows only in a man's oblique case (Фишера, Фишером) puts his given name
    // in that case too: Хайнца Фишера is Хайнц Фишер.
    name: 'foreign-pair-oblique-dictionary-surname',
    givenName: 'unknown',
    decide: ({ first, surname, morphology }) => {
      const readings = morphology.surname(surname);
      const reading = readings[0];
      return reading && readings.every((r) => r.case !== 'nomn' && r.gender === 'masc')
        ? name(givenNameNominative(first, 'masc', reading.case), reading.nominative)
        : undefined;
    },
  },
  {
    name: 'foreign-pair-nominative',
    givenName: 'unknown',
    decide: ({ first, surname }) => foreignNominative(first, surname),
  },
];

/** The rule that decides a pair, and what it decides (the last rule always decides). */
export function decidePair(
  first: string,
  surname: string,
  morphology: Morphology,
  context: PairContext,
): { rule: string; canonical: string | null } {
  const names = morphology.givenName(first);
  const pair: Pair = {
    first,
    surname,
    names,
    surnames: surnameReadings(surname),
    context,
    morphology,
  };
  const kind = names.length > 0 ? 'known' : 'unknown';
  for (const rule of PAIR_RULES) {
    if (rule.givenName !== 'any' && rule.givenName !== kind) continue;
    const canonical = rule.decide(pair);
    if (canonical !== undefined) return { rule: rule.name, canonical };
  }
  throw new Error(`no pair rule decided "${first} ${surname}"`);
}

/** Canonical `Имя Фамилия` for a given name + surname pair, or null when it is not a person. */
export function canonicalPair(
  first: string,
  surname: string,
  morphology: Morphology,
  context: PairContext,
): string | null {
  return decidePair(first, surname, morphology, context).canonical;
}
