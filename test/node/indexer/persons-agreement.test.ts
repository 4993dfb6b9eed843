/** Case and gender from agreement between a given name and a surname (constructed sentences). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import { findPersons } from '../../../indexer/persons.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string) => [...new Set(findPersons(text, morphology).map((m) => m.name))];

describe('agreement', () => {
  it('a surname the dictionary knows in an oblique case puts an unknown given name in it too', () => {
    expect(names('Визит Хайнца Фишера в Москву.')).toEqual(['Хайнц Фишер']);
    expect(names('Канцлер встретился с президентом Хайнцем Фишером.')).toEqual(['Хайнц Фишер']);
  });

  it('an undeclined given name puts the case on the surname, unless the surname is a nominative', () => {
    expect(names('Речь Джо Байдена прозвучала вчера.')).toEqual(['Джо Байден']);
    expect(names('Первая леди Мишель Обама задержалась.')).toEqual(['Мишель Обама']);
  });

  it("women's names and surnames stay feminine", () => {
    expect(names('Визит Виктории Нуланд прошёл.')).toEqual(['Виктория Нуланд']);
    expect(names('Об этом заявила Виктория Нуланд.')).toEqual(['Виктория Нуланд']);
    expect(names('Помощник Хиллари Клинтон приехал.')).toEqual(['Хиллари Клинтон']);
    expect(names('Слова Айгуль Кендирбаевой.')).toEqual(['Айгуль Кендирбаева']);
  });

  it("when the sentence says a woman, her reading wins where a man's genitive agrees as well", () => {
    // Жанна is also read as Жан's genitive, and Агалакова as Агалаков's.
    expect(names('Жанна Агалакова вернулась в Россию.')).toEqual(['Жанна Агалакова']);
    expect(names('Об этом заявила Жанна Агалакова.')).toEqual(['Жанна Агалакова']);
    expect(names('Книга Александра Петрова вышла.')).toEqual(['Александр Петров']);
  });

  it('before a surname that shows no case, a feminine verb after the name or after the surname alone says a woman', () => {
    expect(names('Юлия Тимошенко вышла из тюрьмы.')).toEqual(['Юлия Тимошенко']);
    expect(names('Жанна Фриске умерла.')).toEqual(['Жанна Фриске']);
    expect(names('Речь Юлия Тимошенко прервали. Тимошенко выступила снова.')).toEqual([
      'Юлия Тимошенко',
    ]);
    // The verb agrees with "встреча": a man's genitive.
    expect(names('Встреча Юлия Тимошенко прошла.')).toEqual(['Юлий Тимошенко']);
  });

  it("a man's oblique given name declines the last word of a particle surname with it", () => {
    expect(names('Ликвидация лидера Аль-Кайды Усамы бин Ладена вчера.')).toEqual([
      'Усама бин Ладен',
    ]);
    expect(names('Выступил Мухаммед ибн Салман.')).toEqual(['Мухаммед ибн Салман']);
    expect(names('Выступление Нурлана Токтосун уулу прервали.')).toEqual(['Нурлан Токтосун уулу']);
  });

  it('names joined by «и» or a comma share the case a known given name shows', () => {
    expect(names('Беда постигла Кими Райкконена и Марка Уэббера вчера.')).toEqual([
      'Кими Райкконен',
      'Марк Уэббер',
    ]);
    expect(names('Встреча Марка Уэббера и Кими Райкконена прошла.')).toEqual([
      'Марк Уэббер',
      'Кими Райкконен',
    ]);
    // Nothing to agree with: a nominative stays.
    expect(names('Пришли Кими Райкконен и Марк Уэббер.')).toEqual([
      'Кими Райкконен',
      'Марк Уэббер',
    ]);
  });

  it('a given name no dictionary knows and a surname in -ева: a woman when the text agrees so', () => {
    expect(names('Слово взяла Жанара Кендирбаева.')).toEqual(['Жанара Кендирбаева']);
    expect(names('Жанара Кендирбаева отметила рост.')).toEqual(['Жанара Кендирбаева']);
    expect(names('Жанара Кендирбаева сегодня. Кендирбаевой это понравилось.')).toEqual([
      'Жанара Кендирбаева',
    ]);
    // Otherwise the man's genitive, the commoner reading.
    expect(names('Встреча Асылбека Кендирбаева прошла.')).toEqual(['Асылбек Кендирбаев']);
  });

  it('the surname alone before a feminine verb elsewhere in the text says she is a woman', () => {
    expect(names('Выступила Жанара Мамбетова. Мамбетова отметила рост.')).toEqual([
      'Жанара Мамбетова',
    ]);
    expect(names('Встреча Жанара Мамбетова. Мамбетова отметила рост.')).toEqual([
      'Жанара Мамбетова',
    ]);
    // A verb that agrees with another noun says nothing: "Встреча Мамбетова прошла".
    expect(names('Речь Жанара Мамбетова. Встреча Мамбетова прошла.')).toEqual(['Жанар Мамбетов']);
  });

  it('a given name the dictionary knows in the nominative only takes the nominative surname, whatever gender it lists', () => {
    // The dictionary lists Бермет as a man's name; "Бермет Осмонова" is no man's genitive (Бермета).
    expect(names('Бермет Осмонова рассказала о планах.')).toEqual(['Бермет Осмонова']);
    expect(names('Об этом сообщила Бермет Осмонова.')).toEqual(['Бермет Осмонова']);
    expect(names('Встреча Ивана Петрова прошла.')).toEqual(['Иван Петров']);
  });

  it('two given names before a surname of two words are all kept, in the case one of them shows', () => {
    expect(names('Премьер Испании Хосе Луис Родригес Сапатеро прибыл.')).toEqual([
      'Хосе Луис Родригес Сапатеро',
    ]);
    expect(names('Встреча с Хосе Луисом Родригесом Сапатеро прошла.')).toEqual([
      'Хосе Луис Родригес Сапатеро',
    ]);
  });

  it('a foreign name no dictionary knows, both words in one oblique case, is put in the nominative', () => {
    expect(names('Встреча с Эммануэлем Макроном прошла.')).toEqual(['Эммануэль Макрон']);
    expect(names('Позиция Олафа Шольца не изменилась.')).toEqual(['Олаф Шольц']);
    expect(names('Визит Жозепа Борреля отложен.')).toEqual(['Жозеп Боррель']);
    // -ем after ц or a hushing consonant is an instrumental too.
    expect(names('С Олафом Шольцем встретился еврокомиссар.')).toEqual(['Олаф Шольц']);
  });

  it("a man's given name in -а declines like a woman's; two readings of one name are one person", () => {
    expect(names('Выступление Мустафы Джемилева прервали.')).toEqual(['Мустафа Джемилев']);
    // Сулима is also a short participle to the dictionary: mid-sentence, before a surname, a name.
    expect(
      names(
        'О похоронах Сулима Ямадаева писали. Дело Сулима Ямадаева в суде. Брат Сулимы Ямадаева.',
      ),
    ).toEqual(['Сулим Ямадаев']);
  });

  it('two spellings of one surname, a letter typed again, with one given name are one person', () => {
    expect(
      names(
        'Михаил Сааакашвили выступил. Михаил Саакашвили уехал. Потом Михаил Саакашвили вернулся.',
      ),
    ).toEqual(['Михаил Саакашвили']);
    // Another given name is another person.
    expect(names('Выступили Анна Кузьмина и Мария Кузьминна.')).toEqual([
      'Анна Кузьмина',
      'Мария Кузьминна',
    ]);
  });

  it('the official order, surname first before a given name and a patronymic, is one full name', () => {
    expect(names('Иванов Иван Иванович назначен директором.')).toEqual(['Иван Иванов']);
    expect(names('Указ касается Кузнецова Алексея Викторовича, министра.')).toEqual([
      'Алексей Кузнецов',
    ]);
    expect(names('Приехала вдова Ельцина Наина Иосифовна.')).toEqual(['Наина Ельцина']);
    // An ordinary word or a title before them is no surname.
    expect(names('Вчера Иван Иванович приехал.')).toEqual(['Иван']);
    expect(names('Министр Иван Иванович приехал.')).toEqual(['Иван']);
  });

  it('a shorter full name with the first given name and the surname of a longer one is that person', () => {
    expect(names('Реджеп Тайип Эрдоган приехал. Реджеп Эрдоган заявил, что рад.')).toEqual([
      'Реджеп Тайип Эрдоган',
    ]);
    expect(names('Жан-Мари Ле Пен выступил. Жан Ле Пен ушёл.')).toEqual(['Жан-Мари Ле Пен']);
    // Known from elsewhere in the article (another paragraph).
    expect([
      ...new Set(
        findPersons('Реджеп Эрдоган заявил.', morphology, ['Реджеп Тайип Эрдоган']).map(
          (m) => m.name,
        ),
      ),
    ]).toEqual(['Реджеп Тайип Эрдоган']);
    // Another surname is another person.
    expect(names('Реджеп Тайип Эрдоган и Реджеп Демир выступили.')).toEqual([
      'Реджеп Тайип Эрдоган',
      'Реджеп Демир',
    ]);
  });

  it('particles of two words belong to the surname', () => {
    expect(names('Речь Урсулы фон дер Ляйен прозвучала.')).toEqual(['Урсула фон дер Ляйен']);
  });

  it('a given name after a genitive full name stands apart from it', () => {
    expect(names('Супруга Дмитрия Медведева Светлана посетила храм.')).toEqual([
      'Дмитрий Медведев',
    ]);
  });

  it('two ordinary words with capitals are no person', () => {
    expect(names('Решение принято Советом Директоров компании.')).toEqual([]);
  });
});
