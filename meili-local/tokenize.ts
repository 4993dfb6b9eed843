/**
 * Tokenisation and normalisation as Meilisearch's tokenizer (charabia) does them for Latin and Cyrillic text.
 *
 * - A word is a run of characters that are not separators; separators are punctuation, math symbols, spaces,
 *   tab, CR, LF, NUL and the backtick (so `$100`, `3°C` and `№5` are single words, `50%` is `50`). A run is
 *   also cut where the script of its letters changes (`iPhoneы` is `iphone` + `ы`).
 * - Words follow each other one position apart, or 8 apart across a hard separator (and between the values of
 *   an array): `. ` and `, ` (with the space), `!`, `?`, `;`, `…` and a few more (a lone `.` or `,` is soft).
 * - Normalising a word: compatibility decomposition (NFKD: `ё` becomes `е` + U+0308, `й` becomes `и` + U+0306,
 *   `№` becomes `No`), lower case, then for Latin (and Greek) letters only, combining marks are dropped
 *   (`café` is `cafe`) and `œ`/`æ` become `oe`/`ae` (`ı` and `đ` stay: the release build has no Turkish or
 *   Vietnamese normaliser). Cyrillic keeps its
 *   marks: `ёлка` is five characters and not `елка`, which is why `елка` does not find `ёлка` (no typo under
 *   five characters) while `ёлка` finds `елка` (one typo).
 */
