/**
 * `npm run bench`: the engine's speed targets, measured on this machine.
 *
 *   npm run bench                    all cases
 *   npm run bench -- large maximin   only cases whose name contains one of the words
 *   npm run bench -- largePool20k     the 20,000-person pool, from the CLI and as a web run
 *   npm run bench -- votes            200 members voting through their phone pages (SQLite, PostgreSQL, 2 processes)
 *   BENCH_BUDGET=300 npm run bench   stop a case after 300 s and report how far it got
 *
 * Every case also checks its result (every panel valid, the expected minimum probability; for the
 * invitation draws the letter count, one per household, the allocation per stratum), so a fast wrong
 * answer does not count as fast.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pricingThreadFor } from '../src/engine/pricing-thread.ts';
import { readPool } from '../src/io/pool.ts';
import { readTargets } from '../src/io/quotas.ts';
import { readTable } from '../src/io/table.ts';
import { checkPanel } from '../src/sortition/checkPanel.ts';
import { expandPanels } from '../src/sortition/decompose.ts';
import {
  type Algorithm,
  CancelledError,
  type SelectionInput,
  type SelectionResult,
} from '../src/sortition/model.ts';
import { selectPanel } from '../src/sortition/selectPanel.ts';
import { sharedData } from '../test/support/shared-data.ts';
import { swedishStylePool } from '../test/support/swedish-pool.ts';
import { syntheticPool } from './generate.ts';
import { municipalityNames, writeRegisterExtract } from './register-extract.ts';

const shared = (path: string) => sharedData('sortition', path);
const budgetSeconds = Number(process.env.BENCH_BUDGET ?? 900);

interface Case {
  name: string;
  algorithm: Algorithm;
  target: string;
  targetSeconds: number;
  reference: string;
  input: () => Promise<SelectionInput>;
  /** Expected lowest probability, when known exactly. */
  expectedMin?: number;
}

async function fromFiles(pool: string, quotas: string, panelSize: number): Promise<SelectionInput> {
  const { targets } = await readTargets(shared(quotas), { panelSize });
  const features =
    targets.kind === 'quotas'
      ? [...new Set(targets.quotas.map((q) => q.feature))]
      : targets.features.map((f) => f.feature);
  const { people } = readPool(await readTable(shared(pool)), { features });
  return { people, targets, panelSize };
}

/**
 * A pool of 480 volunteers for the 70-seat point targets of Sweden's 2023 national panel, each value
 * drawn in proportion to its target with a random tilt (some groups volunteer more than others), or
 * with none (`second`: another seed, each value exactly in proportion to its target, so the pool
 * looks like the panel asked for).
 */
async function swedishPool(second = false): Promise<SelectionInput> {
  return swedishStylePool({
    people: 480,
    panelSize: 70,
    seed: second ? 'swedish-480-untilted' : 'swedish-480',
    untilted: second,
  });
}

function synthetic(
  shape: 'paperLargest' | 'sfBenchmark' | 'europeanPanel' | 'largeAssembly',
): SelectionInput {
  const pool = syntheticPool({ shape });
  return { people: pool.people, targets: { kind: 'quotas', quotas: pool.quotas }, panelSize: pool.panelSize };
}

