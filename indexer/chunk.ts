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
import { splitSentences, type Span } from './sentences.ts';

/** What the chunker asks of the dictionary about a capitalised word (morphology supplies it). */
export type WordSense = Pick<Morphology, 'isCommonWord' | 'canBeCommonNominative'>;

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
const MIN_CONTENT_WORDS = 3;
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

/** What the paragraph-start rules see at a sentence of flattened text. */
export interface SentenceContext {
  sentence: string;
  previous: string;
  /** Characters from the start of the current chunk to this sentence. */
  charsBefore: number;
  /** Sentences already in the current chunk. */
  sentencesBefore: number;
  /** Content words shared with the previous sentence (null: too few to tell). */
  cohesion: number | null;
  /** Position of the sentence in the text, from 0. */
  index: number;
  /** The sentence opens with a name-like phrase (see namedOpening). */
  namedOpening: boolean;
}

const QUOTE_CLOSED = /»[.!?…]?$|»,?\s*[—–-]\s*[^«»]{0,80}[.!?…]$/u;

/**
 * What marks a paragraph start in flattened news, as weighted rules: a sentence starts a new chunk when
 * the weights of the rules that hold add up to more than 0. The weights were fitted (logistic regression,
 * indexer/tune-chunks.ts) on the tuning half of the factRuEval-2016 dev set flattened, never on the
 * validation half; each rule has its own test.
 */
export const PARAGRAPH_START_RULES: ReadonlyArray<{
  name: string;
  weight: number;
  holds: (c: SentenceContext) => boolean;
}> = [
  { name: 'always', weight: 0.02, holds: () => true },
  { name: 'opener word', weight: -0.07, holds: (c) => PARAGRAPH_OPENERS.test(c.sentence) },
  { name: 'refers back', weight: -0.2, holds: (c) => CONTINUERS.test(c.sentence) },
  { name: 'opens a quote', weight: 0.03, holds: (c) => /^[«"„]/u.test(c.sentence) },
  { name: 'holds a quote', weight: 0.1, holds: (c) => c.sentence.includes('«') },
  { name: 'after a closed quote', weight: 0.13, holds: (c) => QUOTE_CLOSED.test(c.previous) },
  { name: 'no shared content word', weight: -0.07, holds: (c) => c.cohesion === 0 },
  { name: 'shares 2+ content words', weight: -0.03, holds: (c) => (c.cohesion ?? 0) >= 2 },
  { name: 'sentence under 60', weight: -0.26, holds: (c) => c.sentence.length < 60 },
  { name: 'sentence under 100', weight: -0.27, holds: (c) => c.sentence.length < 100 },
  { name: 'sentence 200+', weight: 0.24, holds: (c) => c.sentence.length >= 200 },
  { name: 'previous under 60', weight: 0.13, holds: (c) => c.previous.length < 60 },
  { name: 'previous 200+', weight: 0.1, holds: (c) => c.previous.length >= 200 },
  {
    name: 'starts with a name',
    weight: 0.21,
    holds: (c) => /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/u.test(c.sentence),
  },
  { name: 'starts with a number', weight: 0.1, holds: (c) => /^\d/.test(c.sentence) },
  { name: 'reports speech', weight: 0.31, holds: (c) => SPEECH.test(c.sentence) },
  { name: 'opens with a name-like phrase', weight: 0.16, holds: (c) => c.namedOpening },
  { name: 'second sentence of the text', weight: 0.19, holds: (c) => c.index === 1 },
  { name: 'chunk has 200+ characters', weight: 0.24, holds: (c) => c.charsBefore >= 200 },
  { name: 'chunk has 400+ characters', weight: 0.13, holds: (c) => c.charsBefore >= 400 },
  { name: 'chunk has 700+ characters', weight: 0.05, holds: (c) => c.charsBefore >= 700 },
  { name: 'chunk has 2+ sentences', weight: 0.16, holds: (c) => c.sentencesBefore >= 2 },
  { name: 'chunk has 3+ sentences', weight: 0.06, holds: (c) => c.sentencesBefore >= 3 },
];

const SPEECH = /сообщ|заяв|сказал|отметил|подчеркнул|говорится|рассказал|пояснил/u;

/** The weighted rules' verdict: does this sentence start a new chunk? */
export function startsParagraph(
  c: SentenceContext,
  rules: ReadonlyArray<{
    weight: number;
    holds: (c: SentenceContext) => boolean;
  }> = PARAGRAPH_START_RULES,
): boolean {
  let score = 0;
  for (const rule of rules) if (rule.holds(c)) score += rule.weight;
  return score > 0;
}

/** A bulleted list after a colon ("… два арбитра: • Тору Камикава (Япония) • …"): its own paragraph. */
const opensList = (previous: string, unit: string) =>
  previous.endsWith(':') && unit.startsWith('•');

/** The sentences of flattened text, and a colon that opens a bulleted list also ends one. */
function flattenedUnits(text: string): Span[] {
  return splitSentences(text).flatMap((s) => spansBetween(text, s, /(?<=:)(?=\s+•)/g));
}

/**
 * Split flattened text (paragraphs joined onto one line) back into paragraph-sized chunks, between
 * sentences, where the paragraph-start rules say; an inline heading always starts one.
 */
function draftFlattened(text: string, sense: WordSense): Draft[] {
  const chunks: Draft[] = [];
  let heading = '';
  let start = -1;
  let startsWithHeading = false;
  let sentencesBefore = 0;
  const flush = (end: number) => {
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (start >= 0 && end > start) chunks.push({ heading, startsWithHeading, start, end });
    start = -1;
    startsWithHeading = false;
    sentencesBefore = 0;
  };
  let previous = '';
  for (const [index, s] of flattenedUnits(text).entries()) {
    const sentence = text.slice(s.start, s.end);
    const headingLength = inlineHeadingLength(sentence, sense);
    if (start >= 0 && opensList(previous, sentence)) flush(s.start);
    else if (headingLength) {
      flush(s.start);
      heading = sentence.slice(0, headingLength).trim();
      startsWithHeading = true;
    } else if (
      start >= 0 &&
      startsParagraph({
        sentence,
        previous,
        charsBefore: s.start - start,
        sentencesBefore,
        cohesion: cohesion(previous, sentence),
        index,
        namedOpening: namedOpening(sentence, sense),
      })
    )
      flush(s.start);
    if (start < 0) start = s.start;
    sentencesBefore++;
    previous = sentence;
  }
  flush(text.length);
  return chunks;
}

/**
 * How many content words (stems of words of 5+ letters) two sentences share; null when either has too few
 * content words for the count to mean anything.
 */
export function cohesion(a: string, b: string): number | null {
  const stems = (text: string) =>
    new Set(
      words(text)
        .filter((w) => w.length >= 5)
        .map(stemWord),
    );
  const left = stems(a);
  const right = stems(b);
  if (left.size < MIN_CONTENT_WORDS || right.size < MIN_CONTENT_WORDS) return null;
  let shared = 0;
  for (const stem of right) if (left.has(stem)) shared++;
  return shared;
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
