/**
 * `followedBy` (the split-word lookup: occurrences of one word that another follows at the next position)
 * against the obvious pass over both lists, on generated occurrence lists of very different lengths.
 */
import { describe, expect, it } from 'vitest';
import { Occurrences } from '../../../meili-local/index.ts';
import { followedBy } from '../../../meili-local/search.ts';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Occurrences in ascending (document, position) order, about `density` of the slots filled. */
function occurrences(random: () => number, docs: number, density: number): Occurrences {
  const list = new Occurrences();
  for (let n = 0; n < docs; n++)
    for (let p = 0; p < 40; p++) if (random() < density) list.push(n, (p >= 20 ? 1 << 16 : 0) + p);
  return list;
}

function obvious(first: Occurrences, second: Occurrences, live: Uint8Array) {
  const after = new Set<number>();
  for (let k = 0; k < second.length; k++)
    after.add((second.docs[k] as number) * 2 ** 26 + (second.positions[k] as number));
  const kept: Array<[number, number]> = [];
  for (let k = 0; k < first.length; k++) {
    const n = first.docs[k] as number;
    const packed = first.positions[k] as number;
    if (live[n] && after.has(n * 2 ** 26 + packed + 1)) kept.push([n, packed]);
  }
  return { kept, docs: new Set(kept.map(([n]) => n)).size };
}

const pairs = (list: Occurrences) =>
  Array.from({ length: list.length }, (_, i) => [list.docs[i], list.positions[i]]);

describe('followedBy', () => {
  it.each([
    [0.02, 0.5],
    [0.5, 0.02],
    [0.2, 0.2],
    [0.001, 0.9],
    [0.9, 0.001],
  ])('matches the obvious pass (densities %f and %f)', (a, b) => {
    const random = prng(Math.round(a * 1000 + b * 7));
    const live = Uint8Array.from({ length: 300 }, () => (random() < 0.9 ? 1 : 0));
    const first = occurrences(random, 300, a);
    const second = occurrences(random, 300, b);
    const expected = obvious(first, second, live);
    const got = followedBy(first, second, live);
    expect(pairs(got.occurrences)).toEqual(expected.kept);
    expect(got.docs).toBe(expected.docs);
    expect(expected.kept.length).toBeGreaterThan(0);
  });

  it('finds nothing when either list is empty', () => {
    const live = new Uint8Array(10).fill(1);
    const some = occurrences(prng(3), 10, 0.5);
    expect(followedBy(new Occurrences(), some, live).docs).toBe(0);
    expect(followedBy(some, new Occurrences(), live).docs).toBe(0);
  });
});
