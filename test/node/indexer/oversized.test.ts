/**
 * A 5 MB article on one line through the whole indexer (the CLI with `--dry-run --out`): split, not refused;
 * every chunk document within the limit, in order, and together the article's text exactly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MAX_CHUNK_CHARS } from '../../../indexer/chunk.ts';
import type { ChunkDocument } from '../../../src/schema/chunk.ts';
import { runTs } from '../../setup/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'oversized-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTENCES = [
  'Депутаты городского совета обсудили бюджет на следующий год.',
  '«Мы готовы к переговорам», — сказал министр журналистам.',
  'В понедельник в столице прошёл митинг против нового закона.',
  'Это решение вызвало споры среди экспертов.',
];

it('indexes a 5 MB single line as chunks of at most the limit that give the text back', async () => {
  // Half sentences, half one run of words with no sentence end: both levels of the split.
  const sentences = Array.from({ length: 45_000 }, (_, i) => SENTENCES[i % 4]).join(' ');
  const text = `${sentences} ${'слово '.repeat(420_000).trim()}`;
  expect(text.length).toBeGreaterThan(5_000_000);
  const folder = join(dir, 'in');
  const out = join(dir, 'chunks.jsonl');
  mkdirSync(folder);
  writeFileSync(join(folder, 'big.txt'), `date 2024-05-01 ${text}\n`);

  const child = runTs('indexer/cli.ts', ['--dry-run', '--out', out, folder]);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code, stderr).toBe(0);

  const documents = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ChunkDocument);
  expect(documents.length).toBeGreaterThan(text.length / MAX_CHUNK_CHARS);
  documents.forEach((d, i) => {
    expect(d.paragraph).toBe(i);
    expect(d.paragraphs).toBe(documents.length);
    expect(d.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
  });
  // The line has single spaces only, so the chunks joined by one give it back.
  expect(documents.map((d) => d.text).join(' ') === text).toBe(true);
}, 180_000);
