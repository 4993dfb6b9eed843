/**
 * A deterministic generator of Russian news-like articles for benchmarks and scale tests.
 * Same seed, same articles: figures from different runs compare the same work.
 */

export interface GeneratedArticle {
  id: string;
  title: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** Paragraphs separated by blank lines. */
  text: string;
  /** Canonical names of the people the text mentions. */
  persons: string[];
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each person: nominative, genitive (for "по словам X"), and surname for a second mention.
const PERSONS: Array<[string, string, string]> = [
  ['Айгуль Касымова', 'Айгуль Касымовой', 'Касымова'],
  ['Бакыт Исаков', 'Бакыта Исакова', 'Исаков'],
  ['Нурлан Абдрахманов', 'Нурлана Абдрахманова', 'Абдрахманов'],
  ['Марат Жумабаев', 'Марата Жумабаева', 'Жумабаев'],
  ['Елена Соколова', 'Елены Соколовой', 'Соколова'],
  ['Тимур Сыдыков', 'Тимура Сыдыкова', 'Сыдыков'],
  ['Азамат Омуралиев', 'Азамата Омуралиева', 'Омуралиев'],
  ['Гульнара Бекова', 'Гульнары Бековой', 'Бекова'],
  ['Руслан Ахметов', 'Руслана Ахметова', 'Ахметов'],
  ['Дильноза Рахимова', 'Дильнозы Рахимовой', 'Рахимова'],
  ['Сергей Волков', 'Сергея Волкова', 'Волков'],
  ['Алмаз Токтогулов', 'Алмаза Токтогулова', 'Токтогулов'],
];
const ROLES = [
  'министр экономики',
  'депутат парламента',
  'глава администрации',
  'председатель комитета',
  'посол',
  'аким области',
  'спикер',
];
const PLACES = [
  'Бишкеке',
  'Алматы',
  'Ташкенте',
  'Душанбе',
  'Астане',
  'Оше',
  'Караганде',
  'Самарканде',
];
const TOPICS = [
  'бюджета',
  'энергетики',
  'водных ресурсов',
  'таможенного союза',
  'выборов',
  'цен на газ',
  'образования',
  'границы',
];
const VERBS = ['заявил', 'сообщил', 'отметил', 'подчеркнул', 'пояснил'];
const NOUNS = ['правительство', 'парламент', 'комиссия', 'министерство', 'делегация', 'мэрия'];
const SUBJECTS = ['депутаты', 'министры', 'члены комиссии', 'представители мэрии', 'делегации'];
const ACTIONS = [
  'обсудили проект',
  'утвердили план',
  'рассмотрели вопрос',
  'отложили решение',
  'одобрили поправки',
];
const MONTHS_GEN = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** `count` articles, deterministic for a given seed. */
export function generateArticles(count: number, seed = 42): GeneratedArticle[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2018 + Math.floor(random() * 7);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const cast = [pick(PERSONS), pick(PERSONS)];
    const topic = pick(TOPICS);
    const paragraphs: string[] = [];
    const paragraphCount = 3 + Math.floor(random() * 5);
    for (let p = 0; p < paragraphCount; p++) {
      const [name, genitive, surname] = cast[p % cast.length] as [string, string, string];
      const sentences = [
        `${day} ${MONTHS_GEN[month - 1]} в ${pick(PLACES)} ${pick(SUBJECTS)} ${pick(ACTIONS)} ${topic}.`,
        p === 0
          ? `${capitalize(pick(ROLES))} ${name} ${pick(VERBS)}, что решение примут до конца года.`
          : `По словам ${genitive}, ситуация остаётся сложной.`,
        `${surname} ${pick(VERBS)}, что ${pick(NOUNS)} продолжит работу над вопросом ${topic}.`,
        `Эксперты в ${pick(PLACES)} считают, что обсуждение ${pick(TOPICS)} затянется.`,
      ];
      paragraphs.push(sentences.slice(0, 2 + Math.floor(random() * 3)).join(' '));
    }
    articles.push({
      id: `gen-${seed}-${i}`,
      title: `${capitalize(pick(SUBJECTS))} ${pick(ACTIONS)} ${topic}`,
      date: `${year}-${pad(month)}-${pad(day)}`,
      text: paragraphs.join('\n\n'),
      persons: [...new Set(cast.map(([name]) => name))],
    });
  }
  return articles;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
