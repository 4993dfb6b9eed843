import { describe, expect, it } from 'vitest';
import { devHalves } from '../../../indexer/dev-split.ts';

describe('dev split', () => {
  it('alternates over sorted names, whatever order they come in', () => {
    const halves = devHalves(['c', 'a', 'd', 'b', 'a']);
    expect([...halves]).toEqual([
      ['a', 'tuning'],
      ['b', 'validation'],
      ['c', 'tuning'],
      ['d', 'validation'],
    ]);
  });
});
