/**
 * Every kind of bad input the indexer reports, in one table: whether it leaves something out (an error:
 * that file, line or article is skipped and the run exits 2) or only tells (a warning: everything was
 * indexed). Every report names its file, and its line when there is one.
 */
export const PROBLEM_KINDS = {
  'missing-path': 'error',
  unreadable: 'error',
  binary: 'error',
  encoding: 'error',
  'malformed-json': 'error',
  'not-an-object': 'error',
  'missing-text': 'error',
  'empty-text': 'error',
  'not-a-date-line': 'error',
  'date-line-without-text': 'error',
  'bad-front-matter': 'error',
  'no-html-text': 'error',
  'duplicate-id': 'error',
  'id-case-collision': 'error',
  'empty-file': 'warning',
  'no-date': 'warning',
  'impossible-date': 'warning',
  'long-title': 'warning',
  'not-pruned': 'warning',
  'no-origin': 'warning',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface Problem {
  file: string;
  line?: number;
  kind: ProblemKind;
  reason: string;
}

export const isError = (p: Pick<Problem, 'kind'>): boolean => PROBLEM_KINDS[p.kind] === 'error';

/** `file:line: reason`, the one way a problem is shown. */
export const formatProblem = (p: Problem): string =>
  `${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`;

/** How many problems of each kind, in the table's order. */
export function countByKind(problems: readonly Problem[]): Partial<Record<ProblemKind, number>> {
  const counts: Partial<Record<ProblemKind, number>> = {};
  for (const kind of Object.keys(PROBLEM_KINDS) as ProblemKind[]) {
    const n = problems.filter((p) => p.kind === kind).length;
    if (n) counts[kind] = n;
  }
  return counts;
}
