/**
 * The baseline: Lucene's RussianAnalyzer + BM25 (Elasticsearch's `russian` analyzer), plain and with
 * one-edit fuzzy terms, run in Java (eval/relevance/lucene, a Maven project built on first use).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('./lucene', import.meta.url));

function build(): void {
  if (existsSync(join(PROJECT, 'target/classes/relevance/Baseline.class'))) return;
  execFileSync('mvn', ['-q', '-B', 'package'], { cwd: PROJECT, stdio: 'inherit' });
}

/** Top-10 ids per query, in the order of `queries`. */
export function luceneSearch(
  paragraphs: Array<{ id: string; text: string }>,
  queries: string[],
  mode: 'plain' | 'fuzzy',
  workDir: string,
): string[][] {
  build();
  const docs = join(workDir, 'lucene-docs.tsv');
  const clean = (s: string) => s.replace(/[\t\n\r]+/g, ' ');
  writeFileSync(docs, paragraphs.map((p) => `${p.id}\t${clean(p.text)}`).join('\n'));
  const input = queries.map((q, i) => `${i}\t${clean(q)}`).join('\n');
  const run = spawnSync(
    'java',
    [
      '-cp',
      `${join(PROJECT, 'target/classes')}:${join(PROJECT, 'target/lib/*')}`,
      'relevance.Baseline',
      docs,
      mode,
    ],
    { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`Lucene baseline failed: ${run.stderr}`);
  const out = new Map<number, string[]>();
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const [qid, ids = ''] = line.split('\t');
    out.set(Number(qid), ids.split(' ').filter(Boolean));
  }
  return queries.map((_, i) => out.get(i) ?? []);
}
