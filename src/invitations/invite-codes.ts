/**
 * Invite codes for the letters of a draw. Each is derived from the draw's seed and the household's
 * key with HMAC-SHA-256, so the same seed gives the same codes again (a lost letters file can be
 * rebuilt), while without the seed the codes cannot be guessed even by someone holding the register.
 * That makes the seed a secret for as long as the codes are live: it is recorded in the database
 * with the draw, never published, and should be long and random (the draw warns about a short one).
 *
 * Codes use the alphabet and the `XXXXX-XXXXX` form of src/domain/invite-code.ts. Two households of
 * one draw practically never get the same code (about 30,000² / 2 / 24¹⁰ ≈ 7 in a million for 30,000
 * letters); when they do, the later one in the draw takes the next code derived for it.
 */
import { createHmac } from 'node:crypto';
import { formatInviteCode, inviteAlphabet } from '../domain/invite-code.ts';

const CODE_LENGTH = 10;
/** Bytes below this map evenly onto the alphabet (240 = 10 × 24); the others are skipped. */
const EVEN_LIMIT = 256 - (256 % inviteAlphabet.length);

/** The code for one household key; `attempt` > 0 gives the alternatives used after a collision. */
export function inviteCodeFor(seed: string, householdKey: string, attempt = 0): string {
  let raw = '';
  for (let block = 0; raw.length < CODE_LENGTH; block++) {
    const digest = createHmac('sha256', seed)
      .update(`lotta-invite-code-v1\u0000${attempt}\u0000${block}\u0000${householdKey}`, 'utf8')
      .digest();
    for (const byte of digest) {
      if (byte < EVEN_LIMIT) raw += inviteAlphabet[byte % inviteAlphabet.length];
      if (raw.length === CODE_LENGTH) break;
    }
  }
  return formatInviteCode(raw);
}

/** Distinct codes for the households of a draw, in draw order. */
export function inviteCodesFor(seed: string, householdKeys: readonly string[]): string[] {
  const used = new Set<string>();
  return householdKeys.map((key) => {
    let attempt = 0;
    let code = inviteCodeFor(seed, key);
    while (used.has(code)) code = inviteCodeFor(seed, key, ++attempt);
    used.add(code);
    return code;
  });
}
