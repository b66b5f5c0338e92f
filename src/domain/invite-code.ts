/**
 * Invite codes printed on letters: short, typed by hand from paper, so the alphabet leaves out
 * characters people confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B). Ten characters of 24 give almost 46 bits: with
 * registration attempts rate-limited, guessing a live code is hopeless.
 */
import { randomInt } from 'node:crypto';

export const inviteAlphabet = '3469ACDEFGHJKMNPQRTUVWXY';
const length = 10;

/** A fresh code from the operating system's random source, shown as `XXXXX-XXXXX`. */
export function newInviteCode(): string {
  let raw = '';
  for (let i = 0; i < length; i++) raw += inviteAlphabet[randomInt(inviteAlphabet.length)];
  return formatInviteCode(raw);
}

export function formatInviteCode(raw: string): string {
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/**
 * What someone typed, in canonical form, or null when it cannot be a code. Spaces, dashes and case
 * do not matter.
 */
export function normaliseInviteCode(typed: string): string | null {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== length) return null;
  for (const ch of raw) if (!inviteAlphabet.includes(ch)) return null;
  return formatInviteCode(raw);
}

/**
 * At most this many codes in one assembly, however they were made (letters of a draw, codes made by
 * hand). Every live code makes guessing one easier: at this many, 46 bits still leave about 2^25
 * guesses per hit, which the registration rate limit stretches over years. No assembly sends more
 * letters: national ones send tens of thousands.
 */
export const maxInvitationsPerAssembly = 2_000_000;

/** Whether `adding` more codes would take an assembly holding `existing` past its limit. */
export function exceedsInvitationLimit(
  existing: number,
  adding: number,
  max = maxInvitationsPerAssembly,
): boolean {
  return existing + adding > max;
}
