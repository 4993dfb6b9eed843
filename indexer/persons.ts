/**
 * Person extraction: canonical nominative `Имя Фамилия` from inflected mentions, with surname-only and
 * initial mentions resolved to the full name used elsewhere in the same article.
 */
import type { Morphology, NameForm } from './morphology.ts';
import {
  ARABIC_PARTICLES,
  EAST_ASIAN_SURNAMES,
  INVARIABLE_SURNAME_ENDINGS,
  LEGISLATURE_STEMS,
  LOCATIVE_PREPOSITIONS,
  LOWER_CASE_PARTICLES,
  oneOf,
  PATRONYMIC_SUFFIXES,
  PLACE_PREPOSITIONS,
  ROLE_STEMS,
  SURNAME_PARTICLES,
  THING_STEMS,
  TURKIC_PATRONYMICS,
} from './persons/lexicon.ts';
import { onePartNominatives } from './persons/one-part.ts';

export interface PersonMention {
  /** Canonical name. */
  name: string;
  start: number;
  end: number;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const ARABIC_PARTICLE = oneOf(ARABIC_PARTICLES);
/** A capitalised word, an Arabic particle and its name, an initial, or a lower-case particle of a name. */
const NAME_WORD = new RegExp(
  `(?:\\p{Lu}[’'])?\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)*|(?<![\\p{L}-])(?:${ARABIC_PARTICLES.join('|')})-\\p{Lu}\\p{Ll}+|\\p{Lu}\\.|(?<=\\s)(?:${[...TURKIC_PATRONYMICS, ...SURNAME_PARTICLES].join('|')})(?=[\\s.,;:!?»)]|$)`,
  'gu',
);
const SURNAME_PARTICLE = oneOf(SURNAME_PARTICLES);
const LOWER_CASE_PARTICLE = oneOf(LOWER_CASE_PARTICLES);
const PATRONYMIC = new RegExp(`(?:${PATRONYMIC_SUFFIXES.join('|')})(а|у|ем|ом|е|ой|ы|ою)?$`, 'u');
const INITIAL = /^\p{Lu}\.$/u;
const CYRILLIC_INITIAL = /^[А-ЯЁ]\.$/u;
const CYRILLIC_NAME = /^(?:[А-ЯЁ][’'])?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*$/u;
const LEGISLATURE = oneOf(LEGISLATURE_STEMS, true);
const EAST_ASIAN_SURNAME = new Set(EAST_ASIAN_SURNAMES);
const EAST_ASIAN_CASE_ENDING = /^(.+?)(а|у|ом|е)$/u;
/**
 * Often only the last part of such a name declines, when it ends in a syllable-final consonant: Ким Ир
 * Сена, Мао Цзэдуном (but Ким Ён Чжу stays).
 */
const EAST_ASIAN_LAST_DECLINED = /^(.*[аеёиоуыэюя][нрлмкпт])(?:а|у|ом|е)$/u;
const EAST_ASIAN_LAST_DECLINED_SOFT = /^(.+[нл])(?:я|ю|ем)$/u;
const TURKIC_PATRONYMIC = oneOf(TURKIC_PATRONYMICS);

// Surname endings, with the case/gender readings they allow. Longest first.
const SURNAME_ENDINGS: Array<{
  re: RegExp;
  readings: Array<{ gender: 'masc' | 'femn'; case: string; base: (stem: string) => string }>;
}> = [
  { re: /^(.+(?:ов|ев|ёв|ин|ын))$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => s }] },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))а$/u,
    readings: [
      { gender: 'masc', case: 'gent', base: (s) => s },
      { gender: 'femn', case: 'nomn', base: (s) => `${s}а` },
    ],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))у$/u,
    readings: [
      { gender: 'masc', case: 'datv', base: (s) => s },
      { gender: 'femn', case: 'accs', base: (s) => `${s}а` },
    ],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))ым$/u,
    readings: [{ gender: 'masc', case: 'ablt', base: (s) => s }],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))е$/u,
    readings: [{ gender: 'masc', case: 'loct', base: (s) => s }],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))ой$/u,
    readings: ['gent', 'datv', 'ablt', 'loct'].map((c) => ({
      gender: 'femn' as const,
      case: c,
      base: (s: string) => `${s}а`,
    })),
  },
  { re: /^(.+(?:ск|цк))ий$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => `${s}ий` }] },
  {
    re: /^(.+(?:ск|цк))(?:ого|ому|им|ом)$/u,
    readings: [{ gender: 'masc', case: 'gent', base: (s) => `${s}ий` }],
  },
  { re: /^(.+(?:ск|цк))ая$/u, readings: [{ gender: 'femn', case: 'nomn', base: (s) => `${s}ая` }] },
  {
    re: /^(.+(?:ск|цк))(?:ой|ую)$/u,
    readings: [{ gender: 'femn', case: 'gent', base: (s) => `${s}ая` }],
  },
];

const INVARIABLE_SURNAME = new RegExp(`(?:${INVARIABLE_SURNAME_ENDINGS.join('|')})$`, 'u');

interface SurnameReading {
  gender: 'masc' | 'femn';
  case: string;
  nominative: string;
}

