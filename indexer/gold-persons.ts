/**
 * Gold persons of factRuEval-2016 (`*.coref` entities whose mentions are `Person` objects) and the
 * document-level matching of found names against them, for `eval.ts`.
 */

export interface GoldPerson {
  /** The name as the gold first gives it, for reports. */
  label: string;
  /** Every name key (`nameKey`) the person may be written as. */
  names: Set<string>;
}

export interface GoldPersons {
  /** Persons with a given name and a surname: scored. */
  persons: GoldPerson[];
  /** Persons with only a given name or only a surname: neither required of nor held against the indexer. */
  partial: GoldPerson[];
}

export const normalise = (name: string) =>
  name.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();

/**
 * The key two names are compared by: lower case, ё = е, a hyphen counted as a space, and word order
 * ignored, because the gold splits East Asian names into fields while the text (and the indexer) writes
 * them surname first ("Ху Цзиньтао" is gold firstname Цзиньтао, lastname Ху).
 */
export const nameKey = (name: string) =>
  normalise(name).replaceAll('-', ' ').split(' ').sort().join(' ');

const INITIAL_ONLY = /^\p{L}\.?$/u;

/**
 * Every way a gold entity's name may be written: each `firstname` line (alone or followed by its
 * `firstname1`/`firstname2`: "Жан Мари Ле Пен" or "Жан Ле Пен"), each `lastname` line (the gold gives
 * Latin and Cyrillic spellings on separate lines; `lastname1` is the second half of a double surname).
 * The gold now and then copies a given name in the text's case ("Егора Свиридов", "Рамзану Кадыров"),
 * so a given name's nominative from the dictionary is accepted beside the form written.
 */
function goldNames(
  fields: Map<string, string[]>,
  givenNominatives: (word: string) => string[],
): { person: GoldPerson; complete: boolean } {
  const all = (key: string) => fields.get(key) ?? [];
  const extraGiven = [...all('firstname1'), ...all('firstname2')].join(' ');
  const givenWritten = all('firstname').flatMap((f) =>
    extraGiven ? [f, `${f} ${extraGiven}`] : [f],
  );
  const given = givenWritten.flatMap((g) => {
    const words = g.split(' ');
    const nominative = words.map((w) => givenNominatives(w)[0] ?? w).join(' ');
    return nominative === g.toLowerCase() ? [g] : [g, nominative];
  });
  const last = all('lastname').flatMap((l) =>
    all('lastname1').length ? [l, `${l} ${all('lastname1').join(' ')}`] : [l],
  );
  // An initial in place of the given name ("Н. Кан", a signature "В.Л.") is a surname-only mention.
  const complete =
    given.length > 0 && last.length > 0 && !all('firstname').every((f) => INITIAL_ONLY.test(f));
  const written = complete
    ? given.flatMap((g) => last.map((l) => `${g} ${l}`))
    : [...given, ...last].filter((n) => !INITIAL_ONLY.test(n));
  const label = normalise(
    complete ? (written[0] as string) : [...all('firstname'), ...all('lastname')].join(' '),
  );
  return { person: { label, names: new Set(written.map(nameKey)) }, complete };
}

/**
 * The persons of one gold document: `objects` is its `*.objects` file (which objects are `Person`s),
 * `coref` its `*.coref` file (entities with `firstname`/`lastname`/... fields, one per line).
 */
export function goldPersons(
  objects: string,
  coref: string,
  givenNominatives: (word: string) => string[],
): GoldPersons {
  const personObjects = new Set(
    objects
      .split('\n')
      .map((l) => l.split(' '))
      .filter((p) => p[1] === 'Person')
      .map((p) => p[0]),
  );
  const persons: GoldPerson[] = [];
  const partial: GoldPerson[] = [];
  for (const block of coref.split(/\n\s*\n/)) {
    const lines = block.trim().split('\n');
    const ids = (lines[0] ?? '').split(' ').slice(1);
    if (!ids.some((o) => personObjects.has(o))) continue;
    const fields = new Map<string, string[]>();
    for (const line of lines.slice(1)) {
      const [key = '', ...rest] = line.split(' ');
      const value = rest.join(' ').trim();
      if (value) fields.set(key, [...(fields.get(key) ?? []), value]);
    }
    const { person, complete } = goldNames(fields, givenNominatives);
    if (complete) persons.push(person);
    else if (fields.has('firstname') || fields.has('lastname')) partial.push(person);
  }
  return { persons, partial };
}

/**
 * Document-level matching of found names against gold persons: a gold person is found when any of its
 * names is; a found name is spurious when it matches no gold person at all. A name that matches a gold
 * person with only one name part (gold "Абу Машар" as a given name alone) is neither.
 */
export function scorePersons(
  found: readonly string[],
  doc: GoldPersons,
): { tp: number; fp: string[]; fn: string[] } {
  const keys = new Set(found.map(nameKey));
  const isFound = (p: GoldPerson) => [...p.names].some((n) => keys.has(n));
  const tp = doc.persons.filter(isFound).length;
  const fn = doc.persons.filter((p) => !isFound(p)).map((p) => p.label);
  const fp = found.filter((f) => {
    const key = nameKey(f);
    return ![...doc.persons, ...doc.partial].some((p) => p.names.has(key));
  });
  return { tp, fp: [...new Set(fp.map(normalise))], fn };
}
