/**
 * Reading articles from files. FORMATS is the one table of input formats: the extensions the indexer
 * reads, what each holds, and its parser; the CLI's help, the folder walk and the README's list follow it.
 * Bytes are decoded as UTF-8, or windows-1251 when that is what they are. Every problem is reported with
 * its file, line and reason (see problems.ts); nothing else is dropped.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import chardet from 'chardet';
import fg from 'fast-glob';
import matter from 'gray-matter';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import type { Problem, ProblemKind } from './problems.ts';

export interface RawArticle {
  /** Given id, when the source had one. */
  id?: string;
  title: string;
  /** As written in the source; checked when documents are built. */
  date: string | null;
  text: string;
  url: string;
  persons: string[];
  /**
   * Displayable: the publication the article itself names (JSON `source`, front matter `source`, HTML
   * `og:site_name` or a JSON-LD publisher); absent when it names none. Never a file name.
   */
  source?: string;
  /** Internal: the absolute path of the file it came from. Pruning and derived ids rely on it only. */
  origin: string;
  /** Where in `origin`: the line (JSON Lines, the seed format) or the item (a JSON array, from 1). */
  line?: number;
  /**
   * Which of the text's blank-line paragraphs are headings, when the format marks them (HTML, Markdown);
   * undefined when the chunker has to tell headings from the text itself.
   */
  headings?: number[];
  /** True when the format says the paragraphs were flattened onto one line (the seed's format). */
  flattened?: boolean;
}

export type FileProblem = Omit<Problem, 'file'>;

export interface ReadResult {
  articles: RawArticle[];
  problems: FileProblem[];
}

/** What a parser gets: the file's decoded text and its absolute path. */
interface ParseContext {
  text: string;
  origin: string;
}

type Parser = (context: ParseContext) => ReadResult;

const problem = (kind: ProblemKind, reason: string, line?: number): FileProblem => ({
  kind,
  reason,
  ...(line ? { line } : {}),
});

