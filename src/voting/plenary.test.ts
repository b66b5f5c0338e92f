/**
 * The plenary vote, through the core alone: 60 members, an 80 % threshold of votes cast, 45
 * voting on their phones, 10 on a table's tablet, 5 on paper typed in twice with one mismatch found
 * and fixed; a paper voter who then tries online is refused; the tally is frozen with its hash.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptBallot, type BallotBox, type BallotContext, emptyBox } from './ballots.ts';
import { disclose } from './disclosure.ts';
import type { Ballot, Channel, Choice } from './model.ts';
import { compareEntries, type PaperEntry, paperBallots } from './paper.ts';
import { freezeTally, matchesFrozen } from './tally.ts';

const members = Array.from({ length: 60 }, (_, i) => `member-${String(i + 1).padStart(2, '0')}`);
const context: BallotContext = {
  settings: {
    rule: { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
    quorum: { kind: 'share', fraction: { numerator: 1, denominator: 2 } },
    abstentions: 'not_cast',
    secrecy: 'secret',
    opensAt: Date.UTC(2026, 11, 6, 14, 0),
    closesAt: Date.UTC(2026, 11, 6, 14, 10),
    changesAllowed: true,
  },
  eligible: new Set(members),
};
const yes: Choice = { kind: 'yes' };
const no: Choice = { kind: 'no' };
const at = (minute: number) => context.settings.opensAt + minute * 60_000;

function cast(box: BallotBox, member: string, choice: Choice, channel: Channel, minute: number): BallotBox {
  const outcome = acceptBallot(box, { member, choice, channel, at: at(minute) }, context);
  assert.ok(outcome.accepted, `${member} refused`);
  return outcome.box;
}

test('60 members, three channels, one paper mismatch fixed: 48 of 59 reaches 80 %', () => {
  let box = emptyBox;
  // 45 on their phones: 38 yes, 7 no; one changes her mind from no to yes… and back.
  members.slice(0, 45).forEach((m, i) => {
    box = cast(box, m, i < 38 ? yes : no, 'phone', 1);
  });
  box = cast(box, members[44], yes, 'phone', 2);
  box = cast(box, members[44], no, 'phone', 3);
  // 10 on the table's tablet: 7 yes, 2 no, 1 abstains.
  members.slice(45, 55).forEach((m, i) => {
    box = cast(box, m, i < 7 ? yes : i < 9 ? no : { kind: 'abstain' }, 'tablet', 4);
  });
  assert.deepEqual(disclose([...box.values()], context, at(5)), {
    phase: 'open',
    turnout: { ballots: 55, eligible: 60 },
  });

  // 5 on paper, typed in twice; the second typist hits "no" for sheet 3.
  const paper: PaperEntry[] = members
    .slice(55)
    .map((member, i) => ({ sheet: String(i + 1), member, choice: i < 3 ? yes : no }));
  const second = paper.map((e) => (e.sheet === '3' ? { ...e, choice: no } : e));
  const firstLook = compareEntries(paper, second);
  assert.deepEqual(
    firstLook.mismatches.map((m) => [m.kind, m.sheet]),
    [['differs', '3']],
  );
  assert.equal(firstLook.matching.length, 4);
  // The third look: the paper says yes; the second entry is corrected and all five match.
  const fixed = compareEntries(
    paper,
    second.map((e) => (e.sheet === '3' ? { ...e, choice: yes } : e)),
  );
  assert.deepEqual(fixed.mismatches, []);
  for (const ballot of paperBallots(fixed.matching, at(6)))
    box = cast(box, ballot.member, ballot.choice, ballot.channel, 6);

  // A paper voter cannot vote again online; nobody votes after closing.
  const again = acceptBallot(box, { member: members[57], choice: no, channel: 'online', at: at(7) }, context);
  assert.deepEqual(again, { accepted: false, refusal: 'other_channel' });
  const late = acceptBallot(
    emptyBox,
    { member: members[0], choice: no, channel: 'phone', at: at(10) },
    context,
  );
  assert.deepEqual(late, { accepted: false, refusal: 'closed' });

  const ballots: Ballot[] = [...box.values()];
  assert.equal(ballots.length, 60);
  const frozen = freezeTally({ settings: context.settings, ballots, eligible: 60 });
  assert.deepEqual(
    [frozen.tally.yes, frozen.tally.no, frozen.tally.abstain, frozen.tally.base, frozen.tally.needed],
    [48, 11, 1, 59, 48],
  );
  assert.deepEqual([frozen.tally.adopted, frozen.tally.reason], [true, 'threshold_reached']);
  assert.equal(matchesFrozen(frozen, [...ballots].reverse()), true);
  const closed = disclose(ballots, context, at(10));
  assert.equal(closed.phase === 'closed' && closed.tally.adopted, true);
});
