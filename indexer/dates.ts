/**
 * Dates: the article date at its own precision, and dates written in the text ("7 января",
 * "в октябре 2020 года", "2 января 2022 года") resolved against the article date.
 */

export interface ArticleDate {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  /** Unix seconds of the start of the period (UTC). */
  date_ts: number;
  year: number;
  /** `YYYY-MM`, or null for a year-only date. */
  month: string | null;
}

const MONTHS: Record<string, number> = {
  январ: 1,
  феврал: 2,
  март: 3,
  апрел: 4,
  ма: 5,
  июн: 6,
  июл: 7,
  август: 8,
  сентябр: 9,
  октябр: 10,
  ноябр: 11,
  декабр: 12,
};
const MONTH_WORD =
  '(январ[ьяею]|феврал[ьяею]|март[ае]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[ае]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])';
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:-го)?\\s+${MONTH_WORD}(?:\\s+(\\d{4})\\s*(?:г\\.|года?)?)?(?![\\p{L}])`,
  'giu',
);
const MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\d])(?:в|во|с|до|к|по|на|из)\\s+${MONTH_WORD}(?:\\s+(\\d{4})\\s*(?:г\\.|года?)?)?(?![\\p{L}])`,
  'giu',
);
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const NUMERIC_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/g;

function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  for (const [stem, n] of Object.entries(MONTHS))
    if (lower.startsWith(stem) && (stem !== 'ма' || /^ма[йяею]$/.test(lower))) return n;
  return 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parse and check an article date; returns null when it is not a real date. */
export function parseArticleDate(value: string): ArticleDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) {
    // Accept full ISO timestamps by their date part.
    const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(value.trim());
    return iso ? parseArticleDate(iso[1] as string) : null;
  }
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (year < 1800 || year > 2200) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > daysIn(year, month as number))) return null;
  const date = [m[1], m[2], m[3]].filter(Boolean).join('-');
  return {
    date,
    date_ts: Date.UTC(year, (month ?? 1) - 1, day ?? 1) / 1000,
    year,
    month: month === null ? null : `${year}-${pad(month)}`,
  };
}

/** Dates mentioned in `text`, resolved against the article's date (for a missing year). */
export function datesMentioned(text: string, articleDate: ArticleDate | null): string[] {
  const found: string[] = [];
  const add = (year: number | null, month: number, day: number | null) => {
    const y = year ?? articleDate?.year;
    if (!y || month < 1 || month > 12) return;
    if (day !== null && (day < 1 || day > daysIn(y, month))) return;
    found.push(day === null ? `${y}-${pad(month)}` : `${y}-${pad(month)}-${pad(day)}`);
  };
  for (const m of text.matchAll(DAY_MONTH))
    add(m[3] ? Number(m[3]) : null, monthNumber(m[2] as string), Number(m[1]));
  for (const m of text.matchAll(MONTH_YEAR))
    add(m[2] ? Number(m[2]) : null, monthNumber(m[1] as string), null);
  for (const m of text.matchAll(ISO_DATE)) add(Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(NUMERIC_DATE)) add(Number(m[3]), Number(m[2]), Number(m[1]));
  return [...new Set(found)].sort();
}
