/**
 * `npm run bench -- votes`: 200 members voting within seconds through their phone page, against Lotta
 * started as real processes on 127.0.0.1 (`bin/lotta.mjs serve`), on SQLite, on PostgreSQL, and on
 * PostgreSQL with two web processes sharing the database (the members split between the two ports).
 *
 * Each member opens her personal link beforehand (her login and the page's form token); then all
 * ballots are posted with a fixed number in flight and their latency recorded; twenty members tap
 * twice (the repeats must be absorbed); then the database is checked: one ballot per member, each
 * with the choice she sent, none lost or doubled, and after closing the tally's count equals the
 * ballots. A fast run that loses or doubles a ballot fails.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdministrator } from '../src/commands/accounts.ts';
import type { Actor } from '../src/commands/command.ts';
import { issueMemberLink } from '../src/commands/people.ts';
import { closeVote, createVote, openVote } from '../src/commands/votes.ts';
import { type Database, migrate, openDatabase } from '../src/db/connect.ts';
import { closedVoteResult } from '../src/queries/vote-results.ts';
import { findAccountByEmail } from '../src/repositories/accounts.ts';
import { findVote } from '../src/repositories/votes.ts';
import { seedPanel } from '../test/support/attendance.ts';
import { freshPostgresDatabase } from '../test/support/postgres.ts';
import { deliberationNow, mark } from '../test/support/seating.ts';
import {
  adminEmail,
  adminPassword,
  createTestAssembly,
  type TestApp,
  TestClient,
} from '../test/support/web.ts';

const members = 200;
const inFlight = 32;
const duplicates = 20;
const goalP95Ms = 100;
const windowSeconds = 10;

interface Setup {
  database: Database;
  env: Record<string, string>;
  assemblyId: string;
  /** One vote for the paced run, one for the burst. */
  voteIds: [string, string];
  admin: Actor;
  people: { id: string; token: string; choice: 'yes' | 'no' | 'abstain' }[];
  dispose: () => Promise<void>;
}

async function prepare(kind: 'sqlite' | 'postgres'): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-votes-bench-'));
  const pg = kind === 'postgres' ? await freshPostgresDatabase('votes_bench') : null;
  const database = await openDatabase(pg ? { url: pg.url } : { dataDir });
  await migrate(database);
  await bootstrapAdministrator(database, { email: adminEmail, password: adminPassword });
  const account = (await findAccountByEmail(database.db, adminEmail))!;
  const admin: Actor = { kind: 'staff', accountId: account.id, isAdmin: true };
  const assemblyId = await createTestAssembly({ database, adminActor: admin });
  const names = Array.from({ length: members }, (_, i) => `Medlem Nummer ${String(i + 1).padStart(3, '0')}`);
  const panel = (await seedPanel(database, assemblyId, names)).members;
  const sessionId = await deliberationNow(database, admin, assemblyId);
  await mark(database, assemblyId, sessionId, panel, 'present');
  const newVote = async (question: string) => {
    const id = await createVote(database, admin, assemblyId, {
      subject: 'procedure',
      recommendationId: null,
      amendmentId: null,
      question,
      sessionId,
      online: false,
      options: {
        rule: { kind: 'supermajority', fraction: { numerator: 2, denominator: 3 }, base: 'cast' },
        quorum: { kind: 'none' },
        abstentions: 'cast',
        secrecy: 'secret',
        changesAllowed: false,
      },
      durationMinutes: 60,
    });
    await openVote(database, admin, assemblyId, id);
    return id;
  };
  const voteIds: [string, string] = [
    await newVote('Ska rådet anta dagordningen?'),
    await newVote('Ska rådet ta paus?'),
  ];
  const choices = ['yes', 'yes', 'no', 'yes', 'abstain'] as const;
  const people = [];
  for (const [i, p] of panel.entries())
    people.push({
      id: p.id,
      token: await issueMemberLink(database, admin, assemblyId, p.id),
      choice: choices[i % choices.length],
    });
  const env: Record<string, string> = { LOTTA_DATA_DIR: dataDir, NODE_ENV: 'production' };
  // On PostgreSQL the web processes only serve; no job is queued here anyway.
  if (pg) Object.assign(env, { DATABASE_URL: pg.url, LOTTA_WORKERS: '0' });
  return {
    database,
    env,
    assemblyId,
    voteIds,
    admin,
    people,
    dispose: async () => {
      await database.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `lotta serve` on a free port of 127.0.0.1; resolves with its base address. */
function startServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, ['bin/lotta.mjs', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /running at (http:\/\/\S+)/.exec(out);
      if (found) resolve({ url: found[1].replace('localhost', '127.0.0.1'), child });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`lotta serve exited with ${code}: ${out}`)));
  });
}

