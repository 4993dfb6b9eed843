/** Russian dates and number agreement for the page (src/page/ru.ts): one case per rule. */
import { describe, expect, it } from 'vitest';
import {
  count,
  formatDate,
  formatFrom,
  formatPeriod,
  formatTo,
  MONTHS,
  NOUNS,
  plural,
} from '../../../src/page/ru.ts';

describe('Russian dates', () => {
  it('writes a day with the month in the genitive and no «г.»', () => {
    expect(formatDate('2022-01-07')).toBe('7 января 2022');
    expect(formatDate('2021-03-31')).toBe('31 марта 2021');
  });

  it('writes a month on its own in the nominative', () => {
    expect(formatDate('2022-01')).toBe('январь 2022');
    expect(formatDate('2020-05')).toBe('май 2020');
  });

  it('writes a year as «2022 год»', () => {
    expect(formatDate('2022')).toBe('2022 год');
  });

  it('has all twelve months in both cases and short forms', () => {
    expect(MONTHS.map((m) => m.nominative)).toEqual([
      'январь',
      'февраль',
      'март',
      'апрель',
      'май',
      'июнь',
      'июль',
      'август',
      'сентябрь',
      'октябрь',
      'ноябрь',
      'декабрь',
    ]);
    expect(MONTHS.map((m) => m.genitive).slice(0, 3)).toEqual(['января', 'февраля', 'марта']);
    expect(MONTHS[0]?.short).toBe('янв.');
  });

  it('says a range with «с» (genitive) and «по» (accusative)', () => {
    expect(formatFrom('2022-01')).toBe('с января 2022');
    expect(formatFrom('2022-01-07')).toBe('с 7 января 2022');
    expect(formatFrom('2022')).toBe('с 2022 года');
    expect(formatTo('2022-03')).toBe('по март 2022');
    expect(formatTo('2022')).toBe('по 2022 год');
    expect(formatPeriod('2022-01', '2022-03')).toBe('с января 2022 по март 2022');
    expect(formatPeriod('2022-01', '2022-01')).toBe('январь 2022');
    expect(formatPeriod(undefined, '2022')).toBe('по 2022 год');
  });
});

describe('number agreement', () => {
  it.each([
    [1, '1 статья'],
    [2, '2 статьи'],
    [4, '4 статьи'],
    [5, '5 статей'],
    [11, '11 статей'],
    [12, '12 статей'],
    [14, '14 статей'],
    [21, '21 статья'],
    [22, '22 статьи'],
    [25, '25 статей'],
    [0, '0 статей'],
    [111, '111 статей'],
    [101, '101 статья'],
  ])('%i -> %s', (n, text) => {
    expect(count(n, NOUNS.article)).toBe(text);
  });

  it('groups thousands the Russian way', () => {
    expect(count(1234, NOUNS.paragraph)).toBe('1\u00a0234 абзаца');
  });

  it('picks the form for any three forms', () => {
    expect(plural(3, ['человек', 'человека', 'человек'])).toBe('человека');
  });
});
