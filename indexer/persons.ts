/**
 * Person extraction: canonical nominative `Имя Фамилия` from inflected mentions, with surname-only and
 * initial mentions resolved to the full name used elsewhere in the same article.
 */
import type { Morphology } from './morphology.ts';

export interface PersonMention {
  /** Canonical name. */
  name: string;
  start: number;
  end: number;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const NAME_WORD = /\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*|\p{Lu}\.|(?<=\s)(?:уулу|кызы|де|ван|фон|дель|да|ди|ле|ля)(?=[\s.,;:!?»)]|$)/gu;
/** Particles that belong to the surname after them: Марин Ле Пен, Франк де Блекере, Люк ван Велли. */
const SURNAME_PARTICLE = /^(ле|ля|де|ван|фон|дель|да|ди|ла)$/iu;
const PATRONYMIC = /(ович|евич|ич|овна|евна|ична|инична)(а|у|ем|ом|е|ой|ы|ою)?$/u;
const INITIAL = /^\p{Lu}\.$/u;
const CYRILLIC_NAME = /^[А-ЯЁ][а-яё]+$/u;
const TURKIC_PATRONYMIC = /^(уулу|кызы)$/u;

// Surname endings, with the case/gender readings they allow. Longest first.
const SURNAME_ENDINGS: Array<{ re: RegExp; readings: Array<{ gender: 'masc' | 'femn'; case: string; base: (stem: string) => string }> }> = [
  { re: /^(.+(?:ов|ев|ёв|ин|ын))$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => s }] },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))а$/u,
    readings: [
      { gender: 'masc', case: 'gent', base: (s) => s },
      { gender: 'femn', case: 'nomn', base: (s) => `${s}а` },
    ],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))у$/u,
    readings: [
      { gender: 'masc', case: 'datv', base: (s) => s },
      { gender: 'femn', case: 'accs', base: (s) => `${s}а` },
    ],
  },
  { re: /^(.+(?:ов|ев|ёв|ин|ын))ым$/u, readings: [{ gender: 'masc', case: 'ablt', base: (s) => s }] },
  { re: /^(.+(?:ов|ев|ёв|ин|ын))е$/u, readings: [{ gender: 'masc', case: 'loct', base: (s) => s }] },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))ой$/u,
    readings: ['gent', 'datv', 'ablt', 'loct'].map((c) => ({ gender: 'femn' as const, case: c, base: (s: string) => `${s}а` })),
  },
  { re: /^(.+(?:ск|цк))ий$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => `${s}ий` }] },
  { re: /^(.+(?:ск|цк))(?:ого|ому|им|ом)$/u, readings: [{ gender: 'masc', case: 'gent', base: (s) => `${s}ий` }] },
  { re: /^(.+(?:ск|цк))ая$/u, readings: [{ gender: 'femn', case: 'nomn', base: (s) => `${s}ая` }] },
  { re: /^(.+(?:ск|цк))(?:ой|ую)$/u, readings: [{ gender: 'femn', case: 'gent', base: (s) => `${s}ая` }] },
];

// Invariable surname shapes (Ukrainian, Armenian, Georgian, ...).
const INVARIABLE_SURNAME = /(енко|ко|ян|янц|дзе|швили|иани|ук|юк|их|ых)$/u;

interface SurnameReading {
  gender: 'masc' | 'femn';
  case: string;
  nominative: string;
}

function surnameReadings(word: string): SurnameReading[] {
  const lower = word.toLowerCase();
  for (const { re, readings } of SURNAME_ENDINGS) {
    const m = re.exec(lower);
    if (m) return readings.map((r) => ({ gender: r.gender, case: r.case, nominative: r.base(m[1] as string) }));
  }
  if (INVARIABLE_SURNAME.test(lower)) return [{ gender: 'masc', case: 'any', nominative: lower }];
  return [];
}

/** Put an unknown given name into the nominative, knowing the case and gender its surname showed. */
function givenNameNominative(word: string, gender: 'masc' | 'femn', grammaticalCase: string): string {
  const lower = word.toLowerCase();
  if (grammaticalCase === 'nomn') return lower;
  if (gender === 'masc') {
    if (/[^аеёиоуыэюя]а$/u.test(lower) && (grammaticalCase === 'gent' || grammaticalCase === 'accs')) return lower.slice(0, -1);
    if (/[аеиоу]я$/u.test(lower) && (grammaticalCase === 'gent' || grammaticalCase === 'accs')) return `${lower.slice(0, -1)}й`;
    if (/[^аеёиоуыэюя]у$/u.test(lower) && grammaticalCase === 'datv') return lower.slice(0, -1);
    if (/[аеиоу]ю$/u.test(lower) && grammaticalCase === 'datv') return `${lower.slice(0, -1)}й`;
    if (/[^аеёиоуыэюя]ом$/u.test(lower) && grammaticalCase === 'ablt') return lower.slice(0, -2);
    if (/[^аеёиоуыэюя]е$/u.test(lower) && grammaticalCase === 'loct') return lower.slice(0, -1);
    return lower;
  }
  if (/ы$/u.test(lower) && grammaticalCase === 'gent') return `${lower.slice(0, -1)}а`;
  if (/у$/u.test(lower) && grammaticalCase === 'accs') return `${lower.slice(0, -1)}а`;
  if (/ой$/u.test(lower)) return `${lower.slice(0, -2)}а`;
  return lower;
}

