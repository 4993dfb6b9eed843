/** Person names beyond the dictionary: foreign, East Asian, Arabic, particles, common-word surnames (constructed sentences). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { findPersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string) => [...new Set(findPersons(text, morphology).map((m) => m.name))];

describe('foreign names no dictionary knows', () => {
  it('are taken mid-sentence or after a title, as written in the nominative', () => {
    expect(names('Вчера в Мадриде выступил Эстебан Гарридо.')).toEqual(['Эстебан Гарридо']);
    expect(names('Тренер Ласло Бёльёни ушёл в отставку.')).toEqual(['Ласло Бёльёни']);
  });

  it('lose the cases they show: a genitive in -ы for -а, an instrumental in -ом', () => {
    expect(names('Визит министра Кейко Тамуры отложен.')).toEqual(['Кейко Тамура']);
    expect(names('Встреча с Эстебаном Гарридо прошла.')).toEqual(['Эстебан Гарридо']);
    expect(names('Переговоры с Энтони Хардингом прошли.')).toEqual(['Энтони Хардинг']);
  });

  it('take the nominative written elsewhere in the text when inflected', () => {
    expect(names('Йенс Хаугланд приехал. Клуб поблагодарил Йенса Хаугланда.')).toEqual([
      'Йенс Хаугланд',
    ]);
    // A paragraph alone, with the article's names known.
    const paragraph = findPersons('Клуб поблагодарил Йенса Хаугланда.', morphology, [
      'Йенс Хаугланд',
    ]);
    expect(paragraph.map((m) => m.name)).toEqual(['Йенс Хаугланд']);
  });

  it('take the nominative of the surname alone elsewhere in the text', () => {
    expect(names('Письмо Николя Бертрана опубликовано. Бертран ответил позже.')).toEqual([
      'Николя Бертран',
    ]);
  });

  it('keep two given names and a particle surname', () => {
    expect(names('Гибель Ахмеда Шаха Масуда потрясла страну.')).toEqual(['Ахмед Шах Масуд']);
    expect(names('Приехал Хосе Мануэль Баррозу.')).toEqual(['Хосе Мануэль Баррозу']);
    expect(names('Матч судил Энцо де Лука.')).toEqual(['Энцо де Лука']);
    expect(names('Слово взял Махмуд аль-Захар.')).toEqual(['Махмуд аль-Захар']);
    // Arabic particles written apart and capitalised belong to the surname after them.
    expect(names('Матч судит Эссам Абд Эль Фатах (Египет).')).toEqual(['Эссам Абд Эль Фатах']);
  });
});

describe('Chinese and Korean names', () => {
  it('are written surname first, with only the last part declined', () => {
    expect(names('Председатель КНР Си Цзиньпин прибыл в Москву.')).toEqual(['Си Цзиньпин']);
    expect(names('Лидер КНДР Ким Чен Ын выступил.')).toEqual(['Ким Чен Ын']);
    expect(names('В зале висел портрет Ким Ир Сена.')).toEqual(['Ким Ир Сен']);
    expect(names('Награду вручили Чжоу Сюню.')).toEqual(['Чжоу Сюнь']);
    expect(names('Выступила Ким Ён Чжу из Сеула.')).toEqual(['Ким Ён Чжу']);
  });
});

describe('Vietnamese and Burmese names', () => {
  it('are three or more one-syllable words, as written, without an ordinary word opening the sentence', () => {
    expect(names('Вчера выпущена Аун Сан Су Чжи.')).toEqual(['Аун Сан Су Чжи']);
    expect(names('Премьер Нгуен Тан Зунг заявил.')).toEqual(['Нгуен Тан Зунг']);
    expect(names('Вот Нго Динь Зьем и правил.')).toEqual(['Нго Динь Зьем']);
  });
});

describe('known given names', () => {
  it('make a common noun after them a surname, declined back to the nominative', () => {
    expect(names('Об этом рассказал Игорь Лось. Письмо передали Игорю Лосю.')).toEqual([
      'Игорь Лось',
    ]);
  });

  it("read as a woman's name after a feminine verb ending the clause, before an undeclined surname", () => {
    expect(names('Об этом заявила Евгения Бондаренко.')).toEqual(['Евгения Бондаренко']);
    expect(names('Письмо Евгения Бондаренко пришло вчера.')).toEqual(['Евгений Бондаренко']);
    expect(names('Встреча Евгения Бондаренко прошла вчера.')).toEqual(['Евгений Бондаренко']);
    expect(names('Роль исполнила Юлия Пересильд.')).toEqual(['Юлия Пересильд']);
    expect(names('Письмо передали Валентине Бондаренко.')).toEqual(['Валентина Бондаренко']);
  });

  it('keep their spelling and their most likely reading', () => {
    expect(names('Концерт дала Алла Пугачёва.')).toEqual(['Алла Пугачёва']);
    expect(names('Письмо Александра Брода пришло.')).toEqual(['Александр Брод']);
  });

  it('take the gender уулу and кызы imply', () => {
    expect(names('Выступление Нурлана Токтосун уулу прервали.')).toEqual(['Нурлан Токтосун уулу']);
  });

  it('accept a surname that is also a patronymic, not a patronymic alone', () => {
    expect(names('Клуб купил Роман Абрамович.')).toEqual(['Роман Абрамович']);
    // A given name and a patronymic name the person by the given name alone.
    expect(names('Пришёл Борис Николаевич.')).toEqual(['Борис']);
    expect(names('Премию вручили Светлане Алексиевич.')).toEqual(['Светлана Алексиевич']);
  });
});

describe('not persons', () => {
  it('skips companies, bands, models and parliaments written like names', () => {
    expect(names('Вчера компания Дженерал Моторс отчиталась.')).toEqual([]);
    expect(names('Концерт группы Лед Зеппелин отменён.')).toEqual([]);
    expect(names('Заседание Олий Мажлиса прошло.')).toEqual([]);
    expect(names('Кредит выдал Дойче Банк вчера.')).toEqual([]);
    expect(names('Препарат Спутник Лайт одобрен.')).toEqual([]);
    expect(names('Самолёт Суперджет Стотысячный приземлился.')).toEqual([]);
  });

  it('skips foreign-looking places after a preposition of place', () => {
    expect(names('Пожар в Нотр Дам потушили.')).toEqual([]);
    expect(names('Карнавал в Рио де Жанейро начался.')).toEqual([]);
    expect(names('Ссылаясь на Ласло Бёльёни, газета пишет.')).toEqual(['Ласло Бёльёни']);
  });

  it('skips a common noun opening a sentence and a pair inside a longer run of capitals', () => {
    // "Полёт Гагарина" is no name; Гагарина alone is Гагарин.
    expect(names('Полёт Гагарина изменил мир.')).toEqual(['Гагарин']);
    // Only the pair ending a run of capitals may be a foreign name: the club before the player is not.
    expect(names('Защитник Тоттенхэм Хотспур Эрик Дайер забил.')).toEqual(['Эрик Дайер']);
    expect(names('Вокалист группы Рамштайн Тилль Линдеманн выступил.')).toEqual([
      'Тилль Линдеманн',
    ]);
  });
});
