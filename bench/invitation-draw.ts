/**
 * One invitation draw in a process of its own, so that its peak memory (maxRSS) is the draw's and not
 * the benchmark runner's. Run by bench/run.ts:
 *
 *   node --import tsx bench/invitation-draw.ts register.csv '{"count":30000,"seed":"…",…}'
 *
 * Prints one line of JSON: the time, the peak memory, and the checks of the result (the letters count,
 * one per household, the allocation per stratum, distinct invite codes).
 */

import { drawInvitations, type InvitationDrawOptions } from '../src/invitations/draw-invitations.ts';
import { normaliseAddress } from '../src/io/household.ts';

const [file, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson) as InvitationDrawOptions;
const baselineMb = process.memoryUsage().rss / 2 ** 20;
const started = performance.now();
const result = await drawInvitations(file, options);
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kibibytes on Linux.
const peakMb = process.resourceUsage().maxRSS / 1024;

const problems: string[] = [];
if (result.letters.length !== Math.min(options.count, result.households)) {
  problems.push(
    `${result.letters.length} letters for ${options.count} asked and ${result.households} households`,
  );
}
const households = new Set(
  result.letters.map((letter) =>
    (options.householdColumns ?? []).map((column) => normaliseAddress(letter.fields[column])).join('|'),
  ),
);
if (options.householdColumns !== undefined && households.size !== result.letters.length) {
  problems.push(`${result.letters.length - households.size} letters to households that already have one`);
}
const perStratum = new Map<string, number>();
for (const letter of result.letters)
  perStratum.set(letter.stratum ?? '', (perStratum.get(letter.stratum ?? '') ?? 0) + 1);
for (const stratum of result.allocation) {
  if ((perStratum.get(stratum.stratum) ?? 0) !== stratum.letters)
    problems.push(`stratum ${stratum.stratum} off its allocation`);
}
if (new Set(result.letters.map((letter) => letter.inviteCode)).size !== result.letters.length) {
  problems.push('invite codes repeat');
}

console.log(
  JSON.stringify({
    seconds,
    peakMb,
    baselineMb,
    rowsRead: result.rowsRead,
    households: result.households,
    letters: result.letters.length,
    strata: result.allocation.length,
    problems,
  }),
);
