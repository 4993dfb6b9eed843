/**
 * Names listed beside names: in a sports report's goal lines ("Бернс (Рой, Грин) • 2:1 — 09:17 Куниц")
 * or an enumeration ("Лавров, Шойгу и Нарышкин"), a lone capitalised word that no one-part rule took is a
 * person too when the list holds other persons and no place or organisation. Pure: the text, the
 * mentions found and the candidate words in; the new mentions out.
 */
import type { Morphology } from '../morphology.ts';
import type { Word } from './words.ts';
import { CYRILLIC_NAME } from './words.ts';

interface Mention {
  name: string;
  start: number;
  end: number;
}

/** What may stand between two items of a list: list punctuation, scores and times, "и"/"или"; no letter, no sentence end, no line break. */
const LIST_GAP = /^(?:[ \t,()\-–—•:+\d]|(?<=\s)(?:и|или)(?=\s))+$/u;
/** A colon right after a word ends a label, not an item: "Спартак: Селихов, Джикия", "Вратари: Уорд". */
const LABEL_END = /^\s*:/u;
/** A gap of spaces only joins a run of words, not list items. */
const PUNCTUATED = /[,()\-–—•:]|(?<=\s)(?:и|или)(?=\s)/u;

/** The fewest persons a list must already hold. */
const PERSONS_IN_LIST = 2;

const normalise = (word: string) => word.toLowerCase().replaceAll('ё', 'е');

/** Is the mention written as its name ends, in the nominative ("Грин", not "Грином")? */
const inNominative = (text: string, m: Mention) =>
  normalise(text.slice(m.start, m.end)).endsWith(normalise(m.name.split(' ').at(-1) as string));

/**
 * An adjective, a verb or an ordinary noun in the nominative ("Общий", "Отчёт", "Сбербанк"); an oblique
 * common form (Куниц of куница) is no such word.
 */
const ordinaryWord = (word: string, morphology: Morphology) =>
  morphology.isNotANoun(word) ||
  (morphology.isCommonWord(word) && morphology.canBeCommonNominative(word));

type Item = { kind: 'person'; mention: Mention } | { kind: 'word'; word: Word };

const span = (item: Item) => (item.kind === 'person' ? item.mention : item.word);

/**
 * The items of `text` (mentions and unclaimed capitalised words) in lists: runs of items with only a
 * `LIST_GAP` between, punctuated, and no label's colon. An `ordinaryWord` ends a list and is no item of
 * either: a heading a flattened text ran into it ("Отчёт • 0:1 — Сёмин"), a thing listed with persons
 * ("Абрамович, Потанин, Сбербанк и Тинькофф").
 */
function lists(
  text: string,
  mentions: readonly Mention[],
  others: readonly Word[],
  morphology: Morphology,
): Item[][] {
  const items: Item[] = [
    ...mentions.map((mention) => ({ kind: 'person' as const, mention })),
    ...others.map((word) => ({ kind: 'word' as const, word })),
  ].sort((a, b) => span(a).start - span(b).start);
  const out: Item[][] = [];
  let current: Item[] = [];
  for (const item of items) {
    const previous = current.at(-1);
    const gap = previous ? text.slice(span(previous).end, span(item).start) : '';
    const ordinary = item.kind === 'word' && ordinaryWord(item.word.text, morphology);
    if (
      ordinary ||
      (previous && !(LIST_GAP.test(gap) && PUNCTUATED.test(gap) && !LABEL_END.test(gap)))
    ) {
      out.push(current);
      current = [];
    }
    if (!ordinary) current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Mentions for the `candidates` (lone capitalised words no rule took, as written) that stand in a list
 * with `PERSONS_IN_LIST` persons, all of them written in the nominative, and no place or organisation
 * among the unclaimed words. `unclaimed` are all the capitalised words outside mentions.
 */
export function listedWithPersons(
  text: string,
  mentions: readonly Mention[],
  unclaimed: readonly Word[],
  candidates: ReadonlySet<number>,
  morphology: Morphology,
): Mention[] {
  const found: Mention[] = [];
  for (const list of lists(text, mentions, unclaimed, morphology)) {
    const persons = list.flatMap((i) => (i.kind === 'person' ? [i.mention] : []));
    const words = list.flatMap((i) => (i.kind === 'word' ? [i.word] : []));
    if (
      persons.length < PERSONS_IN_LIST ||
      !persons.every((m) => inNominative(text, m)) ||
      words.some(
        (w) => morphology.isPlaceOrOrganisation(w.text) || ordinaryWord(w.text, morphology),
      )
    )
      continue;
    for (const w of words)
      if (candidates.has(w.start) && CYRILLIC_NAME.test(w.text))
        found.push({ name: w.text, start: w.start, end: w.end });
  }
  return found;
}
