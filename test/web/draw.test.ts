/**
 * The public draw through the web: announce a draw from a finished run's lottery, the public page
 * (references only), the randomness entered once, the transcript that `lotta verify` accepts, the
 * verification page, and the reserve list. Selection runs are made here by a small fixture that runs
 * the engine on a dozen people and stores its selection file, as a finished run would.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { type CommandIO, commitCommand, verifyCommand } from '../../src/cli/draw-commands.ts';
import { CommandError } from '../../src/commands/command.ts';
import { enterDrawRandomness, publishPanelDraw } from '../../src/commands/public-draws.ts';
import { drandLatestRound, drandRoundTime } from '../../src/domain/public-draw.ts';
import { findAssembly } from '../../src/repositories/assemblies.ts';
import { insertPerson } from '../../src/repositories/people.ts';
import { findPublicDraw, listPublicDraws } from '../../src/repositories/public-draws.ts';
import { StoredDataError } from '../../src/repositories/stored-json.ts';
import type { DrawTranscript } from '../../src/sortition/draw.ts';
import type { SelectionInput } from '../../src/sortition/model.ts';
import {
  type ReservesTranscript,
  reserveOrder,
  verifyReservesTranscript,
} from '../../src/sortition/reserves.ts';
import { toSelectionFile } from '../../src/sortition/selection-file.ts';
import { ENGINE_VERSION, selectPanel } from '../../src/sortition/selectPanel.ts';
import {
  adminEmail,
  createTestAssembly,
  type Reply,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

const knownName = 'Ingegerd Zetterqvist';

/** Twelve registered volunteers, half women; the first two share a household. */
async function addPool(t: TestApp, assemblyId: string): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 1; i <= 12; i++) {
    await insertPerson(t.database.db, {
      person: {
        id: crypto.randomUUID(),
        assembly_id: assemblyId,
        reference: `P-${String(i).padStart(5, '0')}`,
        source: 'test',
        status: 'registered',
        status_changed_at: at,
        created_at: at,
      },
      contact: {
        full_name: i === 1 ? knownName : `Volontär Nummer${i}`,
        email: `v${i}@example.se`,
        address: i <= 2 ? 'Storgatan 1' : `Gata ${i}`,
      },
      needs: null,
      answers: { gender: i % 2 === 1 ? 'woman' : 'man' },
      consents: [],
      changedBy: 'test',
      comment: null,
    });
  }
}

/**
 * A finished selection run as the selection runs store it: the engine's selection file over the
 * assembly's people (ids are people.id), with a lottery when `lotterySize` is given.
 */
async function insertFinishedRun(
  t: TestApp,
  assemblyId: string,
  options: { lotterySize?: number; seed: string },
): Promise<string> {
  const people = await t.database.db
    .selectFrom('people')
    .innerJoin('person_answers', 'person_answers.person_id', 'people.id')
    .select(['people.id', 'people.reference', 'person_answers.value'])
    .where('people.assembly_id', '=', assemblyId)
    .where('person_answers.question_key', '=', 'gender')
    .orderBy('people.reference')
    .execute();
  const input: SelectionInput = {
    people: people.map((p, i) => ({
      id: p.id,
      features: { gender: p.value },
      ...(i < 2 ? { household: 'h1' } : {}),
    })),
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'woman', min: 2, max: 2 },
        { feature: 'gender', value: 'man', min: 2, max: 2 },
      ],
    },
    panelSize: 4,
    keep: [],
  };
  const result = await selectPanel(input, { lotterySize: options.lotterySize, seed: options.seed });
  const at = new Date().toISOString();
  const id = crypto.randomUUID();
  await t.database.db
    .insertInto('selection_runs')
    .values({
      id,
      assembly_id: assemblyId,
      kind: 'selection',
      status: 'done',
      settings: JSON.stringify({ panelSize: 4, lotterySize: options.lotterySize ?? null }),
      engine_version: ENGINE_VERSION,
      result: JSON.stringify(toSelectionFile(result, input, ENGINE_VERSION, [])),
      progress: null,
      error: null,
      cancel_requested: 0,
      created_at: at,
      started_at: at,
      finished_at: at,
      created_by: t.adminActor.kind === 'staff' ? t.adminActor.accountId : 'test',
    })
    .execute();
  return id;
}

function capture(): CommandIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

