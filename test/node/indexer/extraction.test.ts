/** Persons and dates on constructed sentences. */
import { beforeAll, describe, expect, it } from 'vitest';
import { datesMentioned, parseArticleDate } from '../../../indexer/dates.ts';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { findPersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string, known: string[] = []) => [
  ...new Set(findPersons(text, morphology, known).map((m) => m.name)),
];

describe('persons', () => {
  it('puts inflected names into the nominative', () => {
    expect(names('Встреча с Нурсултаном Назарбаевым прошла в Астане.')).toEqual([
      'Нурсултан Назарбаев',
    ]);
    expect(names('Письмо Юрия Лужкова пришло вчера.')).toEqual(['Юрий Лужков']);
    expect(names('Слово предоставили Елене Соколовой.')).toEqual(['Елена Соколова']);
    expect(names('Заявление Сооронбая Жээнбекова опубликовано.')).toEqual(['Сооронбай Жээнбеков']);
  });

  it('drops patronymics and keeps Kyrgyz patronymic surnames', () => {
    expect(names('Владимир Владимирович Путин прибыл.')).toEqual(['Владимир Путин']);
    expect(names('Сергей Иванович Петров прибыл.')).toEqual(['Сергей Петров']);
    expect(names('Депутат Нурлан Токтосун уулу выступил.')).toEqual(['Нурлан Токтосун уулу']);
  });

  it('resolves surname-only mentions and initials to the full name used elsewhere', () => {
    const mentions = findPersons('Ташиева поддержали. Позже К. Ташиев уехал.', morphology, [
      'Камчыбек Ташиев',
    ]);
    expect(mentions.map((m) => m.name)).toEqual(['Камчыбек Ташиев', 'Камчыбек Ташиев']);
  });

  it('does not take organisations, parties, parliaments or places for persons', () => {
    expect(
      names(
        'Заседание Жогорку Кенеша прошло. Депутат из «Бутун Кыргызстан» выступил. ОДКБ ответила.',
      ),
    ).toEqual([]);
    // A surname alone is a person, kept as given in the nominative (not an organisation).
    expect(names('Тогда Токаев назвал их террористами. Также Токаев заявил.')).toEqual(['Токаев']);
  });
});

describe('dates', () => {
  it('keeps the article date at its precision and rejects impossible ones', () => {
    expect(parseArticleDate('2022-01')).toEqual({
      date: '2022-01',
      date_ts: Date.UTC(2022, 0, 1) / 1000,
      year: 2022,
      month: '2022-01',
    });
    expect(parseArticleDate('2022')).toMatchObject({ month: null, year: 2022 });
    expect(parseArticleDate('2022-02-30')).toBeNull();
    expect(parseArticleDate('2022-13')).toBeNull();
    expect(parseArticleDate('вчера')).toBeNull();
  });

  it('resolves dates in the text against the article date', () => {
    const article = parseArticleDate('2022-01');
    expect(datesMentioned('Депутаты 7 января собрались.', article)).toEqual(['2022-01-07']);
    expect(datesMentioned('если бы в октябре 2020 года', article)).toEqual(['2020-10']);
    expect(datesMentioned('цены выросли 2 января 2022 года', article)).toEqual(['2022-01-02']);
    expect(datesMentioned('31 февраля ничего не было', article)).toEqual([]);
  });
});