/** A title for an article that has none: its first sentence, shortened at a word boundary. */
function titleFrom(text: string): string {
  const first = text.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '';
  if (first.length <= 120) return first;
  const cut = first.slice(0, 120);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 120).replace(/[\s,;:—–-]+$/u, '')}…`;
}

function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return value.toISOString().slice(0, 10);
  return null;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];

/** The optional fields every format may give (JSON keys, front matter), read the same way. */
function givenFields(o: Record<string, unknown>) {
  const id = stringOrNull(o.id);
  const source = stringOrNull(o.source);
  return {
    ...(id ? { id } : {}),
    ...(source ? { source } : {}),
    title: stringOrNull(o.title),
    date: stringOrNull(o.date),
    url: stringOrNull(o.url) ?? '',
    persons: stringList(o.persons),
  };
}

function fromObject(
  value: unknown,
  context: ParseContext,
  line?: number,
): RawArticle | FileProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problem('not-an-object', 'expected a JSON object', line);
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') return problem('missing-text', 'missing "text" (a string)', line);
  const given = givenFields(o);
  return {
    ...given,
    title: given.title ?? titleFrom(o.text),
    text: o.text,
    origin: context.origin,
    ...(line ? { line } : {}),
  };
}

const isProblem = (x: RawArticle | FileProblem): x is FileProblem => 'kind' in x;

function collect(results: Array<RawArticle | FileProblem>): ReadResult {
  return {
    articles: results.filter((r): r is RawArticle => !isProblem(r)),
    problems: results.filter(isProblem),
  };
}

const jsonLines: Parser = (context) =>
  collect(
    context.text.split('\n').flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [fromObject(JSON.parse(line), context, i + 1)];
      } catch (error) {
        return [problem('malformed-json', `malformed JSON: ${(error as Error).message}`, i + 1)];
      }
    }),
  );

const json: Parser = (context) => {
  let value: unknown;
  try {
    value = JSON.parse(context.text);
  } catch (error) {
    return collect([problem('malformed-json', `malformed JSON: ${(error as Error).message}`)]);
  }
  // Items of an array are numbered from 1 in `line`, so each has its own place (and derived id).
  if (!Array.isArray(value)) return collect([fromObject(value, context)]);
  return collect(value.map((item, i) => fromObject(item, context, i + 1)));
};

// A seed-format line: `date YYYY-MM[-DD]` and the article flattened after it. The date is checked later:
// an impossible one keeps the article without a date.
const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+(.*?))?\s*$/;

const plainText: Parser = (context) => {
  const lines = context.text.split('\n');
  if (!lines.some((l) => DATE_LINE.test(l)))
    return collect([
      {
        title: titleFrom(context.text),
        date: null,
        text: context.text,
        url: '',
        persons: [],
        origin: context.origin,
      },
    ]);
  // The seed's format: one flattened article per `date YYYY-MM[-DD] text` line.
  return collect(
    lines.flatMap((text, i): Array<RawArticle | FileProblem> => {
      const line = i + 1;
      if (text.trim() === '') return [];
      const m = DATE_LINE.exec(text);
      if (!m)
        return [problem('not-a-date-line', 'expected a line "date YYYY-MM[-DD] <text>"', line)];
      if (!m[2])
        return [problem('date-line-without-text', `"date ${m[1]}" with no article text`, line)];
      return [
        {
          title: titleFrom(m[2]),
          date: m[1] as string,
          text: m[2],
          url: '',
          persons: [],
          origin: context.origin,
          line,
          flattened: true,
        },
      ];
    }),
  );
};

interface Block {
  heading: boolean;
  text: string;
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Blocks whose items make one paragraph, one item a line. */
const LIST_TAGS: Record<string, string> = { UL: 'li', OL: 'li', DL: 'dt, dd', TABLE: 'tr' };
const BLOCK_TAGS = new Set([
  ...HEADING_TAGS,
  ...Object.keys(LIST_TAGS),
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BLOCKQUOTE',
  'PRE',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'HR',
  'BR',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'BUTTON', 'FORM']);
/** Elements that name the author or the date: never the article's text nor its headings. */
const BYLINES = 'address, [rel="author"], [itemprop="author"], .byline, .author, .dateline';

interface DomNode {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  querySelectorAll?: (selector: string) => ArrayLike<DomNode>;
  remove?: () => void;
}

/** An HTML fragment's body (linkedom needs the whole document around it). */
const bodyOf = (fragment: string) =>
  parseHTML(`<!doctype html><html><body>${fragment}</body></html>`).document
    .body as unknown as DomNode;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Blocks that hold text (rather than other blocks). */
const TEXT_BLOCKS = new Set([
  ...HEADING_TAGS,
  'P',
  'LI',
  'TD',
  'TH',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'FIGCAPTION',
]);

/**
 * Take bylines and dates out of the document: bylines always, a `<time>` unless it stands inside a
 * sentence (a text block with other words), with the block that holds only it.
 */
function removeMetadata(root: DomNode): void {
  for (const node of Array.from(root.querySelectorAll?.(BYLINES) ?? [])) node.remove?.();
  for (const time of Array.from(root.querySelectorAll?.('time') ?? [])) {
    let block = time.parentNode;
    while (block?.tagName && !BLOCK_TAGS.has(block.tagName) && block.tagName !== 'BODY')
      block = block.parentNode;
    if (!block?.tagName || !TEXT_BLOCKS.has(block.tagName)) time.remove?.();
    else if (squash(block.textContent ?? '') === squash(time.textContent ?? '')) block.remove?.();
  }
}

/** Blocks of text in document order, headings marked; a list or a table is one block. */
function blocksOf(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let inline = '';
  const flush = () => {
    const text = squash(inline);
    if (text) blocks.push({ heading: false, text });
    inline = '';
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) inline += child.textContent ?? '';
      if (child.nodeType !== 1) continue;
      const tag = child.tagName?.toUpperCase() ?? '';
      if (SKIPPED_TAGS.has(tag)) continue;
      if (!BLOCK_TAGS.has(tag)) {
        inline += child.textContent ?? '';
        continue;
      }
      flush();
      const items = LIST_TAGS[tag];
      if (HEADING_TAGS.has(tag)) {
        const text = squash(child.textContent ?? '');
        if (text) blocks.push({ heading: true, text });
      } else if (items) {
        const lines = Array.from(child.querySelectorAll?.(items) ?? [])
          .map((item) => squash(item.textContent ?? ''))
          .filter(Boolean);
        if (lines.length) blocks.push({ heading: false, text: lines.join('\n') });
      } else walk(child);
      flush();
    }
  };
  walk(root);
  flush();
  return blocks;
}

/**
 * An article from blocks: the title once (a heading that repeats it is dropped; without a title the first
 * top heading is the title), headings marked by paragraph index.
 */
function fromBlocks(
  blocks: Block[],
  title: string | null,
  fields: Omit<RawArticle, 'title' | 'text' | 'headings'>,
): RawArticle | FileProblem {
  const sameText = (a: string, b: string) => squash(a).toLowerCase() === squash(b).toLowerCase();
  let articleTitle = title;
  let body = blocks;
  const first = blocks[0];
  if (!articleTitle && first?.heading) articleTitle = first.text;
  if (articleTitle)
    body = blocks.filter(
      (b, i) => !(b.heading && i <= 1 && sameText(b.text, articleTitle as string)),
    );
  if (!body.some((b) => !b.heading)) return problem('no-html-text', 'no article text found');
  const text = body.map((b) => b.text).join('\n\n');
  return {
    ...fields,
    title: articleTitle ?? titleFrom(text),
    text,
    headings: body.flatMap((b, i) => (b.heading ? [i] : [])),
  };
}

const html: Parser = (context) => {
  const { document } = parseHTML(context.text);
  const meta = (name: string) =>
    stringOrNull(
      document
        .querySelector(`meta[property="${name}"], meta[name="${name}"]`)
        ?.getAttribute('content'),
    );
  const time = stringOrNull(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  removeMetadata(document as unknown as DomNode);
  // Readability changes the document it reads: the metadata above is read first.
  const article = new Readability(
    document as unknown as ConstructorParameters<typeof Readability>[0],
  ).parse();
  const content = article?.content ? bodyOf(article.content) : null;
  const date =
    meta('article:published_time') ?? meta('date') ?? stringOrNull(article?.publishedTime) ?? time;
  // Readability's siteName: `og:site_name`, else the JSON-LD publisher's name.
  const source = stringOrNull(article?.siteName);
  return collect([
    content
      ? fromBlocks(blocksOf(content), stringOrNull(article?.title), {
          date,
          url: meta('og:url') ?? '',
          persons: [],
          ...(source ? { source } : {}),
          origin: context.origin,
        })
      : problem('no-html-text', 'no article text found in the HTML'),
  ]);
};

const markdown: Parser = (context) => {
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    parsed = matter(context.text);
  } catch (error) {
    return collect([problem('bad-front-matter', `bad front matter: ${(error as Error).message}`)]);
  }
  const given = givenFields(parsed.data);
  const rendered = marked.parse(parsed.content, { async: false });
  const body = bodyOf(rendered);
  removeMetadata(body);
  return collect([
    fromBlocks(blocksOf(body), given.title, {
      ...given,
      origin: context.origin,
    }),
  ]);
};

/** The input formats: one entry each. */
export const FORMATS: ReadonlyArray<{
  name: string;
  extensions: readonly string[];
  holds: string;
  parse: Parser;
}> = [
  {
    name: 'seed lines',
    extensions: ['txt'],
    holds:
      'lines `date YYYY-MM[-DD] <text>`, one flattened article each; any other `.txt` is one article, blank-line paragraphs',
    parse: plainText,
  },
  {
    name: 'JSON Lines',
    extensions: ['jsonl', 'ndjson'],
    holds:
      'one object per line: `text`, optional `id`, `title`, `date`, `url`, `source`, `persons`',
    parse: jsonLines,
  },
  {
    name: 'JSON',
    extensions: ['json'],
    holds: 'one such object, or an array of them',
    parse: json,
  },
  {
    name: 'Markdown',
    extensions: ['md', 'markdown'],
    holds:
      'optional YAML front matter (the same fields); `#` headings become section headings, a first `# Title` the title',
    parse: markdown,
  },
  {
    name: 'HTML',
    extensions: ['html', 'htm'],
    holds:
      'the main text (Readability); `<h1>`-`<h6>` headings, the title once; `<time>`, bylines and `<address>` left out, dates from `<meta>` or `<time datetime>`, `source` from `og:site_name` or a JSON-LD publisher',
    parse: html,
  },
];