const cases: Case[] = [
  {
    name: 'replication example_large_200 (n=2000, k=200) leximin',
    algorithm: 'leximin',
    target: '< 30 s',
    targetSeconds: 30,
    reference: 'paper: 1161.8 s (Gurobi 9)',
    expectedMin: 0.1,
    input: () =>
      fromFiles(
        'replication/example_large_200/respondents.csv',
        'replication/example_large_200/categories.csv',
        200,
      ),
  },
  {
    name: 'sfBenchmark synthetic (n=750, k=112) maximin',
    algorithm: 'maximin',
    target: '< 10 s',
    targetSeconds: 10,
    reference: 'sortition-algorithms: 119 s (CBC) to 261 s (HiGHS)',
    input: async () => synthetic('sfBenchmark'),
  },
  {
    name: 'sfBenchmark synthetic (n=750, k=112) leximin',
    algorithm: 'leximin',
    target: '(no target)',
    targetSeconds: Number.POSITIVE_INFINITY,
    reference: 'level by level (main before issue 14): not finished in 200 s',
    input: async () => synthetic('sfBenchmark'),
  },
  {
    name: 'sortition-algorithms candidates (n=150, k=22) leximin',
    algorithm: 'leximin',
    target: '(no target)',
    targetSeconds: Number.POSITIVE_INFINITY,
    reference: '',
    input: () => fromFiles('sortition-algorithms/candidates.csv', 'sortition-algorithms/features.csv', 22),
  },
  {
    name: 'Swedish point targets (n=480, k=70, 5 features) maximin',
    algorithm: 'maximin',
    target: '(no target)',
    targetSeconds: Number.POSITIVE_INFINITY,
    reference: 'Swedish practice: hours of random search',
    input: () => swedishPool(),
  },
  {
    name: 'paperLargest synthetic (n=1727, k=110, 7 features) leximin',
    algorithm: 'leximin',
    target: '< 120 s',
    targetSeconds: 120,
    reference: 'paper: 4011.6 s on the real sf_e (Gurobi 9)',
    input: async () => synthetic('paperLargest'),
  },
  {
    name: 'Swedish point targets (n=480, k=70, 5 features) leximin',
    algorithm: 'leximin',
    target: '< 30 s',
    targetSeconds: 30,
    reference: 'issue 14: did not finish in 600 s',
    input: () => swedishPool(),
  },
  {
    name: 'Swedish point targets, second pool (n=480 untilted, k=70, 5 features) leximin',
    algorithm: 'leximin',
    target: '< 30 s',
    targetSeconds: 30,
    reference: 'issue 14: the 480/70 pools of both generators',
    input: () => swedishPool(true),
  },
  {
    name: 'largeAssembly engine only (n=20,000, k=60, 4 features) leximin',
    algorithm: 'leximin',
    target: '< 60 s',
    targetSeconds: 60,
    reference: 'largePool20k CLI: 30.8 s with the lottery',
    input: async () => synthetic('largeAssembly'),
  },
  {
    name: 'europeanPanel synthetic (n=10,000, k=200, 27 countries + 4 features) leximin',
    algorithm: 'leximin',
    target: '(measured)',
    targetSeconds: Number.POSITIVE_INFINITY,
    reference: '',
    input: async () => synthetic('europeanPanel'),
  },
];

/** The levels' certificates in a few words: how many, the largest gap between bound and value. */
function certificates(levels: SelectionResult['levels']): string {
  if (levels === undefined || levels.length === 0) return '–';
  const gap = Math.max(...levels.map((level) => level.bound - level.value));
  return `${levels.length} levels, largest gap ${gap.toExponential(1)}`;
}

/**
 * Invitation draws from a synthetic register extract (bench/register-extract.ts), each run in a
 * child process (bench/invitation-draw.ts) so that its peak memory is measured alone.
 */
interface InvitationCase {
  name: string;
  rows: number;
  count: number;
  target: string;
  targetSeconds: number;
  targetMb: number;
}

const invitationCases: InvitationCase[] = [
  {
    name: 'invitations50k (50,000 rows, 3,000 letters)',
    rows: 50_000,
    count: 3_000,
    target: '(no target)',
    targetSeconds: Number.POSITIVE_INFINITY,
    targetMb: Number.POSITIVE_INFINITY,
  },
  {
    name: 'invitations5M (5,000,000 rows, 30,000 letters)',
    rows: 5_000_000,
    count: 30_000,
    target: '< 20 s, < 300 MB',
    targetSeconds: 20,
    targetMb: 300,
  },
];

interface InvitationRun {
  seconds: number;
  peakMb: number;
  baselineMb: number;
  rowsRead: number;
  households: number;
  letters: number;
  strata: number;
  problems: string[];
}