function capitalise(name: string): string {
  return name
    .split(' ')
    .map((part, i) =>
      TURKIC_PATRONYMIC.test(part) || (i > 0 && /^(де|ван|фон|дель|да|ди)$/u.test(part)) ? part : part.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('-'),
    )
    .join(' ');
}

/**
 * Canonical `Имя Фамилия` for a given name + surname pair, or null when it is not a person.
 * Two words no dictionary knows count as a name when they follow a title or profession ("депутат",
 * "министр": `personContext`), or stand mid-sentence in what looks like the nominative (`midSentence`).
 */
function canonicalPair(first: string, surname: string, morphology: Morphology, personContext: boolean, midSentence: boolean): string | null {
  if (morphology.isNotANoun(first) || morphology.isPlaceOrOrganisation(first) || morphology.isTitle(first)) return null;
  // A patronymic after a given name ("Борис Николаевич") is not a surname; Янукович and Шендерович are.
  if (morphology.isPlaceOrOrganisation(surname) || morphology.isNotANoun(surname) || morphology.isPatronymic(surname)) return null;
  const surnames = surnameReadings(surname);
  const names = morphology.givenName(first);
  if (surnames.length === 0) {
    // A surname of no Russian shape (Обама, Саркози, Эрдоган) is accepted after a known given name.
    const name = names.find((n) => n.gender === 'masc') ?? names[0];
    const unknownPair = CYRILLIC_NAME.test(first) && CYRILLIC_NAME.test(surname) && morphology.isUnknown(first) && morphology.isUnknown(surname);
    // Mid-sentence, an unknown pair in the nominative (no oblique ending on either word) is a name too.
    const nominativeLooking = !/[аяуюео]$|[ое]м$|ой$/u.test(surname) && !/[аяуюе]$/u.test(first);
    if (!name && unknownPair && (personContext || (midSentence && nominativeLooking))) {
      // Two words no dictionary knows, capitalised mid-sentence (Зденко Кожул): a foreign name, as written.
      return capitalise(`${first.toLowerCase()} ${surname.toLowerCase()}`);
    }
    // After a known given name, a capitalised second word is a surname even when it is also a common noun
    // (Александр Брод, Виктор Бут, Оливер Кан): mid-name capitals are not sentence capitals.
    if (!name) return null;
    const nominative = name.case === 'nomn' ? surname.toLowerCase() : (morphology.surnameNominative(surname, name.case, name.gender) ?? surname.toLowerCase());
    return capitalise(`${name.nominative} ${nominative}`);
  }
  // Prefer a reading where the given name and the surname agree in gender and case.
  for (const s of surnames) {
    const name =
      s.case === 'any'
        ? (names.find((n) => n.gender === 'masc') ?? names[0])
        : names.find((n) => (n.gender === s.gender || n.gender === 'ms-f') && n.case === s.case);
    if (name) return capitalise(`${name.nominative} ${s.nominative}`);
  }
  if (names.length > 0) {
    const s = surnames.find((r) => names.some((n) => n.gender === r.gender || n.gender === 'ms-f'));
    if (s) return capitalise(`${(names[0] as { nominative: string }).nominative} ${s.nominative}`);
  }
  // An unknown given name: a consonant ending is a nominative masculine name (Камчыбек, Дастан), so the
  // surname is nominative too; otherwise trust the surname's first (most frequent) reading.
  const consonantEnding = /[^аеёиоуыэюяь]$/u.test(first.toLowerCase());
  const reading = consonantEnding ? (surnames.find((s) => s.case === 'nomn' || s.case === 'any') ?? (surnames[0] as SurnameReading)) : (surnames[0] as SurnameReading);
  return capitalise(`${givenNameNominative(first, reading.gender, reading.case === 'any' ? 'nomn' : reading.case)} ${reading.nominative}`);
}

