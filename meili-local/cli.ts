/**
 * `npm run meili`: meili-local alone, with Meilisearch's own flags and variables.
 */
import { Command } from 'commander';
import { startMeiliLocal } from './server.ts';

const program = new Command()
  .name('meili-local')
  .description(
    'A Meilisearch-compatible search engine for local development, tests and small installs',
  )
  .option(
    '--http-addr <addr>',
    'address to listen on (env MEILI_HTTP_ADDR)',
    process.env.MEILI_HTTP_ADDR ?? '127.0.0.1:7700',
  )
  .option(
    '--master-key <key>',
    'master key; without one every route is open (env MEILI_MASTER_KEY)',
    process.env.MEILI_MASTER_KEY,
  )
  .option(
    '--db-path <path>',
    'database directory (env MEILI_DB_PATH)',
    process.env.MEILI_DB_PATH ?? './data.ms',
  )
  .option(
    '--experimental-search-queue-size <n>',
    'searches that may wait at once; more are refused with 503 (env MEILI_EXPERIMENTAL_SEARCH_QUEUE_SIZE)',
    process.env.MEILI_EXPERIMENTAL_SEARCH_QUEUE_SIZE ?? '1000',
  )
  .option(
    '--search-max-wait-ms <ms>',
    'refuse a search with 503 when its expected wait is longer (env MEILI_LOCAL_SEARCH_MAX_WAIT_MS)',
    process.env.MEILI_LOCAL_SEARCH_MAX_WAIT_MS ?? '2000',
  )
  .option(
    '--dump-dir <path>',
    'where POST /dumps writes dumps, in Meilisearch format (env MEILI_DUMP_DIR)',
    process.env.MEILI_DUMP_DIR ?? 'dumps/',
  )
  .option(
    '--snapshot-dir <path>',
    'where POST /snapshots writes snapshots (env MEILI_SNAPSHOT_DIR)',
    process.env.MEILI_SNAPSHOT_DIR ?? 'snapshots/',
  )
  .option(
    '--import-snapshot <path>',
    'start from this snapshot when there is no database yet (env MEILI_IMPORT_SNAPSHOT)',
    process.env.MEILI_IMPORT_SNAPSHOT,
  )
  .option('--ignore-missing-snapshot', 'start without the snapshot when its file is missing')
  .option('--ignore-snapshot-if-db-exists', 'start with the existing database, not the snapshot')
  .option('--quiet', 'do not log requests')
  .parse();

const options = program.opts<{
  dumpDir: string;
  snapshotDir: string;
  importSnapshot?: string;
  ignoreMissingSnapshot?: boolean;
  ignoreSnapshotIfDbExists?: boolean;
  httpAddr: string;
  masterKey?: string;
  dbPath: string;
  experimentalSearchQueueSize: string;
  searchMaxWaitMs: string;
  quiet?: boolean;
}>();
const started = performance.now();
const server = await startMeiliLocal({
  httpAddr: options.httpAddr,
  masterKey: options.masterKey,
  dbPath: options.dbPath,
  dumpDir: options.dumpDir,
  snapshotDir: options.snapshotDir,
  importSnapshot: options.importSnapshot,
  importSnapshotOptions: {
    ignoreMissing: options.ignoreMissingSnapshot === true,
    ignoreIfDbExists: options.ignoreSnapshotIfDbExists === true,
  },
  logLevel: options.quiet ? 'silent' : 'info',
  searchQueue: {
    capacity: Number(options.experimentalSearchQueueSize),
    maxWaitMs: Number(options.searchMaxWaitMs),
  },
});
console.log(
  `meili-local listening on ${server.url} (db: ${options.dbPath}, loaded in ${Math.round(performance.now() - started)} ms)`,
);
if (!options.masterKey)
  console.log(
    'No master key: every route is open. Set --master-key or MEILI_MASTER_KEY to require API keys.',
  );

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
