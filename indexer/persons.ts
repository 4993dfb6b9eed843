/**
 * Person extraction: canonical nominative `Имя Фамилия` from inflected mentions, with surname-only and
 * initial mentions resolved to the full name used elsewhere in the same article, and people named by one
 * part only kept in the nominative. Here: the windows a full name may stand in, and the order of the
 * passes. The parts, each small: persons/words.ts (scanning), persons/context.ts (what stands around a
 * name), persons/forms.ts (endings), persons/pairs.ts (rules for given name + surname pairs),
 * persons/east-asian.ts, persons/one-part.ts (rules for one-part names), persons/lexicon.ts (every word
 * list), persons/across-articles.ts (across the index).
 */
import type { Morphology, NameForm } from './morphology.ts';
import {
  type Word,
  INITIAL,
  CYRILLIC_NAME,
  wordBefore,
  startsSentence,
  inCyrillic,
  nameWords,
  runs,
  isInitial,
  firstInitialBefore,
} from './persons/words.ts';
import {
  type PairContext,
  LEGISLATURE,
  LOCATIVE_PREPOSITION,
  PREPOSITION,
  FEMININE_VERB,
  CLAUSE_END,
  afterFeminineVerb,
  followsPlacePreposition,
  followsThingWord,
  followsTitle,
  titleOfPlaceBefore,
  womanByTitle,
  OPENING_QUOTE,
  CLOSING_QUOTE,
} from './persons/context.ts';
import {
  SURNAME_PARTICLE,
  PATRONYMIC,
  TURKIC_PATRONYMIC,
  surnameReadings,
  surnameDeclension,
  givenNameNominative,
  capitalise,
} from './persons/forms.ts';
import { eastAsianNames, syllableNames } from './persons/east-asian.ts';
import { ARABIC_NISBA, onePartNominatives } from './persons/one-part.ts';
import { canonicalPair } from './persons/pairs.ts';
import { listedWithPersons } from './persons/lists.ts';

export interface PersonMention {
  /** Canonical name. */
  name: string;
  start: number;
  end: number;
}

/** The surname of a canonical name, by which its other mentions are recognised (Ле Пен's last word; Токтосун уулу whole). */
function surnameOfName(canonical: string): string {
  const words = canonical.toLowerCase().split(' ');
  return TURKIC_PATRONYMIC.test(words.at(-1) ?? '')
    ? words.slice(1).join(' ')
    : (words.at(-1) as string);
}

/** The reading of a given name before a surname that shows no case (Ле Пен, Токтосун уулу), of the gender it implies if any. */
function givenNameBefore(
  names: NameForm[],
  gender: NameForm['gender'] | undefined,
): NameForm | undefined {
  const fitting = gender ? names.filter((n) => n.gender === gender) : names;
  return fitting.find((n) => n.case === 'nomn') ?? fitting[0] ?? names[0];
}

/**
 * `Имя Фамилия` for a surname with a particle (Марин Ле Пен, Усама бин Ладен) or a Turkic patronymic
 * (Нурлан Токтосун уулу): a man's given name in an oblique case puts the surname's last word in it too
 * (Усамы бин Ладена); a father's name before уулу/кызы stays as written.
 */
function particleName(first: string, surname: string, given: NameForm | undefined): string {
  const words = surname.toLowerCase().split(' ');
  const last = words.at(-1) as string;
  if (given && given.gender === 'masc' && given.case !== 'nomn' && !TURKIC_PATRONYMIC.test(last))
    words[words.length - 1] = givenNameNominative(last, 'masc', given.case);
  return capitalise(`${given?.nominative ?? first.toLowerCase()} ${words.join(' ')}`);
}

/** The canonical given name of a word standing before a found name (Реджеп in "Реджеп Тайип Эрдоган"). */
function precedingGivenName(word: Word | undefined, morphology: Morphology): NameForm | null {
  if (!word || !CYRILLIC_NAME.test(word.text) || !morphology.isOnlyGivenName(word.text))
    return null;
  const names = morphology.givenName(word.text);
  return names.find((n) => n.case === 'nomn') ?? names[0] ?? null;
}

/**
 * A name after a first given name in an oblique case (Реджепа) is in that case too: its words that no
 * dictionary put into the nominative (Тайипа Эрдогана) lose the ending.
 */
