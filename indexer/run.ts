/**
 * One indexing run: read every file, build documents, and bring the index in step (or, with `dryRun`,
 * only write the documents out). Used by the CLI, `npm start` and the tests.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { DEFAULT_INDEX, type ChunkDocument } from '../src/schema/chunk.ts';
import { articleIdOf, buildDocuments } from './documents.ts';
import { loadMorphology } from './morphology.ts';
import { resolvePersonsAcrossIndex } from './persons/across-index.ts';
import { listFiles, readArticles, type Problem } from './sources.ts';
import { IndexSync, type ExistingArticle } from './sync.ts';

export interface IndexerOptions {
  paths: string[];
  host?: string;
  apiKey?: string;
  index?: string;
  dryRun?: boolean;
  /** Write the chunk documents here, one JSON object per line. */
  out?: string;
  prune?: boolean;
  reset?: boolean;
  /** JSON file: { "variant": "Canonical Name", ... }. */
  aliases?: string;
  log?: (line: string) => void;
  /** Called as work advances: phase, done, total. */
  progress?: (phase: 'read' | 'send', done: number, total: number) => void;
}

export interface IndexSummary {
  files: number;
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files, lines or articles left out, one per entry of `problems`. */
  skipped: number;
  chunks: number;
  chunksSent: number;
  persons: number;
  problems: Problem[];
  warnings: Problem[];
  ms: number;
}

async function loadAliases(path: string | undefined): Promise<Map<string, string>> {
  if (!path) return new Map();
  const raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${path}: expected a JSON object { "variant": "Canonical Name" }`);
  return new Map(
    Object.entries(raw as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** The file part of a `source` ("path:line" or "path#n"). */
function sourceFile(source: string): string {
  return source.replace(/(:\d+|#\d+)$/, '');
}

export async function runIndexer(options: IndexerOptions): Promise<IndexSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const [morphology, aliases] = await Promise.all([loadMorphology(), loadAliases(options.aliases)]);
  const { files, problems } = await listFiles(options.paths);
  const warnings: Problem[] = [];
  const byArticle = new Map<string, ChunkDocument[]>();
  const readFiles = new Set<string>();

  for (const [i, file] of files.entries()) {
    const shown = relative(process.cwd(), file) || file;
    readFiles.add(shown);
    const result = await readArticles(file);
    for (const problem of result.problems) problems.push({ ...problem, file: shown });
    for (const article of result.articles) {
      article.source = article.source.replace(file, shown);
      const lineMatch = /:(\d+)$/.exec(article.source);
      const line = lineMatch ? Number(lineMatch[1]) : undefined;
      const built = buildDocuments(article, { morphology, aliases });
      if ('error' in built) {
        problems.push({ file: shown, ...(line ? { line } : {}), reason: built.error });
        continue;
      }
      for (const reason of built.warnings)
        warnings.push({ file: shown, ...(line ? { line } : {}), reason });
      const id = articleIdOf(article);
      if (byArticle.has(id)) {
        warnings.push({
          file: shown,
          ...(line ? { line } : {}),
          reason: `duplicate article id "${id}": the later one wins`,
        });
      }
      byArticle.set(id, built.documents);
    }
    options.progress?.('read', i + 1, files.length);
  }

  // One-part names ("Лавров") resolved across all articles of the run (persons/across-index.ts).
  for (const [id, documents] of resolvePersonsAcrossIndex(byArticle)) byArticle.set(id, documents);
  const all = [...byArticle.values()].flat();
  if (options.out) await writeJsonl(options.out, all);
  const persons = new Set(all.flatMap((d) => d.article_persons));
  const summary: IndexSummary = {
    files: files.length,
    articles: byArticle.size,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    // Every problem is one file, line or article left out; the rest was read.
    skipped: problems.length,
    chunks: all.length,
    chunksSent: 0,
    persons: persons.size,
    problems,
    warnings,
    ms: 0,
  };
  if (options.dryRun) {
    summary.added = byArticle.size;
    summary.ms = Math.round(performance.now() - started);
    return summary;
  }

  const sync = new IndexSync({
    host: options.host ?? 'http://127.0.0.1:7700',
    apiKey: options.apiKey,
    index: options.index ?? DEFAULT_INDEX,
  });
  await sync.prepare(Boolean(options.reset));
  const existing: Map<string, ExistingArticle> = options.reset ? new Map() : await sync.existing();
  const toSend: ChunkDocument[] = [];
  const staleIds: string[] = [];
  for (const [articleId, documents] of byArticle) {
    const before = existing.get(articleId);
    const hash = documents[0]?.content_hash as string;
    const newIds = new Set(documents.map((d) => d.id));
    const unchanged =
      before &&
      before.hashes.size === 1 &&
      before.hashes.has(hash) &&
      before.ids.size === newIds.size &&
      [...before.ids].every((id) => newIds.has(id));
    if (unchanged) {
      summary.unchanged++;
      continue;
    }
    if (before) {
      summary.updated++;
      staleIds.push(...[...before.ids].filter((id) => !newIds.has(id)));
    } else summary.added++;
    toSend.push(...documents);
  }
  if (options.prune) {
    for (const [articleId, before] of existing) {
      if (byArticle.has(articleId)) continue;
      const file = sourceFile(before.source);
      if (readFiles.has(file) || !existsSync(file)) {
        staleIds.push(...before.ids);
        summary.removed++;
      }
    }
  }
  log(
    `sending ${toSend.length} chunks of ${summary.added + summary.updated} articles; removing ${staleIds.length} stale chunks`,
  );
  await sync.addDocuments(toSend, (count) => {
    summary.chunksSent += count;
    options.progress?.('send', summary.chunksSent, toSend.length);
  });
  await sync.deleteDocuments(staleIds);
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

async function writeJsonl(path: string, documents: ChunkDocument[]): Promise<void> {
  const stream = createWriteStream(path);
  for (const doc of documents) {
    if (!stream.write(`${JSON.stringify(doc)}\n`))
      await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
