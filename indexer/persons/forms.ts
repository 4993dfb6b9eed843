/**
 * Name forms without a dictionary: Russian surname endings and the case and gender they show, the
 * nominative of foreign names from their endings, particles, and how a canonical name is capitalised.
 */
import {
  SURNAME_PARTICLES,
  LOWER_CASE_PARTICLES,
  ARABIC_PARTICLES,
  TURKIC_PATRONYMICS,
  PATRONYMIC_SUFFIXES,
  INVARIABLE_SURNAME_ENDINGS,
  oneOf,
} from './lexicon.ts';

export const ARABIC_PARTICLE = oneOf(ARABIC_PARTICLES);
export const SURNAME_PARTICLE = oneOf(SURNAME_PARTICLES);
export const LOWER_CASE_PARTICLE = oneOf(LOWER_CASE_PARTICLES);
export const PATRONYMIC = new RegExp(
  `(?:${PATRONYMIC_SUFFIXES.join('|')})(а|у|ем|ом|е|ой|ы|ою)?$`,
  'u',
);
export const TURKIC_PATRONYMIC = oneOf(TURKIC_PATRONYMICS);

// Surname endings, with the case/gender readings they allow. Longest first.
export const SURNAME_ENDINGS: Array<{
  re: RegExp;
  readings: Array<{ gender: 'masc' | 'femn'; case: string; base: (stem: string) => string }>;
}> = [
  { re: /^(.+(?:ов|ев|ёв|ин|ын))$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => s }] },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))а$/u,
    readings: [
      { gender: 'masc', case: 'gent', base: (s) => s },
      { gender: 'femn', case: 'nomn', base: (s) => `${s}а` },
    ],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))у$/u,
    readings: [
      { gender: 'masc', case: 'datv', base: (s) => s },
      { gender: 'femn', case: 'accs', base: (s) => `${s}а` },
    ],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))ым$/u,
    readings: [{ gender: 'masc', case: 'ablt', base: (s) => s }],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))е$/u,
    readings: [{ gender: 'masc', case: 'loct', base: (s) => s }],
  },
  {
    re: /^(.+(?:ов|ев|ёв|ин|ын))ой$/u,
    readings: ['gent', 'datv', 'ablt', 'loct'].map((c) => ({
      gender: 'femn' as const,
      case: c,
      base: (s: string) => `${s}а`,
    })),
  },
  { re: /^(.+(?:ск|цк))ий$/u, readings: [{ gender: 'masc', case: 'nomn', base: (s) => `${s}ий` }] },
  {
    re: /^(.+(?:ск|цк))(?:ого|ому|им|ом)$/u,
    readings: [{ gender: 'masc', case: 'gent', base: (s) => `${s}ий` }],
  },
  { re: /^(.+(?:ск|цк))ая$/u, readings: [{ gender: 'femn', case: 'nomn', base: (s) => `${s}ая` }] },
  {
    re: /^(.+(?:ск|цк))(?:ой|ую)$/u,
    readings: [{ gender: 'femn', case: 'gent', base: (s) => `${s}ая` }],
  },
];

/**
 * How a surname declines, by the ending of its nominative: the ending (what `ending` matches) cut off and the endings its case
 * forms take in its place, a Russian surname's other gender's forms included (Петров: Петровой, his
 * wife's). First match wins; a surname on another vowel does not decline (Тимошенко, Шойгу, Нетаньяху).
 */
export const SURNAME_DECLENSIONS: ReadonlyArray<{ ending: RegExp; forms: readonly string[] }> = [
  // Adjectival: Зеленский, Навальный, Толстой, Поклонская.
  {
    ending: /(?:ий|ый|ой|ая)$/u,
    forms: ['ий', 'ый', 'ой', 'ая', 'ого', 'ому', 'им', 'ым', 'ом', 'ую'],
  },
  // A woman's Russian surname (Петрова: Петровой, Петрову; Петров, his) and a man's or woman's in
  // -а/-я (Обама: Обамы, Обаме, Обамой; Берия: Берии).
  {
    ending: /[ая]$/u,
    forms: [
      'а',
      'я',
      'ы',
      'и',
      'е',
      'у',
      'ю',
      'ой',
      'ей',
      'ою',
      '',
      'ым',
      'ого',
      'ому',
      'им',
      'ом',
      'ую',
    ],
  },
  // A soft consonant: Шмыгаль, Гайдай (Шмыгаля, Гайдаем); a woman's (Меркель) stays as it is.
  { ending: /[ьй]$/u, forms: ['ь', 'й', 'я', 'ю', 'ем', 'ём', 'е'] },
  // A hard consonant: Трамп, Петров (Трампа, Трампом; Петрову, Петровым, Петровой, his wife's).
  {
    ending: /(?<=[бвгджзклмнпрстфхцчшщ])$/u,
    forms: ['', 'а', 'у', 'ом', 'ем', 'е', 'ым', 'ой', 'ого', 'ому', 'им', 'ую', 'ая', 'ий'],
  },
];

