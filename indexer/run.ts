/**
 * One indexing run: read every file, build documents, and bring the index in step (or, with `dryRun`,
 * only write the documents out). Used by the CLI, `npm start` and the tests.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { DEFAULT_INDEX, type ChunkDocument } from '../src/schema/chunk.ts';
import { articleHash, reconcileArticleIndex } from './article-index.ts';
import { articleIdOf, buildDocuments, idCollisionKey } from './documents.ts';
import { loadMorphology } from './morphology.ts';
import { resolvePersonsAcrossIndex, withResolvedPersons } from './persons/across-index.ts';
import { countByKind, isError, type Problem, type ProblemKind } from './problems.ts';
import { listFiles, readArticles } from './sources.ts';
import { IndexSync, type ExistingArticle } from './sync.ts';

export interface IndexerOptions {
  paths: string[];
  host?: string;
  apiKey?: string;
  index?: string;
  /** Talk to no server; with `prune`, only read the index to list what would be removed. */
  dryRun?: boolean;
  /** Write the chunk documents here, one JSON object per line. */
  out?: string;
  /** Also remove articles that came from files under `paths` and are gone from them. */
  prune?: boolean;
  reset?: boolean;
  /** JSON file: { "variant": "Canonical Name", ... }. */
  aliases?: string;
  /** The longest chunk, in characters (MAX_CHUNK_CHARS by default). */
  maxChunkChars?: number;
  log?: (line: string) => void;
  /** Called as work advances: phase, done, total. */
  progress?: (phase: 'read' | 'send', done: number, total: number) => void;
}

export interface PrunedArticle {
  articleId: string;
  /** The file it came from, as shown (relative to the working directory when inside it). */
  file: string;
}

export interface IndexSummary {
  files: number;
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Articles indexed before whose one-part names a full name in this run resolved (persons only). */
  resolvedInIndex: number;
  /** Files, lines or articles left out: one per entry of `problems`. */
  skipped: number;
  chunks: number;
  chunksSent: number;
  persons: number;
  /** What `--prune` removed (or, with `--dry-run`, would remove). */
  pruned: PrunedArticle[];
  /** Bad input left out (errors; the exit code is 2). */
  problems: Problem[];
  /** Reported, nothing left out. */
  warnings: Problem[];
  /** Problems and warnings per kind (see problems.ts). */
  counts: Partial<Record<ProblemKind, number>>;
  ms: number;
}

interface BuiltArticle {
  documents: ChunkDocument[];
  origin: string;
  /** `file:line` as shown. */
  where: string;
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

/** A file as shown: relative to the working directory when inside it, else absolute. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

const isWithin = (file: string, root: string) => file === root || file.startsWith(root + sep);

export async function runIndexer(options: IndexerOptions): Promise<IndexSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const [morphology, aliases] = await Promise.all([loadMorphology(), loadAliases(options.aliases)]);
  const listed = await listFiles(options.paths);
  const { files, roots } = listed;
  const problems: Problem[] = [...listed.problems];
  const warnings: Problem[] = [];
  const report = (p: Problem) => (isError(p) ? problems : warnings).push(p);
  /** Files that lost something to an error in this run: --prune keeps their articles. */
  const filesWithErrors = new Set<string>();
  const refuse = (p: Problem, origin: string) => {
    report(p);
    filesWithErrors.add(origin);
  };
  const byArticle = new Map<string, BuiltArticle>();
  const byKey = new Map<string, string>();

  for (const [i, file] of files.entries()) {
    const shown = shownPath(file);
    const result = await readArticles(file);
    for (const p of result.problems) {
      report({ file: shown, ...p });
      if (isError(p)) filesWithErrors.add(file);
    }
    for (const article of result.articles) {
      const at = { file: shown, ...(article.line ? { line: article.line } : {}) };
      const where = `${shown}${article.line ? `:${article.line}` : ''}`;
      const built = buildDocuments(article, {
        morphology,
        aliases,
        ...(options.maxChunkChars ? { maxChunkChars: options.maxChunkChars } : {}),
      });
      if ('error' in built) {
        refuse({ ...at, ...built.error }, file);
        continue;
      }
      for (const w of built.warnings) report({ ...at, ...w });
      const id = articleIdOf(article);
      const other = byKey.get(idCollisionKey(id));
      if (other !== undefined) {
        const first = byArticle.get(other) as BuiltArticle;
        refuse(
          other === id
            ? {
                ...at,
                kind: 'duplicate-id',
                reason: `article id "${id}" is also the id of ${first.where}: this one is skipped`,
              }
            : {
                ...at,
                kind: 'id-case-collision',
                reason: `article id "${id}" differs only in letter case from "${other}" of ${first.where}, and Meilisearch's filters would mix them: this one is skipped`,
              },
          file,
        );
        continue;
      }
      byKey.set(idCollisionKey(id), id);
      byArticle.set(id, { documents: built.documents, origin: file, where });
    }
    options.progress?.('read', i + 1, files.length);
  }
  // One-part names ("Лавров") resolved across the run's articles and those indexed before, whichever
  // came first (persons/across-index.ts); returns the indexed articles that change.
  const resolvePersons = (indexed: Map<string, string[]>) => {
    const resolution = resolvePersonsAcrossIndex(
      new Map([...byArticle].map(([id, article]) => [id, article.documents])),
      indexed,
    );
    for (const [id, documents] of resolution.articles)
      (byArticle.get(id) as BuiltArticle).documents = documents;
    return resolution.indexed;
  };

