/** What DESIGN.md says the seed article holds: its persons, canonical and nominative. */
export const SEED_PERSONS = [
  'Акылбек Жапаров',
  'Дастан Бекешев',
  'Исхак Масалиев',
  'Камчыбек Ташиев',
  'Касым-Жомарт Токаев',
  'Нурсултан Назарбаев',
  'Сооронбай Жээнбеков',
  'Талант Мамытов',
];