/** TestClient's cookies and form tokens, over real HTTP to one server. */
function httpClient(base: string): TestClient {
  const app = {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, { ...init, redirect: 'manual' }),
  };
  return new TestClient(app as unknown as TestApp['app']);
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(runners);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Mode = 'paced' | 'burst';

/**
 * Posts every member's ballot: `paced` sends them evenly over the ten seconds (200 members tapping
 * within the window, each request on its own), `burst` keeps `inFlight` requests going at once
 * until all are in (the whole room tapping in the same second, queued by the server).
 */
async function castAll(
  setup: Setup,
  clients: TestClient[],
  votePath: string,
  mode: Mode,
): Promise<{ latencies: number[]; seconds: number; problems: string[] }> {
  const latencies: number[] = [];
  const problems: string[] = [];
  const cast = async (person: Setup['people'][number], i: number) => {
    const sent = performance.now();
    const reply = await clients[i].post(votePath, { choice: person.choice });
    latencies.push(performance.now() - sent);
    if (reply.status !== 200 || !/Receipt code/.test(reply.text))
      problems.push(`member ${i}: ${reply.status}`);
  };
  const started = performance.now();
  if (mode === 'burst') await pool(setup.people, inFlight, cast);
  else {
    const gap = (windowSeconds * 1000 * 0.9) / setup.people.length;
    await Promise.all(
      setup.people.map(
        (person, i) =>
          new Promise<void>((resolve, reject) =>
            setTimeout(() => cast(person, i).then(resolve, reject), i * gap),
          ),
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  // Double taps: the same choice again must give the same receipt, not a second ballot.
  await pool(setup.people.slice(0, duplicates), inFlight, async (person, i) => {
    const reply = await clients[i].post(votePath, { choice: person.choice });
    if (reply.status !== 200 || !/already counted/.test(reply.text))
      problems.push(`repeat ${i}: ${reply.status}`);
  });
  return { latencies: latencies.sort((a, b) => a - b), seconds, problems };
}

/** One ballot per member with her choice, none lost or doubled; after closing the tally counts 200. */
async function checkVote(setup: Setup, voteId: string) {
  const rows = await setup.database.db
    .selectFrom('ballots')
    .select(['person_id', 'choice'])
    .where('vote_id', '=', voteId)
    .execute();
  const stored = new Map(rows.map((r) => [r.person_id, r.choice]));
  const lost = setup.people.filter((p) => !stored.has(p.id)).length;
  const wrong = setup.people.filter((p) => stored.has(p.id) && stored.get(p.id) !== p.choice).length;
  const doubled = rows.length - stored.size;
  await closeVote(setup.database, setup.admin, setup.assemblyId, voteId);
  const vote = (await findVote(setup.database.db, setup.assemblyId, voteId))!;
  const result = await closedVoteResult(setup.database.db, vote);
  const frozen = vote.frozen?.tally.ballots ?? -1;
  const recomputed = result?.tally.ballots ?? -1;
  const problems: string[] = [];
  if (rows.length !== members || lost > 0 || doubled > 0 || wrong > 0)
    problems.push('ballots lost, doubled or wrong');
  if (frozen !== members || recomputed !== members || !result?.intact)
    problems.push(`tally counts ${frozen}/${recomputed}`);
  return { stored: rows.length, lost, doubled, wrong, frozen, recomputed, problems };
}

interface Outcome {
  lines: string[];
  ok: boolean;
}

async function runCase(name: string, kind: 'sqlite' | 'postgres', processes: number): Promise<Outcome> {
  const setup = await prepare(kind);
  const servers: { url: string; child: ChildProcessWithoutNullStreams }[] = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(setup.env));
    // Beforehand: each member opens her link on her phone and the vote's page.
    const clients = setup.people.map((_, i) => httpClient(servers[i % servers.length].url));
    await pool(setup.people, 8, async (person, i) => {
      const opened = await clients[i].get(`/m/${person.token}`);
      if (opened.status !== 303) throw new Error(`the link of member ${i} answered ${opened.status}`);
      const page = await clients[i].get(`/member/votes/${setup.voteIds[0]}`);
      if (page.status !== 200 || !page.text.includes('name="choice"'))
        throw new Error(`no ballot form for member ${i}`);
    });
    const lines: string[] = [];
    let ok = true;
    for (const [v, mode] of (['paced', 'burst'] as const).entries()) {
      const run = await castAll(setup, clients, `/member/votes/${setup.voteIds[v]}`, mode);
      const check = await checkVote(setup, setup.voteIds[v]);
      const problems = [...run.problems, ...check.problems];
      if (mode === 'paced' && run.seconds > windowSeconds) problems.push(`took ${run.seconds.toFixed(1)} s`);
      const l = run.latencies;
      const [p50, p95, max] = [percentile(l, 50), percentile(l, 95), l.at(-1) ?? 0];
      // The goal is the paced run's: the burst shows how long the queue gets when all tap at once.
      if (mode === 'paced' && p95 >= goalP95Ms) problems.push('p95 over the goal');
      if (problems.length > 0) ok = false;
      const how = mode === 'paced' ? 'evenly over 9 s' : `${inFlight} in flight`;
      lines.push(
        `| ${name} | ${mode}: ${members} in ${run.seconds.toFixed(2)} s (${how}) | ${p50.toFixed(0)} ms | ${p95.toFixed(0)} ms | ` +
          `${max.toFixed(0)} ms | ${check.stored} / ${check.lost} / ${check.doubled} / ${check.wrong} | ${duplicates} absorbed | ` +
          `${check.frozen} / ${check.recomputed} | ${problems.length === 0 ? 'ok' : `FAILED: ${problems.slice(0, 3).join('; ')}`} |`,
      );
    }
    return { lines, ok };
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await setup.dispose();
  }
}

export async function runVotesBench(filter: readonly string[]): Promise<number> {
  const cases = [
    { name: 'votes: SQLite, one web process', kind: 'sqlite' as const, processes: 1 },
    { name: 'votes: PostgreSQL, one web process', kind: 'postgres' as const, processes: 1 },
    { name: 'votes: PostgreSQL, two web processes', kind: 'postgres' as const, processes: 2 },
  ];
  const chosen =
    filter.length === 0 || filter.includes('votes')
      ? cases
      : cases.filter((c) => filter.some((f) => c.name.includes(f)));
  if (chosen.length === 0) return 0;
  let failures = 0;
  const rows: string[] = [];
  for (const benchCase of chosen) {
    const { lines, ok } = await runCase(benchCase.name, benchCase.kind, benchCase.processes);
    if (!ok) failures++;
    rows.push(...lines);
    for (const line of lines) console.log(line);
  }
  console.log(
    '\n| case | ballots posted | p50 | p95 | max | stored / lost / doubled / wrong | double taps | tally frozen / recomputed | check |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  return failures;
}
