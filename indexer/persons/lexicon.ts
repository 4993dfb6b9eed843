/**
 * The word lists person extraction reads, in one place. Each is a closed class of the language or of
 * naming (particles, patronymic suffixes, prepositions, kinds of things and roles), never names taken
 * from a corpus; the one list of names, the commonest East Asian surnames, is from general reference.
 */

/**
 * Particles that belong to the surname after them: Марин Ле Пен, Франк де Блекере, Люк ван Велли,
 * Усама бин Ладен, Мухаммед ибн Салман, Эссам Абд Эль Фатах.
 */
export const SURNAME_PARTICLES = 'ле ля де ван фон дер дель да ди ла бин бен ибн абд аль эль'.split(
  ' ',
);

/** Of them, those Russian writes in lower case inside a name (де Блекере, ван Велли; but Ле Пен). */
export const LOWER_CASE_PARTICLES = 'де ван фон дер дель да ди бин бен ибн'.split(' ');

/** Arabic article or kinship particle joined to a name by a hyphen: аль-Хадж, эль-Масри, ибн-Сауд. */
export const ARABIC_PARTICLES = [
  'аль',
  'эль',
  'ал',
  'эл',
  'ибн',
  'бин',
  'бен',
  'абу',
  'абд',
  'ад',
  'ас',
  'ат',
  'аш',
  'аз',
  'ар',
  'ан',
] as const;

/** Kyrgyz and Kazakh "son of" and "daughter of" after a father's name: Токтосун уулу. */
export const TURKIC_PATRONYMICS = ['уулу', 'кызы'] as const;

/** Russian patronymic suffixes, with the case endings they take. */
export const PATRONYMIC_SUFFIXES = [
  'ович',
  'евич',
  'ич',
  'овна',
  'евна',
  'ична',
  'инична',
] as const;

/**
 * The commonest Chinese and Korean surnames. These names are written surname first ("Ху Цзиньтао",
 * "Ким Чен Ир") with given names that no dictionary knows, so the surname is what marks them. Only
 * with a capital: lower-case "ван" is the Dutch particle.
 */
export const EAST_ASIAN_SURNAMES = (
  'ван ли чжан лю чэнь чен ян хуан чжао чжоу ву сюй сунь ху чжу гао линь го хэ ло чжэн лян се тан хань ' +
  'цао дэн сяо фэн цзэн пэн цай пань тянь дун юань цзян ду вэнь ши си мао цзинь ким пак чхве чон хван ' +
  'кван юн пан мун сон хон'
).split(' ');

/** Parliaments written like two names (Жогорку Кенеш, Олий Мажлис): never a person. Stems. */
export const LEGISLATURE_STEMS = [
  'жогорку',
  'кенеш',
  'олий',
  'мажлис',
  'меджлис',
  'мажилис',
  'курулта',
  'хурал',
  'кнессет',
  'бундестаг',
  'бундесрат',
  'стортинг',
  'риксдаг',
  'фолькетинг',
  'альтинг',
  'сейм',
] as const;

/** Surname endings that do not decline (Ukrainian, Armenian, Georgian, ...). */
export const INVARIABLE_SURNAME_ENDINGS = [
  'енко',
  'ко',
  'ян',
  'янц',
  'дзе',
  'швили',
  'иани',
  'ук',
  'юк',
  'их',
  'ых',
] as const;

/**
 * Words that name what the capitalised words after them are: a company, a band, a car model, a place
 * ("компания Дженерал Моторс", "группа Лед Зеппелин", "модель Тойота Королла"). Stems, any case ending.
 */
export const THING_STEMS = (
  'компани авиакомпани фирм концерн корпораци холдинг банк групп агентств газет журнал издани ' +
  'телеканал канал радиостанци клуб команд сборн модел марк бренд автомобил фонд студи театр отел ' +
  'гостиниц ресторан аэропорт стадион арен турнир кубк кубок чемпионат лиг фестивал конкурс преми ' +
  'парти движени организаци завод магазин сет город остров штат провинци округ улиц проспект площад ' +
  'район фильм сериал альбом песн книг сайт портал сервис операци программ проект корабл судн спутник ' +
  'станци метро миссии мисси памятник музе мемориал монумент бюст ураган тайфун циклон шторм ' +
  'лайнер ледокол крейсер теплоход пароход эсминец фрегат авианосец подводн яхт паром'
).split(' ');

/** Heads of the things above, which make the name after them a person again ("глава компании Джон Смит"). Stems. */
export const ROLE_STEMS = (
  'глава главы руководител президент владел совладел директор гендиректор председател основател ' +
  'тренер капитан игрок вокалист солист лидер представител сотрудни менеджер акционер'
).split(' ');

/** The simple prepositions: the word after one is in the case it governs, never a subject. */
export const PREPOSITIONS = (
  'без в во для до за из изо к ко кроме между на над о об обо около от перед по под при про ради с со ' +
  'сквозь среди у через'
).split(' ');

/** Prepositions that take the prepositional case ("о Валентине Матвиенко"). */
export const LOCATIVE_PREPOSITIONS = ['о', 'об', 'обо', 'при', 'в', 'во', 'на'] as const;

/** Prepositions that put places, hardly ever persons, after them ("на" is left out: "ссылаясь на ..."). */
export const PLACE_PREPOSITIONS = ['в', 'во', 'из'] as const;

/**
 * Persons named by their relation to another person (kin, counsel, staff, allies), either gender: before
 * a name they govern its genitive ("жена Пугачёва", "адвокат Кадырова", "сторонница Навального" are
 * Пугачёв's, Кадыров's, Навальный's), unlike an office or a trade, which stands beside the name in its
 * case ("певица Пугачёва", "министр Голикова"). Stems, any ending.
 */
export const RELATION_STEMS = (
  'жен супруг вдов доч мать матер мам сестр бабушк внучк тёщ тещ свекров невестк снох племянниц тёт ' +
  'тет подруг невест любовниц мачех падчериц адвокат защитни тренер помощни советни представител ' +
  'пресс-секретар секретар охранни телохранител водител агент продюсер менеджер сторонни соратни ' +
  'противни оппонент преемни предшественни заместител поклонни'
).split(' ');

/** A pattern matching exactly one word of `words` (`prefix`: a word starting with one). */
export const oneOf = (words: readonly string[], prefix = false) =>
  new RegExp(`^(?:${words.join('|')})${prefix ? '' : '$'}`, 'iu');
