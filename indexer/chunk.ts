/**
 * Paragraph chunking. Articles with blank-line paragraphs keep them (a lone heading joins the paragraph
 * below; an overlong paragraph splits between sentences). Flattened articles (all paragraphs on one line)
 * are split back into paragraph-sized chunks between sentences, and inline headings are detected.
 * Invariant: every chunk is a slice of the text that starts and ends on sentence boundaries, and the
 * chunks, in order, cover every sentence of the text.
 */
import { stemWord, words } from '../src/text/stem.ts';
import { splitSentences, type Span } from './sentences.ts';

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

export const MAX_CHUNK_CHARS = 1200;
const TARGET_FLAT_CHARS = 300;
const MIN_FLAT_CHARS = 60;
const MIN_FLAT_SENTENCES = 1;
const MAX_FLAT_SENTENCES = 4;
const MIN_CONTENT_WORDS = 3;

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

/** Non-blank paragraph spans of `text`, trimmed, split at blank lines. */
function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (end > start) spans.push({ start, end });
  };
  let start = 0;
  for (const m of text.matchAll(/\n[ \t]*\n/g)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return spans;
}

/** Split text with blank-line paragraphs. */
function draftParagraphs(text: string): Draft[] {
  const paragraphs = paragraphSpans(text);
  const drafts: Draft[] = [];
  let heading = '';
  let pending = null as Span | null;
  const lone = (p: Span | undefined) =>
    p !== undefined && isHeadingLine(text.slice(p.start, p.end));
  paragraphs.forEach((paragraph, i) => {
    if (lone(paragraph) && i < paragraphs.length - 1 && !lone(paragraphs[i + 1])) {
      pending = paragraph;
      return;
    }
    let start = paragraph.start;
    let startsWithHeading = false;
    if (pending !== null) {
      heading = text.slice(pending.start, pending.end);
      start = pending.start;
      startsWithHeading = true;
      pending = null;
    }
    splitOverlong(text, { start, end: paragraph.end }).forEach((part, n) =>
      drafts.push({ heading, startsWithHeading: startsWithHeading && n === 0, ...part }),
    );
  });
  if (pending !== null) drafts.push({ heading: '', startsWithHeading: false, ...pending });
  return drafts;
}

/** Split a span longer than MAX_CHUNK_CHARS between sentences into near-equal parts. */
function splitOverlong(text: string, span: Span): Span[] {
  const length = span.end - span.start;
  if (length <= MAX_CHUNK_CHARS) return [span];
  const sentences = splitSentences(text.slice(span.start, span.end)).map((s) => ({
    start: s.start + span.start,
    end: s.end + span.start,
  }));
  const parts = Math.ceil(length / MAX_CHUNK_CHARS);
  const target = length / parts;
  const out: Span[] = [];
  let start = span.start;
  for (const s of sentences) {
    if (s.end - start >= target && out.length < parts - 1) {
      out.push({ start, end: s.end });
      start = s.end;
    }
  }
  if (span.end > start) out.push({ start, end: span.end });
  // Each part starts at its first non-space character.
  return out.map((p) => {
    let s = p.start;
    while (s < p.end && /\s/.test(text[s] as string)) s++;
    return { start: s, end: p.end };
  });
}

