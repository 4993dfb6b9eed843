/**
 * `npm run index -- [options] PATH...`: index articles into Meilisearch.
 * commander parses the options; cli-progress draws the bar on a terminal (plain lines otherwise).
 */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_INDEX } from '../src/schema/chunk.ts';
import { MAX_CHUNK_CHARS } from './chunk.ts';
import { formatProblem } from './problems.ts';
import { runIndexer, type IndexSummary } from './run.ts';
import { FORMATS } from './sources.ts';

/** Exit codes: 0 all indexed; 1 the run failed; 2 some input was skipped (the rest was indexed). */
export const EXIT = { ok: 0, failed: 1, skipped: 2 } as const;

const program = new Command()
  .name('npm run index --')
  .description('Index news articles (files or folders, walked recursively) into Meilisearch.')
  .argument(
    '<paths...>',
    `files or folders: ${FORMATS.map((f) => f.extensions.map((e) => `.${e}`).join('/')).join(', ')}`,
  )
  .option(
    '--dry-run',
    'read and build the documents, talk to no server (with --prune: only read the index and list what would be removed)',
  )
  .option('--out <file>', 'write the chunk documents, one JSON object per line')
  .option(
    '--prune',
    'also remove articles that came from files under the given paths and are gone from them (files with errors in this run keep theirs)',
  )
  .option(
    '--max-chunk-chars <n>',
    `the longest chunk, in characters (default ${MAX_CHUNK_CHARS})`,
    (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 100)
        throw new InvalidArgumentError('a whole number of at least 100');
      return n;
    },
  )
  .option('--json', 'print the summary at the end as one JSON object on stdout')
  .option('--reset', 'rebuild the index from scratch')
  .option('--aliases <file>', 'JSON object mapping name variants to one canonical name')
  .option(
    '--watch',
    'after indexing, keep watching the paths and index new and changed files as they appear',
  )
  .addHelpText(
    'after',
    `
Input formats:
${FORMATS.map((f) => `  ${f.extensions.map((e) => `.${e}`).join(', ')}: ${f.holds.replaceAll('`', '')}`).join('\n')}

Environment: MEILI_HOST (default http://127.0.0.1:7700), MEILI_API_KEY (admin or master key), MEILI_INDEX (default ${DEFAULT_INDEX}).
Exit codes: ${EXIT.ok} everything indexed; ${EXIT.skipped} some files or lines were skipped (each is reported); ${EXIT.failed} the run failed.`,
  )
  .parse();

const options = program.opts<{
  dryRun?: boolean;
  out?: string;
  prune?: boolean;
  reset?: boolean;
  aliases?: string;
  maxChunkChars?: number;
  json?: boolean;
  watch?: boolean;
}>();
const interactive = process.stderr.isTTY;
const bar = interactive
  ? new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {value}/{total} {rate}/s eta {eta_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    )
  : null;
let currentPhase = '';
let lastLine = 0;
const started = Date.now();

function progress(phase: 'read' | 'send', done: number, total: number): void {
  const label = phase === 'read' ? 'reading files ' : 'sending chunks';
  const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  if (bar) {
    if (currentPhase !== phase) {
      if (currentPhase) bar.stop();
      bar.start(total, 0, { phase: label, rate });
      currentPhase = phase;
    }
    bar.update(done, { phase: label, rate });
  } else if (done === total || Date.now() - lastLine > 2000) {
    lastLine = Date.now();
    console.error(`${label.trim()}: ${done}/${total}`);
  }
}

function report(summary: IndexSummary): void {
  for (const p of summary.problems) console.error(`skipped ${formatProblem(p)}`);
  for (const w of summary.warnings) console.error(`warning ${formatProblem(w)}`);
  const dry = options.dryRun ? 'dry run: ' : '';
  for (const p of summary.pruned)
    console.error(
      `${options.dryRun ? 'would remove' : 'removed'} ${p.articleId} (${p.file} no longer holds it)`,
    );
  if (options.json) {
    console.log(JSON.stringify({ dryRun: Boolean(options.dryRun), ...summary }));
    return;
  }
  const kinds = Object.entries(summary.counts).map(([kind, n]) => `${kind} ${n}`);
  console.log(
    `${dry}${summary.articles} articles in ${summary.files} files: ` +
      `${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} ${options.dryRun ? 'to remove' : 'removed'}, ${summary.skipped} skipped; ` +
      (summary.resolvedInIndex
        ? `${summary.resolvedInIndex} indexed before took full names for their one-part names; `
        : '') +
      `${summary.chunks} chunks (${summary.chunksSent} sent), ${summary.persons} persons; ${(summary.ms / 1000).toFixed(1)} s` +
      (kinds.length
        ? `\n${summary.problems.length} errors, ${summary.warnings.length} warnings: ${kinds.join(', ')}`
        : ''),
  );
}

async function run(reset: boolean): Promise<number> {
  try {
    const summary = await runIndexer({
      paths: program.args,
      host: process.env.MEILI_HOST,
      apiKey: process.env.MEILI_API_KEY,
      index: process.env.MEILI_INDEX,
      ...options,
      reset,
      log: (line) => (bar ? undefined : console.error(line)),
      progress,
    });
    bar?.stop();
    currentPhase = '';
    report(summary);
    return summary.problems.length > 0 ? EXIT.skipped : EXIT.ok;
  } catch (error) {
    bar?.stop();
    currentPhase = '';
    console.error(`indexing failed: ${(error as Error).message}`);
    if (options.json) console.log(JSON.stringify({ failed: (error as Error).message }));
    return EXIT.failed;
  }
}

if (options.watch && !options.dryRun) {
  // Watching starts before the first run so nothing written meanwhile is missed; incremental runs are
  // cheap (unchanged articles are skipped), so any change triggers one, debounced.
  const { watch } = await import('node:fs');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = run(Boolean(options.reset));
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        console.error(`change seen: indexing again (${new Date().toLocaleTimeString()})`);
        await run(false);
      });
    }, 300);
  };
  for (const path of program.args) watch(path, { recursive: true }, schedule);
  await running;
  console.error(`watching ${program.args.join(', ')} for new and changed files (Ctrl-C to stop)`);
} else {
  process.exitCode = await run(Boolean(options.reset));
}