async function runInvitationCase(benchCase: InvitationCase): Promise<{ line: string; ok: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'lotta-bench-register-'));
  try {
    const file = join(dir, 'register.csv');
    const generated = performance.now();
    writeRegisterExtract(file, { rows: benchCase.rows });
    const generateSeconds = (performance.now() - generated) / 1000;
    // Oversampling for 20 mid-sized municipalities, as for areas where fewer people answer.
    const weights = Object.fromEntries(
      municipalityNames()
        .slice(10, 30)
        .map((name, i) => [name, 1.5 + (i % 4) * 0.5]),
    );
    const options = {
      count: benchCase.count,
      seed: 'lotta-bench invitation seed 2024',
      householdColumns: ['adress', 'postnummer'],
      stratifyColumn: 'kommun',
      weights,
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./invitation-draw.ts', import.meta.url)),
        file,
        JSON.stringify(options),
      ],
      { maxBuffer: 1 << 20 },
    );
    const run = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as InvitationRun;
    const ok = run.problems.length === 0;
    const met = run.seconds <= benchCase.targetSeconds && run.peakMb <= benchCase.targetMb;
    const line =
      `| ${benchCase.name} | ${run.seconds.toFixed(1)} s | ${run.peakMb.toFixed(0)} MB (${run.baselineMb.toFixed(0)} MB before the draw) | ` +
      `${Number.isFinite(benchCase.targetSeconds) ? `${benchCase.target} ${met ? 'met' : 'MISSED'}` : '–'} | ${run.rowsRead.toLocaleString('en-GB')} rows, ${run.households.toLocaleString('en-GB')} households, ` +
      `${run.strata} strata | ${ok ? 'valid' : `INVALID: ${run.problems.join('; ')}`} | file generated in ${generateSeconds.toFixed(1)} s |`;
    return { line, ok };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A large registration pool (issue 8), through the command line and as a web run, each in a child
 * process (bench/large-pool.ts) so that its peak memory is its own. Targets: the run finishes and is
 * stored, the result page is served in under 2 s, peak memory under 1 GB.
 */
interface LargePoolCase {
  name: string;
  mode: 'cli' | 'web';
}

const largePoolCases: LargePoolCase[] = [
  { name: 'largePool20k CLI (n=20,000, k=60, 254 types, LEXIMIN, lottery of 1,000)', mode: 'cli' },
  {
    name: 'largePool20k web run (demo assembly, 20,000 registered, k=60, LEXIMIN, lottery of 1,000)',
    mode: 'web',
  },
];

interface LargePoolRun {
  mode: 'cli' | 'web';
  seconds: number;
  peakMb: number;
  baselineMb: number;
  fileMb?: number;
  storedMb?: number;
  pool?: number;
  page?: { seconds: number; kb: number };
  lastPage?: { seconds: number; kb: number };
  download?: { seconds: number; kb: number };
  drawMenu?: { seconds: number; kb: number };
  problems: string[];
}

async function runLargePoolCase(benchCase: LargePoolCase): Promise<{ line: string; ok: boolean }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./large-pool.ts', import.meta.url)), benchCase.mode],
    { maxBuffer: 1 << 20, timeout: budgetSeconds * 1000 },
  );
  const run = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LargePoolRun;
  const pageSeconds = run.page?.seconds ?? 0;
  const met = run.peakMb < 1024 && pageSeconds < 2;
  const ok = run.problems.length === 0;
  const stored =
    run.mode === 'cli' ? `file ${run.fileMb?.toFixed(1)} MB` : `stored ${run.storedMb?.toFixed(1)} MB`;
  const pages =
    run.page === undefined
      ? '–'
      : `result page ${run.page.seconds.toFixed(2)} s (${run.page.kb.toFixed(0)} kB), last page of probabilities ${run.lastPage?.seconds.toFixed(2)} s, download ${run.download?.seconds.toFixed(2)} s, draw menu ${run.drawMenu?.seconds.toFixed(2)} s`;
  const line =
    `| ${benchCase.name} | ${run.seconds.toFixed(1)} s | ${run.peakMb.toFixed(0)} MB (${run.baselineMb.toFixed(0)} MB before the run) | ` +
    `${stored} | ${pages} | < 2 s page, < 1 GB ${met ? 'met' : 'MISSED'} | ${ok ? 'valid' : `INVALID: ${run.problems.join('; ')}`} |`;
  return { line, ok };
}

