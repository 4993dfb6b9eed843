/**
 * Russian morphology from Az.js (OpenCorpora dictionaries): enough to tell given names, surnames,
 * places and common words apart and to put known names into the nominative.
 * Chosen because it ships its dictionaries in the npm package (no download) and runs in plain Node.
 */
import { createRequire } from 'node:module';

interface AzTag {
  POST: string;
  CAse?: string;
  GNdr?: string;
  [grammeme: string]: unknown;
}
interface AzParse {
  tag: AzTag;
  score: number;
  parser: string;
  normalize(): { word: string };
  /** Number of forms in the word's paradigm (absent for parses that have none). */
  formCnt?: number;
  /** The paradigm's form at that index, or false. */
  inflect(formIndex: number): AzParse | false;
  toString(): string;
}
interface AzModule {
  Morph: ((word: string, config?: { parsers: string[] }) => AzParse[]) & {
    init(callback: () => void): void;
  };
}

export interface NameForm {
  /** Nominative, lower case. */
  nominative: string;
  case: string;
  gender: 'masc' | 'femn' | 'ms-f';
}

/** One lexeme a word can be a form of: its dictionary form and every form of it. */
export interface Lexeme {
  /** Dictionary form, lower case, ё as е. */
  lemma: string;
  /** Part of speech of the reading (OpenCorpora: NOUN, ADJF, VERB, INFN, ...). */
  pos: string;
  /** Every form of the lexeme with its part of speech (a verb's lexeme has participles), lower case, ё as е. */
  forms: Array<{ word: string; pos: string }>;
  /** From the dictionary (true) or guessed from the word's ending (false). */
  known: boolean;
}

export interface Morphology {
  /**
   * The lexemes `word` can be a form of: every dictionary reading of it (an ambiguous word has several:
   * "стали" is стать and сталь), or when the dictionary does not know it, the likeliest guesses from its
   * ending (a surname like "Ташиева" is declined as one).
   */
  lexemes(word: string): Lexeme[];
  /** A capitalised word that is an ordinary dictionary word (not a name, place or organisation). */
  isCommonWord(word: string): boolean;
  /** Can `word` be an ordinary word in the nominative (Депутаты, Глава; not Европейского, Совета)? */
  canBeCommonNominative(word: string): boolean;
  /** Readings of `word` as a given name from the dictionary (empty when unknown). */
  givenName(word: string): NameForm[];
  /** Is `word` in the dictionary as a given name and nothing else (not also a place or a common word)? */
  isOnlyGivenName(word: string): boolean;
  /** Is `word` the dictionary form of an ordinary word (Спутник, Игра), not just an inflected one (Тору of тор)? */
  isCommonLemma(word: string): boolean;
  /** Does the dictionary also read `word` as an ordinary word (Роман, Вера, Лев)? */
  hasCommonReading(word: string): boolean;
  /** Is `word` in the dictionary as a patronymic (Николаевич, Ивановна) and not also as a surname (Абрамович)? */
  isPatronymic(word: string): boolean;
  /** Is `word` mainly a place, organisation or abbreviation? */
  isPlaceOrOrganisation(word: string): boolean;
  /** Are all of `word`'s proper-noun readings a person's (there is one), whatever its ordinary readings (Лавровым: лавровый)? */
  isProperOnlyAPerson(word: string): boolean;
  /** Does the dictionary read `word` only as a short adjective or participle (Сулима: сулимый)? */
  isOnlyShortForm(word: string): boolean;
  /** Is `word` a surname to the dictionary, and otherwise only plurals (Песков: песок's genitive plural)? */
  isSurnameOrPlural(word: string): boolean;
  /** Is `word` a function word, verb, adverb or adjective that cannot be a first name? */
  isNotANoun(word: string): boolean;
  /** Not in the dictionary at all (a foreign or rare name, or a typo). */
  isUnknown(word: string): boolean;
  /** An animate common noun (a title or profession: "судья", "академик"), never a given name. */
  isTitle(word: string): boolean;
  /** Can `word` be a common noun or adjective in the genitive (обороны, иностранных, дел)? */
  canBeGenitive(word: string): boolean;
  /** A title or profession of a woman only (певица, чемпионка; not глава, судья, министр). */
  isFeminineTitle(word: string): boolean;
  /** The nominative of a surname in a given case and gender, by the dictionary or its suffix guesser. */
  surnameNominative(word: string, grammaticalCase: string, gender: string): string | null;
  /** The nominative of a word the dictionary knows only as an inflected name or surname ("Вольфа"), else null. */
  obliqueProperNominative(word: string): string | null;
  /** Readings of `word` as a surname in the singular from the dictionary (Путина: Путин's genitive, or Путина). */
  surname(word: string): NameForm[];
  /** Can `word` be singular (министр, not министры or активистам)? True when the dictionary does not know it. */
  canBeSingular(word: string): boolean;
  /** The share of the dictionary's score for `word` that reads it as a given name or surname (0 when unknown). */
  personShare(word: string): number;
}

