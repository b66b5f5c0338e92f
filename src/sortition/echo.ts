/** How many characters of a value from an input a message repeats; the rest is left out. */
export const echoCharacters = 60;

/**
 * A value from an input file or form as a message may repeat it: at most `echoCharacters`
 * characters, line breaks and other control characters shown as spaces, and "…" where it was cut.
 * A message that repeated a whole 20 MB key would be 20 MB long (and a summary that names it in
 * every line, far more); a cut one still lets the person find it.
 */
export function shorten(value: string): string {
  const head = value.length > echoCharacters * 4 ? value.slice(0, echoCharacters * 4) : value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const chars = Array.from(head.replace(/[\u0000-\u001f\u007f]+/g, ' '));
  return chars.length > echoCharacters || head.length < value.length
    ? `${chars.slice(0, echoCharacters - 1).join('')}…`
    : chars.join('');
}

/** How long a whole message may get; names in it are already shortened, so only a stray one hits this. */
export const messageCharacters = 2_000;

/**
 * A whole message or summary line cut to `max` characters: the last guard, for text built somewhere
 * that forgot to shorten what the person typed.
 */
export function clip(text: string, max = messageCharacters): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
