/**
 * Whether a text looks like an e-mail address: something, an @, a domain with a dot, and no spaces.
 * Deliberately loose (the only real check is a message that arrives); one rule for every form and
 * import that takes an address, so that an address one page accepts no other page refuses.
 */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(text: string): boolean {
  return emailPattern.test(text);
}