const formatOf = (file: string) => {
  const ext = extname(file).slice(1).toLowerCase();
  return (
    FORMATS.find((f) => f.extensions.includes(ext)) ?? (FORMATS[0] as (typeof FORMATS)[number])
  );
};

export const SUPPORTED_EXTENSIONS = FORMATS.flatMap((f) => f.extensions);

/**
 * Files under the given paths (folders walked recursively), absolute and real, sorted for a stable order;
 * `roots` are the paths themselves, absolute (those that do not exist too).
 */
export async function listFiles(
  paths: string[],
): Promise<{ files: string[]; roots: string[]; problems: Problem[] }> {
  const files = new Set<string>();
  const roots: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const absolute = await realpath(resolve(path)).catch(() => null);
    const info = absolute ? await stat(absolute).catch(() => null) : null;
    if (!absolute || !info) {
      problems.push({ file: path, kind: 'missing-path', reason: 'no such file or folder' });
      // Still a path of this run: what was indexed from it is gone, and --prune may remove it.
      roots.push(resolve(path));
      continue;
    }
    roots.push(absolute);
    if (info.isDirectory()) {
      const found = await fg(`**/*.{${SUPPORTED_EXTENSIONS.join(',')}}`, {
        cwd: absolute,
        absolute: true,
        onlyFiles: true,
        caseSensitiveMatch: false,
      });
      for (const f of found) files.add(resolve(f));
    } else files.add(absolute);
  }
  return { files: [...files].sort(), roots, problems };
}

