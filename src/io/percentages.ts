/**
 * Targets given as percentages of the population, turned into whole numbers of seats for a panel
 * of `panelSize`. Products like 7 * 100 / 100 can come out as 7.000000000000001 in floating point,
 * so every rounding first forgives an error of 1e-9 seats; no real percentage is that close to a
 * whole seat without meaning it.
 */

const slack = 1e-9;

/**
 * A value that is `percent` % of the population gets the seats just below and just above its
 * exact share: 30 % of 22 seats is 6.6, so 6..7; an exact share such as 25 % of 20 is 5..5.
 */
export function seatsForShare(percent: number, panelSize: number): { min: number; max: number } {
  const exact = (percent * panelSize) / 100;
  // Math.max turns the -0 that Math.ceil gives for 0 % into a plain 0.
  return { min: Math.floor(exact + slack), max: Math.max(0, Math.ceil(exact - slack)) };
}

/**
 * A value allowed between `minPercent` and `maxPercent` of the panel gets every whole number of
 * seats inside that window: min rounds up and max rounds down, so the panel never leaves it. When
 * the window is narrower than one seat (10–12 % of 5 seats is 0.5–0.6), no whole number fits;
 * then both become the whole number nearest the middle of the window.
 */
export function seatsForRange(
  minPercent: number,
  maxPercent: number,
  panelSize: number,
): { min: number; max: number } {
  const low = (minPercent * panelSize) / 100;
  const high = (maxPercent * panelSize) / 100;
  const min = Math.max(0, Math.ceil(low - slack));
  const max = Math.floor(high + slack);
  if (min <= max) return { min, max };
  const middle = Math.round((low + high) / 2);
  return { min: middle, max: middle };
}

/**
 * Reads "12.5", "12.5 %" or "12,5" (Swedish Excel writes a decimal comma). Returns undefined for
 * anything else, including numbers outside 0..100.
 */
export function parsePercent(text: string): number | undefined {
  let number = text.trim().replace(/\s*%$/, '');
  if (/^\d+,\d+$/.test(number)) number = number.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(number)) return undefined;
  const value = Number(number);
  return value <= 100 ? value : undefined;
}