const require = createRequire(import.meta.url);
let loading: Promise<Morphology> | undefined;

/** Load the dictionaries once per process (about 100 ms). */
export function loadMorphology(): Promise<Morphology> {
  loading ??= new Promise((resolve) => {
    const Az = require('az') as AzModule;
    Az.Morph.init(() => resolve(createMorphology(Az)));
  });
  return loading;
}

const DICTIONARY_ONLY = { parsers: ['Dictionary'] };
const PROPER = ['Name', 'Surn', 'Patr', 'Geox', 'Orgn', 'Trad', 'Abbr'];

/** Guessed readings kept for an unknown word: those scoring at least this share of the best, at most this many. */
const GUESS_SHARE = 0.5;
const MAX_GUESSES = 3;

const lowerYo = (word: string) => word.toLowerCase().replaceAll('ё', 'е');

/**
 * The lexeme of one parse, with every form of its paradigm. OpenCorpora puts the patronymics into a given
 * name's paradigm (Павлович, Павловна in Павел's): they are other words here.
 */
function lexemeOf(p: AzParse, known: boolean): Lexeme {
  const forms: Lexeme['forms'] = [];
  const seen = new Set<string>();
  for (let i = 0; i < (p.formCnt ?? 0); i++) {
    const form = p.inflect(i);
    if (!form || form.tag.Patr) continue;
    const word = lowerYo(form.toString());
    const key = `${word} ${form.tag.POST}`;
    if (seen.has(key)) continue;
    seen.add(key);
    forms.push({ word, pos: form.tag.POST });
  }
  // `toString`, not `word`: a hyphenated word's parse has only its last part (or nothing) as `word`.
  return { lemma: lowerYo(p.normalize().toString()), pos: p.tag.POST, forms, known };
}

