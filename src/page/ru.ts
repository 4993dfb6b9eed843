/**
 * Russian for the page: dates as people write them («7 января 2022», «январь 2022») and numbers with the
 * noun in the right form («1 статья», «5 статей»). Pure; the words come from Intl (CLDR), not from lists
 * of our own, so the cases are right; the suffix «г.» that CLDR adds is left out, as news sites do.
 */

const utc = (year: number, month = 1, day = 1) => new Date(Date.UTC(year, month - 1, day));
const dayMonthYear = new Intl.DateTimeFormat('ru', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthAlone = new Intl.DateTimeFormat('ru', { month: 'long', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('ru', { month: 'short', timeZone: 'UTC' });
const number = new Intl.NumberFormat('ru');
const pluralRules = new Intl.PluralRules('ru');

/**
 * The twelve month names, in calendar order: nominative («январь», a month on its own), genitive
 * («января», after a day) and short («янв.», on the timeline's axis).
 */
export const MONTHS = Array.from({ length: 12 }, (_, i) => {
  const date = utc(2000, i + 1, 7);
  return {
    nominative: monthAlone.format(date),
    short: monthShort.format(date),
    genitive: dayMonthYear.formatToParts(date).find((p) => p.type === 'month')?.value ?? '',
  };
});

function parts(date: string): { year: number; month?: number; day?: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number?, number?];
  return { year, month, day };
}

/** `2022-01-07` «7 января 2022», `2022-01` «январь 2022», `2022` «2022 год». */
export function formatDate(date: string): string {
  const { year, month, day } = parts(date);
  if (month === undefined) return `${year} год`;
  const names = MONTHS[month - 1];
  if (!names) return date;
  return day === undefined ? `${names.nominative} ${year}` : `${day} ${names.genitive} ${year}`;
}

/** After «с» (from): «с 7 января 2022», «с января 2022», «с 2022 года». */
export function formatFrom(date: string): string {
  const { year, month, day } = parts(date);
  if (month === undefined) return `с ${year} года`;
  const names = MONTHS[month - 1];
  if (!names) return `с ${date}`;
  return `с ${day === undefined ? '' : `${day} `}${names.genitive} ${year}`;
}

/** After «по» (up to): «по 7 января 2022», «по январь 2022», «по 2022 год». */
export function formatTo(date: string): string {
  return `по ${formatDate(date)}`;
}

/** A chosen period as one label: a single period by its name, a range by its ends. */
export function formatPeriod(from?: string, to?: string): string {
  if (from && to && from === to) return formatDate(from);
  return [from && formatFrom(from), to && formatTo(to)].filter(Boolean).join(' ');
}

/** A noun's three forms: for 1 (21, 31…), for 2-4 (22…), for 5-20 (25…). */
export type Forms = readonly [one: string, few: string, many: string];

export const NOUNS = {
  article: ['статья', 'статьи', 'статей'],
  paragraph: ['абзац', 'абзаца', 'абзацев'],
  /** Prepositional («в 3 статьях»), for «N абзацев в M статьях». */
  articleIn: ['статье', 'статьях', 'статьях'],
} as const satisfies Record<string, Forms>;

/** The form of `forms` that goes with `n`, by CLDR's Russian plural rules. */
export function plural(n: number, forms: Forms): string {
  const category = pluralRules.select(n);
  return category === 'one' ? forms[0] : category === 'few' ? forms[1] : forms[2];
}

/** `n` written the Russian way (thin groups: «1 234») with its noun: «1 статья», «5 статей». */
export function count(n: number, forms: Forms): string {
  return `${number.format(n)} ${plural(n, forms)}`;
}

/** `n` written the Russian way, without a noun. */
export function formatNumber(n: number): string {
  return number.format(n);
}