function surnameReadings(word: string): SurnameReading[] {
  const lower = word.toLowerCase();
  for (const { re, readings } of SURNAME_ENDINGS) {
    const m = re.exec(lower);
    if (m)
      return readings.map((r) => ({
        gender: r.gender,
        case: r.case,
        nominative: r.base(m[1] as string),
      }));
  }
  if (INVARIABLE_SURNAME.test(lower)) return [{ gender: 'masc', case: 'any', nominative: lower }];
  return [];
}

/** Put an unknown given name into the nominative, knowing the case and gender its surname showed. */
function givenNameNominative(
  word: string,
  gender: 'masc' | 'femn',
  grammaticalCase: string,
): string {
  const lower = word.toLowerCase();
  if (grammaticalCase === 'nomn') return lower;
  if (gender === 'masc') {
    if (
      /[^аеёиоуыэюя]а$/u.test(lower) &&
      (grammaticalCase === 'gent' || grammaticalCase === 'accs')
    )
      return lower.slice(0, -1);
    if (/[аеиоу]я$/u.test(lower) && (grammaticalCase === 'gent' || grammaticalCase === 'accs'))
      return `${lower.slice(0, -1)}й`;
    if (/[^аеёиоуыэюя]у$/u.test(lower) && grammaticalCase === 'datv') return lower.slice(0, -1);
    if (/[аеиоу]ю$/u.test(lower) && grammaticalCase === 'datv') return `${lower.slice(0, -1)}й`;
    if (/[^аеёиоуыэюя]ом$/u.test(lower) && grammaticalCase === 'ablt') return lower.slice(0, -2);
    if (/[цжшчщ]ем$/u.test(lower) && grammaticalCase === 'ablt') return lower.slice(0, -2);
    if (/[^аеёиоуыэюя]е$/u.test(lower) && grammaticalCase === 'loct') return lower.slice(0, -1);
    return lower;
  }
  if (/ы$/u.test(lower) && grammaticalCase === 'gent') return `${lower.slice(0, -1)}а`;
  if (/у$/u.test(lower) && grammaticalCase === 'accs') return `${lower.slice(0, -1)}а`;
  if (/ой$/u.test(lower)) return `${lower.slice(0, -2)}а`;
  return lower;
}

function capitalise(name: string): string {
  return name
    .split(' ')
    .map((part, i) =>
      TURKIC_PATRONYMIC.test(part) || (i > 0 && LOWER_CASE_PARTICLE.test(part))
        ? part
        : part
            .split('-')
            .map((p, j, parts) =>
              j < parts.length - 1 && ARABIC_PARTICLE.test(p)
                ? p
                : p.charAt(0).toUpperCase() + p.slice(1),
            )
            .join('-'),
    )
    .join(' ');
}

const THING_WORD = new RegExp(
  `^(?:${THING_STEMS.join('|')})(?:[аяуюеиыоь]|ой|ей|ом|ем|ам|ям|ами|ями|ах|ях|ов|ев|ий|ия|ие|ию|ии)?$`,
  'u',
);
const ROLE_WORD = oneOf(ROLE_STEMS, true);
const LOCATIVE_PREPOSITION = oneOf(LOCATIVE_PREPOSITIONS);
const PLACE_PREPOSITION = oneOf(PLACE_PREPOSITIONS);

const SPACE = /\s/u;
const WORD_CHARACTER = /[\p{L}-]/u;

/**
 * The word that ends where `end` starts, with only white space between (null when punctuation or nothing
 * stands there), and where it starts. A character scan: these checks run for every candidate name.
 */
function wordBefore(text: string, end: number): { word: string; start: number } | null {
  let wordEnd = end;
  while (wordEnd > 0 && SPACE.test(text[wordEnd - 1] as string)) wordEnd--;
  if (wordEnd === end) return null;
  let start = wordEnd;
  while (start > 0 && WORD_CHARACTER.test(text[start - 1] as string)) start--;
  return start === wordEnd ? null : { word: text.slice(start, wordEnd), start };
}

/**
 * A woman's name: a feminine past-tense verb before it, and the clause ending after it ("— заявила Арина
 * Соболенко."), the inverted order of news reports. A verb after it proves nothing ("Встреча Александра
 * Лукашенко прошла"), nor one before it with more to follow ("поблагодарила Александра Лукашенко за ...").
 */
const FEMININE_VERB = /^\p{Ll}+ла(?:сь)?$/u;
const CLAUSE_END = /^\s*(?:[.,;:!?»)]|[—–-]\s|$)/u;
const afterFeminineVerb = (text: string, start: number, end: number) =>
  FEMININE_VERB.test(wordBefore(text, start)?.word ?? '') &&
  CLAUSE_END.test(text.slice(end, end + 3));

/** Is the word before `start` a `PLACE_PREPOSITION`? */
function followsPlacePreposition(text: string, start: number): boolean {
  const before = wordBefore(text, start);
  return before !== null && PLACE_PREPOSITION.test(before.word.toLowerCase());
}

/** Is the word before `start` one of the `THING_WORD`s, not itself governed by a role ("глава компании")? */
function followsThingWord(text: string, start: number, morphology: Morphology): boolean {
  const thing = wordBefore(text, start);
  if (!thing || !THING_WORD.test(thing.word.toLowerCase())) return false;
  const role = wordBefore(text, thing.start)?.word.toLowerCase();
  return !(role && (ROLE_WORD.test(role) || morphology.isTitle(role)));
}

