/** Typos as Meilisearch tolerates them, for highlighting (src/text/typo.ts). */
import { describe, expect, it } from 'vitest';
import { editDistance, isTypoOf, typoBudget } from '../../src/text/typo.ts';

describe('typos', () => {
  it('allows none below five letters, one from five, two from nine', () => {
    expect(typoBudget('депо')).toBe(0);
    expect(typoBudget('войск')).toBe(1);
    expect(typoBudget('депутатов')).toBe(2);
  });

  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('войск', 'войск', 1)).toBe(0);
    expect(editDistance('войск', 'воойск', 1)).toBe(1);
    expect(editDistance('войск', 'вийск', 1)).toBe(1);
    expect(editDistance('войск', 'вйоск', 1)).toBe(1);
    expect(editDistance('войск', 'войска', 1)).toBe(1);
    expect(editDistance('войск', 'ваяск', 1)).toBe(2);
    expect(editDistance('депутатами', 'депутатов', 2)).toBe(3);
    expect(editDistance('депутатами', 'депутатаим', 2)).toBe(1);
  });

  it('finds a word for a typed word within its budget only', () => {
    expect(isTypoOf('парламента', 'парламетна')).toBe(true);
    expect(isTypoOf('депо', 'дело')).toBe(false);
    expect(isTypoOf('отходы', 'обходы')).toBe(true);
    expect(isTypoOf('отходов', 'обходы')).toBe(false);
  });
});
