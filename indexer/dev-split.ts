/**
 * The one fixed split of an annotated dev set (factRuEval-2016) that every evaluation uses: documents in
 * sorted name order, even positions for tuning, odd positions for validation. Rules are tuned on the first
 * half only; the second half shows whether they generalise.
 */
export type DevHalf = 'tuning' | 'validation';

export const DEV_HALVES: readonly DevHalf[] = ['tuning', 'validation'];

/** Which half each document name belongs to, from the sorted list of all names. */
export function devHalves(names: readonly string[]): Map<string, DevHalf> {
  const sorted = [...new Set(names)].sort();
  return new Map(sorted.map((name, i) => [name, i % 2 === 0 ? 'tuning' : 'validation']));
}