/** Where a candidate name stands in its sentence. */
interface PairContext {
  /** A title or profession right before it ("министр", "тренер"). */
  afterTitle: boolean;
  /** A word naming a company, band, place or product right before it ("компания", "группа", "модель"). */
  afterThingWord: boolean;
  /** A preposition of place right before it ("в Нотр Дам"). */
  afterPlacePreposition: boolean;
  /** Not at the start of a sentence, where every word is capitalised. */
  midSentence: boolean;
  /** After a feminine verb, ending its clause: Арина (not Арин's genitive) in "заявила Арина Соболенко.". */
  feminine: boolean;
  /** After a preposition that takes the prepositional case ("о", "при", "в", "на"). */
  afterLocativePreposition: boolean;
  /** No capitalised word follows it without punctuation between. */
  endsRun: boolean;
}

/** A masculine instrumental on a consonant stem (Блинкеном): no foreign surname's nominative ends so. */
const INSTRUMENTAL = /^(.+[бвгдзклмнпрстфх])ом$/u;
/**
 * A man's foreign surname on a consonant with a case ending (Байдена, Байдену, Байденом): after a given
 * name that does not decline (Джо), the surname carries the case.
 */
const MASCULINE_CASE_ENDING = /^(.+[бвгдзклмнпрстфхцжшщ])(?:а|у|ом|ем)$/u;
const CONSONANT_THEN_Y = /[^аеёиоуыэюяьй]ы$/u;
const CONSONANT_THEN_A = /[^аеёиоуыэюяьй]а$/u;

/**
 * A foreign name no dictionary knows, in the nominative. Few cases show on such names: the genitive of a
 * given name in -ы (Аксары, from Аксара) or of a surname in -ы (Маехары, from Маехара), and a masculine
 * instrumental in -ом (Эстебаном Гарридо); anything else stays as written.
 */
function foreignNominative(first: string, surname: string): string {
  let given = first.toLowerCase();
  let last = surname.toLowerCase();
  const instrumental = INSTRUMENTAL.exec(given);
  if (instrumental) {
    given = instrumental[1] as string;
    last = INSTRUMENTAL.exec(last)?.[1] ?? last;
  } else if (CONSONANT_THEN_Y.test(given)) {
    given = `${given.slice(0, -1)}а`;
    if (CONSONANT_THEN_A.test(last)) last = last.slice(0, -1);
    else if (CONSONANT_THEN_Y.test(last)) last = `${last.slice(0, -1)}а`;
  } else if (CONSONANT_THEN_Y.test(last)) last = `${last.slice(0, -1)}а`;
  return capitalise(`${given} ${last}`);
}

/**
 * The nominative of a surname of no Russian shape standing in the case of the given name before it.
 * Women's foreign surnames that do not end in -а/-я do not decline (Джоанны Стингрей); men's drop
 * their case ending (Оливеру Кану, Халеда эль-Масри stays: a particle surname is left as written).
 */
function obliqueSurnameNominative(surname: string, name: NameForm, morphology: Morphology): string {
  const lower = surname.toLowerCase();
  if (surname.includes('-') || (name.gender === 'femn' && !/[ыиуюойе]$/u.test(lower))) return lower;
  const guess = morphology.surnameNominative(surname, name.case, name.gender);
  // The dictionary's guesser may split an unknown word (Стингрей -> рея): keep only a lemma of this word.
  if (guess && guess.slice(0, 3) === lower.slice(0, 3)) return guess;
  return name.gender === 'masc' ? givenNameNominative(surname, 'masc', name.case) : lower;
}

/**
 * The given name's reading before a surname that shows no case (Бондаренко, Дарчиашвили): a woman's
 * nominative after a feminine verb; a prepositional case only after a preposition that takes it
 * ("Валентине Матвиенко" is Валентина's dative, not Валентин's prepositional); else a man's.
 */
function undeclinedSurnameReading(names: NameForm[], context: PairContext): NameForm | undefined {
  const possible = names.filter((n) => n.case !== 'loct' || context.afterLocativePreposition);
  const woman = context.feminine
    ? possible.find((n) => n.gender === 'femn' && n.case === 'nomn')
    : undefined;
  return woman ?? possible.find((n) => n.gender === 'masc') ?? possible[0] ?? names[0];
}