/** The stem a surname's case forms share and the endings they add to it; a surname that does not decline is its own stem. */
export function surnameDeclension(surname: string): { stem: string; forms: ReadonlySet<string> } {
  const lower = surname.toLowerCase();
  for (const { ending, forms } of SURNAME_DECLENSIONS) {
    const m = ending.exec(lower);
    if (m) return { stem: lower.slice(0, m.index), forms: new Set(forms) };
  }
  return { stem: lower, forms: new Set(['']) };
}

export const INVARIABLE_SURNAME = new RegExp(`(?:${INVARIABLE_SURNAME_ENDINGS.join('|')})$`, 'u');

export interface SurnameReading {
  gender: 'masc' | 'femn';
  case: string;
  nominative: string;
}

export function surnameReadings(word: string): SurnameReading[] {
  const lower = word.toLowerCase();
  for (const { re, readings } of SURNAME_ENDINGS) {
    const m = re.exec(lower);
    if (m)
      return readings.map((r) => ({
        gender: r.gender,
        case: r.case,
        nominative: r.base(m[1] as string),
      }));
  }
  if (INVARIABLE_SURNAME.test(lower)) return [{ gender: 'masc', case: 'any', nominative: lower }];
  return [];
}

/** Put an unknown given name into the nominative, knowing the case and gender its surname showed. */
export function givenNameNominative(
  word: string,
  gender: 'masc' | 'femn',
  grammaticalCase: string,
): string {
  const lower = word.toLowerCase();
  if (grammaticalCase === 'nomn') return lower;
  if (gender === 'masc') {
    if (
      /[^аеёиоуыэюя]а$/u.test(lower) &&
      (grammaticalCase === 'gent' || grammaticalCase === 'accs')
    )
      return lower.slice(0, -1);
    if (/[аеиоу]я$/u.test(lower) && (grammaticalCase === 'gent' || grammaticalCase === 'accs'))
      return `${lower.slice(0, -1)}й`;
    // A man's name in -а declines like a woman's: Мустафы Джемилева is Мустафа Джемилев.
    if (/[^аеёиоуыэюя]ы$/u.test(lower) && grammaticalCase === 'gent')
      return `${lower.slice(0, -1)}а`;
    if (/[^аеёиоуыэюя]у$/u.test(lower) && grammaticalCase === 'datv') return lower.slice(0, -1);
    if (/[аеиоу]ю$/u.test(lower) && grammaticalCase === 'datv') return `${lower.slice(0, -1)}й`;
    if (/[^аеёиоуыэюя]ом$/u.test(lower) && grammaticalCase === 'ablt') return lower.slice(0, -2);
    if (/[цжшчщ]ем$/u.test(lower) && grammaticalCase === 'ablt') return lower.slice(0, -2);
    if (/[^аеёиоуыэюя]е$/u.test(lower) && grammaticalCase === 'loct') return lower.slice(0, -1);
    return lower;
  }
  if (/ы$/u.test(lower) && grammaticalCase === 'gent') return `${lower.slice(0, -1)}а`;
  if (/у$/u.test(lower) && grammaticalCase === 'accs') return `${lower.slice(0, -1)}а`;
  if (/ой$/u.test(lower)) return `${lower.slice(0, -2)}а`;
  return lower;
}

