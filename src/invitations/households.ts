/**
 * Households of a register extract: rows with the same address get at most one letter between them.
 *
 * Two spellings of an address are the same household when they agree after the normalisation that
 * `lotta select --household` uses (src/io/household.ts): Unicode NFKC, lower case, punctuation and
 * runs of spaces folded to one space, trimmed. So "Storgatan 12 B" and "STORGATAN 12 b." agree;
 * "Storg. 12" and "Storgatan 12" do not (abbreviations are not expanded: guessing them would join
 * households that are not the same). Lower-casing is locale-independent, which for Swedish letters
 * is the same as the sv locale's.
 *
 * A household is kept as a 53-bit hash, not as text, so that millions of rows fit in a few typed
 * arrays. The hash is seeded from the draw's seed and is used directly as the household's random
 * priority in the draw (src/invitations/sample.ts): households are drawn in ascending order of it.
 * Two different addresses share a hash with probability about n²/2⁵⁴ (0.1 % for 4 million
 * households); they would then count as one household in that draw, and another seed separates them.
 */
import { createHash } from 'node:crypto';
import { normaliseAddress } from '../io/household.ts';

/** The cells of one row, as the register reader hands them over: bytes plus cell positions. */
export interface CellSource {
  readonly bytes: Uint8Array;
  start(cell: number): number;
  end(cell: number): number;
  /** The decoded cell (doubled quotes undone). */
  text(cell: number): string;
}

/** Marks a separator (punctuation or white space) and a character the fast path leaves to the slow one. */
const SEPARATOR = -1;
const SLOW = -2;
/** Fed between address parts and before row numbers: beyond Unicode, so no text can imitate it. */
const PART_END = 0x110000;
const ROW_DOMAIN = 0x110001;

/**
 * What the normalisation does to each character that the byte path handles on its own: ASCII, and
 * the Latin-1 letters (U+00C0–U+00FF, two bytes starting 0xC3) that Swedish names and addresses use.
 * Built from `normaliseAddress` itself, so the two paths cannot drift apart. None of these characters
 * combines with a neighbour under NFKC, so mapping them one by one is exact.
 */
function foldTable(from: number, count: number): Int32Array {
  const table = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const char = String.fromCharCode(from + i);
    const folded = normaliseAddress(`a${char}a`);
    if (folded === 'a a') table[i] = SEPARATOR;
    else if (folded.length === 3 && folded.charCodeAt(1) <= 0xff) table[i] = folded.charCodeAt(1);
    else table[i] = SLOW;
  }
  return table;
}

const ASCII_FOLD = foldTable(0, 0x80);
const LATIN_FOLD = foldTable(0xc0, 0x40);

/** Two 32-bit words from SHA-256 of the seed and a purpose, so that each use of the seed is independent. */
export function seedWords(seed: string, purpose: string): [number, number] {
  const digest = createHash('sha256')
    .update(`lotta-invitations-v1\u0000${purpose}\u0000${seed}`, 'utf8')
    .digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}

function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * Seeded hashing of household keys: two 32-bit lanes fed one character at a time, mixed together at
 * the end into 53 bits. Not cryptographic: it only has to spread addresses evenly, and the invite
 * codes, which must be unguessable, come from HMAC-SHA-256 instead.
 */
export class HouseholdHasher {
  private readonly seed1: number;
  private readonly seed2: number;
  private h1 = 0;
  private h2 = 0;
  private units = 0;

  constructor(seed: string) {
    [this.seed1, this.seed2] = seedWords(seed, 'households');
  }

  /** The hash of one row's address cells, or null when all of them are blank (the address is unknown). */
  hashCells(row: CellSource, columns: readonly number[]): number | null {
    this.reset();
    let any = false;
    for (const column of columns) {
      // foldBytes keeps its state only when it gets through the cell; otherwise the text path redoes it.
      let emitted = this.foldBytes(row.bytes, row.start(column), row.end(column));
      if (emitted < 0) emitted = this.feedText(normaliseAddress(row.text(column)));
      if (emitted > 0) any = true;
      this.unit(PART_END);
    }
    return any ? this.finish() : null;
  }

