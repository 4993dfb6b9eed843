/**
 * Synthetic articles for the page's browser tests, with figures known in advance: which months mention
 * «ледник» and how often, which paragraphs of one article match, a person list long enough to need its
 * filter box, and a word («палеонтолог») spread over years so the timeline draws years.
 */

export interface FixtureArticle {
  id: string;
  title: string;
  date: string;
  url: string;
  /** The publication's name; the fossil articles name none. */
  source?: string;
  text: string;
  persons: string[];
}

export const PERSONS = [
  'Асель Нурланова',
  'Бермет Осмонова',
  'Венера Токтогулова',
  'Гульмира Садыкова',
  'Динара Абдыкеримова',
  'Жанара Мамбетова',
  'Зарина Касымбекова',
  'Ирина Турдубаева',
  'Камила Эркинбекова',
  'Лейла Жумалиева',
  'Мээрим Бакирова',
  'Нургуль Алымкулова',
];

/** Articles mentioning «ледник» in their text, per month; 2021-12 has none (a gap the timeline shows). */
export const GLACIER_MONTHS: Record<string, number> = {
  '2021-11': 2,
  '2021-12': 0,
  '2022-01': 3,
  '2022-02': 1,
  '2022-03': 5,
};
export const GLACIER_TOTAL = Object.values(GLACIER_MONTHS).reduce((a, b) => a + b, 0);

/** The article whose title mentions «ледник» on every paragraph; only paragraphs 1 and 3 say it. */
export const LONG_ID = 'fixture-glaciers-long';
export const LONG_MATCHING = [1, 3];
/** The (synthetic) publication the glacier articles name. */
export const GLACIER_SOURCE = 'Горный вестник Ала-Тоо (синтетическое издание)';

/** «палеонтолог» in three years far apart: longer than the months the timeline draws. */
export const FOSSIL_YEARS = ['2015', '2019', '2022'];

const paragraph = (n: number, person: string) =>
  `Специалисты обсудили план номер ${n} по охране горных рек. ${person} рассказала о работе экспедиции в горах.`;

function build(): FixtureArticle[] {
  const articles: FixtureArticle[] = [];
  let serial = 0;
  const person = () => PERSONS[serial++ % PERSONS.length] as string;
  for (const [month, n] of Object.entries(GLACIER_MONTHS)) {
    for (let i = 0; i < n; i++) {
      const id = month === '2022-01' && i === 0 ? LONG_ID : `fixture-glacier-${month}-${i}`;
      const people = [person(), person()];
      const text =
        id === LONG_ID
          ? [0, 1, 2, 3, 4]
              .map((p) =>
                LONG_MATCHING.includes(p)
                  ? `Учёные измерили толщину ледника в точке ${p}. ${people[p % 2]} отметила, что лёд отступает.`
                  : paragraph(p, people[p % 2] as string),
              )
              .join('\n\n')
          : `${people[0]} сообщила, что площадь ледника за год уменьшилась.\n\n${paragraph(i, people[1] as string)}`;
      articles.push({
        id,
        title:
          id === LONG_ID
            ? 'Ледники тают быстрее, чем ожидали'
            : `Экспедиция вернулась с гор: ${month}, ${i + 1}`,
        date: `${month}-${String(3 + i * 5).padStart(2, '0')}`,
        url: `https://www.example.org/news/${id}`,
        source: GLACIER_SOURCE,
        text,
        persons: people,
      });
    }
  }
  for (const year of FOSSIL_YEARS)
    articles.push({
      id: `fixture-fossil-${year}`,
      title: `Находка в горах, ${year}`,
      date: `${year}-06-15`,
      url: `https://example.net/${year}/fossil`,
      text: `${person()} заявила, что палеонтолог нашёл кости динозавра.`,
      persons: [PERSONS[0] as string],
    });
  return articles;
}

export const FIXTURE_ARTICLES = build();
