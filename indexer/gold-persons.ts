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
  /** Its name words the text never writes (an annotator's spelling: Бурлускони for the text's Берлускони). */
  unwritten: Set<string>;
}

export interface GoldPersons {
  persons: GoldPerson[];
  /** The words of the document's text, as name keys spell them. */
  textWords: Set<string>;
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
  textWords: Set<string>,
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
  const names = new Set(written.map(nameKey));
  const unwritten = new Set(
    [...names].flatMap((n) => n.split(' ')).filter((w) => !textWords.has(w)),
  );
  return { label: normalise(written[0] as string), kind, names, unwritten };
}

/** The words of a text as name keys spell them (lower case, ё as е, a hyphen apart). */
const wordsOf = (text: string) => new Set(normalise(text).match(/\p{L}+/gu) ?? []);

/**
 * The persons of one gold document: `objects` is its `*.objects` file (which objects are `Person`s),
 * `coref` its `*.coref` file (entities with `firstname`/`lastname`/... fields, one per line).
 */
export function goldPersons(
  objects: string,
  coref: string,
  givenNominatives: (word: string) => string[],
  text = '',
): GoldPersons {
  const textWords = wordsOf(text);
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
    const person = goldPerson(fields, givenNominatives, textWords);
    if (person) persons.push(person);
  }
  return { persons, textWords };
}

/**
 * Are `a` and `b` one letter apart (one changed, added or dropped) before the same last two letters? A
 * difference at the end is a case ending (Виктории for Виктория), which stays an error.
 */
function oneLetterApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b || a.slice(-2) !== b.slice(-2)) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Does found name key `found` name `p` spelt as the text spells it? The gold now and then spells a name
 * as the text never does (Бурлускони, Бузака for the text's Берлускони, Бузакка): a found name that
 * differs from one of its names only in such a word, by one letter, with a word the text writes, is it.
 */
function namesAsWritten(p: GoldPerson, found: string, textWords: Set<string>): boolean {
  if (p.unwritten.size === 0) return false;
  const foundWords = found.split(' ');
  return [...p.names].some((n) => {
    const goldWords = n.split(' ');
    // A person named by one part is named by a fuller name too (see `names`).
    const lengthFits =
      p.kind === 'one-part'
        ? foundWords.length >= goldWords.length
        : foundWords.length === goldWords.length;
    const goldOnly = goldWords.filter((w) => !foundWords.includes(w));
    const foundOnly = foundWords.filter((w) => !goldWords.includes(w));
    const unwritten = goldOnly[0] as string;
    return (
      lengthFits &&
      goldOnly.length === 1 &&
      p.unwritten.has(unwritten) &&
      foundOnly.some((w) => textWords.has(w) && oneLetterApart(unwritten, w))
    );
  });
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
    const match =
      keys.find((k) => p.names.has(k)) ??
      keys.find((k) => names(p, k)) ??
      keys.find((k) => namesAsWritten(p, k, doc.textWords));
    if (match === undefined) score.fn[p.kind].push(p.label);
    else {
      score.tp[p.kind]++;
      primary.add(match);
    }
  }
  for (const k of keys) {
    if (primary.has(k)) continue;
    const again = doc.persons.find((p) => names(p, k) || namesAsWritten(p, k, doc.textWords));
    score.fp[foundKind(k)].push(again ? `${k} (again for ${again.label})` : k);
  }
  return score;
}