/** `Имя Фамилия` when the given name is in the dictionary. */
function pairWithKnownGivenName(
  first: string,
  surname: string,
  names: NameForm[],
  morphology: Morphology,
  context: PairContext,
): string | null {
  const surnames = surnameReadings(surname);
  if (surnames.length === 0) {
    // Opening a sentence, a given name that is also a common word (Роман, Вера, Лев) needs a surname that
    // is no common word; mid-sentence its capital says it is the name.
    if (
      !context.midSentence &&
      morphology.hasCommonReading(first) &&
      (morphology.isCommonWord(surname) || morphology.isNotANoun(surname))
    )
      return null;
    // After a known given name, a capitalised word is a surname even when it is also a common noun or a
    // place (Виктор Бут, Оливер Кан): mid-name capitals are not sentence capitals.
    // "Александра Брода" is Александр's genitive more often than Александра's nominative.
    const masculine = names.filter((n) => n.gender === 'masc');
    // A man's foreign surname on a consonant declines with his given name (Хайнца Фишера); one that
    // stays as it is after a given name in an oblique case is a woman's (Виктории Нуланд).
    const undeclinedAfterOblique =
      /[^аеёиоуыэюяь]$/u.test(surname.toLowerCase()) && !names.some((n) => n.case === 'nomn')
        ? names.find((n) => n.gender === 'femn')
        : undefined;
    const woman = context.feminine
      ? names.find((n) => n.gender === 'femn' && n.case === 'nomn')
      : undeclinedAfterOblique;
    const name =
      woman ??
      masculine.find((n) => n.case === 'nomn') ??
      masculine[0] ??
      names.find((n) => n.case === 'nomn') ??
      (names[0] as NameForm);
    if (name.case === 'nomn') {
      // An indeclinable given name (Джошуа, Сами) leaves the case to the surname (Джошуа Вольфа).
      const indeclinable = names.some((n) => n.case !== 'nomn' && n.nominative === name.nominative);
      const last =
        (indeclinable &&
          !surname.includes('-') &&
          (morphology.obliqueProperNominative(surname) ??
            (name.gender === 'masc' && !morphology.surname(surname).some((r) => r.case === 'nomn')
              ? MASCULINE_CASE_ENDING.exec(surname.toLowerCase())?.[1]
              : undefined))) ||
        surname.toLowerCase();
      return capitalise(`${name.nominative} ${last}`);
    }
    return capitalise(`${name.nominative} ${obliqueSurnameNominative(surname, name, morphology)}`);
  }
  // Prefer a reading where the given name and the surname agree in gender and case.
  for (const s of surnames) {
    const name =
      s.case === 'any'
        ? undeclinedSurnameReading(names, context)
        : names.find((n) => (n.gender === s.gender || n.gender === 'ms-f') && n.case === s.case);
    if (name) return capitalise(`${name.nominative} ${s.nominative}`);
  }
  const s = surnames.find((r) => names.some((n) => n.gender === r.gender || n.gender === 'ms-f'));
  return s ? capitalise(`${(names[0] as NameForm).nominative} ${s.nominative}`) : null;
}

/** `Имя Фамилия` when the given name is in no dictionary (Камчыбек, Масахару, Фелипе). */
function pairWithUnknownGivenName(
  first: string,
  surname: string,
  morphology: Morphology,
  context: PairContext,
): string | null {
  if (morphology.isPlaceOrOrganisation(surname)) return null;
  const surnames = surnameReadings(surname);
  // Two ordinary words with capitals name a thing (Советом Директоров), not a person.
  if (morphology.isCommonWord(first) && morphology.isCommonWord(surname)) return null;
  if (surnames.length > 0) {
    if (morphology.isNotANoun(surname) || context.afterThingWord) return null;
    // A consonant ending is a nominative masculine name (Камчыбек, Дастан), so the surname is nominative
    // too; otherwise trust the surname's first (most frequent) reading.
    const consonantEnding = /[^аеёиоуыэюяь]$/u.test(first.toLowerCase());
    const reading = consonantEnding
      ? (surnames.find((r) => r.case === 'nomn' || r.case === 'any') ??
        (surnames[0] as SurnameReading))
      : (surnames[0] as SurnameReading);
    return capitalise(
      `${givenNameNominative(first, reading.gender, reading.case === 'any' ? 'nomn' : reading.case)} ${reading.nominative}`,
    );
  }
  // Two capitalised words of no Russian shape: a foreign name when they stand mid-sentence or after a
  // title, and end their run (so "Тоттенхэм Хотспур Ледли" does not yield "Хотспур Ледли").
  if (
    !CYRILLIC_NAME.test(surname) ||
    !context.endsRun ||
    !(context.midSentence || context.afterTitle)
  )
    return null;
  if (context.afterThingWord || context.afterPlacePreposition) return null;
  // A kind of thing as the second word (Дойче Банк, Майкрософт Корпорейшн) names that thing.
  if (THING_WORD.test(surname.toLowerCase())) return null;
  // A first word the dictionary knows as an inflected common word (Хорхе, Тору, but also "острова") only
  // before a surname it does not know at all (Ларрионда, Камикава; not "Уайт"); a common word in its
  // dictionary form (Спутник, Игра) never.
  if (
    morphology.isCommonWord(first) &&
    (morphology.isCommonLemma(first) || !morphology.isUnknown(surname))
  )
    return null;
  // A common noun as the surname (Йохен Шарф, Фелипе Масса) only after a given name no dictionary knows;
  // an adjective or verb never.
  if (morphology.isNotANoun(surname)) return null;
  if (
    (morphology.isCommonWord(surname) || morphology.isTitle(surname)) &&
    !morphology.isUnknown(first)
  )
    return null;
  // A surname the dictionary knows only in a man's oblique case (Фишера, Фишером) puts his given name
  // in that case too: Хайнца Фишера is Хайнц Фишер.
  const oblique = morphology.surname(surname);
  const reading = oblique[0];
  if (reading && oblique.every((r) => r.case !== 'nomn' && r.gender === 'masc'))
    return capitalise(`${givenNameNominative(first, 'masc', reading.case)} ${reading.nominative}`);
  return foreignNominative(first, surname);
}

/**
 * Canonical `Имя Фамилия` for a given name + surname pair, or null when it is not a person.
 */