/** Page text with tags removed and entities decoded, to search for what a reader sees. */
function visible(html: string): string {
  return html
    .replace(/<wbr\s*\/?>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function drawIdFrom(reply: Reply): string {
  const m = /\/draw\/([0-9a-f-]{36})\?done=published$/.exec(reply.location ?? '');
  assert.ok(m, `redirected to the new draw, not ${reply.location}`);
  return m[1];
}

const hex = '3e5a0b2f47c18d69a0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566ff';

describe('the public draw', () => {
  let t: TestApp;
  let assemblyId: string;
  let slug: string;
  let runId: string;
  let dir: string;
  let round: number;
  let drawId: string;
  let reservesId: string;
  let staff: TestClient;
  let visitor: TestClient;
  const base = () => `/a/${assemblyId}/draw`;
  const publicBase = () => `/public/${slug}/draw`;
  const drawRow = (id: string) =>
    t.database.db.selectFrom('public_draws').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await startTestApp();
    assemblyId = await createTestAssembly(t);
    slug = (await findAssembly(t.database.db, assemblyId))!.slug;
    await addPool(t, assemblyId);
    runId = await insertFinishedRun(t, assemblyId, { lotterySize: 10, seed: 'run one' });
    dir = await mkdtemp(join(tmpdir(), 'lotta-web-draw-'));
    staff = new TestClient(t.app);
    await staff.logIn(adminEmail);
    visitor = new TestClient(t.app);
    round = drandLatestRound(Date.now()) + 120;
  });
  after(async () => {
    mock.timers.reset();
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  test('the draw tab offers the finished run with a lottery', async () => {
    const page = await staff.get(base());
    assert.equal(page.status, 200);
    assert.match(visible(page.text), /10 panels, 12 people \(leximin\)/);
    assert.match(page.text, new RegExp(`<option value="${runId}"`));
  });

  test('a run without a lottery, a past round and too few dice are refused with clear messages', async () => {
    const plain = await insertFinishedRun(t, assemblyId, { seed: 'no lottery' });
    await staff.get(base());
    const noLottery = await staff.post(base(), { run: plain, source: 'drand', round: String(round) });
    assert.equal(noLottery.status, 422);
    assert.match(visible(noLottery.text), /This selection run has no lottery to draw from/);

    const past = await staff.post(base(), { run: runId, source: 'drand', round: '1000' });
    assert.equal(past.status, 422);
    assert.match(visible(past.text), /Round 1000 has already been published/);
    assert.match(past.text, /value="1000"/, 'the typed round is kept');

    const dice = await staff.post(base(), { run: runId, source: 'dice', rolls: '5', sides: '6' });
    assert.equal(dice.status, 422);
    assert.match(visible(dice.text), /Enter a number of rolls from 10 to 100/);

    const nothing = await staff.post(base(), { run: '', source: '' });
    assert.equal(nothing.status, 422);
    assert.match(visible(nothing.text), /Choose the selection run to draw from/);
    assert.match(visible(nothing.text), /Choose where the randomness will come from/);
    assert.equal((await t.database.db.selectFrom('public_draws').selectAll().execute()).length, 0);
  });

  test('publishing shows everything first, then stores the commitment and the plan', async () => {
    const fields = { run: runId, source: 'drand', round: String(round) };
    const preview = await staff.post(base(), fields);
    assert.equal(preview.status, 200);
    const shown = /<code>([0-9a-f<>wbr/]+)<\/code>/.exec(preview.text);
    assert.ok(shown, 'the preview shows the commitment');
    const commitment = shown[1].replace(/<wbr\s*\/?>/g, '');
    assert.match(commitment, /^[0-9a-f]{64}$/);
    assert.equal((await t.database.db.selectFrom('public_draws').selectAll().execute()).length, 0);

    const published = await staff.post(base(), { ...fields, confirm: 'yes' });
    assert.equal(published.status, 303);
    drawId = drawIdFrom(published);
    const row = await drawRow(drawId);
    assert.equal(row.commitment, commitment);
    assert.equal(row.kind, 'panel');
    assert.equal(row.seed, null);
    assert.deepEqual(JSON.parse(row.randomness_plan), {
      source: 'drand',
      chain: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce',
      round,
    });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'draw.published')
      .executeTakeFirstOrThrow();
    assert.equal(audit.subject_id, drawId);
    assert.equal((await staff.get(`${base()}/${drawId}?done=published`)).status, 200);
  });

  test('while it waits for its randomness, no second panel draw can be announced', async () => {
    const other = await insertFinishedRun(t, assemblyId, { lotterySize: 10, seed: 'run two' });
    await staff.get(base());
    const reply = await staff.post(base(), { run: other, source: 'dice', rolls: '20', sides: '10' });
    assert.equal(reply.status, 422);
    assert.match(visible(reply.text), /Another panel draw is announced and waiting for its randomness/);
    const again = await staff.post(base(), { run: runId, source: 'dice', rolls: '20', sides: '10' });
    assert.match(visible(again.text), /A draw has already been announced for this run/);
  });

  test('the public page shows the commitment, the plan and the panels by reference, never a name', async () => {
    const row = await drawRow(drawId);
    const page = await visitor.get(`${publicBase()}/${drawId}`);
    assert.equal(page.status, 200);
    const text = visible(page.text);
    assert.ok(text.includes(row.commitment), 'the commitment is shown');
    assert.ok(text.includes(`drand round ${round}`));
    assert.ok(page.text.includes(`https://api.drand.sh/public/${round}`));
    assert.match(text, /Show all 10 panels/);
    assert.match(text, /P-000\d\d, P-000\d\d, P-000\d\d, P-000\d\d/);
    assert.ok(!page.text.includes(knownName), 'no name on the public page');
    assert.ok(!/Volontär/.test(page.text), 'no name on the public page');
    const ids = await t.database.db.selectFrom('people').select('id').execute();
    for (const { id } of ids) assert.ok(!page.text.includes(id), 'no internal person id');
    assert.match(text, /waiting for the randomness/);

    const swedish = await visitor.get(`${publicBase()}/${drawId}?lang=sv`);
    assert.match(visible(swedish.text), /Offentlig dragning av panelen/);
    visitor.lang = 'en';
    await visitor.get(`${publicBase()}/${drawId}?lang=en`);

    const list = await visitor.get(publicBase());
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(`${publicBase()}/${drawId}`));
    assert.equal((await visitor.get(`${publicBase()}/${drawId}/transcript.json`)).status, 404);
    assert.equal((await visitor.get(`/public/no-such-assembly/draw/${drawId}`)).status, 404);
  });

  test('the commitment and the lottery download as lotta commit writes and reads them', async () => {
    const row = await drawRow(drawId);
    const commitmentFile = await visitor.get(`${publicBase()}/${drawId}/commitment.json`);
    assert.equal(commitmentFile.status, 200);
    assert.match(commitmentFile.headers.get('content-disposition') ?? '', /attachment/);
    const commitment = JSON.parse(commitmentFile.text) as Record<string, unknown>;
    assert.deepEqual(commitment, {
      format: 'lotta-commitment-v1',
      commitment: row.commitment,
      algorithm: 'leximin',
      engine: { name: 'lotta', version: ENGINE_VERSION },
      lotterySize: 10,
      people: 12,
    });
    await writeFile(join(dir, 'commitment.json'), commitmentFile.text);

    const lottery = await visitor.get(`${publicBase()}/${drawId}/lottery.json`);
    assert.equal(lottery.status, 200);
    assert.ok(!lottery.text.includes(knownName) && !lottery.text.includes('Storgatan'));
    assert.match(lottery.text, /"P-00001"/);
    await writeFile(join(dir, 'lottery.json'), lottery.text);
    const io = capture();
    assert.equal(await commitCommand({ lottery: join(dir, 'lottery.json') }, io), 0);
    assert.equal((JSON.parse(io.out) as { commitment: string }).commitment, row.commitment);
  });

  test('the randomness cannot be entered before the round exists, nor in a wrong form', async () => {
    await staff.get(`${base()}/${drawId}`);
    const early = await staff.post(`${base()}/${drawId}/seed`, { randomness: hex });
    assert.equal(early.status, 422);
    assert.match(visible(early.text), new RegExp(`Round ${round} is published at about`));

    // The ceremony: the clock moves past the announced round.
    mock.timers.enable({ apis: ['Date'], now: drandRoundTime(round) + 90_000 });

    const short = await staff.post(`${base()}/${drawId}/seed`, { randomness: hex.slice(2) });
    assert.equal(short.status, 422);
    assert.match(
      visible(short.text),
      /The randomness has 62 characters, but drand's randomness has exactly 64/,
    );
    assert.ok(short.text.includes(hex.slice(2)), 'what was typed is kept');
    const notHex = await staff.post(`${base()}/${drawId}/seed`, { randomness: `${hex.slice(1)}z` });
    assert.match(visible(notHex.text), /only the digits 0–9 and the letters a–f/);
    const wrongRound = await staff.post(`${base()}/${drawId}/seed`, {
      randomness: JSON.stringify({ round: round - 1, randomness: hex }),
    });
    assert.match(
      visible(wrongRound.text),
      new RegExp(`This is round ${round - 1}, but the draw announced round ${round}`),
    );
    assert.equal((await drawRow(drawId)).seed, null);
  });

  test('the drand randomness draws a committed panel and marks its members selected', async () => {
    const reply = await staff.post(`${base()}/${drawId}/seed`, { randomness: hex.toUpperCase() });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `${base()}/${drawId}?done=drawn`);
    const row = await drawRow(drawId);
    assert.equal(row.seed, `drand round ${round}: ${hex}`);
    assert.equal(row.drawn_at, new Date(drandRoundTime(round) + 90_000).toISOString());
    const transcript = JSON.parse(row.transcript!) as DrawTranscript;
    assert.deepEqual(transcript.members, transcript.selection.lottery.panels[transcript.index]);
    assert.equal(transcript.members.length, 4);

    const people = await t.database.db
      .selectFrom('people')
      .select(['id', 'reference', 'status'])
      .where('assembly_id', '=', assemblyId)
      .execute();
    for (const p of people) {
      assert.equal(
        p.status,
        transcript.members.includes(p.reference) ? 'selected' : 'registered',
        p.reference,
      );
    }
    const drawn = people.filter((p) => transcript.members.includes(p.reference));
    const history = await t.database.db
      .selectFrom('status_history')
      .selectAll()
      .where('to_status', '=', 'selected')
      .execute();
    assert.deepEqual(history.map((h) => h.person_id).sort(), drawn.map((p) => p.id).sort());
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'in', ['draw.drawn', 'person.status'])
      .execute();
    assert.equal(events.filter((e) => e.action === 'person.status').length, 4);
    assert.equal(events.filter((e) => e.action === 'draw.drawn').length, 1);
    for (const e of events) assert.ok(!e.details.includes(knownName));

    const staffPage = await staff.get(`${base()}/${drawId}?done=drawn`);
    assert.match(visible(staffPage.text), /The draw is done/);
    const names = await t.database.db
      .selectFrom('person_contacts')
      .select(['person_id', 'full_name'])
      .where(
        'person_id',
        'in',
        drawn.map((p) => p.id),
      )
      .execute();
    for (const n of names) assert.ok(staffPage.text.includes(n.full_name), 'staff see the names');

    const publicPage = await visitor.get(`${publicBase()}/${drawId}`);
    const text = visible(publicPage.text);
    assert.match(text, new RegExp(`drew panel #${transcript.index} of 10`));
    const list = /<ul id="drawn-panel"[^>]*>(.*?)<\/ul>/s.exec(publicPage.text);
    assert.ok(list);
    assert.deepEqual(
      [...list[1].matchAll(/<li>(P-\d{5})<\/li>/g)].map((m) => m[1]),
      transcript.members,
    );
    for (const n of names) assert.ok(!publicPage.text.includes(n.full_name), 'no names in public');
    assert.ok(!publicPage.text.includes(knownName));
  });

  test('the downloaded transcript passes lotta verify, and a tampered one fails', async () => {
    const row = await drawRow(drawId);
    const download = await visitor.get(`${publicBase()}/${drawId}/transcript.json`);
    assert.equal(download.status, 200);
    assert.equal(download.text, row.transcript);
    const file = join(dir, 'transcript.json');
    await writeFile(file, download.text);
    const commitment = join(dir, 'commitment.json');

    const io = capture();
    assert.equal(await verifyCommand({ transcript: file, commitment }, io), 0, io.err);
    assert.match(io.err, /^Verified: /);
    assert.equal(await verifyCommand({ transcript: file, commitment, seed: row.seed! }, capture()), 0);

    const transcript = JSON.parse(download.text) as DrawTranscript;
    const others = transcript.selection.lottery.panels.find((p) => p.join() !== transcript.members.join());
    assert.ok(others, 'the lottery has another panel to swap in');
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, JSON.stringify({ ...transcript, members: others }, null, 2));
    const failed = capture();
    assert.equal(await verifyCommand({ transcript: tampered, commitment }, failed), 3);
    assert.match(failed.err, /Verification FAILED/);
    const otherSeed = join(dir, 'other-seed.json');
    await writeFile(
      otherSeed,
      JSON.stringify({ ...transcript, seed: `drand round ${round}: ${'0'.repeat(64)}` }),
    );
    assert.equal(await verifyCommand({ transcript: otherSeed, commitment, seed: row.seed! }, capture()), 3);
  });

  test('entering the randomness a second time is refused and changes nothing', async () => {
    const before = await drawRow(drawId);
    const reply = await staff.post(`${base()}/${drawId}/seed`, { randomness: 'f'.repeat(64) });
    assert.equal(reply.status, 409);
    assert.match(visible(reply.text), /The randomness has already been entered for this draw/);
    assert.deepEqual(await drawRow(drawId), before);
  });

  test('the verification page recomputes every check and says so in plain language', async () => {
    const page = await visitor.get(`${publicBase()}/${drawId}/verify`);
    assert.equal(page.status, 200);
    const text = visible(page.text);
    assert.match(text, /Every check passed: the draw is genuine/);
    assert.equal((text.match(/Passed:/g) ?? []).length, 8);
    assert.ok(!text.includes('Failed:'));
    assert.match(text, /All 10 panels of the lottery meet the targets/);
    assert.match(text, new RegExp(`before drand round ${round} existed`));

    // Someone edits the stored run afterwards: the page notices.
    const run = await t.database.db
      .selectFrom('selection_runs')
      .select('result')
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    const edited = JSON.parse(run.result!) as { input: { people: { features: Record<string, string> }[] } };
    edited.input.people[0].features.gender = 'man';
    await t.database.db
      .updateTable('selection_runs')
      .set({ result: JSON.stringify(edited) })
      .where('id', '=', runId)
      .execute();
    const broken = visible((await visitor.get(`${publicBase()}/${drawId}/verify`)).text);
    assert.match(broken, /2 checks failed/);
    assert.match(broken, /Failed: The pool, the targets and the lottery stored for this draw do not give/);
    // What the checks found is told in the reader's language, not only in the engine's English.
    const svenska = visible((await visitor.get(`${publicBase()}/${drawId}/verify?lang=sv`)).text);
    await visitor.get(`${publicBase()}/${drawId}/verify?lang=en`);
    assert.match(svenska, /Lotteriets panel nr \d+: gender = \w+: \d+ ledam/);
    assert.doesNotMatch(svenska, /Lottery panel #/);
    await t.database.db
      .updateTable('selection_runs')
      .set({ result: run.result })
      .where('id', '=', runId)
      .execute();
  });

  test('reserves: announced with dice, ordered by the seed, reproducible and verifiable', async () => {
    const panelTranscript = JSON.parse((await drawRow(drawId)).transcript!) as DrawTranscript;
    mock.timers.setTime(Date.now() + 60_000);
    const preview = await staff.post(`${base()}/${drawId}/reserves`, {
      source: 'dice',
      rolls: '10',
      sides: '6',
    });
    assert.equal(preview.status, 200);
    assert.match(visible(preview.text), /8 people: everyone in the pool who is not on the drawn panel/);
    const published = await staff.post(`${base()}/${drawId}/reserves`, {
      source: 'dice',
      rolls: '10',
      sides: '6',
      confirm: 'yes',
    });
    assert.equal(published.status, 303);
    reservesId = drawIdFrom(published);
    const again = await staff.post(`${base()}/${drawId}/reserves`, {
      source: 'dice',
      rolls: '10',
      sides: '6',
    });
    assert.match(visible(again.text), /A reserve list draw has already been announced/);

    const before = visible((await visitor.get(`${publicBase()}/${reservesId}`)).text);
    const expected = [...Array(12).keys()]
      .map((i) => `P-${String(i + 1).padStart(5, '0')}`)
      .filter((r) => !panelTranscript.members.includes(r));
    assert.ok(before.includes(expected.join(', ')), 'the candidates are listed, sorted');

    mock.timers.setTime(Date.now() + 60_000);
    await staff.get(`${base()}/${reservesId}`);
    const outOfRange = await staff.post(`${base()}/${reservesId}/seed`, { randomness: '1234567123' });
    assert.equal(outOfRange.status, 422);
    assert.match(visible(outOfRange.text), /Roll 7 is “7”, which a 6-sided die cannot show: use 1–6/);
    const tooFew = await staff.post(`${base()}/${reservesId}/seed`, { randomness: '1 2 3' });
    assert.match(visible(tooFew.text), /7 rolls are missing: you typed 3 of the 10 announced/);
    // Every problem at once: the 9, the 0 and the missing roll, not just the first of them.
    const several = await staff.post(`${base()}/${reservesId}/seed`, { randomness: '1 9 3 4 5 6 0 1 2' });
    assert.equal(several.status, 422);
    assert.match(visible(several.text), /Roll 2 is “9”, which a 6-sided die cannot show/);
    assert.match(visible(several.text), /Roll 7 is “0”, which a 6-sided die cannot show/);
    assert.match(visible(several.text), /1 roll is missing: you typed 9 of the 10 announced/);
    const drawn = await staff.post(`${base()}/${reservesId}/seed`, { randomness: '3 1 4 1 5, 2 6 5 3 5' });
    assert.equal(drawn.status, 303);

    const row = await drawRow(reservesId);
    assert.equal(row.kind, 'reserves');
    assert.equal(row.run_id, runId);
    assert.equal(row.seed, 'dice 10d6: 3141526535');
    const transcript = JSON.parse(row.transcript!) as ReservesTranscript;
    assert.deepEqual(transcript.content.candidates, expected);
    assert.deepEqual(transcript.content.panel, [...panelTranscript.members].sort());
    assert.equal(transcript.content.panelCommitment, (await drawRow(drawId)).commitment);
    assert.deepEqual(reserveOrder(row.commitment, row.seed!, expected), transcript.order);
    assert.deepEqual([...transcript.order].sort(), expected);
    assert.deepEqual(verifyReservesTranscript(transcript, row.commitment, row.seed!), {
      ok: true,
      problems: [],
    });

    const publicPage = await visitor.get(`${publicBase()}/${reservesId}`);
    const list = /<ol id="reserve-order">(.*?)<\/ol>/s.exec(publicPage.text);
    assert.ok(list);
    assert.deepEqual(
      [...list[1].matchAll(/<li>(P-\d{5})<\/li>/g)].map((m) => m[1]),
      transcript.order,
    );
    assert.ok(!publicPage.text.includes(knownName));
    const statuses = await t.database.db
      .selectFrom('people')
      .select('status')
      .where('assembly_id', '=', assemblyId)
      .where('reference', 'in', transcript.order)
      .execute();
    assert.ok(
      statuses.every((s) => s.status === 'registered'),
      'reserves stay registered',
    );

    const download = await visitor.get(`${publicBase()}/${reservesId}/transcript.json`);
    assert.deepEqual(JSON.parse(download.text), transcript);
    const candidates = await visitor.get(`${publicBase()}/${reservesId}/candidates.json`);
    assert.deepEqual(JSON.parse(candidates.text), transcript.content);
    const commitment = JSON.parse((await visitor.get(`${publicBase()}/${reservesId}/commitment.json`)).text);
    assert.equal(commitment.format, 'lotta-reserves-commitment-v1');
    assert.equal(commitment.commitment, row.commitment);
    assert.equal((await visitor.get(`${publicBase()}/${reservesId}/lottery.json`)).status, 404);

    // `lotta verify` accepts the reserve list too, with its commitment file; a reordered list fails.
    const reservesFile = join(dir, 'reserves-transcript.json');
    const reservesCommitment = join(dir, 'reserves-commitment.json');
    await writeFile(reservesFile, download.text);
    await writeFile(reservesCommitment, JSON.stringify(commitment));
    const ok = capture();
    assert.equal(
      await verifyCommand({ transcript: reservesFile, commitment: reservesCommitment }, ok),
      0,
      ok.err,
    );
    assert.match(ok.err, /orders the \d+ reserve candidates/);
    const reordered = { ...transcript, order: [...transcript.order].reverse() };
    await writeFile(reservesFile, JSON.stringify(reordered));
    assert.equal(
      await verifyCommand({ transcript: reservesFile, commitment: reservesCommitment }, capture()),
      3,
    );

    const verify = visible((await visitor.get(`${publicBase()}/${reservesId}/verify`)).text);
    assert.match(verify, /Every check passed/);
    assert.equal((verify.match(/Passed:/g) ?? []).length, 6);

    const twice = await staff.post(`${base()}/${reservesId}/seed`, { randomness: '1111111111' });
    assert.equal(twice.status, 409);
    assert.equal((await drawRow(reservesId)).seed, 'dice 10d6: 3141526535');
  });
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the randomness is stored once on ${kind}, even when two entries race`, () => {
    let t: TestApp;
    let assemblyId: string;
    let drawId: string;
    const round = 4_512_300;

    before(async () => {
      t = await startTestApp({ kind });
      assemblyId = await createTestAssembly(t);
      await addPool(t, assemblyId);
      const runId = await insertFinishedRun(t, assemblyId, { lotterySize: 10, seed: 'race' });
      const announced = new Date(drandRoundTime(round) - 3600_000).toISOString();
      drawId = await publishPanelDraw(
        t.database,
        t.adminActor,
        assemblyId,
        { runId, plan: { source: 'drand', round } },
        announced,
      );
    });
    after(() => t.close());

    test('exactly one of two simultaneous entries wins; the other is refused and leaves nothing', async () => {
      const at = new Date(drandRoundTime(round) + 60_000).toISOString();
      const enter = (value: string) =>
        enterDrawRandomness(t.database, t.adminActor, assemblyId, drawId, value, at);
      const results = await Promise.allSettled([enter(hex), enter('e'.repeat(64))]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      const reason = (lost[0] as PromiseRejectedResult).reason as CommandError;
      assert.ok(reason instanceof CommandError, String(reason));
      assert.equal(reason.code, 'already_drawn');

      const row = await t.database.db
        .selectFrom('public_draws')
        .selectAll()
        .where('id', '=', drawId)
        .executeTakeFirstOrThrow();
      const winner = (won[0] as PromiseFulfilledResult<{ seed: string; references: string[] }>).value;
      assert.equal(row.seed, winner.seed);
      const transcript = JSON.parse(row.transcript!) as DrawTranscript;
      assert.deepEqual(transcript.members, winner.references);
      const selected = await t.database.db
        .selectFrom('people')
        .select('reference')
        .where('assembly_id', '=', assemblyId)
        .where('status', '=', 'selected')
        .execute();
      assert.deepEqual(selected.map((p) => p.reference).sort(), [...winner.references].sort());
      const history = await t.database.db
        .selectFrom('status_history')
        .select('id')
        .where('to_status', '=', 'selected')
        .execute();
      assert.equal(history.length, 4, 'the losing entry wrote no status history');
      const drawn = await t.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'draw.drawn')
        .execute();
      assert.equal(drawn.length, 1);
    });

    test('the repository hands the draw out decoded, its file as stored, and refuses a transcript that is none', async () => {
      const db = t.database.db;
      const row = await db
        .selectFrom('public_draws')
        .selectAll()
        .where('id', '=', drawId)
        .executeTakeFirstOrThrow();
      const draw = await findPublicDraw(db, assemblyId, drawId);
      assert.ok(draw);
      assert.equal(draw.kind, 'panel');
      assert.deepEqual(draw.plan, { source: 'drand', round });
      assert.equal(
        draw.transcript,
        row.transcript,
        'the downloadable file is the stored text, byte for byte',
      );
      assert.deepEqual(draw.panelTranscript, JSON.parse(row.transcript!));
      assert.equal(draw.reservesTranscript, null);

      await db
        .updateTable('public_draws')
        .set({ transcript: '{"format":"lotta-draw-transcript-v1"}' })
        .where('id', '=', drawId)
        .execute();
      try {
        await assert.rejects(findPublicDraw(db, assemblyId, drawId), StoredDataError);
        // Lists do not read the transcript (it holds the whole lottery), so they are not affected.
        assert.deepEqual(
          (await listPublicDraws(db, assemblyId)).map((d) => d.id),
          [drawId],
        );
      } finally {
        await db
          .updateTable('public_draws')
          .set({ transcript: row.transcript })
          .where('id', '=', drawId)
          .execute();
      }
    });
  });
}