  const summary: IndexSummary = {
    files: files.length,
    articles: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    resolvedInIndex: 0,
    skipped: 0,
    chunks: 0,
    chunksSent: 0,
    persons: 0,
    pruned: [],
    problems,
    warnings,
    counts: {},
    ms: 0,
  };
  const finish = () => {
    const all = [...byArticle.values()].flatMap((a) => a.documents);
    summary.articles = byArticle.size;
    summary.chunks = all.length;
    summary.persons = new Set(all.flatMap((d) => d.article_persons)).size;
    // Every problem is one file, line or article left out; the rest was read.
    summary.skipped = problems.length;
    summary.counts = countByKind([...problems, ...warnings]);
    summary.ms = Math.round(performance.now() - started);
    return summary;
  };
  const writeOut = async () => {
    if (options.out)
      await writeJsonl(
        options.out,
        [...byArticle.values()].flatMap((a) => a.documents),
      );
  };

  if (options.dryRun && !options.prune) {
    resolvePersons(new Map());
    finish();
    summary.added = byArticle.size;
    await writeOut();
    return summary;
  }

  const sync = new IndexSync({
    host: options.host ?? 'http://127.0.0.1:7700',
    apiKey: options.apiKey,
    index: options.index ?? DEFAULT_INDEX,
  });
  if (!options.dryRun) await sync.prepare(Boolean(options.reset));
  const existing: Map<string, ExistingArticle> = options.reset ? new Map() : await sync.existing();

  // An id the index already holds in another letter case is refused, naming the file it came from.
  const existingByKey = new Map([...existing.keys()].map((id) => [idCollisionKey(id), id]));
  for (const [id, article] of byArticle) {
    const other = existingByKey.get(idCollisionKey(id));
    if (other === undefined || other === id) continue;
    const otherOrigin = existing.get(other)?.origin;
    const [file, line] = article.where.split(/:(?=\d+$)/);
    refuse(
      {
        file: file as string,
        ...(line ? { line: Number(line) } : {}),
        kind: 'id-case-collision',
        reason: `article id "${id}" differs only in letter case from "${other}", already indexed from ${otherOrigin ? shownPath(otherOrigin) : 'an unknown file'}, and Meilisearch's filters would mix them: this one is skipped`,
      },
      article.origin,
    );
    byArticle.delete(id);
  }
  const indexedToResolve = resolvePersons(
    new Map([...existing].filter(([id]) => !byArticle.has(id)).map(([id, a]) => [id, a.persons])),
  );
  await writeOut();

  const toSend: ChunkDocument[] = [];
  const staleIds: string[] = [];
  for (const [articleId, { documents }] of byArticle) {
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
    const listedFiles = new Set(files);
    const kept = new Map<string, number>();
    let withoutOrigin = 0;
    for (const [articleId, before] of existing) {
      if (byArticle.has(articleId)) continue;
      const origin = before.origin;
      if (!origin) {
        withoutOrigin++;
        continue;
      }
      // Only what this run was asked about: files under its paths.
      if (!roots.some((root) => isWithin(origin, root))) continue;
      if (filesWithErrors.has(origin)) {
        kept.set(origin, (kept.get(origin) ?? 0) + 1);
        continue;
      }
      // Gone: its file was read in full and no longer holds it, or the file no longer exists.
      if (listedFiles.has(origin) || !existsSync(origin)) {
        summary.pruned.push({ articleId, file: shownPath(origin) });
        staleIds.push(...before.ids);
      }
    }
    for (const [origin, count] of kept)
      warnings.push({
        file: shownPath(origin),
        kind: 'not-pruned',
        reason: `${count} article(s) indexed from this file were not read in this run because of its errors: kept, not pruned`,
      });
    if (withoutOrigin)
      warnings.push({
        file: `index ${options.index ?? DEFAULT_INDEX}`,
        kind: 'no-origin',
        reason: `${withoutOrigin} article(s) were indexed before origins were recorded: --prune leaves them (--reset rebuilds the index)`,
      });
    summary.removed = summary.pruned.length;
  }
  finish();
  if (options.dryRun) return summary;

  log(
    `sending ${toSend.length} chunks of ${summary.added + summary.updated} articles; removing ${staleIds.length} stale chunks`,
  );
  await sync.addDocuments(toSend, (count) => {
    summary.chunksSent += count;
    options.progress?.('send', summary.chunksSent, toSend.length);
  });
  await sync.deleteDocuments(staleIds);
  /** Articles of earlier runs whose persons this run rewrites: their new articleHash. */
  const rehashed = new Map<string, string>();
  // After the run's own documents, so a run killed in between leaves what the next one redoes.
  if (indexedToResolve.size) {
    const indexed = await sync.personFieldsOf([...indexedToResolve.keys()]);
    const updates = [...indexed].flatMap(([id, documents]) => {
      const changed = withResolvedPersons(
        documents,
        indexedToResolve.get(id) as Map<string, string>,
      );
      if (changed) rehashed.set(id, articleHash(changed));
      return changed ?? [];
    });
    summary.resolvedInIndex = indexed.size;
    await sync.updateDocuments(updates);
  }
  // The article index follows what the paragraph index now holds: this run's articles, and the others
  // it held before except those pruned.
  const pruned = new Set(summary.pruned.map((p) => p.articleId));
  const wanted = new Map<string, string>();
  for (const [id, before] of existing)
    if (!pruned.has(id))
      wanted.set(
        id,
        rehashed.get(id) ??
          articleHash([...before.hashes].map((content_hash) => ({ content_hash }))),
      );
  const built = new Map([...byArticle].map(([id, a]) => [id, a.documents]));
  for (const [id, documents] of built) wanted.set(id, articleHash(documents));
  const articles = await reconcileArticleIndex(sync.articleIo(), wanted, built);
  if (articles.written || articles.removed)
    log(`article index: ${articles.written} written, ${articles.removed} removed`);
  return finish();
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
