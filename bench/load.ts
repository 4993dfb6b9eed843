/**
 * `npm run bench -- --load [--paragraphs=N] [--seconds=S] [--connections=C[,C]] [--engines=E[,E]]`: the
 * Worker under overload.
 * C clients (default 64) each send their next search as soon as the last one is answered, for S seconds
 * (default 30), through the Worker under `wrangler dev` (as `npm start` runs it, without the per-client
 * rate limit, cache off so every search reaches the engine) over each engine holding N generated
 * paragraphs (default 18 000). Every search is different. Reports per engine: answers per second,
 * p50/p99 of the 200s, the Worker's deliberate 503s (load shed, with Retry-After) and every other
 * answer or failure as an error. Writes bench/results/load-<date>.json.
 */
import { loadMorphology } from '../indexer/morphology.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { articleDocumentsOf } from '../indexer/article-index.ts';
import { articleIndexName, articleIndexSettings } from '../src/schema/article.ts';
import { F, indexSettings } from '../src/schema/chunk.ts';
import {
  ENGINE_NAMES,
  type EngineName,
  startNamedEngine,
  stopProcess,
} from '../test/setup/processes.ts';
import { startWorker } from '../test/setup/stack.ts';
import { prng } from './corpus.ts';
import { generateDocuments, percentile, round } from './engine.ts';
import { HttpClient } from './http.ts';

const MASTER_KEY = 'bench-load-master-key-0123456789';
const INDEX = 'bench_load';
const BATCH = 2000;

const WORDS = [
  'решение',
  'бюджет',
  'министр',
  'экономики',
  'парламент',
  'одобрил',
  'границы',
  'газ',
  'выборов',
  'правительство',
  'президент',
  'закон',
  'депутаты',
  'цены',
  'реформа',
];

/** The i-th search: 1-3 words, sometimes a year, a sort or paragraph grouping; no two alike. */
function searchPath(i: number, random: () => number): string {
  const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const word = WORDS[Math.floor(random() * WORDS.length)] as string;
    return word.slice(0, Math.max(3, word.length - Math.floor(random() * 3)));
  });
  const params = new URLSearchParams({ q: words.join(' ') });
  if (random() < 0.4) params.append('year', String(2015 + Math.floor(random() * 10)));
  if (random() < 0.2) params.set('sort', 'newest');
  if (random() < 0.3) params.set('group', 'paragraph');
  params.set('per_page', String(5 + (i % 6))); // every search different, same cost
  return `/api/search?${params}`;
}

interface Outcome {
  engine: EngineName;
  paragraphs: number;
  connections: number;
  seconds: number;
  answers: number;
  perSecond: number;
  okP50: number;
  okP99: number;
  ok: number;
  shed: number;
  shedP99: number;
  errors: number;
  errorKinds: Record<string, number>;
}