/** Is the word before `start` a title or profession ("президент", "депутат", "министр")? */
function followsTitle(text: string, start: number, morphology: Morphology): boolean {
  const before = /([\p{Ll}-]+)\s+$/u.exec(text.slice(Math.max(0, start - 40), start));
  return before !== null && morphology.isTitle(before[1] as string);
}

function nameWords(text: string): Word[] {
  return [...text.matchAll(NAME_WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Words separated only by spaces (no punctuation) form a run that may hold a name. */
function runs(text: string, words: Word[]): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const previous = current[current.length - 1];
    if (previous && /^\s+$/.test(text.slice(previous.end, word.start)) === false && !(INITIAL.test(previous.text) && /^\s*$/.test(text.slice(previous.end, word.start)))) {
      out.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length) out.push(current);
  return out;
}

/** The stem by which other mentions of a canonical surname are recognised. */
function surnameKey(canonical: string): string {
  const surname = canonical.split(' ').slice(1).join(' ').toLowerCase();
  return surname.replace(/(а|ая|ий)$/u, '');
}

const SURNAME_CASE_ENDINGS = new Set(['', 'а', 'у', 'ым', 'е', 'ой', 'ого', 'ому', 'им', 'ом', 'ую', 'ая', 'ий']);

/**
 * Every person mention in `text`, with canonical names. Full mentions ("Нурсултана Назарбаева") set the
 * canonical names; surname-only and initial mentions ("Ташиев", "К. Ташиев") resolve against them.
 * `known` adds canonical names known from elsewhere (other paragraphs, the input's `persons`).
 */
export function findPersons(text: string, morphology: Morphology, known: readonly string[] = []): PersonMention[] {
  const words = nameWords(text);
  const mentions: PersonMention[] = [];
  const claimed = new Set<number>();
  for (const run of runs(text, words)) {
    // Try windows from the right: [given, patronymic?, surname (+ уулу/кызы)].
    for (let end = run.length - 1; end >= 1; end--) {
      let surnameIndex = end;
      let surname = (run[end] as Word).text;
      if (TURKIC_PATRONYMIC.test(surname)) {
        if (end < 2) continue;
        surnameIndex = end - 1;
        surname = `${(run[end - 1] as Word).text} ${surname}`;
      }
      let firstIndex = surnameIndex - 1;
      while (firstIndex >= 1 && SURNAME_PARTICLE.test((run[firstIndex] as Word).text)) {
        surname = `${(run[firstIndex] as Word).text} ${surname}`;
        firstIndex--;
      }
      const particle = firstIndex < surnameIndex - 1;
      if (firstIndex >= 1 && PATRONYMIC.test((run[firstIndex] as Word).text.toLowerCase())) firstIndex--;
      const first = run[firstIndex] as Word | undefined;
      if (!first || INITIAL.test(first.text) || claimed.has(first.start)) continue;
      const canonical =
        TURKIC_PATRONYMIC.test((run[end] as Word).text) || (particle && morphology.givenName(first.text).length > 0)
        ? capitalise(`${(morphology.givenName(first.text)[0]?.nominative ?? first.text).toLowerCase()} ${surname.toLowerCase()}`)
        : canonicalPair(first.text, surname, morphology, followsTitle(text, first.start, morphology), !/(^|[.!?…]\s*[«"„]?\s*)$/.test(text.slice(Math.max(0, first.start - 4), first.start)));
      if (!canonical) continue;
      mentions.push({ name: canonical, start: first.start, end: (run[end] as Word).end });
      for (let i = firstIndex; i <= end; i++) claimed.add((run[i] as Word).start);
      end = firstIndex;
    }
  }
  const canonicalNames = [...new Set([...known, ...mentions.map((m) => m.name)])];
  const keys = canonicalNames.map((name) => ({ name, key: surnameKey(name) })).filter((k) => k.key.length >= 3);
  for (const word of words) {
    if (claimed.has(word.start) || INITIAL.test(word.text)) continue;
    const lower = word.text.toLowerCase();
    const match = keys.filter(({ key }) => lower.startsWith(key) && SURNAME_CASE_ENDINGS.has(lower.slice(key.length)));
    if (match.length !== 1) continue; // unknown or ambiguous surname: not resolved
    const start = /\p{Lu}\.\s*$/u.test(text.slice(Math.max(0, word.start - 4), word.start)) ? text.lastIndexOf('.', word.start) - 1 : word.start;
    mentions.push({ name: (match[0] as { name: string }).name, start, end: word.end });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Apply an aliases map (variant -> canonical) to a name. */
export function applyAlias(name: string, aliases: ReadonlyMap<string, string>): string {
  return aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? name;
}