const filter = process.argv.slice(2);
const chosen = filter.length > 0 ? cases.filter((c) => filter.some((f) => c.name.includes(f))) : cases;
const chosenInvitations =
  filter.length > 0 ? invitationCases.filter((c) => filter.some((f) => c.name.includes(f))) : invitationCases;
const chosenLargePools =
  filter.length > 0 ? largePoolCases.filter((c) => filter.some((f) => c.name.includes(f))) : largePoolCases;
const rows: string[] = [];
let failures = 0;
for (const benchCase of chosen) {
  const input = await benchCase.input();
  const started = performance.now();
  let fraction = 0;
  let phase = '';
  let detail = '';
  const levelsSoFar: string[] = [];
  const deadline = started + budgetSeconds * 1000;
  let line: string;
  try {
    const result = await selectPanel(input, {
      algorithm: benchCase.algorithm,
      // As the CLI and the web run it (engine-worker.ts).
      pairedPricing: pricingThreadFor,
      isCancelled: () => performance.now() > deadline,
      onProgress: (p) => {
        fraction = p.fraction;
        phase = p.phase;
        if (p.message?.startsWith('level ')) levelsSoFar.push(p.message);
        else if (p.message) detail = p.message;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    // People of one type are interchangeable, so the first named panel of a type panel stands for all of them.
    const invalid = result.typePanels.filter((panel) => {
      const first = expandPanels(result.types, [panel]).next().value;
      return first === undefined || checkPanel(input, first.members).length > 0;
    }).length;
    const min = Math.min(...Object.values(result.probabilities).filter((p) => p > 0));
    const minOk = benchCase.expectedMin === undefined || Math.abs(min - benchCase.expectedMin) <= 1e-6;
    const ok = invalid === 0 && minOk && result.status === 'ok';
    const met = seconds <= benchCase.targetSeconds;
    if (!ok) failures++;
    line = `| ${benchCase.name} | ${seconds.toFixed(1)} s | ${benchCase.target} ${met ? 'met' : 'MISSED'} | ${min.toFixed(6)} | ${result.stats.types} | ${result.stats.columns} | ${result.stats.milpSolves} | ${certificates(result.levels)} | ${ok ? 'valid' : `INVALID (${invalid} bad panels)`} | ${benchCase.reference} |`;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    line = `| ${benchCase.name} | stopped at ${budgetSeconds} s | ${benchCase.target} MISSED | – | – | – | – | ${levelsSoFar.length} levels closed${levelsSoFar.length > 0 ? ` (last: ${levelsSoFar.at(-1)})` : ''} | ${phase}: ${(fraction * 100).toFixed(0)}% of people settled; ${detail} | ${benchCase.reference} |`;
  }
  rows.push(line);
  console.log(line);
}
const invitationRows: string[] = [];
for (const benchCase of chosenInvitations) {
  const { line, ok } = await runInvitationCase(benchCase);
  if (!ok) failures++;
  invitationRows.push(line);
  console.log(line);
}
const largePoolRows: string[] = [];
for (const benchCase of chosenLargePools) {
  const { line, ok } = await runLargePoolCase(benchCase);
  if (!ok) failures++;
  largePoolRows.push(line);
  console.log(line);
}
if (rows.length > 0) {
  console.log(
    '\n| case | time | target | min probability | types | panels generated | MILP solves | levels | check | reference |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}
if (invitationRows.length > 0) {
  console.log('\n| case | time | peak memory | target | register | check | note |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of invitationRows) console.log(row);
}
if (largePoolRows.length > 0) {
  console.log('\n| case | time | peak memory | result | pages | target | check |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of largePoolRows) console.log(row);
}
failures += await (await import('./tables.ts')).runTablesBench(filter);
failures += await (await import('./votes-load.ts')).runVotesBench(filter);
process.exitCode = failures > 0 ? 1 : 0;
