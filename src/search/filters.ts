/**
 * Meilisearch filter expressions built from validated values only. String values are always quoted and
 * escaped, so nothing from a request can change the structure of a filter.
 */
import { F } from '../schema/chunk.ts';

/** A double-quoted filter string literal: backslashes and quotes escaped. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Unix seconds at the start of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` period, and at the start of the next one. */
export function periodBounds(date: string): { start: number; end: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end =
    d !== undefined
      ? Date.UTC(y, (m as number) - 1, d + 1)
      : m !== undefined
        ? Date.UTC(y, m, 1)
        : Date.UTC(y + 1, 0, 1);
  return { start: start / 1000, end: end / 1000 };
}

export interface FilterInput {
  persons: string[];
  personMode: 'all' | 'any';
  /** Field holding persons: per article when grouped by article, per paragraph otherwise. */
  personField: string;
  years: number[];
  from?: string;
  to?: string;
  articleId?: string;
}

/** The filter clauses (AND-ed), each a string; `omit` leaves out one facet's own clause for disjunctive counts. */
export function buildFilter(input: FilterInput, omit?: 'person' | 'year'): string[] {
  const clauses: string[] = [];
  if (input.persons.length && omit !== 'person') {
    if (input.personMode === 'any')
      clauses.push(`${input.personField} IN [${input.persons.map(quote).join(', ')}]`);
    else
      for (const person of input.persons) clauses.push(`${input.personField} = ${quote(person)}`);
  }
  if (input.years.length && omit !== 'year')
    clauses.push(`${F.year} IN [${input.years.map((y) => String(Math.trunc(y))).join(', ')}]`);
  if (input.from) clauses.push(`${F.dateTs} >= ${periodBounds(input.from).start}`);
  if (input.to) clauses.push(`${F.dateTs} < ${periodBounds(input.to).end}`);
  if (input.articleId !== undefined) clauses.push(`${F.articleId} = ${quote(input.articleId)}`);
  return clauses;
}