function canonicalPair(
  first: string,
  surname: string,
  morphology: Morphology,
  context: PairContext,
): string | null {
  if (
    !CYRILLIC_NAME.test(first) ||
    ARABIC_PARTICLE.test(first.split('-')[0] as string) ||
    ARABIC_PARTICLE.test(surname)
  )
    return null;
  if (LEGISLATURE.test(first) || LEGISLATURE.test(surname)) return null;
  if (
    morphology.isNotANoun(first) ||
    morphology.isPlaceOrOrganisation(first) ||
    morphology.isTitle(first)
  )
    return null;
  // A common noun opening a sentence ("Полёт Гагарина") is no given name; mid-sentence one may be (Талант).
  if (morphology.isCommonWord(first) && !context.midSentence && !context.afterTitle) return null;
  const names = morphology.givenName(first);
  // A patronymic after a given name ("Борис Николаевич") is not a surname; Янукович and Шендерович are,
  // and so is a man's patronymic after a woman's name (Светлана Алексиевич).
  const womansName = names.length > 0 && names.every((n) => n.gender === 'femn');
  if (morphology.isPatronymic(surname) && !(womansName && /ич$/u.test(surname))) return null;
  return names.length > 0
    ? pairWithKnownGivenName(first, surname, names, morphology, context)
    : pairWithUnknownGivenName(first, surname, morphology, context);
}

/** Is the word before `start` a title or profession ("президент", "депутат", "министр")? */
function followsTitle(text: string, start: number, morphology: Morphology): boolean {
  const before = wordBefore(text, start);
  return before !== null && morphology.isTitle(before.word);
}

