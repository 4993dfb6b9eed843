/** `smallestSorted`, the tie-break selection of rankTop: the k smallest, ascending, for every k. */
import { expect, it } from 'vitest';
import { smallestSorted } from '../../../meili-local/ranking.ts';

it('gives the k smallest values in order, duplicates included, for every k', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (const length of [0, 1, 2, 5, 31, 200]) {
    const values = Array.from({ length }, () => Math.floor(random() * 50) * 256 + (length % 3));
    const sorted = [...values].sort((a, b) => a - b);
    for (let k = 0; k <= length + 1; k++)
      expect([...smallestSorted(Float64Array.from(values), k)], `${length} ${k}`).toEqual(
        sorted.slice(0, k),
      );
  }
});
