/** Chinese and Korean names, written surname first: "Ху Цзиньтао", "Ким Чен Ын", "Кима Чен Ира". */
import type { Morphology } from '../morphology.ts';
import { type Word, CYRILLIC_NAME, startsSentence } from './words.ts';
import { surnameReadings, capitalise } from './forms.ts';
import { EAST_ASIAN_SURNAMES } from './lexicon.ts';

export const EAST_ASIAN_SURNAME = new Set(EAST_ASIAN_SURNAMES);
export const EAST_ASIAN_CASE_ENDING = /^(.+?)(а|у|ом|е)$/u;
/**
 * Often only the last part of such a name declines, when it ends in a syllable-final consonant: Ким Ир
 * Сена, Мао Цзэдуном (but Ким Ён Чжу stays).
 */
export const EAST_ASIAN_LAST_DECLINED = /^(.*[аеёиоуыэюя][нрлмкпт])(?:а|у|ом|е)$/u;
export const EAST_ASIAN_LAST_DECLINED_SOFT = /^(.+[нл])(?:я|ю|ем)$/u;
/**
 * Chinese and Korean names in a run, written surname first: "Ху Цзиньтао", "Ким Чен Ир", "Кима Чен Ира".
 * Korean given names are two short syllables; a longer word is a whole (Chinese) given name.
 */
export function eastAsianNames(
  text: string,
  run: Word[],
  morphology: Morphology,
): Array<{ name: string; from: number; to: number }> {
  const found: Array<{ name: string; from: number; to: number }> = [];
  for (let i = 0; i < run.length - 1; i++) {
    if (!/^\p{Lu}/u.test((run[i] as Word).text)) continue; // "ван" in lower case is a particle
    const head = (run[i] as Word).text.toLowerCase();
    const inflected = EAST_ASIAN_CASE_ENDING.exec(head);
    const surname = EAST_ASIAN_SURNAME.has(head)
      ? head
      : inflected && EAST_ASIAN_SURNAME.has(inflected[1] as string)
        ? (inflected[1] as string)
        : null;
    if (!surname) continue;
    const syllable = (w: Word | undefined) =>
      w !== undefined && CYRILLIC_NAME.test(w.text) && w.text.length <= 4 && !w.text.includes('-');
    const two = syllable(run[i + 1]) && syllable(run[i + 2]);
    const given = run.slice(i + 1, i + (two ? 3 : 2));
    // Opening a sentence, the surname may be an ordinary capitalised word: a given name no dictionary knows must follow.
    if (
      i === 0 &&
      startsSentence(text, (run[i] as Word).start) &&
      !given.some((w) => morphology.isUnknown(w.text))
    )
      continue;
    // Short syllables (Чен, Со, Ир) are often also places or words; longer given names must not be.
    if (
      !given.every(
        (w) =>
          CYRILLIC_NAME.test(w.text) &&
          (w.text.length <= 4 ||
            !(morphology.isCommonWord(w.text) || morphology.isPlaceOrOrganisation(w.text))),
      )
    )
      continue;
    if (
      !two &&
      (morphology.givenName((given[0] as Word).text).length > 0 ||
        surnameReadings((given[0] as Word).text).length > 0)
    )
      continue; // Ян Табачник: a European name
    const ending = surname === head ? '' : head.slice(surname.length);
    const words = given.map((w) => w.text.toLowerCase());
    const lastIndex = words.length - 1;
    const last = words[lastIndex] as string;
    if (ending && last.endsWith(ending) && last.length > ending.length + 1)
      words[lastIndex] = last.slice(0, -ending.length);
    else if (!ending) {
      // Ким Ир Сена, Мао Цзэдуном; Чжоу Сюню
      const soft = EAST_ASIAN_LAST_DECLINED_SOFT.exec(last);
      words[lastIndex] = soft
        ? `${soft[1] as string}ь`
        : (EAST_ASIAN_LAST_DECLINED.exec(last)?.[1] ?? last);
    }
    found.push({ name: capitalise([surname, ...words].join(' ')), from: i, to: i + given.length });
    i += given.length;
  }
  return found;
}

/** One syllable of a Vietnamese or Burmese name: a capital, up to five letters, one group of vowels. */
const NAME_SYLLABLE = /^[А-ЯЁ][бвгджзйклмнпрстфхцчшщъь]*[аеёиоуыэюя]+[бвгджзйклмнпрстфхцчшщъь]*$/u;

/**
 * Vietnamese and Burmese names: three or more one-syllable words in a row ("Аун Сан Су Чжи", "Нгуен Тан
 * Зунг"), as written (their parts do not decline). A run that opens with a Chinese or Korean surname is
 * left to `eastAsianNames`; an ordinary word opening the sentence ("Вот") is not part of the name.
 */
export function syllableNames(
  text: string,
  run: Word[],
  morphology: Morphology,
): Array<{ name: string; from: number; to: number }> {
  const isSyllable = (w: Word) => w.text.length <= 5 && NAME_SYLLABLE.test(w.text);
  const found: Array<{ name: string; from: number; to: number }> = [];
  for (let i = 0; i < run.length; i++) {
    let to = i;
    while (to < run.length && isSyllable(run[to] as Word)) to++;
    let from = i;
    const first = run[from] as Word;
    if (from === 0 && startsSentence(text, first.start) && morphology.isCommonWord(first.text))
      from++;
    if (to - from >= 3 && !EAST_ASIAN_SURNAME.has((run[from] as Word).text.toLowerCase()))
      found.push({
        name: run
          .slice(from, to)
          .map((w) => w.text)
          .join(' '),
        from,
        to: to - 1,
      });
    i = Math.max(i, to);
  }
  return found;
}
