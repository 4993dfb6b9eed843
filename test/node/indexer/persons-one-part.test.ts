/** One-part names: each rule of ONE_PART_RULES on its own, then in running text (constructed sentences). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology, type Morphology } from '../../../indexer/morphology.ts';
import {
  ONE_PART_RULES,
  type OnePartCandidate,
  russianSurnameNominatives,
} from '../../../indexer/persons/one-part.ts';
import { surnameDeclension } from '../../../indexer/persons/forms.ts';
import { findPersons } from '../../../indexer/persons.ts';
import { inCyrillic } from '../../../indexer/persons/words.ts';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});
const names = (text: string) => [...new Set(findPersons(text, morphology).map((m) => m.name))];

const candidate = (word: string, context: Partial<OnePartCandidate> = {}): OnePartCandidate => ({
  word,
  afterInitials: false,
  beforePatronymic: false,
  beforeLowerCase: false,
  beforeSingularPastVerb: false,
  subjectAfterVerb: false,
  subjectOfPresentVerb: false,
  midSentence: true,
  afterTitle: false,
  title: '',
  feminine: false,
  ...context,
});
const rule = (name: string) => {
  const found = ONE_PART_RULES.find((r) => r.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return (c: OnePartCandidate) => found.read(c, morphology);
};

describe('one-part rules', () => {
  it('initials and a surname: any word after initials, even a place name (Н. Кан)', () => {
    const read = rule('initials and a surname');
    expect(read(candidate('Кан', { afterInitials: true }))).toEqual(['кан']);
    expect(read(candidate('Ташиеву', { afterInitials: true }))[0]).toBe('ташиев');
    expect(read(candidate('Кан'))).toEqual([]);
  });

  it('a surname the dictionary knows: masculine unless the sentence says a woman', () => {
    const read = rule('a surname the dictionary knows');
    expect(read(candidate('Путина'))[0]).toBe('путин');
    expect(read(candidate('Путина', { feminine: true }))[0]).toBe('путина');
    // Mostly a common word to the dictionary (гора): not on its capital alone.
    expect(read(candidate('Гор'))).toEqual([]);
    // Opening a sentence only a word that is nothing but a surname.
    expect(read(candidate('Лукашенко', { midSentence: false }))[0]).toBe('лукашенко');
    expect(read(candidate('Гагарин', { midSentence: false }))).toEqual([]);
    // Mostly a surname (also лавров of лавр) and the subject of a verb: "Лавров встретился".
    expect(read(candidate('Лавров', { midSentence: false }))).toEqual([]);
    expect(read(candidate('Лавров', { midSentence: false, beforeSingularPastVerb: true }))).toEqual(
      ['лавров'],
    );
  });

  it('a surname of Russian shape the dictionary reads only as a plural, mid-sentence', () => {
    const read = rule('a surname of Russian shape the dictionary reads only as a plural');
    // Токаев is also токаев, the genitive plural of токай.
    expect(read(candidate('Токаев', { afterTitle: true }))).toEqual(['токаев']);
    expect(read(candidate('Токаев', { beforeSingularPastVerb: true }))).toEqual(['токаев']);
    expect(read(candidate('Советов'))).toEqual([]);
    expect(read(candidate('Токаев', { midSentence: false, beforeLowerCase: true }))).toEqual([]);
    expect(read(candidate('Космонавтов', { midSentence: false, beforeLowerCase: true }))).toEqual(
      [],
    );
    // A word that may be singular is left to the other rules.
    expect(read(candidate('Лавров'))).toEqual([]);
  });

  it('a surname of Russian shape no dictionary knows, feminine by agreement', () => {
    const read = rule('a surname of Russian shape no dictionary knows');
    expect(read(candidate('Кендирбаева'))).toEqual(['кендирбаев', 'кендирбаева']);
    expect(read(candidate('Кендирбаева', { feminine: true }))[0]).toBe('кендирбаева');
    expect(read(candidate('Кендирбаевой'))).toEqual(['кендирбаева']);
    expect(read(candidate('Кендирбаева', { midSentence: false }))).toEqual([]);
    // Opening a sentence, before a word in lower case: "Ташиев отвечал".
    expect(read(candidate('Ташиев', { midSentence: false, beforeLowerCase: true }))).toEqual([
      'ташиев',
    ]);
  });

  it('a surname of Russian shape the dictionary knows as one, mid-sentence, whatever else it reads', () => {
    const read = rule('a surname of Russian shape the dictionary knows as one, mid-sentence');
    // Also the adjective лавровый to the dictionary; mid-sentence the capital says a name.
    expect(read(candidate('Лавровым'))).toEqual(['лавров']);
    expect(read(candidate('Петровой', { feminine: true }))[0]).toBe('петрова');
    expect(read(candidate('Лавровым', { midSentence: false }))).toEqual([]);
    // Another shape (Московская), or no surname reading, is left to the other rules.
    expect(read(candidate('Московская'))).toEqual([]);
    expect(read(candidate('Ростовом'))).toEqual([]);
    // Also a city to the dictionary.
    expect(read(candidate('Ростову'))).toEqual([]);
  });

  it('a given name alone: the subject of a present-tense verb after it is a nominative', () => {
    const read = rule('a given name alone');
    expect(read(candidate('Марина'))[0]).toBe('марин');
    expect(read(candidate('Марина', { subjectOfPresentVerb: true }))).toEqual(['марина']);
  });

  it('the subject after its verb, ending the clause: the name as written, no plural', () => {
    const read = rule('the subject after its verb, ending the clause');
    expect(read(candidate('Песков', { subjectAfterVerb: true }))).toEqual(['песков']);
    expect(read(candidate('Кендирбаева', { subjectAfterVerb: true }))).toEqual(['кендирбаева']);
    // An unknown word there is as often an organisation.
    expect(read(candidate('Роскомнадзор', { subjectAfterVerb: true }))).toEqual([]);
    expect(read(candidate('Викиновостям', { subjectAfterVerb: true }))).toEqual([]);
    expect(read(candidate('Эрдоган'))).toEqual([]);
    // No nominative of the verb's gender: the object ("убил Ленского.", "встретил Путина.").
    expect(read(candidate('Ленского', { subjectAfterVerb: true }))).toEqual(['ленский']);
    expect(read(candidate('Путина', { subjectAfterVerb: true }))[0]).toBe('путин');
    expect(read(candidate('Путина', { subjectAfterVerb: true, feminine: true }))).toEqual([
      'путина',
    ]);
  });

  it("a woman's surname no dictionary knows, by a feminine verb: no ending a feminine noun has", () => {
    const read = rule("a woman's surname no dictionary knows, by a feminine verb");
    const feminineSubject = { feminine: true, beforeSingularPastVerb: true };
    expect(read(candidate('Псаки', feminineSubject))).toEqual(['псаки']);
    expect(read(candidate('Тунберг', { feminine: true, subjectAfterVerb: true }))).toEqual([
      'тунберг',
    ]);
    // A feminine noun may be an organisation's name (Росгвардия, Роснефть), so may a hyphenated one.
    expect(read(candidate('Росгвардия', feminineSubject))).toEqual([]);
    expect(read(candidate('Би-би-си', feminineSubject))).toEqual([]);
    // A masculine verb: as often an organisation (Роскомнадзор заявил).
    expect(read(candidate('Роскомнадзор', { beforeSingularPastVerb: true }))).toEqual([]);
  });

  it('a given name alone, in the nominative', () => {
    const read = rule('a given name alone');
    expect(read(candidate('Лиза'))).toEqual(['лиза']);
    expect(read(candidate('Лиза', { midSentence: false }))).toEqual([]);
    expect(read(candidate('Лиза', { midSentence: false, beforeLowerCase: true }))).toEqual([
      'лиза',
    ]);
    expect(read(candidate('Гор'))).toEqual([]);
    // Also a place to the dictionary (Наин): a patronymic after it says it is the given name.
    expect(read(candidate('Наине'))).toEqual([]);
    expect(read(candidate('Наине', { beforePatronymic: true }))).toEqual(['наина']);
  });

  it('a surname after a title: only a word no dictionary knows, not a genitive of a thing', () => {
    const read = rule('a surname after a title');
    expect(read(candidate('Проди', { afterTitle: true }))).toEqual(['проди']);
    expect(read(candidate('Нобелевской', { afterTitle: true }))).toEqual([]);
    expect(read(candidate('Роснано', { afterTitle: false }))).toEqual([]);
    expect(read(candidate('Гринписа', { afterTitle: true }))).toEqual([]);
  });

  it("a surname after a title in the title's case: a man's ending of that case off, else as written", () => {
    const read = rule('a surname after a title');
    const titled = (title: string) => ({ afterTitle: true, title });
    expect(read(candidate('Байдену', titled('президенту')))).toEqual(['байден']);
    expect(read(candidate('Шольцем', titled('канцлером')))).toEqual(['шольц']);
    expect(read(candidate('Эммануэлем', titled('президентом')))).toEqual(['эммануэль']);
    // Nor the prepositional: -е ends nominatives too.
    expect(read(candidate('Блекере', titled('президенте')))).toEqual(['блекере']);
    // No ending of the title's case: an indeclinable name, as written.
    expect(read(candidate('Нетаньяху', titled('премьеру')))).toEqual(['нетаньяху']);
    // A title in the nominative says nothing of the name's case.
    expect(read(candidate('Байдену', titled('президент')))).toEqual(['байдену']);
  });

  it('an ordinary noun after a title, capitalised mid-sentence: in its dictionary form, no adjective', () => {
    const read = rule('an ordinary noun after a title, capitalised mid-sentence');
    // Трамп is a tramp steamer to the dictionary, Макрон a diacritic.
    expect(read(candidate('Трамп', { afterTitle: true }))).toEqual(['трамп']);
    expect(read(candidate('Макрон', { afterTitle: true }))).toEqual(['макрон']);
    expect(read(candidate('Трамп'))).toEqual([]);
    expect(read(candidate('Трамп', { afterTitle: true, midSentence: false }))).toEqual([]);
    // An inflected form, or a word of adjective shape ("Папа Римский"), is none.
    expect(read(candidate('Обороны', { afterTitle: true }))).toEqual([]);
    expect(read(candidate('Римский', { afterTitle: true }))).toEqual([]);
    // In the title's own oblique case, but not the genitive: "президента Клуба" is the club's.
    expect(read(candidate('Трампом', { afterTitle: true, title: 'президентом' }))).toEqual([
      'трамп',
    ]);
    expect(read(candidate('Клуба', { afterTitle: true, title: 'президента' }))).toEqual([]);
  });

  it('a surname before a singular verb, its other readings plural: a plural is no subject of it', () => {
    const read = rule('a surname before a singular verb, its other readings plural');
    // Песков is also песок's genitive plural.
    expect(read(candidate('Песков', { midSentence: false, beforeSingularPastVerb: true }))).toEqual(
      ['песков'],
    );
    expect(read(candidate('Песков', { midSentence: false }))).toEqual([]);
    // A word with a singular ordinary reading is left to the other rules.
    expect(read(candidate('Гагарин', { beforeSingularPastVerb: true }))).toEqual([]);
    // In text: a plural or neuter verb after it has another subject.
    expect(names('Песков сообщил журналистам.')).toEqual(['Песков']);
    expect(names('Воробьев прилетело много.')).toEqual([]);
  });

  it('an Arabic nisba after its article: a name in -и, as written; an organisation is none', () => {
    const read = rule('an Arabic nisba after its article');
    expect(read(candidate('аль-Барадеи'))).toEqual(['аль-барадеи']);
    expect(read(candidate('аль-Каиды'))).toEqual([]);
    expect(names('Об этом сообщил аль-Багдади.')).toEqual(['аль-Багдади']);
    expect(names('Боевики аль-Каиды напали.')).toEqual([]);
  });

  it('surname declensions: the stem and case endings by the nominative, a surname on another vowel as it is', () => {
    const forms = (surname: string) => {
      const { stem, forms } = surnameDeclension(surname);
      return (word: string) => word.startsWith(stem) && forms.has(word.slice(stem.length));
    };
    expect(['трамп', 'трампа', 'трампом', 'трампу'].every(forms('трамп'))).toBe(true);
    expect(['обама', 'обамы', 'обаме', 'обамой'].every(forms('обама'))).toBe(true);
    expect(['шмыгаль', 'шмыгаля', 'шмыгалем'].every(forms('шмыгаль'))).toBe(true);
    expect(['навальный', 'навального', 'навальным'].every(forms('навальный'))).toBe(true);
    expect(forms('трамп')('трампет')).toBe(false);
    expect(forms('тимошенко')('тимошенко')).toBe(true);
    expect(forms('тимошенко')('тимошенкой')).toBe(false);
  });

  it('Russian surname shapes give their nominatives, masculine first', () => {
    expect(russianSurnameNominatives('Ивановой')).toEqual(['иванова']);
    expect(russianSurnameNominatives('Иванову')).toEqual(['иванов']);
    expect(russianSurnameNominatives('Достоевского')).toEqual(['достоевский']);
    expect(russianSurnameNominatives('Гарсия')).toEqual([]);
  });
});

describe('one-part names in text', () => {
  it('take a given name before a present-tense verb as its subject, unless a noun or preposition governs it', () => {
    expect(names('Мы видели, как Марина бежит к дому.')).toEqual(['Марина']);
    expect(names('Александра считает, что всё хорошо.')).toEqual(['Александра']);
    expect(names('У Александра болит голова.')).toEqual(['Александр']);
    expect(names('Встреча Александра состоится завтра.')).toEqual(['Александр']);
  });

  it('take a surname that is also an adjective to the dictionary, mid-sentence', () => {
    expect(names('Встреча с Лавровым прошла.')).toEqual(['Лавров']);
  });

  it('take the inverted subject of a report: a verb in the past before it, the clause ending after it', () => {
    expect(names('Как сообщил Песков, встреча состоится.')).toEqual(['Песков']);
    expect(names('— Мы готовы, — заявила Кендирбаева.')).toEqual(['Кендирбаева']);
    expect(names('Об этом сообщил Роскомнадзор.')).toEqual([]);
    expect(names('Об этом сообщил Викиновостям житель.')).toEqual([]);
    // A verb after it, or more of the clause after it, proves nothing.
    expect(names('Эрдоган заявил, что готов.')).toEqual([]);
  });

  it('keep a lone surname in the nominative', () => {
    expect(names('Вчера в Кремле выступил Путин.')).toEqual(['Путин']);
    expect(names('Встреча с Путиным прошла.')).toEqual(['Путин']);
    expect(names('Как сообщила Кендирбаева, всё хорошо.')).toEqual(['Кендирбаева']);
    expect(names('Премию получил Сёмин.')).toEqual(['Сёмин']);
    expect(names('Заявление сделал премьер-министр Японии Н. Кан.')).toEqual(['Кан']);
  });

  it('resolve to the full name of the same article, so one person has one value', () => {
    expect(names('Сергей Лавров прилетел. Лавров заявил, что Лаврову всё ясно.')).toEqual([
      'Сергей Лавров',
    ]);
    expect(names('Приехала Наина Ельцина. Наина Иосифовна открыла музей.')).toEqual([
      'Наина Ельцина',
    ]);
  });

  it('resolve a surname in any case to the full name, whatever its declension', () => {
    // Every mention of the surname is the person, so each paragraph that names it lists them.
    const mentions = (text: string) =>
      findPersons(text, morphology).map((m) => `${text.slice(m.start, m.end)}: ${m.name}`);
    expect(mentions('Барак Обама прибыл. Визит Обамы, встреча с Обамой.')).toEqual([
      'Барак Обама: Барак Обама',
      'Обамы: Барак Обама',
      'Обамой: Барак Обама',
    ]);
    expect(mentions('Денис Шмыгаль прибыл. Визит Шмыгаля; со Шмыгалем.')).toEqual([
      'Денис Шмыгаль: Денис Шмыгаль',
      'Шмыгаля: Денис Шмыгаль',
      'Шмыгалем: Денис Шмыгаль',
    ]);
    expect(mentions('Алексей Навальный задержан. Сторонники Навального вышли.')).toEqual([
      'Алексей Навальный: Алексей Навальный',
      'Навального: Алексей Навальный',
    ]);
    expect(mentions('Ангела Меркель выступила. Меркель заявила.')).toEqual([
      'Ангела Меркель: Ангела Меркель',
      'Меркель: Ангела Меркель',
    ]);
    expect(mentions('Мария Захарова выступила. Слова Захаровой повторили.')).toEqual([
      'Мария Захарова: Мария Захарова',
      'Захаровой: Мария Захарова',
    ]);
  });

  it('take a woman by her title: a title of women beside her name, or a feminine verb after title and name', () => {
    expect(names('Олимпийская чемпионка Загитова выступила на шоу.')).toEqual(['Загитова']);
    expect(names('Мы поговорили с теннисисткой Шараповой.')).toEqual(['Шарапова']);
    expect(names('Министр Голикова сообщила о росте заболеваемости.')).toEqual(['Голикова']);
    expect(names('Глава ЦБ Набиуллина заявила о снижении ставки.')).toEqual(['Набиуллина']);
    // A feminine verb agreeing with another noun, and no title of hers: his genitive.
    expect(names('Встреча главы МИД Лаврова прошла в Женеве.')).toEqual(['Лавров']);
    expect(names('Министр Голикова провёл совещание.')).toEqual(['Голиков']);
  });

  it("take the name after a relation (kin, counsel, allies) as another person's, whatever agrees", () => {
    expect(names('Жена Пугачёва приехала в суд.')).toEqual(['Пугачёв']);
    expect(names('Адвокат Кадырова заявила о невиновности подзащитного.')).toEqual(['Кадыров']);
  });

  it("take a woman's foreign surname by the feminine verb it is the subject of", () => {
    expect(names('Псаки заявила, что санкции будут расширены.')).toEqual(['Псаки']);
    expect(names('«Мы не отступим», — сказала Тунберг.')).toEqual(['Тунберг']);
    expect(names('Росгвардия сообщила о задержании. Нафтогаз заявил о долгах.')).toEqual([]);
    expect(names('Встреча Псаки прошла.')).toEqual([]);
  });

  it('recognise the other forms of a one-part name the article gives, wherever they stand', () => {
    const mentions = (text: string) =>
      findPersons(text, morphology).map((m) => `${text.slice(m.start, m.end)}: ${m.name}`);
    expect(
      mentions(
        'Президент США Байден прибыл. Байден заявил, что НАТО едино. Визит Байдена продлится.',
      ),
    ).toEqual(['Байден: Байден', 'Байден: Байден', 'Байдена: Байден']);
    // Alone, the same words name no one: an unknown word opening a sentence or in the genitive.
    expect(mentions('Байден заявил, что НАТО едино. Визит Байдена продлится.')).toEqual([]);
  });

  it('stand alone after an ordinary word opening the sentence, its case and gender from agreement', () => {
    expect(names('Вчера Лавров заявил о визите.')).toEqual(['Лавров']);
    // The verb agrees with "встреча", not with the name.
    expect(names('Встреча Путина прошла вчера.')).toEqual(['Путин']);
    expect(names('Вчера Кендирбаева сказала, что всё хорошо.')).toEqual(['Кендирбаева']);
    expect(names('Экскурсия в музей Путина прошла.')).toEqual([]);
    expect(names('Недалеко стоит памятник Пушкину.')).toEqual([]);
    // After a title opening the sentence; a feminine verb opening it.
    expect(names('Президент Токаев принял посла.')).toEqual(['Токаев']);
    expect(names('Выступила Мамбетова.')).toEqual(['Мамбетова']);
    expect(names('Лавров встретился с коллегой.')).toEqual(['Лавров']);
    // A plural verb has another subject.
    expect(names('Рыбаков сняли со льдины.')).toEqual([]);
    expect(names('Космонавтов встретили жители.')).toEqual([]);
    expect(names('Так пришла власть Советов в город.')).toEqual([]);
    expect(names('Об этом рассказал журналист Азимов.')).toEqual(['Азимов']);
  });

  it('take a surname after a title and the place or organisation it is the title of', () => {
    expect(names('Канцлер Германии Меркель заявила.')).toEqual(['Меркель']);
    expect(names('Глава МИД России Лавров заявил.')).toEqual(['Лавров']);
    expect(names('Госсекретарь США Помпео заявил.')).toEqual(['Помпео']);
    expect(names('Глава Роснефти Сечин заявил.')).toEqual(['Сечин']);
    expect(names('Президент США Трамп заявил.')).toEqual(['Трамп']);
    // A place after the title's place is no person.
    expect(names('Чемпион Европы Испания проиграла.')).toEqual([]);
    // The title's field in lower case, in the genitive, between; a former holder's title.
    expect(names('Министр иностранных дел России Лавров прибыл в Анкару.')).toEqual(['Лавров']);
    expect(names('Экс-президент Грузии Саакашвили задержан.')).toEqual(['Саакашвили']);
    // A word in lower case that is no genitive ends the search: no title.
    expect(names('Решили вчера России Лавров.')).toEqual([]);
  });

  it('take a given name before a patronymic apart from the word before it', () => {
    expect(names('Понравилась супруге президента — Наине Иосифовне, и это.')).toEqual(['Наина']);
  });

  it('read a surname with initials after it, as in lists and documents', () => {
    expect(names('Указ подписал Путин В.В. вчера.')).toEqual(['Путин']);
    expect(names('Список: Иванов И.И., Петров П.П. и другие.')).toEqual(['Иванов', 'Петров']);
    expect(names('Владимир Путин приехал. Указ подписал Путин В.В. вчера.')).toEqual([
      'Владимир Путин',
    ]);
  });

  it('resolve initials and a surname only to a full name with those initials', () => {
    expect(names('Камчыбек Ташиев приехал. К. Ташиев заявил.')).toEqual(['Камчыбек Ташиев']);
    expect(names('Иван Петров приехал. Потом выступил А. Петров.')).toEqual([
      'Иван Петров',
      'Петров',
    ]);
  });

  it('skip sentence openers, initials that end sentences and names of things', () => {
    expect(names('Это было давно. Но теперь иначе.')).toEqual([]);
    expect(names('Перегрузки до 10 G. Из-за ветра сели. Договор НАТО. Шестеро вышли.')).toEqual([]);
    expect(names('Мы летали на самолёте «Туполев» долго.')).toEqual([]);
    expect(names('Об этом активистам Гринпис сообщили жители.')).toEqual([]);
    expect(names('Ураган Катрина разрушил город.')).toEqual([]);
    expect(names('Станция метро Маяковская закрыта.')).toEqual([]);
    expect(names('Ледокол Ленин стоит в Мурманске.')).toEqual([]);
  });
});

describe('mixed scripts', () => {
  it('read a Latin look-alike letter inside a Cyrillic word as Cyrillic, offsets unchanged', () => {
    const text = 'Вчера Кaмчыбек Ташиeв приехал (Tashiev).';
    expect(inCyrillic(text)).toBe('Вчера Камчыбек Ташиев приехал (Tashiev).');
    expect(inCyrillic(text)).toHaveLength(text.length);
    expect(names(text)).toEqual(['Камчыбек Ташиев']);
  });
});
