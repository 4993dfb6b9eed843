/**
 * What the bundled sample (sample/) holds, as written: 32 articles (the seed and 31 synthetic ones), and in
 * how many articles each person is named. The Worker's facets must count exactly these.
 */
import { SEED_PERSONS } from './seed.ts';

export const SAMPLE_ARTICLES = 32;

/** Articles per person: the synthetic recurring people, then the seed's eight (one article each). */
export const SAMPLE_PERSONS: Record<string, number> = {
  'Нурлан Жолдасов': 13,
  'Айгуль Сапарова': 12,
  'Ольга Кравец': 10,
  'Тимур Бекмуратов': 9,
  'Марат Исаев': 6,
  'Елена Воронина': 5,
  'Данияр Абенов': 3,
  'Руслан Тагиров': 1,
  ...Object.fromEntries(SEED_PERSONS.map((name) => [name, 1])),
};

/** Articles per year; one plain-text article has no date. */
export const SAMPLE_YEARS: Record<string, number> = { '2022': 1, '2023': 12, '2024': 18 };

/** The three articles of September 2023 (the tariff story). */
export const SAMPLE_SEPTEMBER_2023 = 3;
