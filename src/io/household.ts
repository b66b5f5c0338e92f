/**
 * Households: people who live together may not sit on the same panel. Addresses are typed by hand,
 * so they are compared loosely, and only a pseudonymous key leaves this module.
 */

/**
 * The form in which two spellings of one address compare equal: "12 Main St." and " 12  main st"
 * agree. Punctuation becomes a space (so "Ann-Marie" meets "Ann Marie") and NFKC folds the two
 * ways of writing "å" that different systems produce.
 */
export function normaliseAddress(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{P}+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Gives each person (one array of address cells each) a household key `h1`, `h2`, ... numbered in
 * order of first appearance, or `undefined` when nobody shares it. Someone whose address cells are
 * all blank is alone: blanks mean "unknown", not "the same place".
 */
export function householdKeys(addresses: readonly (readonly string[])[]): (string | undefined)[] {
  const keys = addresses.map((cells) => {
    const parts = cells.map(normaliseAddress);
    return parts.every((part) => part === '') ? undefined : JSON.stringify(parts);
  });
  const sizes = new Map<string, number>();
  for (const key of keys) if (key !== undefined) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  const names = new Map<string, string>();
  return keys.map((key) => {
    if (key === undefined || (sizes.get(key) ?? 0) < 2) return undefined;
    let name = names.get(key);
    if (name === undefined) {
      name = `h${names.size + 1}`;
      names.set(key, name);
    }
    return name;
  });
}
