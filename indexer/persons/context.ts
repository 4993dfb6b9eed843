/**
 * What stands around a candidate name: a title, a word naming a thing, a preposition, a feminine verb,
 * a quote. Each detector is one small function over the text.
 */
import type { Morphology } from '../morphology.ts';
import { startsSentence, wordBefore } from './words.ts';
import {
  LEGISLATURE_STEMS,
  THING_STEMS,
  ROLE_STEMS,
  LOCATIVE_PREPOSITIONS,
  PLACE_PREPOSITIONS,
  PREPOSITIONS,
  RELATION_STEMS,
  oneOf,
} from './lexicon.ts';

export const LEGISLATURE = oneOf(LEGISLATURE_STEMS, true);
export const THING_WORD = new RegExp(
  `^(?:${THING_STEMS.join('|')})(?:[аяуюеиыоьй]|ой|ей|ом|ем|ам|ям|ами|ями|ах|ях|ов|ев|ий|ия|ие|ию|ии)?$`,
  'u',
);
export const ROLE_WORD = oneOf(ROLE_STEMS, true);
export const LOCATIVE_PREPOSITION = oneOf(LOCATIVE_PREPOSITIONS);
export const PLACE_PREPOSITION = oneOf(PLACE_PREPOSITIONS);
export const PREPOSITION = oneOf(PREPOSITIONS);

/**
 * A woman's name: a feminine past-tense verb before it, and the clause ending after it ("— заявила Арина
 * Соболенко."), the inverted order of news reports. A verb after it proves nothing ("Встреча Александра
 * Лукашенко прошла"), nor one before it with more to follow ("поблагодарила Александра Лукашенко за ...").
 */
export const FEMININE_VERB = /^\p{Ll}+ла(?:сь)?$/u;
export const CLAUSE_END = /^\s*(?:[.,;:!?»)]|[—–-]\s|$)/u;
/** After a feminine verb (capitalised when it opens the sentence: "Выступила Мамбетова."), ending its clause. */
export const afterFeminineVerb = (text: string, start: number, end: number) => {
  const before = wordBefore(text, start);
  const verb =
    before && startsSentence(text, before.start) ? before.word.toLowerCase() : before?.word;
  return FEMININE_VERB.test(verb ?? '') && CLAUSE_END.test(text.slice(end, end + 3));
};

/** Is the word before `start` a `PLACE_PREPOSITION`? */
export function followsPlacePreposition(text: string, start: number): boolean {
  const before = wordBefore(text, start);
  return before !== null && PLACE_PREPOSITION.test(before.word.toLowerCase());
}

/** Is the word before `start` one of the `THING_WORD`s, not itself governed by a role ("глава компании")? */
export function followsThingWord(text: string, start: number, morphology: Morphology): boolean {
  const thing = wordBefore(text, start);
  if (!thing || !THING_WORD.test(thing.word.toLowerCase())) return false;
  const role = wordBefore(text, thing.start)?.word.toLowerCase();
  return !(role && (ROLE_WORD.test(role) || morphology.isTitle(role)));
}

/** Where a candidate name stands in its sentence. */
export interface PairContext {
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
  /** Quotes open right before it and close right after it («Спейс Шаттл»): a name of a thing. */
  quoted: boolean;
  /** No capitalised word follows it without punctuation between. */
  endsRun: boolean;
  /** It opens its clause and a feminine verb follows: "Жанара Кендирбаева отметила". */
  feminineVerbAfter: boolean;
  /** Is this word (lower case) written with a capital anywhere in the text? Other forms of the same name. */
  written: (word: string) => boolean;
  /** Is this word (lower case) written somewhere opening a clause before a feminine verb? */
  feminineSubject: (word: string) => boolean;
}

/** Is the word before `start` a title or profession ("президент", "депутат", "министр")? */
export function followsTitle(text: string, start: number, morphology: Morphology): boolean {
  const before = wordBefore(text, start);
  return before !== null && morphology.isTitle(before.word);
}

/** An abbreviation in capitals: США, МИД, ФРГ. */
const ABBREVIATION = /^\p{Lu}{2,6}$/u;

/** The most words a title's place, organisation or field may take between it and the name. */
const TITLE_COMPLEMENT = 4;

/**
 * A title before `start` past the place, organisation or field it is the title of: up to
 * `TITLE_COMPLEMENT` abbreviations, places, organisations or words in lower case in the genitive
 * between ("президент США Трамп", "канцлер Германии Меркель", "глава Роснефти Сечин", "министр
 * иностранных дел России Лавров"; a role such as "глава" counts there). The title word and where it
 * starts, or null.
 */
export function titleOfPlaceBefore(
  text: string,
  start: number,
  morphology: Morphology,
): { word: string; start: number } | null {
  let at = start;
  for (let between = 0; between <= TITLE_COMPLEMENT; between++) {
    const before = wordBefore(text, at);
    if (!before) return null;
    const lower = before.word.toLowerCase();
    if (between > 0 && (morphology.isTitle(before.word) || ROLE_WORD.test(lower))) return before;
    const complement =
      ABBREVIATION.test(before.word) ||
      (/^\p{Lu}/u.test(before.word)
        ? morphology.isPlaceOrOrganisation(before.word)
        : morphology.canBeGenitive(before.word));
    if (!complement) return null;
    at = before.start;
  }
  return null;
}

/** A person named by a relation to another (`RELATION_STEMS`): "жена", "адвокату", "сторонница". */
export const RELATION_WORD = oneOf(RELATION_STEMS, true);

/**
 * Does the title before a lone name say she is a woman? A woman's title stands beside her name in its
 * case ("певица Пугачёва", "с теннисисткой Шараповой"); or a title of either gender opening its clause
 * is the subject with her name, and a feminine verb after the name agrees ("Министр Голикова сообщила",
 * "Глава ЦБ Набиуллина заявила"; not "Встреча главы МИД Лаврова прошла", where it agrees with встреча).
 * Never a `RELATION_WORD`: the name after one is another person's ("жена Пугачёва приехала").
 */
export function womanByTitle(
  text: string,
  title: { word: string; start: number },
  verbAfter: string,
  morphology: Morphology,
): boolean {
  if (RELATION_WORD.test(title.word.toLowerCase())) return false;
  if (morphology.isFeminineTitle(title.word)) return true;
  return (
    FEMININE_VERB.test(verbAfter) &&
    morphology.canBeCommonNominative(title.word) &&
    (wordBefore(text, title.start) === null || startsSentence(text, title.start))
  );
}

/** Quotes open before a name of a thing («Форд», "Боинг"). */
export const OPENING_QUOTE = /[«"„“]\s*$/u;
export const CLOSING_QUOTE = /^\s*[»"“”]/u;