function inCaseOf(given: NameForm, canonical: string): string {
  if (given.case === 'nomn' || given.gender !== 'masc') return canonical;
  return capitalise(
    canonical
      .toLowerCase()
      .split(' ')
      .map((w) => (surnameReadings(w).length > 0 ? w : givenNameNominative(w, 'masc', given.case)))
      .join(' '),
  );
}

const OBLIQUE_ENDINGS = new Set(['', 'а', 'я', 'у', 'ю', 'ом', 'ем', 'е', 'ы', 'и', 'ой']);

/** Is `word` `base` with a case ending (Кока, Коку of Кок; Бесселю of Бессель)? */
const inflects = (word: string, base: string) => {
  if (word === base) return true;
  const stem = base.replace(/[ьйаяо]$/u, '');
  return word.startsWith(stem) && OBLIQUE_ENDINGS.has(word.slice(stem.length));
};

/**
 * A foreign name no dictionary could put into the nominative ("Бесселю Коку") takes the form the same
 * person has elsewhere in the text ("Бессель Кок"). Russian-shaped surnames are left alone: "Александра
 * Петрова" is not "Александр Петров".
 */
function nominativeOf(
  name: string,
  names: readonly string[],
  capitalised: ReadonlySet<string>,
): string {
  const words = name.toLowerCase().split(' ');
  const surname = words.at(-1) as string;
  if (surnameReadings(surname).length > 0) return name;
  const bases = names.filter((other) => {
    const otherWords = other.toLowerCase().split(' ');
    return (
      other !== name &&
      other.length <= name.length &&
      otherWords.length === words.length &&
      words.every((w, i) => inflects(w, otherWords[i] as string))
    );
  });
  const base = bases.sort((a, b) => a.length - b.length)[0];
  if (base) return base;
  // Failing that, the surname alone elsewhere in a shorter form ("Олланд заявил" beside "слова Франсуа
  // Олланда") is its nominative.
  const bare = [...capitalised].find(
    (w) => w.length >= 3 && w.length < surname.length && inflects(surname, w),
  );
  return bare ? capitalise([...words.slice(0, -1), bare].join(' ')) : name;
}

/** What joins two names that share a case: "и", "или", a comma. */
/** A verb in the past tense, any gender and number: заявил, отметила, встретился, сообщили. */
const PAST_VERB = /^\p{Ll}+(?:л|ла|ло|ли)(?:ся|сь)?$/u;

/** A verb in the past tense of a man or a woman, in lower case (not opening a sentence): заявил, сообщила. */
const SINGULAR_PAST_VERB = /^\p{Ll}+[аеиоуыя]ла?(?:ся|сь)?$/u;

/** A verb in the present tense, third person singular: бежит, считает, даёт, учится. */
const PRESENT_SINGULAR_VERB = /^\p{Ll}+(?:ет|ит|ёт)(?:ся)?$/u;

/** Can the word at `start` be a subject: nothing before it, or a word that is neither a noun nor a preposition? */
function subjectPosition(text: string, start: number, morphology: Morphology): boolean {
  const before = wordBefore(text, start);
  return (
    before === null ||
    (morphology.isNotANoun(before.word) && !PREPOSITION.test(before.word.toLowerCase()))
  );
}

const COORDINATION = /^\s*(?:,|и|или)\s*$/u;
/** The ending a man's foreign surname on a consonant takes in each oblique case. */
const MASCULINE_ENDINGS: Record<string, RegExp> = {
  gent: /^(.+[бвгдзклмнпрстфхцжшщ])а$/u,
  datv: /^(.+[бвгдзклмнпрстфхцжшщ])у$/u,
  ablt: /^(.+[бвгдзклмнпрстфхцжшщ])[ое]м$/u,
};
/** The accusative of an animate noun is its genitive. */
const SAME_ENDING: Record<string, string> = { accs: 'gent' };

/**
 * Names joined by "и" or a comma stand in one case: in "Кими Райкконена и Марка Уэббера" the known
 * given name Марка shows the genitive, so Райкконена, which showed nothing, is Райкконен's genitive.
 * Only a name left exactly as written, with a man's given name no dictionary knows, is changed.
 */