const WORD = /[^\p{P}\p{Sm}\p{Z}\0\t\n\r`\u200c]+/gu;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
const MARK_DROPPING = /[\p{Script=Hebrew}\p{Script=Thai}\p{Script=Arabic}]/u;
const ASCII = /^\p{ASCII}*$/u;
const CONTROL = /\p{Cc}/gu;
const NONSPACING = /\p{Mn}/gu;
const LATIN_FOLDS = /[œæ]/g;
const LATIN_FOLD: Record<string, string> = { œ: 'oe', æ: 'ae' };

/** How a script is normalised: Latin, Cyrillic (and other cased scripts), Greek, other scripts whose marks go, the rest. */
type ScriptClass = 0 | 1 | 2 | 3 | 4;
const LATIN_CLASS = 0;
const CASED_CLASS = 1;
const GREEK_CLASS = 2;
const MARKS_CLASS = 3;
const OTHER_CLASS = 4;

function scriptOf(c: string): ScriptClass | -1 {
  if (!LETTER.test(c)) return -1;
  if (c < '\u0250' || LATIN.test(c)) return LATIN_CLASS;
  if (CYRILLIC.test(c)) return CASED_CLASS;
  if (GREEK.test(c)) return GREEK_CLASS;
  if (MARK_DROPPING.test(c)) return MARKS_CLASS;
  if (/[\p{Script=Georgian}\p{Script=Armenian}]/u.test(c)) return CASED_CLASS;
  return OTHER_CLASS;
}

const normalized = [
  new Map<string, string>(),
  new Map<string, string>(),
  new Map<string, string>(),
  new Map<string, string>(),
  new Map<string, string>(),
];
const NORMALIZE_CACHE_LIMIT = 200_000;

/** Normalise one word of the given script class (memoised: the same words recur constantly). */
function normalizeWord(word: string, script: ScriptClass): string {
  const cache = normalized[script] as Map<string, string>;
  let out = cache.get(word);
  if (out === undefined) {
    if (cache.size >= NORMALIZE_CACHE_LIMIT) cache.clear();
    out = normalizeUncached(word, script);
    cache.set(word, out);
  }
  return out;
}

function normalizeUncached(word: string, script: ScriptClass): string {
  if (ASCII.test(word))
    return script === OTHER_CLASS || script === MARKS_CLASS
      ? word.replace(CONTROL, '')
      : word.replace(CONTROL, '').toLowerCase();
  let out = word.normalize('NFKD').replace(CONTROL, '');
  if (script === GREEK_CLASS) out = Array.from(out, (c) => c.toLowerCase()).join('');
  else if (script <= CASED_CLASS) out = out.toLowerCase();
  if (script === LATIN_CLASS) out = out.replace(LATIN_FOLDS, (c) => LATIN_FOLD[c] as string);
  if (script === LATIN_CLASS || script === GREEK_CLASS || script === MARKS_CLASS)
    out = out.replace(NONSPACING, '');
  return out;
}

/** The script class of a piece of text: that of its first letter (Latin when it has none). */
function classOf(text: string): ScriptClass {
  for (const c of text) {
    const s = scriptOf(c);
    if (s >= 0) return s as ScriptClass;
  }
  return LATIN_CLASS;
}

/** Normalise a query word or a phrase's word as the tokenizer would (its script read from its letters). */
export function normalize(text: string): string {
  return normalizeWord(text, classOf(text));
}

/**
 * Normalise a facet value as Meilisearch does (`normalize_facet`): trimmed, compatibility-decomposed and lower
 * case; diacritics stay (`Café` is not `cafe` in a filter).
 */
const facetNormalized = new Map<string, string>();
export function normalizeFacet(text: string): string {
  let out = facetNormalized.get(text);
  if (out === undefined) {
    if (facetNormalized.size >= NORMALIZE_CACHE_LIMIT) facetNormalized.clear();
    out = text.trim().normalize('NFKD').toLowerCase();
    facetNormalized.set(text, out);
  }
  return out;
}

export interface Token {
  /** Normalised word. */
  word: string;
  /** Word position within the field (one apart, eight across a hard separator). */
  position: number;
  /** Offsets into the original string (UTF-16 code units). */
  start: number;
  end: number;
  /** How the word was normalised (for mapping normalised characters back to the original ones). */
  script: ScriptClass;
}

/** A run of non-separators cut where the script of its letters changes; the class of each piece. */
function pieces(
  run: string,
  current: { script: ScriptClass | -1 },
  emit: (from: number, to: number, script: ScriptClass) => void,
): void {
  if (ASCII.test(run)) {
    // ASCII letters are Latin: one piece, unless the text had no script yet (then Latin starts here or later).
    if (current.script !== LATIN_CLASS && /[A-Za-z]/.test(run)) {
      if (current.script !== -1) {
        const at = run.search(/[A-Za-z]/);
        if (at > 0) emit(0, at, current.script);
        current.script = LATIN_CLASS;
        emit(at, run.length, LATIN_CLASS);
        return;
      }
      current.script = LATIN_CLASS;
    }
    emit(0, run.length, current.script === -1 ? LATIN_CLASS : current.script);
    return;
  }
  let from = 0;
  let i = 0;
  for (const c of run) {
    const s = scriptOf(c);
    if (s >= 0 && s !== current.script) {
      if (current.script !== -1 && i > from) emit(from, i, current.script);
      if (current.script !== -1) from = i;
      current.script = s;
    }
    i += c.length;
  }
  if (i > from) emit(from, i, current.script === -1 ? LATIN_CLASS : current.script);
}

const CYRILLIC_RUN = /^[\u0400-\u045f]+$/;
const HARD_CODES = new Set(
  [...'!?;\0¡§¶¿;…‼‽⁇⁈⁉․‥※⁏⁖⁚、。！，．：；？｡､'].map((c) => c.charCodeAt(0)),
);

/** Whether text[from, to) (separators between two words) holds a hard separator: `. `, `, ` or one of HARD_CODES. */
function hardGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (HARD_CODES.has(code)) return true;
    if ((code === 46 || code === 44) && i + 1 < to && text.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}
const LETTERLESS_ASCII = /^[^A-Za-z]*$/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = -1;
  let previousEnd = 0;
  const current: { script: ScriptClass | -1 } = { script: -1 };
  let first = true;
  let gap = 0;
  const emit = (
    run: string,
    start: number,
    from: number,
    to: number,
    script: ScriptClass,
  ): void => {
    const word = normalizeWord(from === 0 && to === run.length ? run : run.slice(from, to), script);
    if (word === '') return;
    position = position < 0 ? 0 : position + (first ? gap : 1);
    first = false;
    tokens.push({ word, position, start: start + from, end: start + to, script });
  };
  for (const match of text.matchAll(WORD)) {
    const run = match[0];
    const start = match.index;
    // A gap of one space (the common case) is soft; others are read for a hard separator.
    gap =
      position < 0
        ? 0
        : start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32
          ? 1
          : hardGap(text, previousEnd, start)
            ? 8
            : 1;
    first = true;
    previousEnd = start + run.length;
    // Fast paths: a run of basic Cyrillic letters, or ASCII in a Latin text (one piece, no script change).
    if (CYRILLIC_RUN.test(run)) {
      current.script = CASED_CLASS;
      emit(run, start, 0, run.length, CASED_CLASS);
      continue;
    }
    if (ASCII.test(run) && (current.script === LATIN_CLASS || LETTERLESS_ASCII.test(run))) {
      emit(run, start, 0, run.length, current.script === -1 ? LATIN_CLASS : current.script);
      continue;
    }
    pieces(run, current, (from, to, script) => emit(run, start, from, to, script));
  }
  return tokens;
}

export function words(text: string): string[] {
  return tokenize(text).map((t) => t.word);
}

/**
 * How many UTF-16 code units of `original` (a token's text) the first `count` characters of its normalised
 * form come from: each original character counts whole once any of what it normalises to is reached.
 */
export function originalLength(original: string, script: ScriptClass, count: number): number {
  let reached = 0;
  let length = 0;
  for (const c of original) {
    if (reached >= count) break;
    reached += [...normalizeUncached(c, script)].length;
    length += c.length;
  }
  return length;
}

/** Characters (code points) in a string: what typo thresholds count. */
export function charCount(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) n++;
  }
  return n;
}

// Reused rows: editDistance runs for thousands of vocabulary words per query.
let previous2: number[] = [];
let previous: number[] = [];
let current: number[] = [];

/**
 * Damerau-Levenshtein (optimal string alignment) distance between `a` and the first `bLength` characters of
 * `b`, or `max + 1` when it exceeds `max`. Only the band of cells within `max` of the diagonal is computed.
 */
export function editDistance(
  a: string,
  b: string,
  max: number,
  bLength = b.length,
  prefix = false,
): number {
  const far = max + 1;
  if (Math.abs(a.length - bLength) > max) return far;
  for (let j = 0; j <= bLength; j++) previous[j] = j <= max ? j : far;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(bLength, i + max);
    current[from - 1] = from === 1 && i <= max ? i : far;
    let best = current[from - 1] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    // The next row reads one cell past this band: it must count as too far.
    if (to < bLength) current[to + 1] = far;
    if (best > max) return far;
    [previous2, previous, current] = [previous, current, previous2];
  }
  if (!prefix) return Math.min(previous[bLength] as number, far);
  // As a prefix: the best of `a` against every beginning of `b` the band reaches.
  let best = far;
  for (let j = Math.max(0, a.length - max); j <= bLength; j++)
    if ((previous[j] as number) < best) best = previous[j] as number;
  return best;
}

/** Damerau-Levenshtein distance between `a` and the closest beginning of `b` (Meilisearch's prefix automaton). */
export function prefixEditDistance(a: string, b: string, max: number): number {
  return editDistance(a, b, max, Math.min(b.length, a.length + max), true);
}

/** True when the query text ends with a separator (its last word is then not a prefix). */
export function endsWithSeparator(text: string): boolean {
  if (text === '') return false;
  const last = String.fromCodePoint(
    text.codePointAt(text.length - 1 - (/[\udc00-\udfff]$/.test(text) ? 1 : 0)) as number,
  );
  return !new RegExp(WORD.source, 'u').test(last);
}
