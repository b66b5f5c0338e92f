/**
 * Strata of a stratified draw: the values of one register column (usually the municipality). Two
 * spellings that differ only in case, spacing or Unicode form ("Malmö", " MALMÖ") are one stratum,
 * shown as first spelled in the file; any other difference makes two strata, because an area code
 * and an area name that merely look alike must not be merged by guesswork.
 */

/** The form in which two spellings of one stratum compare equal. */
export function stratumKey(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** At most this many strata: a column with more values is an identifier, not an area. */
export const MAX_STRATA = 65_535;

/** Numbers the strata in order of first appearance. */
export class Strata {
  /** Labels as first spelled (trimmed), by stratum number. */
  readonly labels: string[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly bySpelling = new Map<string, number>();
  /** Spellings as raw cell bytes, by an FNV-1a hash of the bytes, so that most rows need no decoding. */
  private readonly byBytes = new Map<number, { bytes: Buffer; number: number }[]>();
  private cachedSpellings = 0;

  /** The stratum number of a cell's text; -1 when there would be more than MAX_STRATA. */
  numberOf(value: string): number {
    const known = this.bySpelling.get(value);
    if (known !== undefined) return known;
    const key = stratumKey(value);
    let number = this.byKey.get(key);
    if (number === undefined) {
      if (this.labels.length >= MAX_STRATA) return -1;
      number = this.labels.length;
      this.labels.push(value.trim());
      this.byKey.set(key, number);
    }
    // Spellings are few in a real area column; the bound keeps a column of ids from filling memory.
    if (this.bySpelling.size < 4 * MAX_STRATA) this.bySpelling.set(value, number);
    return number;
  }

  /**
   * As `numberOf` for a cell given as bytes (`decode` gives its text when the bytes are new). A
   * register has millions of rows but only a few hundred spellings of its areas.
   */
  numberOfBytes(bytes: Buffer, start: number, end: number, decode: () => string): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const candidates = this.byBytes.get(hash);
    if (candidates !== undefined) {
      for (const known of candidates) {
        if (sameBytes(known.bytes, bytes, start, end)) return known.number;
      }
    }
    const number = this.numberOf(decode());
    if (number >= 0 && this.cachedSpellings < 4 * MAX_STRATA) {
      const known = { bytes: Buffer.from(bytes.subarray(start, end)), number };
      if (candidates === undefined) this.byBytes.set(hash, [known]);
      else candidates.push(known);
      this.cachedSpellings++;
    }
    return number;
  }

  /** The stratum number of a label or a spelling of it, or undefined when no row has it. */
  find(value: string): number | undefined {
    return this.byKey.get(stratumKey(value));
  }
}

/** Compares a few bytes in place; Buffer.compare costs more than the comparison for short cells. */
function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}