  /** The same hash from address texts (the reference the byte path must agree with). */
  hashParts(parts: readonly string[]): number | null {
    this.reset();
    let any = false;
    for (const part of parts) {
      if (this.feedText(normaliseAddress(part)) > 0) any = true;
      this.unit(PART_END);
    }
    return any ? this.finish() : null;
  }

  /** A household of one row, for rows without an address and for draws without household columns. */
  hashRow(line: number): number {
    this.reset();
    this.unit(ROW_DOMAIN);
    this.unit(line % 0x100000000);
    this.unit(Math.floor(line / 0x100000000));
    return this.finish();
  }

  private reset(): void {
    this.h1 = this.seed1;
    this.h2 = this.seed2;
    this.units = 0;
  }

  /**
   * Lane 1 is a MurmurHash3 step, lane 2 an FNV-1a step with another start: cheap per character, and
   * two addresses share a hash only if both lanes collide. `foldBytes` repeats these lines inline
   * because it runs for every character of millions of addresses.
   */
  private unit(c: number): void {
    const k = Math.imul(rotl(Math.imul(c, 0xcc9e2d51), 15), 0x1b873593);
    this.h1 = (Math.imul(rotl(this.h1 ^ k, 13), 5) + 0xe6546b64) | 0;
    this.h2 = Math.imul(this.h2 ^ c, 0x01000193);
    this.units++;
  }

  private feedText(text: string): number {
    for (let i = 0; i < text.length; i++) this.unit(text.charCodeAt(i));
    return text.length;
  }

  /**
   * Folds and feeds one cell straight from its UTF-8 bytes, or returns -1 when a character needs the
   * full Unicode normalisation (the caller then starts the cell again from its text). Doubled quotes
   * in quoted cells need no undoing here: a quote is punctuation, and a run of punctuation folds to
   * one space either way.
   */
  private foldBytes(bytes: Uint8Array, start: number, end: number): number {
    let h1 = this.h1;
    let h2 = this.h2;
    let emitted = 0;
    let pendingSpace = false;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      let c: number;
      if (byte < 0x80) c = ASCII_FOLD[byte];
      else if (byte === 0xc3 && i + 1 < end) c = LATIN_FOLD[bytes[++i] & 0x3f];
      else return -1;
      if (c === SEPARATOR) {
        if (emitted > 0) pendingSpace = true;
        continue;
      }
      if (c === SLOW) return -1;
      if (pendingSpace) {
        const k = Math.imul(rotl(Math.imul(0x20, 0xcc9e2d51), 15), 0x1b873593);
        h1 = (Math.imul(rotl(h1 ^ k, 13), 5) + 0xe6546b64) | 0;
        h2 = Math.imul(h2 ^ 0x20, 0x01000193);
        emitted++;
        pendingSpace = false;
      }
      const k = Math.imul(rotl(Math.imul(c, 0xcc9e2d51), 15), 0x1b873593);
      h1 = (Math.imul(rotl(h1 ^ k, 13), 5) + 0xe6546b64) | 0;
      h2 = Math.imul(h2 ^ c, 0x01000193);
      emitted++;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.units += emitted;
    return emitted;
  }

  private finish(): number {
    let h1 = this.h1 ^ this.units;
    let h2 = this.h2 ^ this.units;
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    return (h1 >>> 11) * 0x100000000 + (h2 >>> 0);
  }
}

/**
 * The household's key as text: the normalised address parts, or null when all are blank. Invite
 * codes are derived from it, so a household keeps its code when the file is re-exported in another
 * order.
 */
export function householdKeyText(parts: readonly string[]): string | null {
  const normalised = parts.map(normaliseAddress);
  return normalised.every((part) => part === '') ? null : JSON.stringify(normalised);
}