/** Does `start` begin a sentence (text start, or after . ! ? … and an opening quote)? */
const startsSentence = (text: string, start: number) =>
  /(^|[.!?…]\s*[«"„]?\s*)$/.test(text.slice(Math.max(0, start - 4), start));

/** Latin letters that look like Cyrillic ones, and those Cyrillic ones. */
const LATIN_LOOKALIKES = 'AaBCcEeHKkMOoPpTXxy';
const CYRILLIC_TWINS = 'АаВСсЕеНКкМОоРрТХху';
const MIXED_SCRIPT_WORD =
  /\p{L}*(?:\p{Script=Cyrillic}\p{Script=Latin}|\p{Script=Latin}\p{Script=Cyrillic})\p{L}*/gu;

/**
 * The text with every word that mixes scripts written in Cyrillic ("Ташиeв" with a Latin e is
 * Ташиев), letter for letter, so offsets stay the same.
 */
export function inCyrillic(text: string): string {
  return text.replace(MIXED_SCRIPT_WORD, (word) =>
    [...word]
      .map((c) => {
        const i = LATIN_LOOKALIKES.indexOf(c);
        return i < 0 ? c : (CYRILLIC_TWINS[i] as string);
      })
      .join(''),
  );
}

function nameWords(text: string): Word[] {
  return [...text.matchAll(NAME_WORD)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Words separated only by spaces (no punctuation) form a run that may hold a name. */
function runs(text: string, words: Word[]): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const previous = current[current.length - 1];
    if (
      previous &&
      /^\s+$/.test(text.slice(previous.end, word.start)) === false &&
      !(INITIAL.test(previous.text) && /^\s*$/.test(text.slice(previous.end, word.start)))
    ) {
      out.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Chinese and Korean names in a run, written surname first: "Ху Цзиньтао", "Ким Чен Ир", "Кима Чен Ира".
 * Korean given names are two short syllables; a longer word is a whole (Chinese) given name.
 */
function eastAsianNames(
  text: string,
  run: Word[],
  morphology: Morphology,
): Array<{ name: string; from: number; to: number }> {
  const found: Array<{ name: string; from: number; to: number }> = [];
  for (let i = 0; i < run.length - 1; i++) {
    if (!/^\p{Lu}/u.test((run[i] as Word).text)) continue; // "ван" in lower case is a particle
    const head = (run[i] as Word).text.toLowerCase();
    const inflected = EAST_ASIAN_CASE_ENDING.exec(head);
    const surname = EAST_ASIAN_SURNAME.has(head)
      ? head
      : inflected && EAST_ASIAN_SURNAME.has(inflected[1] as string)
        ? (inflected[1] as string)
        : null;
    if (!surname) continue;
    const syllable = (w: Word | undefined) =>
      w !== undefined && CYRILLIC_NAME.test(w.text) && w.text.length <= 4 && !w.text.includes('-');
    const two = syllable(run[i + 1]) && syllable(run[i + 2]);
    const given = run.slice(i + 1, i + (two ? 3 : 2));
    // Opening a sentence, the surname may be an ordinary capitalised word: a given name no dictionary knows must follow.
    if (
      i === 0 &&
      startsSentence(text, (run[i] as Word).start) &&
      !given.some((w) => morphology.isUnknown(w.text))
    )
      continue;
    // Short syllables (Чен, Со, Ир) are often also places or words; longer given names must not be.
    if (
      !given.every(
        (w) =>
          CYRILLIC_NAME.test(w.text) &&
          (w.text.length <= 4 ||
            !(morphology.isCommonWord(w.text) || morphology.isPlaceOrOrganisation(w.text))),
      )
    )
      continue;
    if (
      !two &&
      (morphology.givenName((given[0] as Word).text).length > 0 ||
        surnameReadings((given[0] as Word).text).length > 0)
    )
      continue; // Ян Табачник: a European name
    const ending = surname === head ? '' : head.slice(surname.length);
    const words = given.map((w) => w.text.toLowerCase());
    const lastIndex = words.length - 1;
    const last = words[lastIndex] as string;
    if (ending && last.endsWith(ending) && last.length > ending.length + 1)
      words[lastIndex] = last.slice(0, -ending.length);
    else if (!ending) {
      // Ким Ир Сена, Мао Цзэдуном; Чжоу Сюню
      const soft = EAST_ASIAN_LAST_DECLINED_SOFT.exec(last);
      words[lastIndex] = soft
        ? `${soft[1] as string}ь`
        : (EAST_ASIAN_LAST_DECLINED.exec(last)?.[1] ?? last);
    }
    found.push({ name: capitalise([surname, ...words].join(' ')), from: i, to: i + given.length });
    i += given.length;
  }
  return found;
}

/** The word by which other mentions of a canonical name are recognised: its surname, less its case ending. */
function surnameKey(canonical: string): string {
  const words = canonical.toLowerCase().split(' ');
  const surname = TURKIC_PATRONYMIC.test(words.at(-1) ?? '')
    ? words.slice(1).join(' ')
    : (words.at(-1) as string);
  return surname.replace(/(а|ая|ий)$/u, '');
}

const SURNAME_CASE_ENDINGS = new Set([
  '',
  'а',
  'у',
  'ым',
  'е',
  'ой',
  'ого',
  'ому',
  'им',
  'ом',
  'ую',
  'ая',
  'ий',
]);

/** The reading of a given name before a surname that shows no case (Ле Пен, Токтосун уулу), of the gender it implies if any. */
function givenNameBefore(
  names: NameForm[],
  gender: NameForm['gender'] | undefined,
): NameForm | undefined {
  const fitting = gender ? names.filter((n) => n.gender === gender) : names;
  return fitting.find((n) => n.case === 'nomn') ?? fitting[0] ?? names[0];
}

/**
 * `Имя Фамилия` for a surname with a particle (Марин Ле Пен, Усама бин Ладен) or a Turkic patronymic
 * (Нурлан Токтосун уулу): a man's given name in an oblique case puts the surname's last word in it too
 * (Усамы бин Ладена); a father's name before уулу/кызы stays as written.
 */
function particleName(first: string, surname: string, given: NameForm | undefined): string {
  const words = surname.toLowerCase().split(' ');
  const last = words.at(-1) as string;
  if (given && given.gender === 'masc' && given.case !== 'nomn' && !TURKIC_PATRONYMIC.test(last))
    words[words.length - 1] = givenNameNominative(last, 'masc', given.case);
  return capitalise(`${given?.nominative ?? first.toLowerCase()} ${words.join(' ')}`);
}

/** The canonical given name of a word standing before a found name (Реджеп in "Реджеп Тайип Эрдоган"). */
function precedingGivenName(word: Word | undefined, morphology: Morphology): NameForm | null {
  if (!word || !CYRILLIC_NAME.test(word.text) || !morphology.isOnlyGivenName(word.text))
    return null;
  const names = morphology.givenName(word.text);
  return names.find((n) => n.case === 'nomn') ?? names[0] ?? null;
}

/**
 * A name after a first given name in an oblique case (Реджепа) is in that case too: its words that no
 * dictionary put into the nominative (Тайипа Эрдогана) lose the ending.
 */
function inCaseOf(given: NameForm, canonical: string): string {
  if (given.case === 'nomn' || given.gender !== 'masc') return canonical;
  return capitalise(
    canonical
      .toLowerCase()
      .split(' ')
      .map((w) => (surnameReadings(w).length > 0 ? w : givenNameNominative(w, 'masc', given.case)))
      .join(' '),
  );
}

const OBLIQUE_ENDINGS = new Set(['', 'а', 'я', 'у', 'ю', 'ом', 'ем', 'е', 'ы', 'и', 'ой']);

/** Is `word` `base` with a case ending (Кока, Коку of Кок; Бесселю of Бессель)? */
const inflects = (word: string, base: string) => {
  if (word === base) return true;
  const stem = base.replace(/[ьйаяо]$/u, '');
  return word.startsWith(stem) && OBLIQUE_ENDINGS.has(word.slice(stem.length));
};

/**
 * A foreign name no dictionary could put into the nominative ("Бесселю Коку") takes the form the same
 * person has elsewhere in the text ("Бессель Кок"). Russian-shaped surnames are left alone: "Александра
 * Петрова" is not "Александр Петров".
 */
function nominativeOf(
  name: string,
  names: readonly string[],
  capitalised: ReadonlySet<string>,
): string {
  const words = name.toLowerCase().split(' ');
  const surname = words.at(-1) as string;
  if (surnameReadings(surname).length > 0) return name;
  const bases = names.filter((other) => {
    const otherWords = other.toLowerCase().split(' ');
    return (
      other !== name &&
      other.length <= name.length &&
      otherWords.length === words.length &&
      words.every((w, i) => inflects(w, otherWords[i] as string))
    );
  });
  const base = bases.sort((a, b) => a.length - b.length)[0];
  if (base) return base;
  // Failing that, the surname alone elsewhere in a shorter form ("Олланд заявил" beside "слова Франсуа
  // Олланда") is its nominative.
  const bare = [...capitalised].find(
    (w) => w.length >= 3 && w.length < surname.length && inflects(surname, w),
  );
  return bare ? capitalise([...words.slice(0, -1), bare].join(' ')) : name;
}

/**
 * Every person mention in `text`, with canonical names. Full mentions ("Нурсултана Назарбаева") set the
 * canonical names; surname-only and initial mentions ("Ташиев", "К. Ташиев") resolve against them.
 * `known` adds canonical names known from elsewhere (other paragraphs, the input's `persons`).
 */
export function findPersons(
  written: string,
  morphology: Morphology,
  known: readonly string[] = [],
): PersonMention[] {
  const text = inCyrillic(written);
  const words = nameWords(text);
  const mentions: PersonMention[] = [];
  const claimed = new Set<number>();
  const claim = (run: Word[], from: number, to: number, name: string) => {
    mentions.push({ name, start: (run[from] as Word).start, end: (run[to] as Word).end });
    for (let i = from; i <= to; i++) claimed.add((run[i] as Word).start);
  };
  for (const run of runs(text, words)) {
    for (const { name, from, to } of eastAsianNames(text, run, morphology))
      claim(run, from, to, name);
    // Try windows from the right: [given, patronymic?, surname (+ уулу/кызы)].
    for (let end = run.length - 1; end >= 1; end--) {
      if (claimed.has((run[end] as Word).start)) continue;
      let surnameIndex = end;
      let surname = (run[end] as Word).text;
      if (TURKIC_PATRONYMIC.test(surname)) {
        if (end < 2) continue;
        surnameIndex = end - 1;
        surname = `${(run[end - 1] as Word).text} ${surname}`;
      }
      let firstIndex = surnameIndex - 1;
      while (firstIndex >= 1 && SURNAME_PARTICLE.test((run[firstIndex] as Word).text)) {
        surname = `${(run[firstIndex] as Word).text} ${surname}`;
        firstIndex--;
      }
      const particle = firstIndex < surnameIndex - 1;
      if (firstIndex >= 1 && PATRONYMIC.test((run[firstIndex] as Word).text.toLowerCase()))
        firstIndex--;
      const first = run[firstIndex] as Word | undefined;
      if (!first || INITIAL.test(first.text) || claimed.has(first.start)) continue;
      // A given name followed by a patronymic ("Ельцина Наина Иосифовна"): the word before is no given name.
      const next = run[end + 1];
      if (next && !claimed.has(next.start) && morphology.isPatronymic(next.text)) continue;
      const context: PairContext = {
        afterTitle: followsTitle(text, first.start, morphology),
        afterThingWord: followsThingWord(text, first.start, morphology),
        afterPlacePreposition: followsPlacePreposition(text, first.start),
        midSentence: !startsSentence(text, first.start),
        feminine: afterFeminineVerb(text, first.start, (run[end] as Word).end),
        afterLocativePreposition: LOCATIVE_PREPOSITION.test(
          wordBefore(text, first.start)?.word.toLowerCase() ?? '',
        ),
        endsRun: end === run.length - 1,
      };
      const givenNames = morphology.givenName(first.text);
      // уулу ("son of") and кызы ("daughter of") say whose name it is: Нурлана Токтосун уулу is Нурлан's.
      const last = (run[end] as Word).text;
      const impliedGender = last === 'уулу' ? 'masc' : last === 'кызы' ? 'femn' : undefined;
      // A given name no dictionary knows; mid-sentence it may also be a common word (Франк де Блекере).
      const foreignGiven =
        givenNames.length === 0 &&
        CYRILLIC_NAME.test(first.text) &&
        (context.midSentence || !morphology.isCommonWord(first.text)) &&
        !morphology.isNotANoun(first.text) &&
        !morphology.isPlaceOrOrganisation(first.text);
      const canonical =
        TURKIC_PATRONYMIC.test((run[end] as Word).text) ||
        (particle &&
          (givenNames.length > 0 ||
            (foreignGiven && !context.afterThingWord && !context.afterPlacePreposition)))
          ? particleName(first.text, surname, givenNameBefore(givenNames, impliedGender))
          : canonicalPair(first.text, surname, morphology, context);
      if (!canonical) continue;
      // Two given names before the surname (Реджеп Тайип Эрдоган, Хуан Пабло Монтойя) are both kept.
      const before = run[firstIndex - 1];
      const extra =
        before && !claimed.has(before.start) && !PATRONYMIC.test(first.text.toLowerCase())
          ? precedingGivenName(before, morphology)
          : null;
      const secondGiven = givenNames.length > 0 || foreignGiven;
      if (extra && secondGiven)
        claim(
          run,
          firstIndex - 1,
          end,
          `${capitalise(extra.nominative)} ${inCaseOf(extra, canonical)}`,
        );
      else claim(run, firstIndex, end, canonical);
      end = extra && secondGiven ? firstIndex - 1 : firstIndex;
    }
  }
  const fullNames = [...known, ...mentions.map((m) => m.name)];
  const capitalised = new Set(
    words.filter((w) => !claimed.has(w.start)).map((w) => w.text.toLowerCase()),
  );
  for (const mention of mentions) mention.name = nominativeOf(mention.name, fullNames, capitalised);
  const canonicalNames = [...new Set([...known, ...mentions.map((m) => m.name)])];
  const keys = canonicalNames
    .map((name) => ({ name, key: surnameKey(name) }))
    .filter((k) => k.key.length >= 3);
  const full = mentions.length;
  for (const run of runs(text, words)) {
    for (const [i, word] of run.entries()) {
      if (claimed.has(word.start) || INITIAL.test(word.text)) continue;
      const lower = word.text.toLowerCase();
      // Initials before a surname must be those of the full name's given name: А. Петров is not Иван Петров.
      const initial = firstInitialBefore(text, run, i);
      const match = keys.filter(
        ({ key, name }) =>
          lower.startsWith(key) &&
          SURNAME_CASE_ENDINGS.has(lower.slice(key.length)) &&
          (initial === null || name.charAt(0).toLowerCase() === initial),
      );
      const start = /\p{Lu}\.\s*$/u.test(text.slice(Math.max(0, word.start - 4), word.start))
        ? text.lastIndexOf('.', word.start) - 1
        : word.start;
      if (match.length === 1) {
        mentions.push({ name: (match[0] as { name: string }).name, start, end: word.end });
        continue;
      }
      // Unknown or ambiguous surname of a full name: a one-part name only when it stands alone.
      const alone = match.length === 0 ? standingAlone(text, run, i, morphology) : null;
      if (!alone) continue;
      const name = onePartName(text, alone.from, word, alone.initials, morphology, capitalised);
      if (name) mentions.push({ name, start, end: word.end });
    }
  }
  // A given name alone (Наина) is the one person of the article with that given name (Наина Ельцина).
  const fullNames2 = [...new Set([...known, ...mentions.slice(0, full).map((m) => m.name)])].filter(
    (n) => n.includes(' '),
  );
  for (const mention of mentions.slice(full)) {
    if (mention.name.includes(' ')) continue;
    const withGiven = fullNames2.filter((n) => n.split(' ')[0] === mention.name);
    if (withGiven.length === 1) mention.name = withGiven[0] as string;
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** An initial is a Cyrillic capital and a full stop after no letter: "НАТО." and "10 G." end sentences. */
const isInitial = (text: string, w: Word) =>
  CYRILLIC_INITIAL.test(w.text) && !/\p{L}/u.test(text.charAt(w.start - 1));

/** The first of the initials right before the word at `i` of its run (В in "В.В. Путин"), lower case, or null. */
function firstInitialBefore(text: string, run: readonly Word[], i: number): string | null {
  let from = i;
  while (from > 0 && isInitial(text, run[from - 1] as Word)) from--;
  return from < i ? (run[from] as Word).text.charAt(0).toLowerCase() : null;
}

/**
 * Does the word at `i` of its run stand alone, with no capitalised word beside it but initials before
 * it ("Японии Н. Кан") or a patronymic after it ("Наина Иосифовна")? Then where its mention starts.
 */
function standingAlone(
  text: string,
  run: readonly Word[],
  i: number,
  morphology: Morphology,
): { from: Word; initials: boolean } | null {
  const word = run[i] as Word;
  if (morphology.isPatronymic(word.text)) return null;
  let from = i;
  while (from > 0 && isInitial(text, run[from - 1] as Word)) from--;
  if (from === i && i > 0) return null;
  let to = i + 1;
  while (to < run.length && morphology.isPatronymic((run[to] as Word).text)) to++;
  if (to < run.length) return null;
  return { from: run[from] as Word, initials: from < i };
}

/** Quotes open before a name of a thing («Форд», "Боинг"). */
const OPENING_QUOTE = /[«"„“]\s*$/u;

/**
 * The canonical name of a lone capitalised word that no full name claimed (`runStart` begins its run,
 * with any initials), by the one-part rules; a nominative written elsewhere in the text (`capitalised`)
 * wins over the other readings.
 */
function onePartName(
  text: string,
  runStart: Word,
  word: Word,
  afterInitials: boolean,
  morphology: Morphology,
  capitalised: ReadonlySet<string>,
): string | null {
  if (
    !CYRILLIC_NAME.test(word.text) ||
    LEGISLATURE.test(word.text) ||
    OPENING_QUOTE.test(text.slice(Math.max(0, runStart.start - 2), runStart.start)) ||
    followsThingWord(text, runStart.start, morphology) ||
    followsPlacePreposition(text, runStart.start) ||
    (!afterInitials && morphology.isPlaceOrOrganisation(word.text))
  )
    return null;
  const after = /^\s*(\p{Ll}+)/u.exec(text.slice(word.end, word.end + 30))?.[1] ?? '';
  const readings = onePartNominatives(
    {
      word: word.text,
      afterInitials,
      midSentence: !startsSentence(text, runStart.start),
      afterTitle:
        followsTitle(text, runStart.start, morphology) &&
        morphology.canBeSingular(wordBefore(text, runStart.start)?.word ?? ''),
      feminine: afterFeminineVerb(text, runStart.start, word.end) || FEMININE_VERB.test(after),
    },
    morphology,
  );
  if (readings.length === 0) return null;
  const written = word.text.toLowerCase();
  const reading =
    readings.find((r) => r !== written && capitalised.has(r)) ?? (readings[0] as string);
  // The dictionary writes е for ё: a nominative as written keeps its ё (Сёмин).
  return capitalise(reading === written.replaceAll('ё', 'е') ? written : reading);
}

/** Apply an aliases map (variant -> canonical) to a name. */
export function applyAlias(name: string, aliases: ReadonlyMap<string, string>): string {
  return aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? name;
}

/** The canonical names of the persons an article mentions, each once. */
export function articlePersons(text: string, morphology: Morphology): string[] {
  return [...new Set(findPersons(text, morphology).map((m) => m.name))];
}
