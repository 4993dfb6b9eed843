/**
 * Paragraph chunking. Articles with blank-line paragraphs keep them (a heading joins the paragraph below:
 * marked by the format, or told from its shape). Flattened articles (all paragraphs on one line) are split
 * back into paragraph-sized chunks between sentences, and inline headings are detected. Then every chunk
 * longer than the limit is split, between paragraphs first, then sentences, then words.
 * Invariant: every chunk is a slice of the text, the chunks in order cover all of it, and only whitespace
 * stands between them; boundaries fall between sentences unless one sentence is over the limit.
 */
import { stemWord, words } from '../src/text/stem.ts';
import type { Morphology } from './morphology.ts';
import { PARAGRAPH_WEIGHTS } from './paragraph-weights.ts';
import { splitSentences, type Span } from './sentences.ts';

/** What the chunker asks of the dictionary about a capitalised word (morphology supplies it). */
export type WordSense = Pick<Morphology, 'isCommonWord' | 'canBeCommonNominative' | 'lexemes'>;

export interface Chunk {
  /** Section heading in force for this chunk ('' when none). */
  heading: string;
  /** True when this chunk's text begins with its heading (the heading was found in the text). */
  startsWithHeading: boolean;
  text: string;
  /** The whitespace that stood before this chunk in the article ('' for the first). */
  separator: string;
}

type Draft = Omit<Chunk, 'separator' | 'text'> & Span;

export interface ChunkOptions {
  /** The longest chunk, in characters. */
  maxChars?: number;
  /**
   * Which blank-line paragraphs are headings, when the format marks them (HTML, Markdown); without it
   * headings are told from their shape.
   */
  headings?: readonly number[];
  /** The paragraphs were flattened onto one line (the format says so); else told from the text's shape. */
  flattened?: boolean;
}

/** The default longest chunk (`--max-chunk-chars`): about a long news paragraph. */
export const MAX_CHUNK_CHARS = 1200;
/** A marked heading longer than this is taken for a paragraph (it would be repeated on every chunk). */
const MAX_HEADING_CHARS = 200;
/** Text this long on one line is flattened paragraphs rather than one. */
const FLATTENED_MIN_CHARS = 600;

