/**
 * One-part names resolved across the index: a surname an article gives alone ("Лавров") becomes the one
 * full name that any article of the index gives for that surname ("Сергей Лавров"), whatever order the
 * articles came in. Pure: all articles' names in, the canonical name of each out.
 */

const normalise = (name: string) => name.toLowerCase().replaceAll('ё', 'е');

/** The surname of a full canonical name: its words after the first given name (Ле Пен, Токтосун уулу). */
const surnameOf = (name: string) => normalise(name.split(' ').slice(1).join(' '));

/**
 * For each article (its canonical names, as the extractor gives them), a map from each of its names to
 * its name in the index: a one-word name the index knows one full name for (by that surname) becomes that
 * name; every other name stays. Two names of one article that resolve to one person give one value.
 */
export function resolveAcrossArticles(
  articles: readonly (readonly string[])[],
): Array<Map<string, string>> {
  const fullBySurname = new Map<string, Set<string>>();
  for (const names of articles)
    for (const name of names) {
      if (!name.includes(' ')) continue;
      // Both the whole surname and its last word: "Ле Пен" or "Пен" alone, "Токтосун уулу" or "Токтосун".
      const surname = surnameOf(name);
      for (const key of new Set([surname, surname.split(' ').at(-1) as string])) {
        const set = fullBySurname.get(key) ?? new Set<string>();
        set.add(name);
        fullBySurname.set(key, set);
      }
    }
  return articles.map(
    (names) =>
      new Map(
        names.map((name) => {
          const full = name.includes(' ') ? undefined : fullBySurname.get(normalise(name));
          return [name, full?.size === 1 ? ([...full][0] as string) : name];
        }),
      ),
  );
}

/** The names of each article after resolution, each once. */
export function resolvedNames(articles: readonly (readonly string[])[]): string[][] {
  return resolveAcrossArticles(articles).map((map) => [...new Set(map.values())]);
}
