/**
 * Plenary votes through the app: an organiser sets up an 80 % vote on a recommendation at a session,
 * opens it, members present vote (47 of 59 yes: below 80 %), the projector shows turnout and never the
 * result while open, closing freezes the tally with its hash and settles the recommendation; paper
 * ballots typed twice with a mismatch found and corrected; an amendment adopted by vote written into
 * the text; bad settings refused with the form kept; and one ballot per member when the same member's
 * ballots race on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { checkIn } from '../../src/commands/attendance.ts';
import {
  createRecommendation,
  proposeAmendment,
  saveWorkingGroup,
} from '../../src/commands/recommendations.ts';
import { castBallot, closeVote, createVote, openVote, type VoteDraft } from '../../src/commands/votes.ts';
import type { Database } from '../../src/db/connect.ts';
import { findVote, isOnRoll, listBallots, voteRoll } from '../../src/repositories/votes.ts';
import type { Choice } from '../../src/voting/model.ts';
import { type Person, seedPanel, sessionAroundNow } from '../support/attendance.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let members: Person[];
let absent: Person;
let sessionId: string;
let recommendationId: string;
let organiser: TestClient;
let facilitator: TestClient;
let evaluator: TestClient;

const names = Array.from({ length: 61 }, (_, i) => `Medlem ${String(i + 1).padStart(2, '0')} Ödegård`);

async function staff(email: string, role: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  await createStaff(t, email);
  await grantRole(t.database, t.adminActor, assemblyId, email, role);
  await client.logIn(email);
  return client;
}

async function groupWithRecommendation(
  database: Database,
  actor: TestApp['adminActor'],
  assembly: string,
  people: Person[],
) {
  const groupId = await saveWorkingGroup(database, actor, assembly, null, {
    nameSv: 'Transporter',
    nameEn: 'Transport',
    facilitatorId: '',
    memberIds: people.slice(0, 3).map((p) => p.id),
  });
  return createRecommendation(database, actor, assembly, groupId, {
    title: 'Gratis kollektivtrafik för unga',
    body: 'Kommunen inför gratis kollektivtrafik för alla under 20 år.\n\nÅtgärden utvärderas efter två år.',
    rationale: 'Unga åker mer kollektivt när det är gratis.',
  });
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  const panel = await seedPanel(t.database, assemblyId, names);
  members = panel.members.slice(0, 60);
  absent = panel.members[60];
  sessionId = await sessionAroundNow(t.database, t.adminActor, assemblyId, 'Plenum', -30, 180);
  for (const m of members) await checkIn(t.database, t.adminActor, assemblyId, sessionId, m.id);
  recommendationId = await groupWithRecommendation(t.database, t.adminActor, assemblyId, members);
  organiser = await staff('organiser@lotta.test', 'organiser');
  facilitator = await staff('facilitator@lotta.test', 'facilitator');
  evaluator = await staff('evaluator@lotta.test', 'evaluator');
});
after(() => t.close());

const base = () => `/a/${assemblyId}/votes`;

const eightyPercent = {
  subject: 'recommendation',
  recommendation: '',
  question: '',
  session: '',
  rule: 'supermajority',
  share: '80 %',
  base: 'cast',
  quorum: 'share',
  quorum_share: '1/2',
  abstentions: 'not_cast',
  secrecy: 'secret',
  duration: '30',
};

async function newVote(client: TestClient, fields: Record<string, string>): Promise<string> {
  await client.get(`${base()}/new`);
  const reply = await client.post(`${base()}/new`, fields);
  assert.equal(reply.status, 303, reply.text.slice(0, 3000));
  const id = /votes\/([\w-]+)\?/.exec(reply.headers.get('location') ?? '')?.[1];
  assert.ok(id);
  return id;
}

test('a recommendation sent to the plenary offers organisers to put it to a vote, the form filled in', async () => {
  const recommendations = `/a/${assemblyId}/recommendations/${recommendationId}`;
  await organiser.get(recommendations);
  assert.equal((await organiser.post(`${recommendations}/status`, { status: 'plenary' })).status, 303);
  const page = await organiser.get(recommendations);
  assert.match(page.text, new RegExp(`votes/new\\?recommendation=${recommendationId}`));
  assert.doesNotMatch(
    (await facilitator.get(recommendations)).text,
    /votes\/new/,
    'only those who run votes',
  );
  const form = await organiser.get(`${base()}/new?recommendation=${recommendationId}`);
  assert.match(form.text, new RegExp(`<option value="${recommendationId}" selected`));
});

test('an 80 % vote of those present: 47 of 59 is not enough, the projector never shows the result early', async () => {
  const id = await newVote(organiser, {
    ...eightyPercent,
    recommendation: recommendationId,
    session: sessionId,
  });
  const draft = await organiser.get(`${base()}/${id}`);
  assert.match(draft.text, /Gratis kollektivtrafik för unga/, 'an empty question takes the title');
  assert.equal((await organiser.post(`${base()}/${id}/open`, {})).status, 303);
  const actor = t.adminActor;
  for (const [i, m] of members.slice(0, 59).entries()) {
    const choice: Choice = i < 47 ? { kind: 'yes' } : { kind: 'no' };
    await castBallot(t.database, actor, assemblyId, { voteId: id, personId: m.id, choice, channel: 'phone' });
  }
  await assert.rejects(
    castBallot(t.database, actor, assemblyId, {
      voteId: id,
      personId: absent.id,
      choice: { kind: 'yes' },
      channel: 'phone',
    }),
    /vote_refused.not_eligible/,
    'a member not present at the session may not vote',
  );
  const stored = (await findVote(t.database.db, assemblyId, id))!;
  const roll = await voteRoll(t.database.db, stored);
  for (const p of [...members, absent])
    assert.equal(
      await isOnRoll(t.database.db, stored, p.id),
      roll.eligible.has(p.id),
      'one member read alone, as the roll says',
    );
  const projector = await evaluator.get(`${base()}/${id}/projector`);
  assert.equal(projector.status, 200);
  assert.match(projector.text, /59 of 60 have voted|59 av 60 har röstat/);
  assert.doesNotMatch(projector.text, /Adopted|Antagen|Not adopted|Inte antagen|vote-result/);
  assert.equal(projector.headers.get('refresh'), '3', 'the projector follows the turnout');
  assert.equal(
    (await evaluator.post(`${base()}/${id}/close`, {})).status,
    403,
    'evaluators do not close votes',
  );
  assert.equal((await organiser.post(`${base()}/${id}/close`, {})).status, 303);
  const closed = await evaluator.get(`${base()}/${id}/projector`);
  assert.match(closed.text, /Inte antagen|Not adopted/);
  assert.match(closed.text, /47 av 59|47 of 59/);
  assert.match(closed.text, /48/, 'the threshold line: 80 % of 59 is 47.2, so 48');
  assert.equal(closed.headers.get('refresh'), null, 'a closed vote stays on the screen');
  const vote = await findVote(t.database.db, assemblyId, id);
  assert.equal(vote?.frozen?.tally.ballots, 59);
  assert.equal(vote?.frozen?.tally.adopted, false);
  assert.match(vote?.frozen?.hash ?? '', /^[0-9a-f]{64}$/);
  const page = await organiser.get(`${base()}/${id}`);
  assert.match(page.text, new RegExp(vote?.frozen?.hash ?? 'x'));
  assert.match(page.text, /still match|stämmer fortfarande/);
  const recommendation = await t.database.db
    .selectFrom('recommendations')
    .select('status')
    .where('id', '=', recommendationId)
    .executeTakeFirstOrThrow();
  assert.equal(recommendation.status, 'not_adopted');
  await assert.rejects(
    castBallot(t.database, actor, assemblyId, {
      voteId: id,
      personId: members[59].id,
      choice: { kind: 'yes' },
      channel: 'phone',
    }),
    /vote_refused.closed/,
  );
  const audit = await t.database.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('subject_id', '=', id)
    .execute();
  assert.equal(audit.filter((a) => a.action === 'votes.ballot').length, 59);
  assert.ok(
    audit.every((a) => !/"yes"|"no"/.test(a.details ?? '')),
    'the audit never records a choice',
  );
});

async function openProcedureVote(extra: Record<string, string> = {}): Promise<string> {
  const id = await newVote(organiser, {
    ...eightyPercent,
    subject: 'procedure',
    question: 'Ska vi ta paus nu?',
    rule: 'majority',
    share: '',
    quorum: 'none',
    session: sessionId,
    ...extra,
  });
  assert.equal((await organiser.post(`${base()}/${id}/open`, {})).status, 303);
  return id;
}

function typed(lines: [string, Person, string][]): Record<string, string> {
  const fields: Record<string, string> = {};
  lines.forEach(([sheet, person, choice], i) => {
    fields[`sheet_${i + 1}`] = sheet;
    fields[`member_${i + 1}`] = person.id;
    fields[`choice_${i + 1}`] = choice;
  });
  return fields;
}

test('paper ballots typed twice: a mismatch is listed, corrected, then counted; one typist cannot type both', async () => {
  const id = await openProcedureVote();
  await castBallot(t.database, t.adminActor, assemblyId, {
    voteId: id,
    personId: members[0].id,
    choice: { kind: 'yes' },
    channel: 'phone',
  });
  await organiser.get(`${base()}/${id}`);
  const added = await organiser.post(`${base()}/${id}/paper`, { label: 'Bord 3', collected: '' });
  assert.equal(added.status, 400, 'a stack needs its time');
  assert.match(added.text, /Bord 3/, 'what was typed is kept');
  const now = new Date();
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'short',
  })
    .format(now)
    .replace(' ', 'T');
  const stack = await organiser.post(`${base()}/${id}/paper`, { label: 'Bord 3', collected: local });
  assert.equal(stack.status, 303, stack.text.slice(0, 2000));
  const typingUrl = stack.headers.get('location') ?? '';
  const stackBase = typingUrl.slice(0, -2);
  const five: [string, Person, string][] = [
    ['1', members[1], 'yes'],
    ['2', members[2], 'yes'],
    ['3', members[3], 'no'],
    ['4', members[4], 'abstain'],
    ['5', members[0], 'yes'],
  ];
  await organiser.get(typingUrl);
  assert.equal((await organiser.post(`${stackBase}/1`, typed(five))).status, 303);
  const sameTypist = await organiser.post(`${stackBase}/2`, typed(five));
  assert.equal(sameTypist.status, 400);
  assert.match(sameTypist.text, /someone else|någon annan/);
  const slip = five.map((l, i): [string, Person, string] => (i === 2 ? [l[0], l[1], 'yes'] : l));
  await facilitator.get(`${stackBase}/2`);
  assert.equal((await facilitator.post(`${stackBase}/2`, typed(slip))).status, 303);
  const compared = await organiser.get(`${base()}/${id}`);
  assert.match(compared.text, /Ballot 3: the two entries differ|Röstsedel 3|entries differ/);
  assert.match(compared.text, /3 paper ballots counted|3 pappersröster räknade/);
  assert.match(compared.text, /Ballot 5|Röstsedel 5/, 'the member who voted by phone is refused on paper');
  assert.match(compared.text, /another way|på ett annat sätt|redan röstat/);
  // The third look: the paper says no; the second typing is corrected.
  assert.equal((await facilitator.post(`${stackBase}/2`, typed(five))).status, 303);
  const fixed = await organiser.get(`${base()}/${id}`);
  assert.match(fixed.text, /4 paper ballots counted|4 pappersröster räknade/);
  const ballots = await listBallots(t.database.db, id);
  assert.equal(ballots.length, 5);
  assert.equal(ballots.filter((b) => b.channel === 'paper').length, 4);
  assert.deepEqual(ballots.find((b) => b.member === members[3].id)?.choice, { kind: 'no' });
  await assert.rejects(
    castBallot(t.database, t.adminActor, assemblyId, {
      voteId: id,
      personId: members[1].id,
      choice: { kind: 'no' },
      channel: 'online',
    }),
    /vote_refused.other_channel/,
    'a member who voted on paper cannot vote again online',
  );
});

test('an amendment adopted by a named vote is written into the text as a new version', async () => {
  // A recommendation still open: amendments are voted on before the recommendation itself.
  const recommendationId = await groupWithRecommendation(t.database, t.adminActor, assemblyId, members);
  const amendmentId = await proposeAmendment(t.database, t.adminActor, assemblyId, recommendationId, {
    personId: members[5].id,
    passage: 'efter två år',
    replacement: 'efter ett år',
    reason: 'Snabbare besked.',
  });
  const id = await newVote(organiser, {
    ...eightyPercent,
    subject: 'amendment',
    recommendation: recommendationId,
    amendment: amendmentId,
    rule: 'majority',
    share: '',
    quorum: 'none',
    secrecy: 'named',
  });
  await organiser.post(`${base()}/${id}/open`, {});
  for (const m of members.slice(0, 3))
    await castBallot(t.database, t.adminActor, assemblyId, {
      voteId: id,
      personId: m.id,
      choice: { kind: 'yes' },
      channel: 'tablet',
    });
  await castBallot(t.database, t.adminActor, assemblyId, {
    voteId: id,
    personId: members[3].id,
    choice: { kind: 'no' },
    channel: 'phone',
  });
  await organiser.post(`${base()}/${id}/close`, {});
  const after = await t.database.db
    .selectFrom('recommendations')
    .select(['body', 'version'])
    .where('id', '=', recommendationId)
    .executeTakeFirstOrThrow();
  assert.match(after.body, /efter ett år/);
  assert.equal(after.version, 2);
  const amendment = await t.database.db
    .selectFrom('amendments')
    .select('status')
    .where('id', '=', amendmentId)
    .executeTakeFirstOrThrow();
  assert.equal(amendment.status, 'accepted');
  const page = await evaluator.get(`${base()}/${id}`);
  assert.match(page.text, /Medlem 04 Ödegård/, 'a named vote shows who chose what once closed');
});

test('bad settings are refused next to their fields with what was typed kept', async () => {
  await organiser.get(`${base()}/new`);
  const reply = await organiser.post(`${base()}/new`, {
    ...eightyPercent,
    subject: 'procedure',
    question: '',
    share: '66,7',
    duration: '2000',
  });
  assert.equal(reply.status, 400);
  assert.match(reply.text, /66,7/);
  assert.match(reply.text, /whole percentage|hel procentsats/);
  assert.match(reply.text, /whole number|heltal/);
  const procedure = await organiser.post(`${base()}/new`, {
    ...eightyPercent,
    subject: 'procedure',
    question: '  ',
  });
  assert.equal(procedure.status, 400);
  assert.match(procedure.text, /Type the question|Skriv frågan/);
  const facilitatorTries = await facilitator.post(`${base()}/new`, {
    ...eightyPercent,
    subject: 'procedure',
    question: 'Paus?',
  });
  assert.equal(facilitatorTries.status, 403);
});

test('on PostgreSQL, one ballot per member when her requests race, and a change counts once', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const assembly = await createTestAssembly(pg);
    const { members: people } = await seedPanel(pg.database, assembly, names.slice(0, 4));
    const draft: VoteDraft = {
      subject: 'procedure',
      recommendationId: null,
      amendmentId: null,
      question: 'Paus?',
      sessionId: null,
      online: true,
      options: {
        rule: { kind: 'majority' },
        quorum: { kind: 'none' },
        abstentions: 'not_cast',
        secrecy: 'secret',
        changesAllowed: true,
      },
      durationMinutes: 10,
    };
    const id = await createVote(pg.database, pg.adminActor, assembly, draft);
    await openVote(pg.database, pg.adminActor, assembly, id);
    const cast = (choice: Choice) =>
      castBallot(pg.database, pg.adminActor, assembly, {
        voteId: id,
        personId: people[0].id,
        choice,
        channel: 'online',
      });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => cast({ kind: i % 2 ? 'yes' : 'no' })),
    );
    // A request that reaches the box after a later one of hers was stored is refused as superseded;
    // nothing else may fail, and none may be counted twice.
    const refusals = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [String(o.reason?.code ?? o.reason)] : [],
    );
    assert.ok(
      refusals.every((code) => code === 'vote_refused.superseded'),
      refusals.join(', '),
    );
    assert.ok(outcomes.some((o) => o.status === 'fulfilled'));
    const ballots = await listBallots(pg.database.db, id);
    assert.equal(ballots.length, 1);
    await closeVote(pg.database, pg.adminActor, assembly, id);
    const vote = await findVote(pg.database.db, assembly, id);
    assert.equal(vote?.frozen?.tally.ballots, 1);
  } finally {
    await pg.close();
  }
});