// Sentence openings that usually begin a new paragraph in Russian news.
const PARAGRAPH_OPENERS =
  /^(«|"|•|—|Также|Кроме того|Кроме этого|При этом|Между тем|Тем временем|Напомним|Ранее|Однако|В ответ|В то же время|Впрочем|Как сообщ|По словам|По данным|По информации|Так,|Вместе с тем|Помимо этого|Помимо того|После этого|Сейчас|Сегодня|Вчера|Сам|Отметим|Добавим|Известно|Как отмечает|Как пишет|Как стало известно|В свою очередь|В частности|В итоге|Итак|Таким образом)/u;

// Sentence openings that refer back to the sentence before, and so continue its paragraph.
const CONTINUERS =
  /^(Он|Она|Оно|Они|Его|Её|Ее|Их|Ему|Ей|Им|Это|Эти|Этот|Эта|Тогда|Поэтому|Затем|Причем|Причём|Но|И|А)(?=[\s,])/u;

/**
 * An inline heading at the start of a sentence span: a short capitalised phrase without a verb that runs
 * straight into a capitalised common word ("Митинги в Казахстане и помощь ОДКБ Митинги в соседнем ...").
 * Returns the heading's length in characters, or 0.
 */
export function inlineHeadingLength(
  sentence: string,
  isCommonWord: (word: string) => boolean,
): number {
  const words = [...sentence.matchAll(/\S+/g)];
  for (let i = 2; i < Math.min(words.length - 2, 14); i++) {
    const word = words[i] as RegExpMatchArray;
    const w = word[0];
    if (!/^\p{Lu}\p{Ll}+$/u.test(w)) continue;
    // A capitalised word followed by another is more likely a name ("спикер Талант Мамытов") than a new sentence.
    if (!/^\p{Ll}/u.test((words[i + 1] as RegExpMatchArray)[0])) continue;
    const before = sentence.slice(0, word.index).trim();
    if (/[.,:;!?»—–-]$/.test(before) || /[,:;]/.test(before)) continue;
    if (!isCommonWord(w)) continue;
    // The phrase before must itself look like a title: capitalised start, no trailing preposition or conjunction.
    const last = (words[i - 1] as RegExpMatchArray)[0].toLowerCase();
    if (/^(в|на|и|а|но|с|к|по|о|об|от|до|из|за|для|при|у|не)$/.test(last)) continue;
    if (!/^\p{Lu}/u.test(before)) continue;
    return before.length;
  }
  return 0;
}

/**
 * Split flattened text (paragraphs joined onto one line) back into paragraph-sized chunks.
 * `isCommonWord` tells a capitalised common noun from a proper name (morphology supplies it).
 */
function draftFlattened(text: string, isCommonWord: (word: string) => boolean): Draft[] {
  const sentences: Array<Span & { heading?: number }> = [];
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const headingLength = inlineHeadingLength(sentence, isCommonWord);
    sentences.push(headingLength ? { ...span, heading: headingLength } : span);
  }
  const chunks: Draft[] = [];
  let heading = '';
  let start = -1;
  let startsWithHeading = false;
  let sentencesInChunk = 0;
  const flush = (end: number) => {
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (start >= 0 && end > start) chunks.push({ heading, startsWithHeading, start, end });
    start = -1;
    startsWithHeading = false;
    sentencesInChunk = 0;
  };
  sentences.forEach((s, i) => {
    const sentence = text.slice(s.start, s.end);
    if (s.heading) {
      flush(s.start);
      heading = sentence.slice(0, s.heading).trim();
      startsWithHeading = true;
      start = s.start;
      sentencesInChunk = 1;
      return;
    }
    if (start < 0) {
      start = s.start;
      sentencesInChunk = 1;
      return;
    }
    const length = s.start - start;
    const opener = PARAGRAPH_OPENERS.test(sentence);
    const next = sentences[i + 1];
    const tooLong = length + (s.end - s.start) > MAX_CHUNK_CHARS;
    // A new topic shares no content word with the sentence before it (lexical cohesion, as in TextTiling).
    const previous = sentences[i - 1] as Span;
    const previousText = text.slice(previous.start, previous.end);
    const shift = cohesion(previousText, sentence) === 0 && !CONTINUERS.test(sentence);
    // Quoted speech closes its paragraph: «…», — сказал он. / «…»
    const quoteClosed =
      /»[.!?…]?$|»,?\s*[—–-]\s*[^«»]{0,80}[.!?…]$/u.test(previousText) &&
      !CONTINUERS.test(sentence);
    const lastShort = next === undefined && s.end - s.start < MIN_FLAT_CHARS;
    if (
      tooLong ||
      (!lastShort && (length >= TARGET_FLAT_CHARS || sentencesInChunk >= MAX_FLAT_SENTENCES)) ||
      ((opener || shift || quoteClosed) &&
        length >= MIN_FLAT_CHARS &&
        sentencesInChunk >= MIN_FLAT_SENTENCES)
    ) {
      flush(s.start);
      start = s.start;
    }
    sentencesInChunk++;
  });
  flush(text.length);
  return chunks;
}

/**
 * How many content words (stems of words of 5+ letters) two sentences share; null when either has too few
 * content words for the count to mean anything.
 */
function cohesion(a: string, b: string): number | null {
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

/** Is this text flattened: long, on one line, with no blank-line paragraphs? */
function looksFlattened(text: string): boolean {
  return !/\n\s*\n/.test(text.trim()) && text.trim().length > MAX_CHUNK_CHARS / 2;
}

/** Chunk an article's text, choosing the method from its shape. */
export function chunkArticle(text: string, isCommonWord: (word: string) => boolean): Chunk[] {
  const drafts = looksFlattened(text) ? draftFlattened(text, isCommonWord) : draftParagraphs(text);
  let previousEnd = -1;
  return drafts.map(({ start, end, ...rest }) => {
    const separator = previousEnd < 0 ? '' : text.slice(previousEnd, start);
    previousEnd = end;
    return { ...rest, text: text.slice(start, end), separator };
  });
}

/** Reassemble chunks into the article's text (trimmed): the exact inverse of chunking. */
export function joinChunks(chunks: Chunk[]): string {
  return chunks.map((c, i) => (i === 0 ? '' : c.separator) + c.text).join('');
}