export function capitalise(name: string): string {
  return name
    .split(' ')
    .map((part, i) =>
      TURKIC_PATRONYMIC.test(part) || (i > 0 && LOWER_CASE_PARTICLE.test(part))
        ? part
        : part
            .split('-')
            .map((p, j, parts) =>
              j < parts.length - 1 && ARABIC_PARTICLE.test(p)
                ? p
                : p.charAt(0).toUpperCase() + p.slice(1),
            )
            .join('-'),
    )
    .join(' ');
}

/** A masculine instrumental on a consonant stem (Блинкеном): no foreign surname's nominative ends so. */
export const INSTRUMENTAL = /^(.+[бвгдзклмнпрстфх])ом$/u;
/** The same after ц or a hushing consonant, which take -ем (Шольцем, from Шольц). */
export const HUSHING_INSTRUMENTAL = /^(.+[цжшчщ])ем$/u;
/** The same on a soft л or н (Эммануэлем, Шарлем, from Эммануэль, Шарль). */
export const SOFT_INSTRUMENTAL = /^(.+[лн])ем$/u;
/** A man's genitive or dative on a consonant stem (Олафа, Олафу; Борреля, from Боррель). */
const MASCULINE_OBLIQUE: Array<{ ending: RegExp; nominative: (stem: string) => string }> = [
  { ending: /^(.+[бвгдзклмнпрстфхцжшщ])[ау]$/u, nominative: (s) => s },
  { ending: /^(.+[лн])[яю]$/u, nominative: (s) => `${s}ь` },
];
/** Both words in a man's oblique case on one ending: their nominatives, else null. */
function masculineObliquePair(given: string, last: string): [string, string] | null {
  const caseOf = (w: string) => (/[ая]$/u.test(w) ? 'gent' : /[ую]$/u.test(w) ? 'datv' : w);
  if (caseOf(given) !== caseOf(last)) return null;
  const nominative = (w: string) =>
    MASCULINE_OBLIQUE.map(({ ending, nominative: n }) => {
      const m = ending.exec(w);
      return m ? n(m[1] as string) : null;
    }).find((n) => n !== null) ?? null;
  const [a, b] = [nominative(given), nominative(last)];
  return a && b ? [a, b] : null;
}
/**
 * A man's foreign surname on a consonant with a case ending (Байдена, Байдену, Байденом): after a given
 * name that does not decline (Джо), the surname carries the case.
 */
export const MASCULINE_CASE_ENDING = /^(.+[бвгдзклмнпрстфхцжшщ])(?:а|у|ом|ем)$/u;
export const CONSONANT_THEN_Y = /[^аеёиоуыэюяьй]ы$/u;
export const CONSONANT_THEN_A = /[^аеёиоуыэюяьй]а$/u;

/**
 * A foreign name no dictionary knows, in the nominative. Few cases show on such names: the genitive of a
 * given name in -ы (Аксары, from Аксара) or of a surname in -ы (Маехары, from Маехара), a masculine
 * instrumental in -ом or -ем (Эстебаном Гарридо, Эммануэлем Макроном, Олафом Шольцем), and both words of a man's name in
 * one genitive or dative (Олафа Шольца, Жозепа Борреля); anything else stays as written.
 */
export function foreignNominative(first: string, surname: string): string {
  let given = first.toLowerCase();
  let last = surname.toLowerCase();
  const instrumental = INSTRUMENTAL.exec(given);
  const softInstrumental = SOFT_INSTRUMENTAL.exec(given);
  const oblique = masculineObliquePair(given, last);
  const inInstrumental = (w: string) => {
    const hard = INSTRUMENTAL.exec(w)?.[1] ?? HUSHING_INSTRUMENTAL.exec(w)?.[1];
    const soft = SOFT_INSTRUMENTAL.exec(w)?.[1];
    return hard ?? (soft ? `${soft}ь` : w);
  };
  if (instrumental || softInstrumental) {
    given = inInstrumental(given);
    last = inInstrumental(last);
  } else if (oblique) {
    [given, last] = oblique;
  } else if (CONSONANT_THEN_Y.test(given)) {
    given = `${given.slice(0, -1)}а`;
    if (CONSONANT_THEN_A.test(last)) last = last.slice(0, -1);
    else if (CONSONANT_THEN_Y.test(last)) last = `${last.slice(0, -1)}а`;
  } else if (CONSONANT_THEN_Y.test(last)) last = `${last.slice(0, -1)}а`;
  return capitalise(`${given} ${last}`);
}
