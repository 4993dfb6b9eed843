/**
 * Gold persons of factRuEval-2016 (`*.coref` entities whose mentions are `Person` objects) and the
 * document-level matching of found names against them, for the evaluation (eval-persons.ts).
 *
 * Every gold person with a name counts: `full` when the gold gives a given name and a surname, `one-part`
 * when it gives only one of them (a surname, initials and a surname, a given name, a nickname).
 */

export type GoldKind = 'full' | 'one-part';

export interface GoldPerson {
  /** The name as the gold first gives it, for reports. */
  label: string;
  kind: GoldKind;
  /** Every name key (`nameKey`) the person may be written as. */
  names: Set<string>;
}

export interface GoldPersons {
  persons: GoldPerson[];
}

export const normalise = (name: string) =>
  name.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();

/** The words of a name: a hyphen, with or without spaces around it ("Касым - Жомарт"), separates words. */
const nameWords = (name: string) =>
  normalise(name)
    .split(/[\s‐-―-]+/u)
    .filter(Boolean);

/**
 * The key two names are compared by: lower case, ё = е, a hyphen counted as a space, and word order
 * ignored, because the gold splits East Asian names into fields while the text (and the indexer) writes
 * them surname first ("Ху Цзиньтао" is gold firstname Цзиньтао, lastname Ху).
 */
export const nameKey = (name: string) => nameWords(name).sort().join(' ');

const INITIAL_ONLY = /^\p{L}\.?$/u;
/** A patronymic field that is an Arabic "son of" surname (бин Ладен, ибн Эзра) serves as the surname. */
const ARABIC_LINEAGE = /^(бин|бен|ибн)\s/u;

/**
 * Every way a gold entity's name may be written: each `firstname` line (alone or followed by its
 * `firstname1`/`firstname2`: "Жан Мари Ле Пен" or "Жан Ле Пен"), each `lastname` line (the gold gives
 * Latin and Cyrillic spellings on separate lines; `lastname1` is the second half of a double surname;
 * a `nickname` stands for the surname when there is none: Лонгин Клинский). A field may hold several
 * words ("Абу Машар", "Ле Пен"): it is still one name part.
 * The gold now and then copies a given name in the text's case ("Егора Свиридов", "Рамзану Кадыров"),
 * so a given name's nominative from the dictionary is accepted beside the form written.
 */
function goldPerson(
  fields: Map<string, string[]>,
  givenNominatives: (word: string) => string[],
): GoldPerson | null {
  const all = (key: string) => fields.get(key) ?? [];
  const extraGiven = [...all('firstname1'), ...all('firstname2')].join(' ');
  const givenWritten = all('firstname')
    .filter((f) => !INITIAL_ONLY.test(f))
    .flatMap((f) => (extraGiven ? [f, `${f} ${extraGiven}`] : [f]));
  const given = givenWritten.flatMap((g) => {
    const nominative = g
      .split(' ')
      .map((w) => givenNominatives(w)[0] ?? w)
      .join(' ');
    return nominative === g.toLowerCase() ? [g] : [g, nominative];
  });
  const surnames = [
    ...all('lastname'),
    ...all('patronymic').filter((p) => ARABIC_LINEAGE.test(p)),
  ].filter((l) => !INITIAL_ONLY.test(l));
  const last = surnames.length
    ? surnames.flatMap((l) =>
        all('lastname1').length ? [l, `${l} ${all('lastname1').join(' ')}`] : [l],
      )
    : all('nickname');
  const written =
    given.length > 0 && last.length > 0
      ? given.flatMap((g) => last.map((l) => `${g} ${l}`))
      : [...given, ...last, ...all('nickname')];
  if (written.length === 0) return null; // initials only ("В.Л." signing a text), or a descriptor
  const kind: GoldKind = given.length > 0 && last.length > 0 ? 'full' : 'one-part';
  return { label: normalise(written[0] as string), kind, names: new Set(written.map(nameKey)) };
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
    const person = goldPerson(fields, givenNominatives);
    if (person) persons.push(person);
  }
  return { persons };
}

/**
 * Does found name `found` (a key) name gold person `p`? Exactly one of its names, or, for a person the
 * gold names by one part only, a fuller name containing that part (the index resolved "Лавров" to the
 * one Лавров it knows: "Сергей Лавров").
 */
function names(p: GoldPerson, found: string): boolean {
  if (p.names.has(found)) return true;
  if (p.kind !== 'one-part') return false;
  const words = found.split(' ');
  return [...p.names].some((n) => n.split(' ').every((w) => words.includes(w)));
}

export interface PersonScore {
  /** Gold persons found, by kind. */
  tp: Record<GoldKind, number>;
  /** Gold persons not found, by kind (their labels). */
  fn: Record<GoldKind, string[]>;
  /**
   * Found names that name no gold person, or a person another found name already names (two facet
   * values for one person), by the kind of name (one word or more).
   */
  fp: Record<GoldKind, string[]>;
}

/** The kind of a found name: one word (Лавров) or more (Сергей Лавров, Ким Чен Ын). */
const foundKind = (key: string): GoldKind => (key.includes(' ') ? 'full' : 'one-part');

/** Document-level matching of the names found in one document against its gold persons. */
export function scorePersons(found: readonly string[], doc: GoldPersons): PersonScore {
  const score: PersonScore = {
    tp: { full: 0, 'one-part': 0 },
    fn: { full: [], 'one-part': [] },
    fp: { full: [], 'one-part': [] },
  };
  const keys = [...new Set(found.map(nameKey))];
  const primary = new Set<string>();
  for (const p of doc.persons) {
    // An exact name first: a fuller name then names the person only when nothing exact does.
    const match = keys.find((k) => p.names.has(k)) ?? keys.find((k) => names(p, k));
    if (match === undefined) score.fn[p.kind].push(p.label);
    else {
      score.tp[p.kind]++;
      primary.add(match);
    }
  }
  for (const k of keys) {
    if (primary.has(k)) continue;
    const again = doc.persons.find((p) => names(p, k));
    score.fp[foundKind(k)].push(again ? `${k} (again for ${again.label})` : k);
  }
  return score;
}