/** A paragraph that is a heading: short, no sentence-final punctuation, capitalised. */
function isHeadingLine(paragraph: string): boolean {
  const t = paragraph.trim();
  return (
    t.length > 0 &&
    t.length <= 120 &&
    !/[.!?…:;,»"]$/.test(t) &&
    /^[\p{Lu}\d«"]/u.test(t) &&
    !t.includes('\n') &&
    t.split(/\s+/).length <= 14
  );
}

/** Spans of `text` between `separator` matches, trimmed, non-blank. */
function spansBetween(text: string, span: Span, separator: RegExp): Span[] {
  const spans: Span[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (end > start) spans.push({ start, end });
  };
  let start = span.start;
  for (const m of text.slice(span.start, span.end).matchAll(separator)) {
    push(start, span.start + m.index);
    start = span.start + m.index + m[0].length;
  }
  push(start, span.end);
  return spans;
}

const paragraphSpans = (text: string, span: Span = { start: 0, end: text.length }) =>
  spansBetween(text, span, /\n[ \t]*\n/g);

/** Split text with blank-line paragraphs: one draft per paragraph, a heading joined to the one below. */
function draftParagraphs(text: string, markedHeadings: readonly number[] | undefined): Draft[] {
  const paragraphs = paragraphSpans(text);
  const looksLikeHeading = (i: number) => {
    const p = paragraphs[i];
    return p !== undefined && isHeadingLine(text.slice(p.start, p.end));
  };
  const marked = markedHeadings && new Set(markedHeadings);
  const isHeading = (i: number) => {
    const p = paragraphs[i] as Span;
    if (i === paragraphs.length - 1) return false;
    if (marked) return marked.has(i) && p.end - p.start <= MAX_HEADING_CHARS;
    return looksLikeHeading(i) && !looksLikeHeading(i + 1);
  };
  const drafts: Draft[] = [];
  let heading = '';
  let headingStart = -1;
  paragraphs.forEach((paragraph, i) => {
    if (isHeading(i)) {
      heading = text.slice(paragraph.start, paragraph.end);
      if (headingStart < 0) headingStart = paragraph.start;
      return;
    }
    const startsWithHeading = headingStart >= 0;
    drafts.push({
      heading,
      startsWithHeading,
      start: startsWithHeading ? headingStart : paragraph.start,
      end: paragraph.end,
    });
    headingStart = -1;
  });
  return drafts;
}

/**
 * Parts of at most `max` characters, split at the coarsest boundaries that do it: paragraphs, then
 * sentences, then words; a run of more than `max` characters without a space is cut where it must be.
 * Parts are near-equal in length rather than one long run and a short rest.
 */
function splitBounded(text: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max) return [span];
  const levels = [
    () => paragraphSpans(text, span),
    () =>
      splitSentences(text.slice(span.start, span.end)).map((s) => ({
        start: s.start + span.start,
        end: s.end + span.start,
      })),
    () => spansBetween(text, span, /\s+/g),
  ];
  for (const units of levels) {
    const found = units();
    if (found.length > 1) return pack(found, max).flatMap((part) => splitBounded(text, part, max));
  }
  const parts: Span[] = [];
  for (let start = span.start; start < span.end; ) {
    let end = Math.min(span.end, start + max);
    // Never between the two halves of a surrogate pair.
    if (end < span.end && /[\uDC00-\uDFFF]/.test(text[end] as string)) end--;
    parts.push({ start, end });
    start = end;
  }
  return parts;
}

/** Consecutive units grouped into parts of near-equal length, none over `max` unless one unit is. */
function pack(units: Span[], max: number): Span[] {
  const first = units[0] as Span;
  const total = (units.at(-1) as Span).end - first.start;
  const target = total / Math.ceil(total / max);
  const parts: Span[] = [];
  let start = first.start;
  let end = first.end;
  for (const unit of units.slice(1)) {
    if (unit.end - start > max || end - start >= target) {
      parts.push({ start, end });
      start = unit.start;
    }
    end = unit.end;
  }
  parts.push({ start, end });
  return parts;
}

// Sentence openings that usually begin a new paragraph in Russian news.
const PARAGRAPH_OPENERS =
  /^(«|"|•|—|Также|Кроме того|Кроме этого|При этом|Между тем|Тем временем|Напомним|Ранее|Однако|В ответ|В то же время|Впрочем|Как сообщ|По словам|По данным|По информации|Так,|Вместе с тем|Помимо этого|Помимо того|После этого|Сейчас|Сегодня|Вчера|Сам|Отметим|Добавим|Известно|Как отмечает|Как пишет|Как стало известно|В свою очередь|В частности|В итоге|Итак|Таким образом)/u;

// Sentence openings that refer back to the sentence before, and so continue its paragraph.
const CONTINUERS =
  /^(Он|Она|Оно|Они|Его|Её|Ее|Их|Ему|Ей|Им|Это|Эти|Этот|Эта|Тогда|Поэтому|Затем|Причем|Причём|Но|И|А)(?=[\s,])/u;

/**
 * Words written with a capital only when they open a sentence (prepositions, pronouns, conjunctions,
 * sentence adverbs, number words): after a word with no final punctuation, one of them shows that a
 * heading ended there without a full stop ("Космонавты вернулись на Землю Все дружно отметили …").
 */
const SENTENCE_OPENING_WORDS = new Set(
  (
    'В Во На По С Со К Ко У О Об От До Из За Для При Под Над После Через Между Среди Около Согласно Кроме ' +
    'Он Она Оно Они Его Её Ее Их Ему Ей Им Это Эти Этот Эта Все Всё Всю Весь Вся Мы Я Вы ' +
    'Но А И Однако Также Как Когда Если Что Чтобы Так Там Тогда Уже Ещё Еще Сегодня Вчера Ранее Сейчас ' +
    'Теперь Затем Поэтому Впрочем Напомним Один Одна Два Две Три Четыре Пять Более Менее Почти'
  ).split(' '),
);

/**
 * An inline heading at the start of a sentence span: a short capitalised phrase with no punctuation that
 * runs straight into the next sentence, told by the word that follows it: one capitalised only at a
 * sentence start ("Создатель MySQL против сделки Oracle — Sun Он уже обратился …"), the heading's own
 * first word again ("Митинги в Казахстане и помощь ОДКБ Митинги в соседнем …"), or a common word in the
 * nominative before a lower-case one ("Краевой совет обсудил ремонт дорог Депутаты краевого совета …").
 * A capitalised word in another case begins a name, not a sentence ("… комиссии Европейского союза").
 * Returns the heading's length in characters, or 0.
 */
export function inlineHeadingLength(sentence: string, sense: WordSense): number {
  const words = [...sentence.matchAll(/\S+/g)];
  const first = words[0]?.[0] ?? '';
  if (!/^[\p{Lu}\d«"]/u.test(first)) return 0;
  // A heading names what follows; a phrase opening with a preposition, pronoun or conjunction is a
  // sentence running on into a name ("Со своими стратегическими идеями Хван выступил …").
  if (SENTENCE_OPENING_WORDS.has(first)) return 0;
  for (let i = 1; i < Math.min(words.length - 1, 15); i++) {
    const word = words[i] as RegExpMatchArray;
    const w = word[0];
    const before = sentence.slice(0, word.index).trim();
    if (/[,:;]/.test(before)) return 0;
    if (/[.!?…—–-]$/.test(before)) continue;
    const repeats = i >= 2 && w === first && /^\p{Lu}\p{Ll}+$/u.test(w);
    const subject =
      i >= 2 &&
      /^\p{Lu}\p{Ll}+$/u.test(w) &&
      /^\p{Ll}/u.test((words[i + 1] as RegExpMatchArray)[0]) &&
      sense.isCommonWord(w) &&
      sense.canBeCommonNominative(w);
    if (!repeats && !subject && !SENTENCE_OPENING_WORDS.has(w)) continue;
    // The heading does not end on a preposition or conjunction.
    const last = (words[i - 1] as RegExpMatchArray)[0].toLowerCase();
    if (/^(в|во|на|и|а|но|с|со|к|по|о|об|от|до|из|за|для|при|у|не|что|как)$/.test(last)) continue;
    return before.length;
  }
  return 0;
}

/**
 * Does the sentence open with a long capitalised phrase that runs, with no punctuation, into a capitalised
 * common word: the full name of an institution or a title ("Концерн «Майкрософт» представил антимонопольной
 * комиссии Европейского союза …"), the way a paragraph introduces what it is about?
 */
export function namedOpening(sentence: string, sense: WordSense): boolean {
  const words = [...sentence.matchAll(/\S+/g)];
  for (let i = 2; i < Math.min(words.length - 2, 14); i++) {
    const word = words[i] as RegExpMatchArray;
    const w = word[0];
    if (!/^\p{Lu}\p{Ll}+$/u.test(w)) continue;
    // Two capitalised words in a row are a person's name ("спикер Талант Мамытов"), not an institution's.
    if (!/^\p{Ll}/u.test((words[i + 1] as RegExpMatchArray)[0])) continue;
    const before = sentence.slice(0, word.index).trim();
    if (/[.,:;!?»—–-]$/.test(before) || /[,:;]/.test(before)) continue;
    if (!sense.isCommonWord(w)) continue;
    // The phrase before opens with a capital and does not end on a preposition or conjunction.
    const last = (words[i - 1] as RegExpMatchArray)[0].toLowerCase();
    if (/^(в|на|и|а|но|с|к|по|о|об|от|до|из|за|для|при|у|не)$/.test(last)) continue;
    if (!/^\p{Lu}/u.test(before)) continue;
    return true;
  }
  return false;
}

const QUOTE_CLOSED = /»[.!?…]?$|»,?\s*[—–-]\s*[^«»]{0,80}[.!?…]$/u;
const SPEECH = /сообщ|заяв|сказал|отметил|подчеркнул|говорится|рассказал|пояснил/u;
const QUOTE_THEN_SPEAKER =
  /[»"]\s*,?\s*[—–-]\s*(сказал|заявил|отметил|говорит|считает|пояснил|подчеркнул|добавил|уточнил|утверждает)/u;
const TIME_OPENING =
  /^(В|Во) (понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|^\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)|^(Вчера|Сегодня|Завтра|Накануне|Утром|Вечером|Днём|Ночью)/u;
// Words among the first of a sentence that point back to the sentence before: a third-person pronoun, a
// demonstrative, "also" and its kin.
const EARLY_PRONOUN =
  /^(\S+\s+){0,8}(он|она|оно|они|его|её|ее|их|ему|ей|им|него|неё|нее|них|нему|ней|ним)[\s,.]/iu;
const EARLY_DEMONSTRATIVE =
  /^(\S+\s+){0,5}(этот|эта|это|эти|этого|этой|этих|этому|этим|этом|данный|данная|данное|такой|такая|такое|такие)[\s,.]/iu;
const EARLY_ALSO = /^(\S+\s+){0,6}(также|тоже|ещё|еще|же|тогда|там|тут)[\s,.]/iu;
/** A capitalised word after the first of a sentence (a name, mostly), by its first five letters. */
const NAMED = /(?<=\S\s+)\p{Lu}\p{Ll}{2,}/gu;
const CAPITALISED = /\p{Lu}\p{Ll}{2,}/gu;
const FULL_NAME = /\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/gu;
const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;

/** The sentences of a flattened text, and what the paragraph model needs to know of each. */
export interface FlatSentences {
  texts: readonly string[];
  /** Stems of each sentence's content words (5+ letters). */
  stems: ReadonlyArray<ReadonlySet<string>>;
  /** Does the sentence hold two capitalised words in a row neither of which came earlier in the text? */
  newName: readonly boolean[];
  /** Does the sentence open with a noun (its first word's likeliest reading: a subject, a new topic)? */
  nounFirst: readonly boolean[];
  sense: WordSense;
}

export function describeSentences(texts: readonly string[], sense: WordSense): FlatSentences {
  const seen = new Set<string>();
  const newName = texts.map((text) => {
    const found = [...text.matchAll(FULL_NAME)].some((m) =>
      m[0].split(' ').every((w) => !seen.has(w.slice(0, 5))),
    );
    for (const m of text.matchAll(CAPITALISED)) seen.add(m[0].slice(0, 5));
    return found;
  });
  const stems = texts.map(
    (text) =>
      new Set(
        words(text)
          .filter((w) => w.length >= 5)
          .map(stemWord),
      ),
  );
  const isNoun = new Map<string, boolean>();
  const nounFirst = texts.map((text) => {
    const first = (text.split(/\s+/)[0] ?? '').replace(/[^\p{L}-]/gu, '');
    let noun = isNoun.get(first);
    // Only plain Cyrillic words: Az's readings of hyphenated ones cannot be inflected.
    noun ??= CYRILLIC_WORD.test(first) && sense.lexemes(first)[0]?.pos === 'NOUN';
    isNoun.set(first, noun);
    return noun;
  });
  return { texts, stems, newName, nounFirst, sense };
}

/** Shared members over the smaller set's size (0 when either is empty). */
function overlap(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): number {
  if (!a?.size || !b?.size) return 0;
  let shared = 0;
  for (const x of b) if (a.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

const namedWords = (text: string) =>
  new Set([...text.matchAll(NAMED)].map((m) => m[0].slice(0, 5)));

type Feature = { name: string; value: (s: FlatSentences, i: number) => number };
/** Sentence `i` of `s`, and its neighbours ('' past either end). */
const at = (s: FlatSentences, i: number) => s.texts[i] ?? '';
const test = (pattern: RegExp, text: string) => (pattern.test(text) ? 1 : 0);

/**
 * What the paragraph model sees at the gap before sentence `i` (from 1) of flattened text: each feature a
 * number, most of them 0 or 1. Their weights (paragraph-weights.ts) are fitted by indexer/tune-chunks.ts.
 */
export const PARAGRAPH_FEATURES: readonly Feature[] = [
  { name: 'always', value: () => 1 },
  { name: 'sentence length (log)', value: (s, i) => Math.log(at(s, i).length) - 4.5 },
  { name: 'previous length (log)', value: (s, i) => Math.log(at(s, i - 1).length) - 4.5 },
  { name: 'sentence under 60', value: (s, i) => (at(s, i).length < 60 ? 1 : 0) },
  { name: 'previous under 60', value: (s, i) => (at(s, i - 1).length < 60 ? 1 : 0) },
  { name: 'opener word', value: (s, i) => test(PARAGRAPH_OPENERS, at(s, i)) },
  { name: 'refers back', value: (s, i) => test(CONTINUERS, at(s, i)) },
  { name: 'next refers back', value: (s, i) => test(CONTINUERS, at(s, i + 1)) },
  { name: 'previous refers back', value: (s, i) => test(CONTINUERS, at(s, i - 1)) },
  { name: 'a pronoun early', value: (s, i) => test(EARLY_PRONOUN, at(s, i)) },
  { name: 'a demonstrative early', value: (s, i) => test(EARLY_DEMONSTRATIVE, at(s, i)) },
  { name: '"also" early', value: (s, i) => test(EARLY_ALSO, at(s, i)) },
  { name: 'opens a quote', value: (s, i) => test(/^[«"„]/u, at(s, i)) },
  { name: 'holds a quote', value: (s, i) => (at(s, i).includes('«') ? 1 : 0) },
  { name: 'after a closed quote', value: (s, i) => test(QUOTE_CLOSED, at(s, i - 1)) },
  {
    name: 'after a quote and its speaker',
    value: (s, i) => test(QUOTE_THEN_SPEAKER, at(s, i - 1)),
  },
  { name: 'opens with a dash or bullet', value: (s, i) => test(/^[—–•*-]/u, at(s, i)) },
  { name: 'starts with a name', value: (s, i) => test(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/u, at(s, i)) },
  {
    name: 'starts with a proper name',
    value: (s, i) => {
      const first = at(s, i).split(/\s+/)[0] ?? '';
      return /^\p{Lu}\p{Ll}+$/u.test(first) && !s.sense.isCommonWord(first) ? 1 : 0;
    },
  },
  { name: 'introduces a new name', value: (s, i) => (s.newName[i] ? 1 : 0) },
  { name: 'opens with a noun', value: (s, i) => (s.nounFirst[i] ? 1 : 0) },
  {
    name: 'names what the previous named',
    value: (s, i) => {
      const before = namedWords(at(s, i - 1));
      let shared = 0;
      for (const w of namedWords(at(s, i))) if (before.has(w)) shared++;
      return Math.min(shared, 2);
    },
  },
  { name: 'starts with a number', value: (s, i) => test(/^\d/, at(s, i)) },
  { name: 'starts with a time', value: (s, i) => test(TIME_OPENING, at(s, i)) },
  { name: 'reports speech', value: (s, i) => test(SPEECH, at(s, i)) },
  {
    name: 'opens with a name-like phrase',
    value: (s, i) => (namedOpening(at(s, i), s.sense) ? 1 : 0),
  },
  { name: 'second sentence of the text', value: (_, i) => (i === 1 ? 1 : 0) },
  { name: 'position in the text', value: (s, i) => i / s.texts.length },
  { name: 'overlap with the previous', value: (s, i) => overlap(s.stems[i - 1], s.stems[i]) },
  { name: 'overlap with the one before', value: (s, i) => overlap(s.stems[i - 2], s.stems[i]) },
  { name: 'overlap across the gap', value: (s, i) => overlap(s.stems[i - 1], s.stems[i + 1]) },
];

/** The model's score for a paragraph start at sentence `i`: a new chunk starts where it is above 0. */
export function paragraphScore(
  s: FlatSentences,
  i: number,
  weights: Readonly<Record<string, number>> = PARAGRAPH_WEIGHTS,
): number {
  let score = 0;
  for (const f of PARAGRAPH_FEATURES) score += (weights[f.name] ?? 0) * f.value(s, i);
  return score;
}

/** A bulleted list after a colon ("… два арбитра: • Тору Камикава (Япония) • …"): its own paragraph. */
const opensList = (previous: string, unit: string) =>
  previous.endsWith(':') && unit.startsWith('•');

/**
 * Flattened text as units (its sentences; a colon that opens a bulleted list also ends one) and, before
 * each unit, what the rules decide: an inline heading or a list starts a chunk whatever the model says.
 */
export function flattenedUnits(
  text: string,
  sense: WordSense,
): { units: Span[]; sentences: FlatSentences; headingLength: number[]; forced: boolean[] } {
  const units = splitSentences(text).flatMap((s) => spansBetween(text, s, /(?<=:)(?=\s+•)/g));
  const texts = units.map((u) => text.slice(u.start, u.end));
  const headingLength = texts.map((t) => inlineHeadingLength(t, sense));
  const forced = texts.map(
    (t, i) => i > 0 && ((headingLength[i] as number) > 0 || opensList(texts[i - 1] as string, t)),
  );
  return { units, sentences: describeSentences(texts, sense), headingLength, forced };
}

/**
 * Split flattened text (paragraphs joined onto one line) back into paragraph-sized chunks, between
 * sentences, where the paragraph model or a rule says; an inline heading is the heading from there on.
 */
function draftFlattened(text: string, sense: WordSense): Draft[] {
  const { units, sentences, headingLength, forced } = flattenedUnits(text, sense);
  const chunks: Draft[] = [];
  let heading = '';
  units.forEach((unit, i) => {
    const headingChars = headingLength[i] as number;
    if (headingChars) heading = text.slice(unit.start, unit.start + headingChars).trim();
    if (i === 0 || forced[i] || paragraphScore(sentences, i) > 0)
      chunks.push({
        heading,
        startsWithHeading: headingChars > 0,
        start: unit.start,
        end: unit.end,
      });
    else (chunks.at(-1) as Draft).end = unit.end;
  });
  return chunks;
}

/** Is this text flattened: long, with no blank-line paragraphs? */
function looksFlattened(text: string): boolean {
  return !/\n\s*\n/.test(text.trim()) && text.trim().length > FLATTENED_MIN_CHARS;
}

/** Chunk an article's text, choosing the method from its shape; no chunk is longer than `maxChars`. */
export function chunkArticle(text: string, sense: WordSense, options: ChunkOptions = {}): Chunk[] {
  const max = options.maxChars ?? MAX_CHUNK_CHARS;
  const flattened = options.flattened ?? (options.headings === undefined && looksFlattened(text));
  const drafts = flattened ? draftFlattened(text, sense) : draftParagraphs(text, options.headings);
  let previousEnd = -1;
  return drafts.flatMap(({ start, end, heading, startsWithHeading }) =>
    splitBounded(text, { start, end }, max).map((part, n) => {
      const separator = previousEnd < 0 ? '' : text.slice(previousEnd, part.start);
      previousEnd = part.end;
      return {
        heading,
        startsWithHeading: startsWithHeading && n === 0,
        text: text.slice(part.start, part.end),
        separator,
      };
    }),
  );
}

/** Reassemble chunks into the article's text (trimmed): the exact inverse of chunking. */
export function joinChunks(chunks: Chunk[]): string {
  return chunks.map((c, i) => (i === 0 ? '' : c.separator) + c.text).join('');
}
