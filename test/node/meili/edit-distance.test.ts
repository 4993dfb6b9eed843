import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../meili-local/tokenize.ts';

/** The textbook full-matrix optimal string alignment distance, to check the banded one against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and transpositions as one typo each', () => {
    expect(editDistance('депутат', 'депутат', 2)).toBe(0);
    expect(editDistance('депутат', 'дипутат', 2)).toBe(1);
    expect(editDistance('депутат', 'депутатт', 2)).toBe(1);
    expect(editDistance('депутат', 'деутат', 2)).toBe(1);
    expect(editDistance('депутат', 'дпеутат', 2)).toBe(1);
  });

  it('answers max + 1 for anything farther than max', () => {
    expect(editDistance('депутат', 'сенатор', 2)).toBe(3);
    expect(editDistance('газ', 'газопровод', 1)).toBe(2);
  });

  it('compares with the first bLength characters of b (prefix search)', () => {
    expect(editDistance('слажн', 'сложными', 1, 5)).toBe(1);
    expect(editDistance('слажн', 'сложными', 1)).toBe(2);
  });

  it('agrees with the full-matrix distance on generated words', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => 'абвг'[Math.floor(random() * 4)],
      ).join('');
    for (let k = 0; k < 5000; k++) {
      const [a, b, max] = [word(), word(), 1 + Math.floor(random() * 2)];
      expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(reference(a, b), max + 1));
    }
  });
});