function caseFromCoordination(text: string, mentions: PersonMention[], morphology: Morphology) {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const surface = (m: PersonMention) => text.slice(m.start, m.end);
  const shownCase = (m: PersonMention): string | null => {
    const first = surface(m).split(/\s+/u)[0] as string;
    if (first.toLowerCase() === m.name.split(' ')[0]?.toLowerCase()) return null;
    const cases = new Set(
      morphology
        .givenName(first)
        .filter((n) => n.gender === 'masc' && n.case !== 'nomn')
        .map((n) => SAME_ENDING[n.case] ?? n.case),
    );
    return cases.size === 1 ? ([...cases][0] as string) : null;
  };
  for (const [i, a] of sorted.entries()) {
    const b = sorted[i + 1];
    if (!b || !COORDINATION.test(text.slice(a.end, b.start))) continue;
    for (const [target, source] of [
      [a, b],
      [b, a],
    ] as const) {
      const words = target.name.split(' ');
      const grammaticalCase = shownCase(source);
      const ending = grammaticalCase ? MASCULINE_ENDINGS[grammaticalCase] : undefined;
      if (
        !ending ||
        words.length !== 2 ||
        surface(target) !== target.name ||
        morphology.givenName(words[0] as string).length > 0
      )
        continue;
      const stem = ending.exec((words[1] as string).toLowerCase())?.[1];
      if (stem) target.name = capitalise(`${(words[0] as string).toLowerCase()} ${stem}`);
    }
  }
}

/**
 * Every person mention in `text`, with canonical names. Full mentions ("Нурсултана Назарбаева") set the
 * canonical names; surname-only and initial mentions ("Ташиев", "К. Ташиев") resolve against them.
 * `known` adds canonical names known from elsewhere (other paragraphs, the input's `persons`).
 */
