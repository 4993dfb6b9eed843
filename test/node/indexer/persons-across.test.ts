/** One-part names resolved across the articles of the index, in any order (pure function). */
import { describe, expect, it } from 'vitest';
import { resolveAcrossArticles, resolvedNames } from '../../../indexer/persons/across-articles.ts';

describe('resolution across articles', () => {
  it('gives a lone surname the one full name the index knows for it, earlier or later', () => {
    const later = resolvedNames([['Лавров'], ['Сергей Лавров', 'Ким Чен Ын']]);
    const earlier = resolvedNames([['Сергей Лавров'], ['Лавров']]);
    expect(later).toEqual([['Сергей Лавров'], ['Сергей Лавров', 'Ким Чен Ын']]);
    expect(earlier).toEqual([['Сергей Лавров'], ['Сергей Лавров']]);
  });

  it('leaves a surname alone when the index knows none or several full names for it', () => {
    expect(resolvedNames([['Иванов'], ['Сергей Иванов'], ['Иван Иванов']])[0]).toEqual(['Иванов']);
    expect(resolvedNames([['Путин'], ['Путина Анна']])[0]).toEqual(['Путин']);
  });

  it('matches ё as е and the last word of a particle surname, one value per person', () => {
    expect(resolvedNames([['Семин', 'Алексей Сёмин']])).toEqual([['Алексей Сёмин']]);
    expect(resolvedNames([['Пен'], ['Марин Ле Пен']])[0]).toEqual(['Марин Ле Пен']);
    expect(resolveAcrossArticles([['Ташиев']])[0]?.get('Ташиев')).toBe('Ташиев');
  });

  it('never resolves a full name', () => {
    expect(resolvedNames([['Анна Петрова'], ['Петрова']])[0]).toEqual(['Анна Петрова']);
  });
});