function createMorphology(Az: AzModule): Morphology {
  const cache = new Map<string, AzParse[]>();
  const parse = (word: string): AzParse[] => {
    const key = word.toLowerCase();
    let parses = cache.get(key);
    if (!parses) {
      // The dictionary knows names in their capitalised form only ("Елене", not "елене").
      // Only the dictionary's readings are used: the guessers Az runs after it cost most of the time.
      parses = Az.Morph(key.charAt(0).toUpperCase() + key.slice(1), DICTIONARY_ONLY).filter(
        (p) => p.parser === 'Dictionary',
      );
      cache.set(key, parses);
    }
    return parses;
  };
  // Every reading, the guessers' too, for the few calls that need them: once per word.
  const fullCache = new Map<string, AzParse[]>();
  const fullParse = (word: string): AzParse[] => {
    let parses = fullCache.get(word);
    if (!parses) {
      parses = Az.Morph(word);
      fullCache.set(word, parses);
    }
    return parses;
  };
  const has = (p: AzParse, grammeme: string) => Boolean(p.tag[grammeme]);
  return {
    lexemes(word) {
      const key = lowerYo(word);
      const all = Az.Morph(key.charAt(0).toUpperCase() + key.slice(1)).filter((p) => p.formCnt);
      const known = all.filter((p) => p.parser === 'Dictionary');
      const best = Math.max(0, ...all.map((p) => p.score));
      const chosen = known.length
        ? known
        : all.filter((p) => p.score >= best * GUESS_SHARE).slice(0, MAX_GUESSES);
      const lexemes = new Map<string, Lexeme>();
      for (const p of chosen) {
        const lexeme = lexemeOf(p, known.length > 0);
        const id = `${lexeme.lemma} ${lexeme.pos} ${lexeme.forms.length}`;
        if (!lexemes.has(id)) lexemes.set(id, lexeme);
      }
      return [...lexemes.values()];
    },
    isCommonWord(word) {
      const parses = parse(word);
      return parses.length > 0 && !parses.some((p) => PROPER.some((g) => has(p, g)));
    },
    canBeCommonNominative(word) {
      return parse(word).some((p) => has(p, 'nomn') && !PROPER.some((g) => has(p, g)));
    },
    isOnlyGivenName(word) {
      const parses = parse(word);
      return parses.length > 0 && parses.every((p) => has(p, 'Name'));
    },
    isCommonLemma(word) {
      const lower = word.toLowerCase().replaceAll('ё', 'е');
      return parse(word).some(
        (p) => !PROPER.some((g) => has(p, g)) && p.normalize().word.replaceAll('ё', 'е') === lower,
      );
    },
    hasCommonReading(word) {
      return parse(word).some((p) => !PROPER.some((g) => has(p, g)));
    },
    isPatronymic(word) {
      // Абрамович is a patronymic and, far more often in the news, a surname.
      const parses = parse(word);
      return parses.some((p) => has(p, 'Patr')) && !parses.some((p) => has(p, 'Surn'));
    },
    givenName(word) {
      // Texts often write ё as е: "Петр" is "Пётр".
      const withYo =
        /е/.test(word) && !parse(word).some((p) => has(p, 'Name')) ? word.replace(/е/g, 'ё') : word;
      // Plural readings ("Людмилы" as "the Ludmilas") are never a person mention, and a reading the
      // dictionary scores far below the word's best name reading (Алла as the genitive of Алл) only
      // misleads the case agreement.
      const names = parse(withYo).filter((p) => has(p, 'Name') && p.tag.NMbr !== 'plur');
      const best = Math.max(0, ...names.map((p) => p.score));
      return names
        .filter((p) => p.score >= best / 10)
        .map((p) => ({
          // A nominative stays as written: the dictionary's lemma may be another spelling (Аарон -> Арон).
          nominative: p.tag.CAse === 'nomn' ? withYo.toLowerCase() : p.normalize().word,
          case: p.tag.CAse ?? 'nomn',
          gender: (p.tag.GNdr ?? 'masc') as NameForm['gender'],
        }));
    },
    isPlaceOrOrganisation(word) {
      const parses = parse(word);
      return (
        parses.length > 0 &&
        parses.some((p) => has(p, 'Geox') || has(p, 'Orgn') || has(p, 'Abbr')) &&
        !parses.some((p) => has(p, 'Surn') || has(p, 'Name'))
      );
    },
    isProperOnlyAPerson(word) {
      const proper = parse(word).filter((p) => PROPER.some((g) => has(p, g)));
      return proper.length > 0 && proper.every((p) => has(p, 'Surn') || has(p, 'Name'));
    },
    isUnknown(word) {
      return parse(word).length === 0 && parse(word.replaceAll('е', 'ё')).length === 0;
    },
    isTitle(word) {
      // A former holder's title is a title: экс-президент, экс-премьер.
      const bare = /^экс-./iu.test(word) ? word.slice(4) : word;
      if (bare !== word) return this.isTitle(bare);
      const parses = parse(word);
      const person = (p: AzParse) =>
        p.tag.POST === 'NOUN' && has(p, 'anim') && !PROPER.some((g) => has(p, g));
      if (parses.length === 0 || parses.every(person)) return parses.length > 0;
      // Or a person's noun in its dictionary form whose other readings are all another word's oblique
      // forms: премьер (also премьера's genitive plural); not спутник, глава (a satellite, a chapter)
      // nor Лев (a name).
      const lower = word.toLowerCase().replaceAll('ё', 'е');
      const dictionaryForm = (p: AzParse) =>
        has(p, 'nomn') && has(p, 'sing') && p.normalize().word.replaceAll('ё', 'е') === lower;
      return (
        parses.some((p) => person(p) && dictionaryForm(p)) &&
        parses.every((p) => person(p) || !(has(p, 'nomn') || PROPER.some((g) => has(p, g))))
      );
    },
    canBeGenitive(word) {
      return parse(word).some(
        (p) =>
          (p.tag.POST === 'NOUN' || p.tag.POST === 'ADJF') &&
          has(p, 'gent') &&
          !PROPER.some((g) => has(p, g)),
      );
    },
    isFeminineTitle(word) {
      // Ms-f: a noun of either gender (судья, коллега), feminine only in its endings.
      return (
        this.isTitle(word) && parse(word).every((p) => p.tag.GNdr === 'femn' && !has(p, 'Ms-f'))
      );
    },
    surnameNominative(word, grammaticalCase, gender) {
      const all = fullParse(word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
      const fits = (p: AzParse) =>
        p.tag.POST === 'NOUN' &&
        p.tag.CAse === grammaticalCase &&
        (gender === 'ms-f' || p.tag.GNdr === gender || p.tag.GNdr === 'ms-f');
      // Adjectival surnames (Долгорукому) are adjectives to the dictionary; their lemma is the masculine nominative.
      const adjectival = (p: AzParse) =>
        gender === 'masc' &&
        p.tag.POST === 'ADJF' &&
        p.tag.CAse === grammaticalCase &&
        p.tag.GNdr === 'masc';
      const best =
        all.find((p) => fits(p) && has(p, 'Surn')) ?? all.find(fits) ?? all.find(adjectival);
      return best ? best.normalize().word : null;
    },
    obliqueProperNominative(word) {
      const proper = parse(word).filter((p) => has(p, 'Name') || has(p, 'Surn'));
      if (proper.length === 0 || proper.some((p) => p.tag.CAse === 'nomn')) return null;
      return (proper[0] as AzParse).normalize().word;
    },
    surname(word) {
      // The dictionary spells surnames with е for ё (Сёмин as Семин).
      const surnames = [
        ...parse(word),
        ...(/ё/.test(word) ? parse(word.replaceAll('ё', 'е')) : []),
      ].filter((p) => has(p, 'Surn') && p.tag.NMbr !== 'plur');
      const best = Math.max(0, ...surnames.map((p) => p.score));
      return surnames
        .filter((p) => p.score >= best / 10)
        .map((p) => ({
          // The lemma of a woman's surname is the man's (Путина, Путиной -> путин): hers ends in -а.
          nominative:
            p.tag.GNdr === 'femn' && p.tag.CAse === 'nomn'
              ? word.toLowerCase()
              : p.tag.GNdr === 'femn' && /(ов|ев|ёв|ин|ын)$/u.test(p.normalize().word)
                ? `${p.normalize().word}а`
                : p.normalize().word,
          case: p.tag.CAse ?? 'nomn',
          gender: (p.tag.GNdr ?? 'ms-f') as NameForm['gender'],
        }));
    },
    canBeSingular(word) {
      const parses = parse(word);
      return parses.length === 0 || parses.some((p) => p.tag.NMbr !== 'plur');
    },
    personShare(word) {
      const parses =
        /ё/.test(word) && parse(word).length === 0 ? parse(word.replaceAll('ё', 'е')) : parse(word);
      const total = parses.reduce((sum, p) => sum + p.score, 0);
      const person = parses
        .filter((p) => has(p, 'Surn') || has(p, 'Name'))
        .reduce((sum, p) => sum + p.score, 0);
      return total === 0 ? 0 : person / total;
    },
    isSurnameOrPlural(word) {
      const parses = parse(word);
      return (
        parses.some((p) => has(p, 'Surn') && p.tag.NMbr !== 'plur') &&
        parses.every((p) => has(p, 'Surn') || has(p, 'Name') || p.tag.NMbr === 'plur')
      );
    },
    isOnlyShortForm(word) {
      const parses = parse(word);
      return parses.length > 0 && parses.every((p) => ['ADJS', 'PRTS'].includes(p.tag.POST));
    },
    isNotANoun(word) {
      const parses = parse(word);
      return (
        parses.length > 0 &&
        parses.every((p) => p.tag.POST !== 'NOUN') &&
        !parses.some((p) => has(p, 'Name') || has(p, 'Surn'))
      );
    },
  };
}
