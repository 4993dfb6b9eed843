/**
 * `npm run eval -- ../shared/corpus/factrueval-dev`: person extraction and chunking measured against the
 * factRuEval-2016 gold annotations, on articles as given and flattened onto one line like the seed.
 *
 * Persons: see eval-persons.ts (`--misses` lists what it missed and added on the tuning half, `--natasha PYTHON` compares).
 * Chunking: see eval-chunks.ts (intact, boundaries on sentence ends, paragraph recovery on flattened text).
 */
import { readdirSync } from 'node:fs';
import { evaluateChunks } from './eval-chunks.ts';
import { evaluatePersons } from './eval-persons.ts';
import { loadMorphology } from './morphology.ts';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '../shared/corpus/factrueval-dev';
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  const morphology = await loadMorphology();
  const natashaAt = process.argv.indexOf('--natasha');
  console.log(`factRuEval-2016 dev: ${names.length} articles\n`);
  evaluatePersons(dir, names, morphology, {
    misses: process.argv.includes('--misses'),
    natasha: natashaAt > 0 ? process.argv[natashaAt + 1] : undefined,
  });
  evaluateChunks(dir, names, morphology, { misses: process.argv.includes('--misses') });
}

await main();
