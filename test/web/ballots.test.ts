/**
 * Members voting through their own channels: her phone through her personal link (a receipt, a double
 * tap absorbed, a change allowed or not, a ballot after closing refused, no result while open), online
 * from outside the room (and not again after a paper ballot), and the table's tablet with the code on
 * her name card (a wrong code refused, five wrong codes pausing her name). One run on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import {
  createRecommendation,
  proposeAmendment,
  saveWorkingGroup,
} from '../../src/commands/recommendations.ts';
import { castBallot, closeVote, createVote, ensureCardCodes, openVote } from '../../src/commands/votes.ts';
import { savePendingSeating } from '../../src/repositories/seating.ts';
import type { VoteRule } from '../../src/voting/model.ts';
import { type Person, seedPanel } from '../support/attendance.ts';
import { deliberationNow, mark } from '../support/seating.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

function suite(kind: 'sqlite' | 'postgres') {
  let t: TestApp;
  let assemblyId: string;
  let sessionId: string;
  let present: Person[];
  let away: Person[];
  let host: TestClient;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ kind });
    assemblyId = await createTestAssembly(t);
    const { members } = await seedPanel(t.database, assemblyId);
    present = members.slice(0, 20);
    away = members.slice(20);
    sessionId = await deliberationNow(t.database, t.adminActor, assemblyId);
    await mark(t.database, assemblyId, sessionId, present, 'present');
    await mark(t.database, assemblyId, sessionId, away, 'absent');
    host = new TestClient(t.app);
    hostId = await createStaff(t, 'host@lotta.test');
    await grantRole(t.database, t.adminActor, assemblyId, 'host@lotta.test', 'host');
    await host.logIn('host@lotta.test');
  });
  after(() => t.close());

  async function openedVote(
    question: string,
    options: {
      changes?: boolean;
      online?: boolean;
      rule?: VoteRule;
      session?: boolean;
      on?: { subject: 'recommendation' | 'amendment'; recommendationId: string; amendmentId: string | null };
    } = {},
  ): Promise<string> {
    const id = await createVote(t.database, t.adminActor, assemblyId, {
      subject: 'procedure',
      recommendationId: null,
      amendmentId: null,
      ...options.on,
      question,
      sessionId: options.session === false ? null : sessionId,
      online: options.online ?? false,
      options: {
        rule: options.rule ?? { kind: 'majority' },
        quorum: { kind: 'none' },
        abstentions: 'cast',
        secrecy: 'secret',
        changesAllowed: options.changes ?? false,
      },
      durationMinutes: 30,
    });
    await openVote(t.database, t.adminActor, assemblyId, id);
    return id;
  }

  async function memberClient(person: Person): Promise<TestClient> {
    const client = new TestClient(t.app);
    const token = await issueMemberLink(t.database, t.adminActor, assemblyId, person.id);
    assert.equal((await client.get(`/m/${token}`)).status, 303);
    // Her home page gives the form token, as a phone that opened the link has it.
    await client.get('/member');
    return client;
  }

  async function ballotsOf(voteId: string) {
    return t.database.db
      .selectFrom('ballots')
      .select(['person_id', 'choice', 'channel', 'receipt', 'changes', 'recorded_by', 'reason', 'level'])
      .where('vote_id', '=', voteId)
      .execute();
  }

  const receiptCode = (text: string) => /Receipt code: ([A-Z0-9]{8})/.exec(text)?.[1];

  test('a member in the room votes yes on her phone and gets a receipt; a double tap changes nothing', async () => {
    const voteId = await openedVote('Ska vi ta paus?');
    const member = await memberClient(present[0]);
    const home = await member.get('/member');
    assert.match(home.text, /href="\/member\/votes"[^>]*>\s*A vote is open/);
    const list = await member.get('/member/votes');
    assert.match(list.text, /Ska vi ta paus\?/);
    const page = await member.get(`/member/votes/${voteId}`);
    assert.equal(page.status, 200);
    for (const choice of ['yes', 'no', 'abstain'])
      assert.match(page.text, new RegExp(`name="choice" value="${choice}"`));
    assert.match(page.text, /You vote with your phone, in the room/);
    // Enter in the form (or "Go" on the keyboard) would cast the first button's choice: the first
    // submit button is a disabled one, so browsers submit nothing until a choice is tapped.
    assert.match(
      page.text,
      /<form[^>]*ballot-form[^>]*>(?:(?!<button)[\s\S])*<button type="submit" disabled="" hidden="">/,
    );

    const cast = await member.post(`/member/votes/${voteId}`, { choice: 'yes' });
    assert.equal(cast.status, 200, cast.text.slice(0, 1500));
    assert.match(cast.text, /Your vote is counted/);
    assert.match(cast.text, /You voted: Yes/);
    const code = receiptCode(cast.text);
    assert.ok(code);

    const again = await member.post(`/member/votes/${voteId}`, { choice: 'yes' });
    assert.equal(again.status, 200);
    assert.equal(receiptCode(again.text), code);
    assert.match(again.text, /already counted/);
    const ballots = await ballotsOf(voteId);
    assert.equal(ballots.length, 1);
    assert.deepEqual(
      {
        person: ballots[0].person_id,
        choice: ballots[0].choice,
        channel: ballots[0].channel,
        receipt: ballots[0].receipt,
      },
      { person: present[0].id, choice: 'yes', channel: 'phone', receipt: code },
    );

    // In this vote a ballot cannot be changed: the page says so and offers no buttons.
    const changed = await member.post(`/member/votes/${voteId}`, { choice: 'no' });
    assert.equal(changed.status, 422);
    assert.match(changed.text, /cannot be changed/);
    assert.equal((await ballotsOf(voteId))[0].choice, 'yes');
    const shown = await member.get(`/member/votes/${voteId}`);
    assert.match(shown.text, /Your vote now: Yes/);
    assert.doesNotMatch(shown.text, /name="choice"/);
  });

  test('while a vote is open no result is shown; after it closes the result is, and a late ballot is refused', async () => {
    const voteId = await openedVote('Ska mötet förlängas?');
    const first = await memberClient(present[1]);
    const second = await memberClient(present[2]);
    await first.post(`/member/votes/${voteId}`, { choice: 'yes' });
    await second.post(`/member/votes/${voteId}`, { choice: 'no' });
    for (const path of ['/member/votes', `/member/votes/${voteId}`]) {
      const page = await first.get(path);
      assert.doesNotMatch(page.text, /Adopted|Not adopted|Yes: \d|ballots\./, path);
    }
    await closeVote(t.database, t.adminActor, assemblyId, voteId);
    const late = await second.post(`/member/votes/${voteId}`, { choice: 'yes' });
    assert.equal(late.status, 422);
    assert.match(late.text, /This vote has closed, so the ballot was not counted/);
    const list = await first.get('/member/votes');
    assert.match(list.text, /Ska mötet förlängas\?[\s\S]*Not adopted[\s\S]*Yes: 1\. No: 1\. Abstained: 0\./);
    assert.equal((await ballotsOf(voteId)).length, 2);
  });

  test('where the vote allows it, she changes her vote until it closes', async () => {
    const voteId = await openedVote('Ska vi byta lokal?', { changes: true });
    const member = await memberClient(present[3]);
    const page = await member.get(`/member/votes/${voteId}`);
    assert.match(page.text, /You can change your vote until the vote closes/);
    const first = await member.post(`/member/votes/${voteId}`, { choice: 'yes' });
    const changed = await member.post(`/member/votes/${voteId}`, { choice: 'no' });
    assert.equal(changed.status, 200);
    assert.match(changed.text, /You changed your vote/);
    assert.match(changed.text, /You voted: No/);
    assert.notEqual(receiptCode(changed.text), receiptCode(first.text));
    const shown = await member.get(`/member/votes/${voteId}`);
    assert.match(shown.text, /Your vote now: No/);
    assert.match(shown.text, /name="choice" value="yes"/);
    const [ballot] = await ballotsOf(voteId);
    assert.deepEqual([ballot.choice, ballot.changes], ['no', 1]);
  });

  test('a member not at the session may not vote, unless the vote is open online', async () => {
    const roomOnly = await openedVote('Endast i rummet?');
    const member = await memberClient(away[0]);
    const list = await member.get('/member/votes');
    assert.doesNotMatch(list.text, /Endast i rummet\?/);
    const page = await member.get(`/member/votes/${roomOnly}`);
    assert.match(page.text, /You are not on the list of members who may vote/);
    assert.doesNotMatch(page.text, /name="choice"/);
    const refused = await member.post(`/member/votes/${roomOnly}`, { choice: 'yes' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /You are not on the list of members who may vote/);
    assert.equal((await ballotsOf(roomOnly)).length, 0);

    const hybrid = await openedVote('Även på distans?', { online: true });
    const online = await member.get(`/member/votes/${hybrid}`);
    assert.match(online.text, /You vote online, from outside the room/);
    assert.equal((await member.post(`/member/votes/${hybrid}`, { choice: 'no' })).status, 200);
    // A member in the room votes the same vote by phone.
    const inRoom = await memberClient(present[4]);
    assert.equal((await inRoom.post(`/member/votes/${hybrid}`, { choice: 'yes' })).status, 200);
    const channels = Object.fromEntries((await ballotsOf(hybrid)).map((b) => [b.person_id, b.channel]));
    assert.deepEqual(channels, { [away[0].id]: 'online', [present[4].id]: 'phone' });
  });

  test('a member who voted on paper cannot vote again online', async () => {
    const voteId = await openedVote('Papper eller distans?', { online: true, changes: true });
    await castBallot(t.database, t.adminActor, assemblyId, {
      voteId,
      personId: away[1].id,
      choice: { kind: 'no' },
      channel: 'paper',
    });
    const member = await memberClient(away[1]);
    const refused = await member.post(`/member/votes/${voteId}`, { choice: 'yes' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /already voted in this vote another way/);
    const ballots = await ballotsOf(voteId);
    assert.deepEqual(
      ballots.map((b) => [b.choice, b.channel]),
      [['no', 'paper']],
    );
  });

  test('a vote held outside any session is voted online by every member', async () => {
    const voteId = await openedVote('Utan sammankomst?', { session: false });
    const member = await memberClient(away[2]);
    assert.equal((await member.post(`/member/votes/${voteId}`, { choice: 'abstain' })).status, 200);
    assert.deepEqual(
      (await ballotsOf(voteId)).map((b) => b.channel),
      ['online'],
    );
  });

  test('consent asks a reason with an objection; a gradient shows its scale as buttons', async () => {
    const consent = await openedVote('Kan alla leva med förslaget?', { rule: { kind: 'consent' } });
    const member = await memberClient(present[5]);
    const page = await member.get(`/member/votes/${consent}`);
    assert.match(page.text, /value="consent"/);
    assert.match(page.text, /value="objection"/);
    const bare = await member.post(`/member/votes/${consent}`, { choice: 'objection', reason: '  ' });
    assert.equal(bare.status, 422);
    assert.match(bare.text, /Write why you object/);
    const objected = await member.post(`/member/votes/${consent}`, {
      choice: 'objection',
      reason: 'För dyrt',
    });
    assert.equal(objected.status, 200);
    assert.match(objected.text, /You voted: I object/);
    assert.deepEqual(
      (await ballotsOf(consent)).map((b) => [b.choice, b.reason]),
      [['objection', 'För dyrt']],
    );

    const gradient = await openedVote('Hur mycket stöder du förslaget?', {
      rule: { kind: 'gradient', scale: 5, level: 4, fraction: { numerator: 2, denominator: 3 } },
    });
    const scale = await member.get(`/member/votes/${gradient}`);
    for (const level of [1, 2, 3, 4, 5])
      assert.match(scale.text, new RegExp(`name="choice" value="${level}"`));
    assert.doesNotMatch(scale.text, /name="choice" value="6"/);
    assert.match(scale.text, /1 = I do not support it at all/);
    const graded = await member.post(`/member/votes/${gradient}`, { choice: '4' });
    assert.match(graded.text, /You voted: 4 of 5/);
    const off = await member.post(`/member/votes/${gradient}`, { choice: '7' });
    assert.equal(off.status, 422);
  });

  test('a vote on an amendment shows the words before and after; one on a recommendation its text', async () => {
    const groupId = await saveWorkingGroup(t.database, t.adminActor, assemblyId, null, {
      nameSv: 'Trafik',
      nameEn: 'Traffic',
      facilitatorId: '',
      memberIds: [present[9].id],
    });
    const recommendationId = await createRecommendation(t.database, t.adminActor, assemblyId, groupId, {
      title: 'Fler cykelbanor',
      body: 'Kommunen bygger fler cykelbanor.\n\nDe ska vara breda och upplysta.',
      rationale: '',
    });
    const amendmentId = await proposeAmendment(t.database, t.adminActor, assemblyId, recommendationId, {
      personId: present[9].id,
      passage: 'breda och upplysta',
      replacement: 'breda, upplysta och plogade på vintern',
      reason: 'Man cyklar året runt.',
    });
    const onAmendment = await openedVote('Ska ändringen göras?', {
      on: { subject: 'amendment', recommendationId, amendmentId },
    });
    const member = await memberClient(present[9]);
    const amendment = await member.get(`/member/votes/${onAmendment}`);
    assert.match(amendment.text, /Fler cykelbanor/);
    assert.match(
      amendment.text,
      /Now it says[\s\S]*breda och upplysta[\s\S]*The change would make it say[\s\S]*plogade på vintern/,
    );
    const onText = await openedVote('Ska rekommendationen antas?', {
      on: { subject: 'recommendation', recommendationId, amendmentId: null },
    });
    const text = await member.get(`/member/votes/${onText}`);
    assert.match(text.text, /Kommunen bygger fler cykelbanor\.<\/p><p>De ska vara breda och upplysta\./);
  });

  test('on the tablet she taps her name, types her card code and votes; a wrong code is refused', async () => {
    const voteId = await openedVote('Ska vi äta lunch nu?');
    const codes = await ensureCardCodes(t.database, assemblyId);
    const base = `/a/${assemblyId}/votes/${voteId}/tablet`;
    const names = await host.get(base);
    assert.equal(names.status, 200);
    assert.match(names.text, new RegExp(present[6].name));
    assert.doesNotMatch(names.text, new RegExp(away[0].name), 'only members in the room');
    const form = await host.get(`${base}?person=${present[6].id}`);
    assert.match(form.text, /The code on your name card/);
    assert.match(
      form.text,
      /<form[^>]*ballot-form[^>]*>(?:(?!<button)[\s\S])*<button type="submit" disabled="" hidden="">/,
    );
    const right = codes.get(present[6].id)!;
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await host.post(base, { person: present[6].id, code: wrong, choice: 'yes' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /The code does not match the name card/);
    assert.equal((await ballotsOf(voteId)).length, 0);

    const counted = await host.post(base, { person: present[6].id, code: right, choice: 'yes' });
    assert.equal(counted.status, 303);
    const thanks = await host.get(counted.location!);
    const first = present[6].name.split(' ')[0];
    assert.match(thanks.text, new RegExp(`Thank you, ${first}. Hand the tablet on.`));
    assert.doesNotMatch(thanks.text, /You voted|Your vote now/);
    const ballots = await ballotsOf(voteId);
    assert.deepEqual(
      ballots.map((b) => [b.person_id, b.choice, b.channel, b.recorded_by]),
      [[present[6].id, 'yes', 'tablet', hostId]],
    );
    // She cannot then vote again from her phone.
    const phone = await memberClient(present[6]);
    const again = await phone.post(`/member/votes/${voteId}`, { choice: 'no' });
    assert.match(again.text, /already voted in this vote another way/);
  });

  test('with a seating plan the tablet shows one table at a time', async () => {
    const voteId = await openedVote('Vilket bord först?');
    await savePendingSeating(t.database.db, {
      assemblyId,
      sessionId,
      settings: { rounds: 1, diversify: [], seed: 'test', facilitators: [] },
      jobId: null,
      at: new Date().toISOString(),
    });
    const tables = [present.slice(0, 10), present.slice(10, 20)];
    const rounds = [{ tables: tables.map((m) => ({ members: m.map((p) => p.id), facilitator: null })) }];
    await t.database.db
      .updateTable('seating_plans')
      .set({ rounds: JSON.stringify(rounds) })
      .where('session_id', '=', sessionId)
      .execute();
    const base = `/a/${assemblyId}/votes/${voteId}/tablet`;
    const all = await host.get(base);
    assert.match(all.text, /href="[^"]*tablet\?table=2"/);
    const second = await host.get(`${base}?table=2`);
    assert.ok(second.text.includes(present[12].name));
    assert.ok(!second.text.includes(present[2].name));
    // Her name keeps the table, and so does the form she sends.
    assert.match(second.text, new RegExp(`href="[^"]*\\?table=2&amp;person=${present[12].id}"`));
  });

  test('after five wrong codes her name is paused, even for the right code', async () => {
    const voteId = await openedVote('Ska vi sluta tidigt?');
    const codes = await ensureCardCodes(t.database, assemblyId);
    const base = `/a/${assemblyId}/votes/${voteId}/tablet`;
    const person = present[7].id;
    const right = codes.get(person)!;
    const wrong = right === '999999' ? '888888' : '999999';
    await host.get(`${base}?person=${person}`);
    for (let i = 0; i < 5; i++) {
      const reply = await host.post(base, { person, code: wrong, choice: 'no' });
      assert.ok(reply.status === 422 || reply.status === 429, String(reply.status));
    }
    const paused = await host.post(base, { person, code: right, choice: 'no' });
    assert.equal(paused.status, 429);
    assert.match(paused.text, /Too many wrong codes for this name. Ask a host for help./);
    assert.equal((await ballotsOf(voteId)).length, 0);
    // Another member at the table is not held up.
    const other = present[8].id;
    const counted = await host.post(base, { person: other, code: codes.get(other)!, choice: 'yes' });
    assert.equal(counted.status, 303);
  });
}

describe('ballots on SQLite', () => suite('sqlite'));
describe('ballots on PostgreSQL', () => suite('postgres'));
