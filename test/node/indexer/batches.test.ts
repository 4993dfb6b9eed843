/**
 * `batchesOf`: the indexer's requests stay under the engine's payload limit (100 MB by default) whatever the
 * documents weigh, and keep their order.
 */
import { expect, it } from 'vitest';
import { batchesOf } from '../../../indexer/sync.ts';

const doc = (id: number, chars: number) => ({ id, text: 'а'.repeat(chars) });
const bytes = (batch: unknown[]) =>
  batch.reduce<number>((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)) + 1, 0);

it('cuts by count when documents are small', () => {
  const docs = Array.from({ length: 5 }, (_, i) => doc(i, 1));
  expect(batchesOf(docs, 2, 1_000_000).map((b) => b.map((d) => d.id))).toEqual([
    [0, 1],
    [2, 3],
    [4],
  ]);
});

it('cuts by bytes of JSON (Cyrillic letters weigh two) before the count is reached', () => {
  const docs = Array.from({ length: 10 }, (_, i) => doc(i, 100));
  const batches = batchesOf(docs, 2000, 700);
  // Each document is 218 bytes of JSON and a newline: three make 657 bytes, a fourth would pass 700.
  expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
  for (const batch of batches) expect(bytes(batch)).toBeLessThanOrEqual(700);
  expect(batches.flat()).toEqual(docs);
});

it('sends a document larger than the limit alone, and no empty batch', () => {
  const docs = [doc(0, 10), doc(1, 1000), doc(2, 10)];
  expect(batchesOf(docs, 2000, 500).map((b) => b.map((d) => d.id))).toEqual([[0], [1], [2]]);
  expect(batchesOf([], 2000, 500)).toEqual([]);
});