export function findPersons(
  written: string,
  morphology: Morphology,
  known: readonly string[] = [],
): PersonMention[] {
  const text = inCyrillic(written);
  const words = nameWords(text);
  const mentions: PersonMention[] = [];
  const claimed = new Set<number>();
  const writtenWords = new Set(words.map((w) => w.text.toLowerCase()));
  // Capitalised words that open a clause before a feminine verb ("Кендирбаева отметила"), found the
  // first time a pair asks (few do).
  let feminineSubjects: Set<string> | undefined;
  const isFeminineSubject = (word: string) => {
    feminineSubjects ??= new Set(
      words
        .filter(
          (w) =>
            FEMININE_VERB.test(/^\s*(\p{Ll}+)/u.exec(text.slice(w.end, w.end + 30))?.[1] ?? '') &&
            opensClause(text, w.start, morphology),
        )
        .map((w) => w.text.toLowerCase()),
    );
    return feminineSubjects.has(word);
  };
  const claim = (run: Word[], from: number, to: number, name: string) => {
    mentions.push({ name, start: (run[from] as Word).start, end: (run[to] as Word).end });
    for (let i = from; i <= to; i++) claimed.add((run[i] as Word).start);
  };
  // Where a candidate name stands: what is around its first word and after its last.
  const contextOf = (first: Word, last: Word, endsRun: boolean): PairContext => ({
    afterTitle: followsTitle(text, first.start, morphology),
    afterThingWord: followsThingWord(text, first.start, morphology),
    afterPlacePreposition: followsPlacePreposition(text, first.start),
    midSentence: !startsSentence(text, first.start),
    feminine: afterFeminineVerb(text, first.start, last.end),
    afterLocativePreposition: LOCATIVE_PREPOSITION.test(
      wordBefore(text, first.start)?.word.toLowerCase() ?? '',
    ),
    quoted:
      OPENING_QUOTE.test(text.slice(Math.max(0, first.start - 2), first.start)) &&
      CLOSING_QUOTE.test(text.slice(last.end, last.end + 2)),
    endsRun,
    feminineVerbAfter:
      opensClause(text, first.start, morphology) &&
      FEMININE_VERB.test(/^\s*(\p{Ll}+)/u.exec(text.slice(last.end, last.end + 30))?.[1] ?? ''),
    written: (w) => writtenWords.has(w),
    feminineSubject: isFeminineSubject,
  });
  for (const run of runs(text, words)) {
    for (const { name, from, to } of syllableNames(text, run, morphology))
      claim(run, from, to, name);
    for (const { name, from, to } of eastAsianNames(text, run, morphology))
      if (!claimed.has((run[from] as Word).start)) claim(run, from, to, name);
    // The official order, surname first: "Иванов Иван Иванович", "вдова Ельцина Наина Иосифовна".
    for (const [i, surname] of run.entries()) {
      const given = run[i + 1];
      const patronymic = run[i + 2];
      if (
        !given ||
        !patronymic ||
        claimed.has(surname.start) ||
        !morphology.isPatronymic(patronymic.text) ||
        morphology.givenName(given.text).length === 0 ||
        !isSurnameBeforeGivenName(surname.text, morphology)
      )
        continue;
      const canonical = canonicalPair(
        given.text,
        surname.text,
        morphology,
        contextOf(surname, patronymic, i + 2 === run.length - 1),
      );
      if (canonical) claim(run, i, i + 2, canonical);
    }
    // Try windows from the right: [given, patronymic?, surname (+ уулу/кызы)].
    for (let end = run.length - 1; end >= 1; end--) {
      if (claimed.has((run[end] as Word).start)) continue;
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
      if (firstIndex >= 1 && PATRONYMIC.test((run[firstIndex] as Word).text.toLowerCase()))
        firstIndex--;
      const first = run[firstIndex] as Word | undefined;
      if (!first || INITIAL.test(first.text) || claimed.has(first.start)) continue;
      // A given name followed by a patronymic ("Ельцина Наина Иосифовна"): the word before is no given name.
      const next = run[end + 1];
      if (next && !claimed.has(next.start) && morphology.isPatronymic(next.text)) continue;
      const context = contextOf(first, run[end] as Word, end === run.length - 1);
      const givenNames = morphology.givenName(first.text);
      // уулу ("son of") and кызы ("daughter of") say whose name it is: Нурлана Токтосун уулу is Нурлан's.
      const last = (run[end] as Word).text;
      const impliedGender = last === 'уулу' ? 'masc' : last === 'кызы' ? 'femn' : undefined;
      // A given name no dictionary knows; mid-sentence it may also be a common word (Франк де Блекере).
      const foreignGiven =
        givenNames.length === 0 &&
        CYRILLIC_NAME.test(first.text) &&
        (context.midSentence || !morphology.isCommonWord(first.text)) &&
        !morphology.isNotANoun(first.text) &&
        !morphology.isPlaceOrOrganisation(first.text);
      const canonical =
        TURKIC_PATRONYMIC.test((run[end] as Word).text) ||
        (particle &&
          (givenNames.length > 0 ||
            (foreignGiven && !context.afterThingWord && !context.afterPlacePreposition)))
          ? particleName(first.text, surname, givenNameBefore(givenNames, impliedGender))
          : canonicalPair(first.text, surname, morphology, context);
      if (!canonical) continue;
      // Two or three given names before the surname (Реджеп Тайип Эрдоган, Хуан Пабло Монтойя, Хосе Луис
      // Родригес Сапатеро) are all kept.
      const extras: NameForm[] = [];
      let from = firstIndex;
      while (
        extras.length < 2 &&
        (givenNames.length > 0 || foreignGiven) &&
        !PATRONYMIC.test(first.text.toLowerCase())
      ) {
        const before = run[from - 1];
        const extra =
          before && !claimed.has(before.start) && precedingGivenName(before, morphology);
        if (!extra) break;
        extras.unshift(extra);
        from--;
      }
      // The case of the whole name is the one a given name shows (Хосе Луисом: Луис's instrumental).
      const inCase = extras.find((e) => e.case !== 'nomn') ?? extras[0];
      claim(
        run,
        from,
        end,
        inCase
          ? `${extras.map((e) => capitalise(e.nominative)).join(' ')} ${inCaseOf(inCase, canonical)}`
          : canonical,
      );
      end = from;
    }
  }
  caseFromCoordination(text, mentions, morphology);
  const fullNames = [...known, ...mentions.map((m) => m.name)];
  const capitalised = new Set(
    words.filter((w) => !claimed.has(w.start)).map((w) => w.text.toLowerCase()),
  );
  for (const mention of mentions) mention.name = nominativeOf(mention.name, fullNames, capitalised);
  oneNamePerPerson(mentions);
  fullestNames(mentions, known);
  const canonicalNames = [...new Set([...known, ...mentions.map((m) => m.name)])];
  const keys = canonicalNames
    .map((name) => ({ name, ...surnameDeclension(surnameOfName(name)) }))
    .filter((k) => k.stem.length >= 3);
  const full = mentions.length;
  // Lone words no one-part rule took: a list of persons may still make them persons.
  const notTaken = new Set<number>();
  for (const run of runs(text, words)) {
    for (const [i, word] of run.entries()) {
      if (claimed.has(word.start) || INITIAL.test(word.text)) continue;
      const lower = word.text.toLowerCase();
      // Initials before a surname must be those of the full name's given name: А. Петров is not Иван Петров.
      const initial = firstInitialBefore(text, run, i);
      const match = keys.filter(
        ({ stem, forms, name }) =>
          lower.startsWith(stem) &&
          forms.has(lower.slice(stem.length)) &&
          (initial === null || name.charAt(0).toLowerCase() === initial),
      );
      const start = /\p{Lu}\.\s*$/u.test(text.slice(Math.max(0, word.start - 4), word.start))
        ? text.lastIndexOf('.', word.start) - 1
        : word.start;
      if (match.length === 1) {
        mentions.push({ name: (match[0] as { name: string }).name, start, end: word.end });
        claimed.add(word.start);
        continue;
      }
      // Unknown or ambiguous surname of a full name: a one-part name only when it stands alone.
      const alone = match.length === 0 ? standingAlone(text, run, i, morphology) : null;
      if (!alone) continue;
      const name = onePartName(text, alone, word, morphology, capitalised);
      if (!name) notTaken.add(word.start);
      else {
        mentions.push({ name, start, end: word.end });
        claimed.add(word.start);
      }
    }
  }
  for (const mention of formsOfOnePartNames(words, notTaken, mentions.slice(full), morphology)) {
    mentions.push(mention);
    claimed.add(mention.start);
    notTaken.delete(mention.start);
  }
  const unclaimed = words.filter((w) => !claimed.has(w.start) && !INITIAL.test(w.text));
  mentions.push(...listedWithPersons(text, mentions, unclaimed, notTaken, morphology));
  // A given name alone (Наина) is the one person of the article with that given name (Наина Ельцина).
  const fullNames2 = [...new Set([...known, ...mentions.slice(0, full).map((m) => m.name)])].filter(
    (n) => n.includes(' '),
  );
  for (const mention of mentions.slice(full)) {
    if (mention.name.includes(' ')) continue;
    const withGiven = fullNames2.filter((n) => n.split(' ')[0] === mention.name);
    if (withGiven.length === 1) mention.name = withGiven[0] as string;
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** The shortest stem of a one-part name whose forms are recognised by it: shorter ones match too much. */
const ONE_PART_STEM = 4;

/**
 * Lone words no rule took (`notTaken`, by start) that are a case form of a one-part name the article
 * gives elsewhere ("Байден заявил", "визит Байдена" beside "президент США Байден") name that person too,
 * when only one such name fits and the word is no place or organisation.
 */
function formsOfOnePartNames(
  words: readonly Word[],
  notTaken: ReadonlySet<number>,
  oneParts: readonly PersonMention[],
  morphology: Morphology,
): PersonMention[] {
  const keys = [...new Set(oneParts.map((m) => m.name))]
    .filter((name) => !name.includes(' '))
    .map((name) => ({ name, ...surnameDeclension(name) }))
    .filter((k) => k.stem.length >= ONE_PART_STEM);
  return words.flatMap((word) => {
    if (!notTaken.has(word.start) || morphology.isPlaceOrOrganisation(word.text)) return [];
    const lower = word.text.toLowerCase();
    const match = keys.filter(
      ({ stem, forms }) => lower.startsWith(stem) && forms.has(lower.slice(stem.length)),
    );
    return match.length === 1
      ? [{ name: (match[0] as { name: string }).name, start: word.start, end: word.end }]
      : [];
  });
}

/** Can this capitalised word be a surname written before a given name and patronymic (not Министр, Вчера, Москва)? */
function isSurnameBeforeGivenName(word: string, morphology: Morphology): boolean {
  return (
    CYRILLIC_NAME.test(word) &&
    morphology.givenName(word).length === 0 &&
    !morphology.isPatronymic(word) &&
    !morphology.isPlaceOrOrganisation(word) &&
    !morphology.isNotANoun(word) &&
    !morphology.isCommonWord(word)
  );
}

/**
 * Does the word at `i` of its run stand alone, with no capitalised word beside it but initials before
 * it ("Японии Н. Кан") or a patronymic after it ("Наина Иосифовна")? Then where its mention starts.
 */
function standingAlone(
  text: string,
  run: readonly Word[],
  i: number,
  morphology: Morphology,
): { from: Word; initials: boolean; patronymic: boolean } | null {
  const word = run[i] as Word;
  if (morphology.isPatronymic(word.text)) return null;
  let from = i;
  while (from > 0 && isInitial(text, run[from - 1] as Word)) from--;
  // An ordinary word opening the sentence is capitalised only for that: "Вчера Лавров заявил".
  const opener = run[0] as Word;
  const afterOpener =
    from === 1 &&
    startsSentence(text, opener.start) &&
    (morphology.isCommonWord(opener.text) || morphology.isNotANoun(opener.text));
  // The place or organisation of a title before it is no part of the name: "канцлер Германии Меркель".
  const afterTitlesPlace =
    from === i && i > 0 && titleOfPlaceBefore(text, word.start, morphology) !== null;
  let to = i + 1;
  while (to < run.length && morphology.isPatronymic((run[to] as Word).text)) to++;
  // A given name before a patronymic stands apart from the word before it ("вдова Ельцина Наина Иосифовна").
  if (from === i && i > 0 && !afterOpener && !afterTitlesPlace && to === i + 1) return null;
  // Initials may also follow the surname, as in lists and documents: "Путин В.В.".
  let after = to;
  while (after < run.length && isInitial(text, run[after] as Word)) after++;
  if (after < run.length) return null;
  return { from: run[from] as Word, initials: from < i || after > to, patronymic: to > i + 1 };
}

/**
 * Two full names of one article are one person when their given names differ only by a final а/я
 * (Сулим and Сулима, read from "Сулима Ямадаева" and "Сулимы Ямадаева") or their surnames only by a letter
 * typed again (a typo: Михаил Сааакашвили beside Михаил Саакашвили): the form the article gives more
 * often, the shorter on a tie.
 */
function oneNamePerPerson(mentions: PersonMention[]): void {
  const count = new Map<string, number>();
  for (const m of mentions) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  const key = (name: string) => {
    const [given, ...surname] = name.split(' ');
    return `${(given as string).replace(/[ая]$/u, '')} ${surname.join(' ').replace(/(\p{L})\1+/gu, '$1')}`;
  };
  const best = new Map<string, string>();
  for (const [name, n] of count) {
    if (!name.includes(' ')) continue;
    const other = best.get(key(name));
    const otherCount = other ? (count.get(other) as number) : 0;
    if (!other || n > otherCount || (n === otherCount && name.length < other.length))
      best.set(key(name), name);
  }
  for (const m of mentions) if (m.name.includes(' ')) m.name = best.get(key(m.name)) as string;
}

/** The words of a name, a hyphen counted as a space (Жан-Мари: жан, мари). */
const nameParts = (name: string) => name.toLowerCase().split(/[\s-]+/u);

/** Are the words of `short` all in `long`, in order? */
function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (const word of long) if (word === short[i]) i++;
  return i === short.length;
}

/**
 * A shorter full name of an article with the first given name and the surname of a longer one, and no
 * word of its own, is that person (Реджеп Эрдоган of Реджеп Тайип Эрдоган, Хосе Луис Сапатеро of Хосе Луис
 * Родригес Сапатеро, Жан Ле Пен of Жан-Мари Ле Пен): the longer, when only one fits. The names known from
 * elsewhere (`known`: the article's, for one of its paragraphs) count too.
 */
function fullestNames(mentions: PersonMention[], known: readonly string[]): void {
  const names = [...new Set([...known, ...mentions.map((m) => m.name)])].filter((n) =>
    n.includes(' '),
  );
  const fullest = new Map<string, string>();
  for (const name of names) {
    const parts = nameParts(name);
    const longer = names.filter((other) => {
      const otherParts = nameParts(other);
      return (
        otherParts.length > parts.length &&
        otherParts[0] === parts[0] &&
        otherParts.at(-1) === parts.at(-1) &&
        isSubsequence(parts, otherParts)
      );
    });
    const longest = longer.sort((a, b) => nameParts(b).length - nameParts(a).length)[0];
    if (longest && longer.every((l) => isSubsequence(nameParts(l), nameParts(longest))))
      fullest.set(name, longest);
  }
  for (const m of mentions) m.name = fullest.get(m.name) ?? m.name;
}

/**
 * Does `start` open its clause: punctuation or nothing before it, or only the sentence's first word and
 * that no noun ("Вчера", not "Встреча": in "Встреча Путина прошла" the verb agrees with the noun)?
 */
function opensClause(text: string, start: number, morphology: Morphology): boolean {
  const before = wordBefore(text, start);
  return (
    before === null || (startsSentence(text, before.start) && morphology.isNotANoun(before.word))
  );
}

/**
 * The canonical name of a lone capitalised word that no full name claimed (`runStart` begins its run,
 * with any initials), by the one-part rules; a nominative written elsewhere in the text (`capitalised`)
 * wins over the other readings.
 */
function onePartName(
  text: string,
  {
    from: runStart,
    initials: afterInitials,
    patronymic,
  }: { from: Word; initials: boolean; patronymic: boolean },
  word: Word,
  morphology: Morphology,
  capitalised: ReadonlySet<string>,
): string | null {
  if (
    !(CYRILLIC_NAME.test(word.text) || ARABIC_NISBA.test(word.text)) ||
    LEGISLATURE.test(word.text) ||
    OPENING_QUOTE.test(text.slice(Math.max(0, runStart.start - 2), runStart.start)) ||
    followsThingWord(text, runStart.start, morphology) ||
    followsPlacePreposition(text, runStart.start) ||
    (!afterInitials && morphology.isPlaceOrOrganisation(word.text))
  )
    return null;
  const after = /^\s*(\p{Ll}+)/u.exec(text.slice(word.end, word.end + 30))?.[1] ?? '';
  const title = followsTitle(text, runStart.start, morphology)
    ? wordBefore(text, runStart.start)
    : titleOfPlaceBefore(text, runStart.start, morphology);
  const readings = onePartNominatives(
    {
      word: word.text,
      afterInitials,
      beforePatronymic: patronymic,
      beforeLowerCase: after !== '',
      // A person's verb is never plural nor neuter ("Воробьёв прилетело много").
      beforeSingularPastVerb: PAST_VERB.test(after) && !/л[ио](?:сь)?$/u.test(after),
      subjectOfPresentVerb:
        PRESENT_SINGULAR_VERB.test(after) && subjectPosition(text, runStart.start, morphology),
      subjectAfterVerb:
        SINGULAR_PAST_VERB.test(wordBefore(text, runStart.start)?.word ?? '') &&
        CLAUSE_END.test(text.slice(word.end, word.end + 3)),
      midSentence: !startsSentence(text, runStart.start),
      afterTitle: title !== null && morphology.canBeSingular(title.word),
      title: title?.word ?? '',
      // A feminine verb after the name says she is a woman only when the name opens its clause:
      // in "Встреча Путина прошла" the verb agrees with "встреча".
      feminine:
        afterFeminineVerb(text, runStart.start, word.end) ||
        (FEMININE_VERB.test(after) && opensClause(text, runStart.start, morphology)) ||
        (title !== null && womanByTitle(text, title, after, morphology)),
    },
    morphology,
  );
  if (readings.length === 0) return null;
  const written = word.text.toLowerCase();
  const reading =
    readings.find((r) => r !== written && capitalised.has(r)) ?? (readings[0] as string);
  // The dictionary writes е for ё: a nominative as written keeps its ё (Сёмин).
  return capitalise(reading === written.replaceAll('ё', 'е') ? written : reading);
}

/** Apply an aliases map (variant -> canonical) to a name. */
export function applyAlias(name: string, aliases: ReadonlyMap<string, string>): string {
  return aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? name;
}

/** The canonical names of the persons an article mentions, each once. */
export function articlePersons(text: string, morphology: Morphology): string[] {
  return [...new Set(findPersons(text, morphology).map((m) => m.name))];
}
