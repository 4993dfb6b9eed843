/**
 * The junk judge: does a hit hold some query word in any form? A form is a word sharing a dictionary
 * lemma with the query word (all readings), the word itself, a word one edit away (a typo of it), or, for
 * the last query word, a word it starts (cut short while typing). A reflexive verb counts as a form of
 * its base verb (OpenCorpora makes "планироваться" a lexeme apart from "планировать"). Independent of the
 * engines' matching.
 */
import type { Morphology } from '../../indexer/morphology.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const lower = (w: string) => w.toLowerCase().replaceAll('ё', 'е');

/** Optimal string alignment distance, stopping early above 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, from: number) => x.slice(from);
  return (
    rest(a, i + 1) === rest(b, i + 1) || // substitution
    rest(a, i + 1) === rest(b, i) || // a has one more
    rest(a, i) === rest(b, i + 1) || // b has one more
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2)) // transposition
  );
}

export function createJudge(morphology: Morphology) {
  const lemmaCache = new Map<string, Set<string>>();
  const lemmas = (word: string): Set<string> => {
    let set = lemmaCache.get(word);
    if (!set) {
      const lemmas = morphology
        .lexemes(word)
        .map((l) => l.lemma.replace(/(?<=ть|ти|чь)(ся|сь)$/, ''));
      set = new Set([word, ...lemmas]);
      lemmaCache.set(word, set);
    }
    return set;
  };
  const holdsForm = (hitWords: string[], q: string, last: boolean) => {
    const qLemmas = lemmas(q);
    return hitWords.some(
      (h) =>
        (last && h.startsWith(q)) ||
        (q.length >= 5 && withinOneEdit(h, q)) ||
        [...lemmas(h)].some((l) => qLemmas.has(l)),
    );
  };
  /** Whether `text` holds a form of at least one word of `q`. */
  return (q: string, text: string): boolean => {
    const hitWords = [...new Set((text.match(WORD) ?? []).map(lower))];
    const words = (q.match(WORD) ?? []).map(lower);
    return words.some((w, i) => holdsForm(hitWords, w, i === words.length - 1));
  };
}
