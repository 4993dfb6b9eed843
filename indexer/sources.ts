/**
 * Reading articles from files: the seed's one-line format, plain text, JSON Lines / JSON, Markdown with
 * front matter and HTML. Bytes are decoded as UTF-8, or windows-1251 when that is what they are.
 * Every problem is reported with its file, line and reason; nothing else is dropped.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import chardet from 'chardet';
import fg from 'fast-glob';
import matter from 'gray-matter';
import iconv from 'iconv-lite';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface RawArticle {
  /** Given id, when the source had one. */
  id?: string;
  title: string;
  date: string | null;
  text: string;
  url: string;
  persons: string[];
  /** `path` or `path:line`. */
  source: string;
}

export interface Problem {
  file: string;
  line?: number;
  reason: string;
}

export interface ReadResult {
  articles: RawArticle[];
  problems: Problem[];
}

export const SUPPORTED_EXTENSIONS = [
  'txt',
  'jsonl',
  'ndjson',
  'json',
  'md',
  'markdown',
  'html',
  'htm',
];
const SEED_LINE = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+(.*\S)\s*$/;

/** Files under the given paths (folders walked recursively), sorted for a stable order. */
export async function listFiles(
  paths: string[],
): Promise<{ files: string[]; problems: Problem[] }> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const info = await stat(absolute).catch(() => null);
    if (!info) problems.push({ file: path, reason: 'no such file or folder' });
    else if (info.isDirectory()) {
      const found = await fg(`**/*.{${SUPPORTED_EXTENSIONS.join(',')}}`, {
        cwd: absolute,
        absolute: true,
        onlyFiles: true,
        caseSensitiveMatch: false,
      });
      found.forEach((f) => files.add(f));
    } else files.add(absolute);
  }
  return { files: [...files].sort(), problems };
}

/** Decode bytes: UTF-8 (with or without BOM), or windows-1251 when the bytes are not valid UTF-8. */
export function decode(bytes: Buffer): { text: string } | { error: string } {
  if (bytes.includes(0)) return { error: 'binary file (contains NUL bytes)' };
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const guess = chardet.detect(bytes);
    if (guess && /1251|koi8|ibm866/i.test(guess)) return { text: iconv.decode(bytes, guess) };
    if (guess && /ISO-8859|windows-125/i.test(guess))
      return { text: iconv.decode(bytes, 'windows-1251') };
    return { error: `not UTF-8 or windows-1251 text (detected ${guess ?? 'unknown encoding'})` };
  }
}

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

function fromObject(value: unknown, source: string): RawArticle | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'expected a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') return 'missing "text" (a string)';
  const persons = Array.isArray(o.persons)
    ? o.persons.filter((p): p is string => typeof p === 'string')
    : [];
  const id = stringOrNull(o.id) ?? undefined;
  return {
    ...(id ? { id } : {}),
    title: stringOrNull(o.title) ?? titleFrom(o.text),
    date: stringOrNull(o.date),
    text: o.text,
    url: stringOrNull(o.url) ?? '',
    persons,
    source: stringOrNull(o.source) ?? source,
  };
}

/** Parse one file's decoded text into articles and problems. Pure. */
export function parseFile(file: string, text: string): ReadResult {
  const ext = extname(file).slice(1).toLowerCase();
  const articles: RawArticle[] = [];
  const problems: Problem[] = [];
  const push = (result: RawArticle | string, line?: number) => {
    if (typeof result === 'string')
      problems.push({ file, ...(line ? { line } : {}), reason: result });
    else articles.push(result);
  };
  switch (ext) {
    case 'jsonl':
    case 'ndjson':
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          push(fromObject(JSON.parse(line), `${file}:${i + 1}`), i + 1);
        } catch (error) {
          problems.push({
            file,
            line: i + 1,
            reason: `malformed JSON: ${(error as Error).message}`,
          });
        }
      });
      break;
    case 'json': {
      try {
        const value = JSON.parse(text) as unknown;
        const list = Array.isArray(value) ? value : [value];
        list.forEach((item, i) => push(fromObject(item, list.length > 1 ? `${file}#${i}` : file)));
      } catch (error) {
        problems.push({ file, reason: `malformed JSON: ${(error as Error).message}` });
      }
      break;
    }
    case 'md':
    case 'markdown': {
      try {
        const { data, content } = matter(text);
        const body = content.replace(/^#{1,6}\s+/gm, '').trim();
        push({
          title: stringOrNull(data.title) ?? titleFrom(body),
          date: stringOrNull(data.date),
          text: body,
          url: stringOrNull(data.url) ?? '',
          persons: Array.isArray(data.persons)
            ? data.persons.filter((p: unknown): p is string => typeof p === 'string')
            : [],
          ...(stringOrNull(data.id) ? { id: stringOrNull(data.id) as string } : {}),
          source: file,
        });
      } catch (error) {
        problems.push({ file, reason: `bad front matter: ${(error as Error).message}` });
      }
      break;
    }
    case 'html':
    case 'htm': {
      const { document } = parseHTML(text);
      const article = new Readability(
        document as unknown as ConstructorParameters<typeof Readability>[0],
      ).parse();
      const paragraphs = article?.textContent
        ?.split(/\n\s*\n|\n/)
        .map((p) => p.trim())
        .filter(Boolean);
      const meta = (name: string) =>
        document
          .querySelector(`meta[property="${name}"], meta[name="${name}"]`)
          ?.getAttribute('content') ?? null;
      push(
        paragraphs?.length
          ? {
              title: article?.title?.trim() || titleFrom(paragraphs[0] as string),
              date: stringOrNull(meta('article:published_time') ?? meta('date')),
              text: paragraphs.join('\n\n'),
              url: meta('og:url') ?? '',
              persons: [],
              source: file,
            }
          : 'no article text found in the HTML',
      );
      break;
    }
    default: {
      const lines = text.split('\n');
      if (lines.some((l) => SEED_LINE.test(l))) {
        // The seed's format: one flattened article per `date YYYY-MM[-DD] text` line.
        lines.forEach((line, i) => {
          if (line.trim() === '') return;
          const m = SEED_LINE.exec(line);
          if (!m) {
            problems.push({
              file,
              line: i + 1,
              reason: 'expected a line "date YYYY-MM[-DD] <text>"',
            });
            return;
          }
          push(
            {
              title: titleFrom(m[2] as string),
              date: m[1] as string,
              text: m[2] as string,
              url: '',
              persons: [],
              source: `${file}:${i + 1}`,
            },
            i + 1,
          );
        });
      } else {
        push({ title: titleFrom(text), date: null, text, url: '', persons: [], source: file });
      }
    }
  }
  return { articles, problems };
}

/** Read and parse one file. */
export async function readArticles(file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return {
      articles: [],
      problems: [
        {
          file,
          reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        },
      ],
    };
  }
  const decoded = decode(bytes);
  if ('error' in decoded) return { articles: [], problems: [{ file, reason: decoded.error }] };
  return parseFile(file, decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
}
