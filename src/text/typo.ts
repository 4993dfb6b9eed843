/**
 * Typos as Meilisearch tolerates them by default: none below 5 letters, one from 5, two from 9; an edit is
 * an insertion, a deletion, a substitution or a swap of two neighbours. Used to highlight what a typo found.
 */
export const TYPO_LENGTHS = { oneTypo: 5, twoTypos: 9 } as const;

export function typoBudget(word: string): number {
  const length = [...word].length;
  return length >= TYPO_LENGTHS.twoTypos ? 2 : length >= TYPO_LENGTHS.oneTypo ? 1 : 0;
}

/** Optimal string alignment distance between `a` and `b`, or `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[y.length] as number, max + 1);
}

/** Would Meilisearch find `word` (normalised) for the query word `typed`, allowing its typos? */
export function isTypoOf(word: string, typed: string): boolean {
  const budget = typoBudget(typed);
  return budget > 0 && editDistance(word, typed, budget) <= budget;
}