async function loadOne(
  name: EngineName,
  paragraphs: number,
  connectionCounts: number[],
  seconds: number,
): Promise<Outcome[]> {
  /** `connections` clients through the Worker at `url` for `seconds`. */
  async function measure(url: string, connections: number): Promise<Outcome> {
    const client = new HttpClient(url);
    const random = prng(17);
    const ok: number[] = [];
    const shed: number[] = [];
    const errorKinds: Record<string, number> = {};
    let next = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const path = searchPath(next++, random);
          const sent = performance.now();
          try {
            const answer = await client.send('GET', path);
            const ms = performance.now() - sent;
            const code =
              answer.status === 200 ? '' : (/"code":"([^"]+)"/.exec(answer.text)?.[1] ?? '');
            if (answer.status === 200) ok.push(ms);
            else if (
              answer.status === 503 &&
              code === 'overloaded' &&
              answer.headers['retry-after']
            )
              shed.push(ms);
            else
              errorKinds[`${answer.status} ${code}`] =
                (errorKinds[`${answer.status} ${code}`] ?? 0) + 1;
          } catch (error) {
            const kind = error instanceof Error ? error.message.slice(0, 60) : 'failed';
            errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    client.close();
    const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
    const answers = ok.length + shed.length + errors;
    return {
      engine: name,
      paragraphs,
      connections,
      seconds,
      answers,
      perSecond: round(answers / elapsed, 1),
      ok: ok.length,
      okP50: round(percentile(ok, 50), 1),
      okP99: round(percentile(ok, 99), 1),
      shed: shed.length,
      shedP99: round(percentile(shed, 99), 1),
      errors,
      errorKinds,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `bench-load-${name}-`));
  const engine = await startNamedEngine(name, join(dir, 'db'), MASTER_KEY);
  const admin = new HttpClient(engine.url, { authorization: `Bearer ${MASTER_KEY}` });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    await admin.waitTask(
      (await admin.json<{ taskUid: number }>('POST', '/indexes', { uid: INDEX, primaryKey: F.id }))
        .taskUid,
    );
    await admin.waitTask(
      (await admin.json<{ taskUid: number }>('PATCH', `/indexes/${INDEX}/settings`, indexSettings))
        .taskUid,
    );
    const docs = generateDocuments(paragraphs, await loadMorphology());
    for (let i = 0; i < docs.length; i += BATCH)
      await admin.waitTask(
        (
          await admin.json<{ taskUid: number }>(
            'POST',
            `/indexes/${INDEX}/documents`,
            docs.slice(i, i + BATCH),
          )
        ).taskUid,
      );
    // The article index the Worker counts articles in (indexer/article-index.ts).
    const articles = articleIndexName(INDEX);
    await admin.waitTask(
      (
        await admin.json<{ taskUid: number }>('POST', '/indexes', {
          uid: articles,
          primaryKey: 'id',
        })
      ).taskUid,
    );
    await admin.waitTask(
      (
        await admin.json<{ taskUid: number }>(
          'PATCH',
          `/indexes/${articles}/settings`,
          articleIndexSettings,
        )
      ).taskUid,
    );
    const articleDocs = articleDocumentsOf(docs);
    for (let i = 0; i < articleDocs.length; i += BATCH)
      await admin.waitTask(
        (
          await admin.json<{ taskUid: number }>(
            'POST',
            `/indexes/${articles}/documents`,
            articleDocs.slice(i, i + BATCH),
          )
        ).taskUid,
      );
    const keys = await admin.json<{ results: Array<{ name: string; key: string }> }>(
      'GET',
      '/keys',
    );
    const searchKey = keys.results.find((k) => k.name === 'Default Search API Key')?.key ?? '';
    worker = await startWorker(
      {
        MEILI_HOST: engine.url,
        MEILI_SEARCH_KEY: searchKey,
        MEILI_INDEX: INDEX,
        CACHE_TTL_SECONDS: '0',
      },
      'bench',
    );
    const outcomes: Outcome[] = [];
    for (const connections of connectionCounts)
      outcomes.push(await measure(worker.url, connections));
    return outcomes;
  } finally {
    if (worker) await stopProcess(worker.child);
    admin.close();
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLoad(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) =>
    Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const paragraphs = option('paragraphs', 18_000);
  const seconds = option('seconds', 30);
  const connections = (argv.find((a) => a.startsWith('--connections='))?.split('=')[1] ?? '64')
    .split(',')
    .map(Number);
  const date = new Date().toISOString();
  console.log(
    `npm run bench -- ${argv.join(' ')} — ${date}\n${cpus()[0]?.model}, ${cpus().length} cores, ${round(totalmem() / 2 ** 30, 1)} GB, Node ${process.version}`,
  );
  const outcomes: Outcome[] = [];
  const engines = argv
    .find((a) => a.startsWith('--engines='))
    ?.split('=')[1]
    ?.split(',');
  for (const name of ENGINE_NAMES.filter((e) => !engines || engines.includes(e)))
    outcomes.push(...(await loadOne(name, paragraphs, connections, seconds)));
  console.log(
    `\nthe Worker under wrangler dev, c=${connections.join(', c=')} for ${seconds} s, ${paragraphs} paragraphs, every search different, cache off`,
  );
  console.table(
    outcomes.map((o) => ({
      engine: o.engine,
      c: o.connections,
      'answers/s': o.perSecond,
      '200s': o.ok,
      '200 p50 / p99 ms': `${o.okP50} / ${o.okP99}`,
      '503 shed (p99 ms)': `${o.shed} (${o.shedP99})`,
      errors: o.errors,
      'error kinds': JSON.stringify(o.errorKinds),
    })),
  );
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  const out = join(
    import.meta.dirname,
    'results',
    `load-${date.slice(0, 19).replace(/:/g, '-')}.json`,
  );
  writeFileSync(out, `${JSON.stringify({ date, argv, outcomes }, null, 2)}\n`);
  console.log(`written to ${out}`);
}