/** Decode bytes: UTF-8 (with or without BOM), or windows-1251 when the bytes are not valid UTF-8. */
export function decode(bytes: Buffer): { text: string } | FileProblem {
  if (bytes.includes(0)) return problem('binary', 'binary file (contains NUL bytes)');
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const guess = chardet.detect(bytes);
    if (guess && /1251|koi8|ibm866/i.test(guess)) return { text: iconv.decode(bytes, guess) };
    if (guess && /ISO-8859|windows-125/i.test(guess))
      return { text: iconv.decode(bytes, 'windows-1251') };
    return problem(
      'encoding',
      `not UTF-8 or windows-1251 text (detected ${guess ?? 'unknown encoding'})`,
    );
  }
}

/**
 * Parse one file's decoded text into articles and problems. Pure. `origin` is the file's absolute path
 * (it defaults to `file`); the extension of `file` picks the format.
 */
export function parseFile(file: string, text: string, origin = file): ReadResult {
  if (text.trim() === '')
    return { articles: [], problems: [problem('empty-file', 'empty file: nothing to index')] };
  return formatOf(file).parse({ text, origin });
}

/** Read and parse one file (absolute path). */
export async function readArticles(file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { articles: [], problems: [problem('unreadable', `unreadable: ${code}`)] };
  }
  const decoded = decode(bytes);
  if ('kind' in decoded) return { articles: [], problems: [decoded] };
  return parseFile(file, decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), file);
}
