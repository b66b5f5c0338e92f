import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sharedData } from '../../test/support/shared-data.ts';
import { hugeCellWorkbook, manyCellsWorkbook } from '../../test/support/workbook-bombs.ts';
import type { EngineRun } from '../engine/engine-thread.ts';
import type { LotterySelection } from '../sortition/commitment.ts';
import { asLotterySelection, type SelectionFile } from '../sortition/selection-file.ts';
import { ENGINE_VERSION } from '../sortition/selectPanel.ts';
import { main } from './main.ts';
import { catalogues } from './messages.ts';
import type { SelectIO } from './select-command.ts';

const shared = sharedData('sortition');
const data = (path: string) => join(shared, path);
const candidates = data('sortition-algorithms/candidates.csv');
const candidateQuotas = data('sortition-algorithms/features.csv');
const examples = data('sortition-algorithms/committee_generation_examples');
const bin = fileURLToPath(new URL('../../bin/lotta.mjs', import.meta.url));

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `lotta ...` in-process with captured output. */
async function lotta(args: string[], io: Partial<SelectIO> = {}): Promise<Run> {
  const captured = { out: '', err: '' };
  const code = await main(args, {
    stdout: (text) => {
      captured.out += text;
    },
    stderr: (text) => {
      captured.err += text;
    },
    ...io,
  });
  return { code, ...captured };
}

/** The same through the published command, as a separate process. */
function lottaProcess(args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

function noStackTrace(text: string): void {
  assert.doesNotMatch(text, /^\s+at /m, `a stack trace was printed:\n${text}`);
}

function parseSelection(text: string): SelectionFile {
  return JSON.parse(text) as SelectionFile;
}

let dir: string;
const tmp = (name: string) => join(dir, name);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-select-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lotta select on the shared examples', () => {
  test('sortition-algorithms candidates, 22 seats, households by address: every person gets a probability', async () => {
    const run = await lotta([
      'select',
      '--pool',
      candidates,
      '--quotas',
      candidateQuotas,
      '--size',
      '22',
      '--household',
      'primary_address1,primary_zip',
    ]);
    assert.equal(run.code, 0, run.err);
    const selection = parseSelection(run.out);
    assert.equal(selection.status, 'ok');
    assert.deepEqual(selection.engine, { name: 'lotta', version: ENGINE_VERSION });

    const poolIds = (await readFile(candidates, 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    assert.equal(poolIds.length, 150);
    for (const id of poolIds) assert.ok(id in selection.probabilities, `no probability for ${id}`);
    const total = selection.typePanels.reduce((sum, panel) => sum + panel.probability, 0);
    assert.ok(Math.abs(total - 1) <= 1e-6, `panel probabilities sum to ${total}`);
    const expectedSeats = Object.values(selection.probabilities).reduce((sum, p) => sum + p, 0);
    assert.ok(Math.abs(expectedSeats - 22) <= 1e-6, `probabilities sum to ${expectedSeats}`);

    // The input is recorded as the engine saw it, without the local file's line numbers.
    assert.equal(selection.input.people.length, 150);
    assert.equal(selection.input.panelSize, 22);
    assert.ok(selection.input.people.every((person) => !('row' in person)));
    assert.deepEqual(Object.keys(selection.input.people[0].features).sort(), [
      'Gender',
      'age_bracket',
      'edu_level',
      'geo_bucket',
    ]);
    // Nothing personal beyond the answers: the names and addresses stay in the pool file.
    assert.doesNotMatch(run.out, /first_name|email|primary_address1\d/);
    assert.equal(typeof selection.run.stats.seconds, 'number');
    assert.ok(!('stats' in selection), 'run-time statistics belong under run');
    // Each LEXIMIN level's certificate: the probability reached, its proved bound, the types settled.
    const levels = selection.run.levels ?? [];
    assert.ok(levels.length > 0, 'the levels are in the file');
    const settled = levels.reduce((sum, level) => sum + level.peopleFixed, 0);
    assert.equal(settled, Object.values(selection.probabilities).filter((p) => p > 0).length);
    for (const level of levels) assert.ok(level.bound >= level.value && level.bound - level.value <= 1e-5);

    // The summary goes to stderr: the table of targets and the spread of chances.
    assert.match(run.err, /Gender\s+Female\s+11–12\s+77\s+\d+\.\d\d/);
    assert.match(run.err, /Probability of selection for the \d+ people with a chance: min 0\.\d{4}/);
    assert.match(
      run.err,
      /\d+ probability levels settled; largest gap between a level's probability and its proved upper bound: 0/,
    );
  });

  test('an infeasible example exits 2 and explains why', async () => {
    const run = await lotta([
      'select',
      '--pool',
      join(examples, 'example4_infeasible/people.csv'),
      '--quotas',
      join(examples, 'example4_infeasible/features.csv'),
      '--size',
      '2',
      '--household',
      'home,street',
    ]);
    assert.equal(run.code, 2, run.err);
    const selection = parseSelection(run.out);
    assert.equal(selection.status, 'infeasible');
    assert.ok(selection.diagnostics.length > 0);
    assert.match(run.err, /No panel meets the quotas/);
    assert.match(run.err, /Why no panel meets the quotas:\n {2}- /);
    for (const diagnostic of selection.diagnostics) assert.ok(run.err.includes(diagnostic.message));
  });

  test('with a percentage file, the smallest change is given in percent, the unit typed', async () => {
    const people = ['id,gender', ...Array.from({ length: 10 }, (_, i) => `p${i},${i < 5 ? 'woman' : 'man'}`)];
    await writeFile(tmp('percent-pool.csv'), `${people.join('\n')}\n`);
    await writeFile(
      tmp('percent-quotas.csv'),
      'feature,value,min_percent,max_percent\ngender,woman,60,100\ngender,man,60,100\n',
    );
    const args = ['select', '--pool', tmp('percent-pool.csv'), '--quotas', tmp('percent-quotas.csv')];
    const run = await lotta([...args, '--size', '5', '--format', 'text']);
    assert.equal(run.code, 2, run.err);
    assert.match(run.out, /gender=(woman|man): minimum 60 % → [\d.]+ % \(2 seats\)/);
    assert.doesNotMatch(run.out, /minimum 3 → 2/);
    assert.match(run.out, /Lower min_percent of gender=(woman|man) from 60 % to [\d.]+ % \(2 seats\)\./);
    assert.doesNotMatch(run.out, /from 3 to 2/);
    const sv = await lotta([...args, '--size', '5', '--format', 'text', '--lang', 'sv']);
    assert.match(sv.out, /gender=(woman|man): minimum 60 % → [\d,]+ % \(2 platser\)/);
  });

  test('an engine error reads in Swedish with --lang sv, and in the engine English otherwise', async () => {
    await writeFile(tmp('odd-pool.csv'), 'id,gender\np1,woman\np2,man\np3,other\n');
    await writeFile(tmp('odd-quotas.csv'), 'feature,value,min,max\ngender,woman,0,2\ngender,man,0,2\n');
    const args = ['select', '--pool', tmp('odd-pool.csv'), '--quotas', tmp('odd-quotas.csv'), '--size', '2'];
    const en = await lotta(args);
    assert.equal(en.code, 1);
    assert.match(
      en.err,
      /odd-pool\.csv, line 4, column "gender": Person "p3" has gender="other", a value no quota/,
    );
    const sv = await lotta([...args, '--lang', 'sv']);
    assert.equal(sv.code, 1);
    assert.match(
      sv.err,
      /odd-pool\.csv, rad 4, kolumn ”gender”: Personen ”p3” har gender=”other”, ett värde som ingen kvot/,
    );
  });

  test('the same in Swedish, as text: the diagnostics are translated', async () => {
    const run = await lotta([
      'select',
      '--lang',
      'sv',
      '--pool',
      join(examples, 'example4_infeasible/people.csv'),
      '--quotas',
      join(examples, 'example4_infeasible/features.csv'),
      '--size',
      '2',
      '--format',
      'text',
    ]);
    assert.equal(run.code, 2, run.err);
    assert.match(
      run.out,
      /^Ingen panel uppfyller kvoterna \(leximin\): panelstorlek 2, 4 personer i urvalspoolen/,
    );
    assert.match(run.out, /Egenskap\s+Värde\s+Mål\s+Poolen/);
    assert.match(run.out, /Därför uppfyller ingen panel kvoterna:/);
    assert.match(run.out, /→ Sänk minimum för f\d=v\d från 1 till 0\./);
    assert.doesNotMatch(run.out, /Lower the minimum/);
    assert.equal(run.err, '', 'with --format text nothing but the text is printed');
  });

  test('OpenDLP files, 20 seats: the notes below the quotas are warned about, not fatal', async () => {
    const run = await lotta([
      'select',
      '--pool',
      data('opendlp/Respondents_csv_example.csv'),
      '--quotas',
      data('opendlp/Categories_csv_example.csv'),
      '--size',
      '20',
      '--quiet',
    ]);
    assert.equal(run.code, 0, run.err);
    assert.equal(run.err, '', '--quiet prints no summary');
    const selection = parseSelection(run.out);
    assert.equal(selection.status, 'ok');
    assert.equal(Object.keys(selection.probabilities).length, 100);
    const skipped = selection.warnings.filter((w) => w.code === 'input-file');
    assert.equal(skipped.length, 2);
    assert.match(
      skipped[0].message,
      /Categories_csv_example\.csv, line 24: skipped "Socio-economic target\?"/,
    );
    // Everyone with probability 0 is explained.
    const zero = Object.entries(selection.probabilities).filter(([, p]) => p === 0);
    assert.equal(selection.excluded.length, zero.length);
  });

  test('Swedish point targets with 70 seats; a value without a target is a warning', async () => {
    const targets = data('swedish-point-targets/criteria.json.example');
    const criteria = JSON.parse(await readFile(targets, 'utf8')) as Record<
      string,
      { values: Record<string, number> }
    >;
    const features = Object.keys(criteria);
    // 80 people drawn roughly in proportion to the targets (a fixed LCG, so the file is the same every
    // run); every 25th lives on a houseboat, which the targets do not mention.
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const lines = [['id', ...features].join(',')];
    for (let i = 1; i <= 80; i++) {
      const cells = features.map((feature) => {
        if (feature === 'housing_type' && i % 25 === 0) return 'houseboat';
        const entries = Object.entries(criteria[feature].values);
        let r = next() * 70;
        for (const [value, target] of entries) {
          r -= target;
          if (r < 0) return value;
        }
        return entries[0][0];
      });
      lines.push([`s${i}`, ...cells].join(','));
    }
    await writeFile(tmp('sv-pool.csv'), `${lines.join('\n')}\n`);

    const run = await lotta([
      'select',
      '--pool',
      tmp('sv-pool.csv'),
      '--quotas',
      targets,
      '--size',
      '70',
      '--lang',
      'sv',
    ]);
    assert.equal(run.code, 0, run.err);
    const selection = parseSelection(run.out);
    assert.equal(selection.status, 'ok');
    assert.equal(selection.input.targets.kind, 'points');
    assert.ok(selection.deviation, 'point targets report the deviation');
    const houseboat = selection.warnings.find((w) => w.code === 'value-without-target');
    assert.equal(houseboat?.value, 'houseboat');
    const expectedSeats = Object.values(selection.probabilities).reduce((sum, p) => sum + p, 0);
    assert.ok(Math.abs(expectedSeats - 70) <= 1e-6);
    // The Swedish summary on stderr: weights, point targets, the value without a target, the warning.
    assert.match(run.err, /Egenskap\s+Värde\s+Vikt\s+Mål\s+Poolen\s+Väntat antal i panelen/);
    assert.match(run.err, /region\s+Stockholm\s+4\s+16\s+\d+\s+\d+,\d\d/);
    assert.match(run.err, /houseboat\s+\(inget\)\s+3\s/);
    assert.match(run.err, /3 personer har housing_type="houseboat", som saknar mål/);
    assert.match(run.err, /Viktad avvikelse från poängmålen: minsta möjliga/);
  });

  test('--format text --lang sv prints the summary in Swedish on stdout', async () => {
    const run = await lotta([
      'select',
      '--pool',
      join(examples, 'example6/people.csv'),
      '--quotas',
      join(examples, 'example6/features.csv'),
      '--size',
      '46',
      '--format',
      'text',
      '--lang',
      'sv',
    ]);
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.out,
      /^Urvalet är klart \(leximin\): panelstorlek 46, 61 personer i urvalspoolen, \d+,\d\d s\./,
    );
    assert.match(run.out, /Sannolikhet att väljas för de 60 personer som har en chans: lägst 0,7667/);
    assert.match(run.out, /1 person har sannolikheten 0:\n {2}1 × Ingen panel som uppfyller alla mål/);
    assert.doesNotMatch(run.out, /"status"/);
  });
});

describe('lotta select with bad input', () => {
  before(async () => {
    await writeFile(tmp('pool.csv'), 'id,gender\na,m\nb,f\nc,f\nd,m\n');
    await writeFile(tmp('quotas.csv'), 'feature,value,min,max\ngender,m,1,1\ngender,f,1,1\n');
    await writeFile(tmp('empty.csv'), '');
    await writeFile(tmp('min-above-max.csv'), 'feature,value,min,max\ngender,m,2,1\ngender,f,1,1\n');
    await writeFile(tmp('unknown-feature.csv'), 'feature,value,min,max\ngender,m,1,1\nage,old,1,1\n');
    await writeFile(tmp('duplicate-ids.csv'), 'id,gender\na,m\nb,f\na,f\n');
    await writeFile(tmp('stray-value.csv'), 'id,gender\na,m\nb,f\nc,x\n');
  });

  const select = (pool: string, quotas: string, size: string, ...more: string[]) =>
    lotta(['select', '--pool', tmp(pool), '--quotas', tmp(quotas), '--size', size, ...more]);

  const cases: { name: string; run: () => Promise<Run>; file?: string; message: RegExp }[] = [
    {
      name: 'a pool file that does not exist',
      run: () => select('missing.csv', 'quotas.csv', '2'),
      file: 'missing.csv',
      message: /does not exist/,
    },
    {
      name: 'an empty pool file',
      run: () => select('empty.csv', 'quotas.csv', '2'),
      file: 'empty.csv',
      message: /empty/,
    },
    {
      name: 'a quota whose minimum is above its maximum',
      run: () => select('pool.csv', 'min-above-max.csv', '2'),
      file: 'min-above-max.csv, line 2',
      message: /min 2 is above max 1/,
    },
    {
      name: '--size 0',
      run: () => select('pool.csv', 'quotas.csv', '0'),
      message: /^--size must be a whole number of 1 or more \(got "0"\)/,
    },
    {
      name: '--size 2.5',
      run: () => select('pool.csv', 'quotas.csv', '2.5'),
      message: /^--size must be a whole number/,
    },
    {
      name: '--size larger than the pool',
      run: () => select('pool.csv', 'quotas.csv', '5'),
      file: 'pool.csv',
      message: /panel size 5 is larger than the pool \(4 people\)/,
    },
    {
      name: 'a quota feature that the pool has no column for',
      run: () => select('pool.csv', 'unknown-feature.csv', '2'),
      file: 'pool.csv',
      message: /no column "age"/,
    },
    {
      name: 'duplicate ids',
      run: () => select('duplicate-ids.csv', 'quotas.csv', '2'),
      file: 'duplicate-ids.csv, line 4',
      message: /the id "a" is also on line 2/,
    },
    {
      // The engine finds this one; the CLI adds the pool file to the engine's row and column.
      name: 'a value that no quota mentions',
      run: () => select('stray-value.csv', 'quotas.csv', '2'),
      file: 'stray-value.csv, line 4, column "gender"',
      message: /Person "c" has gender="x", a value no quota mentions/,
    },
    {
      name: 'a kept person who is not in the pool',
      run: async () => {
        await writeFile(tmp('keep.txt'), 'a\nzz\n');
        return select('pool.csv', 'quotas.csv', '2', '--keep', tmp('keep.txt'));
      },
      file: 'keep.txt',
      message: /the kept person "zz" is not in/,
    },
    {
      name: '--tolerance with quotas',
      run: () => select('pool.csv', 'quotas.csv', '2', '--tolerance', '1'),
      message: /--tolerance applies to point targets/,
    },
    {
      name: '--trade-off with quotas',
      run: () => select('pool.csv', 'quotas.csv', '2', '--trade-off'),
      file: 'quotas.csv',
      message: /--trade-off applies to point targets/,
    },
    {
      name: '--trade-off with more tolerances than allowed',
      run: () => select('pool.csv', 'quotas.csv', '2', '--trade-off', '9'),
      message: /^--trade-off must be a whole number from 1 to 6 \(got "9"\)/,
    },
    {
      name: '--panels with --algorithm legacy',
      run: () => select('pool.csv', 'quotas.csv', '2', '--algorithm', 'legacy', '--panels', '10'),
      message: /--panels needs a distribution over panels/,
    },
  ];
  for (const { name, run, file, message } of cases) {
    test(`${name}: exit 1 with one clear message`, async () => {
      const result = await run();
      assert.equal(result.code, 1, result.err);
      assert.equal(result.out, '');
      assert.match(result.err, message);
      if (file !== undefined)
        assert.ok(result.err.includes(tmp(file)), `the message should name ${file}:\n${result.err}`);
      assert.equal(result.err.trim().split('\n').length, 1, `more than one line:\n${result.err}`);
      noStackTrace(result.err);
    });
  }

  test('point targets or weights of 1e308 are an input error naming the file and key, not a solver failure', async () => {
    const cases: [string, RegExp][] = [
      [
        '{"gender": {"values": {"m": 1e308, "f": 1}}}',
        /gender\.values\.m: target must be a number from 0 to 100,000/,
      ],
      [
        '{"gender": {"values": {"m": 1, "f": 1}, "weight": 1e308}}',
        /gender\.weight: weight must be a number from 0 to 100,000/,
      ],
    ];
    for (const [json, message] of cases) {
      await writeFile(tmp('huge-points.json'), json);
      const result = await select('pool.csv', 'huge-points.json', '2');
      assert.equal(result.code, 1, result.err);
      assert.match(result.err, message);
      assert.ok(result.err.startsWith(tmp('huge-points.json')), result.err);
      assert.doesNotMatch(result.err, /internal error|HiGHS/);
    }
  });

  test('a 20 MB key in the targets: stderr stays small', async () => {
    const key = 'k'.repeat(20 * 1024 * 1024);
    await writeFile(tmp('huge-key.json'), `{"gender": {"values": {"m": 1, "f": 1, "${key}": 0}}}`);
    const refused = await select('pool.csv', 'huge-key.json', '2');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /the name "k+…" is longer than 10,000 characters/);
    assert.ok(refused.err.length < 1_000, `${refused.err.length} characters on stderr`);
    // A long name that is allowed is still shown only by its start, in every line of the summary.
    const long = 'v'.repeat(9_000);
    await writeFile(tmp('long-key.json'), `{"gender": {"values": {"m": 1, "f": 1, "${long}": 1}}}`);
    const run = await select('pool.csv', 'long-key.json', '2', '--panels', '2');
    assert.equal(run.code, 0, run.err.slice(0, 2000));
    assert.match(run.err, /v{59}…/);
    assert.ok(run.err.length < 5_000, `${run.err.length} characters on stderr`);
  });

  test('a workbook bomb as the pool is refused naming the limit, within bounded memory', async () => {
    await writeFile(tmp('bomb.xlsx'), hugeCellWorkbook(400, true));
    await writeFile(tmp('cells.xlsx'), manyCellsWorkbook(11_000, 100));
    for (const [name, message] of [
      [
        'bomb.xlsx',
        /bomb\.xlsx, line 2: a cell \(cell B2 of sheet "Blad1"\) holds more than 10,000 characters/,
      ],
      ['cells.xlsx', /cells\.xlsx: sheet "Blad1" has more than 1,000,000 cells with values/],
    ] as const) {
      const peak = process.resourceUsage().maxRSS / 1024;
      const started = Date.now();
      const result = await select(name, 'quotas.csv', '2');
      const grew = process.resourceUsage().maxRSS / 1024 - peak;
      assert.equal(result.code, 1, result.err);
      assert.match(result.err, message);
      noStackTrace(result.err);
      assert.ok(grew < 200, `${name}: the peak resident size grew by ${Math.round(grew)} MB`);
      assert.ok(Date.now() - started < 20_000, `${name}: took ${Date.now() - started} ms`);
    }
  });

  test('a date cell out of range is an input error with sheet, line and column, not an internal error', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Pool');
    sheet.addRow(['id', 'gender', 'registered']);
    sheet.addRow(['a', 'm', 1e10]);
    sheet.addRow(['b', 'f', 45000]);
    sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
    await workbook.xlsx.writeFile(tmp('dates.xlsx'));
    const result = await select('dates.xlsx', 'quotas.csv', '2');
    assert.equal(result.code, 1, result.err);
    assert.match(
      result.err,
      /dates\.xlsx, line 2, column "registered": cell C2 of sheet "Pool" is formatted as a date but holds 10000000000/,
    );
    assert.doesNotMatch(result.err, /internal error/);
  });

  test('an unknown option: exit 1 with commander’s message', async () => {
    const result = await select('pool.csv', 'quotas.csv', '2', '--sise', '3');
    assert.equal(result.code, 1);
    assert.match(result.err, /error: unknown option '--sise'/);
  });

  test('an unknown algorithm: exit 1 naming the choices', async () => {
    const result = await select('pool.csv', 'quotas.csv', '2', '--algorithm', 'random');
    assert.equal(result.code, 1);
    assert.match(result.err, /leximin, maximin, nash, legacy/);
  });

  test('Swedish messages for the CLI’s own checks', async () => {
    const result = await select('pool.csv', 'quotas.csv', '0', '--lang', 'sv');
    assert.equal(result.code, 1);
    assert.match(result.err, /^--size måste vara ett heltal, 1 eller större \(angivet: "0"\)/);
  });

  test('an unexpected error is an internal error, with its stack only under LOTTA_DEBUG=1', async () => {
    const failing = (): EngineRun => ({
      result: Promise.reject(new Error('the solver fell over')),
      cancel: () => {},
      stop: () => {},
    });
    const quiet = await lotta(
      ['select', '--pool', tmp('pool.csv'), '--quotas', tmp('quotas.csv'), '--size', '2'],
      {
        startEngine: failing,
      },
    );
    assert.equal(quiet.code, 1);
    assert.match(quiet.err, /^internal error: the solver fell over\n/);
    noStackTrace(quiet.err);

    process.env.LOTTA_DEBUG = '1';
    try {
      const debug = await lotta(
        ['select', '--pool', tmp('pool.csv'), '--quotas', tmp('quotas.csv'), '--size', '2'],
        {
          startEngine: failing,
        },
      );
      assert.equal(debug.code, 1);
      assert.match(debug.err, /^\s+at /m);
    } finally {
      delete process.env.LOTTA_DEBUG;
    }
  });
});

describe('lotta select --trade-off', () => {
  // Nine people; the least deviating panel of two is one a and one b, so the three c's are left out
  // until the allowed deviation reaches 2 (one c in place of an a or a b moves two counts by one).
  before(async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `t${i},${['a', 'b', 'c'][i % 3]}`);
    await writeFile(tmp('trade-pool.csv'), `id,group\n${rows.join('\n')}\n`);
    await writeFile(tmp('trade-points.json'), '{"group": {"weight": 1, "values": {"a": 1, "b": 1, "c": 0}}}');
  });
  const args = () => [
    'select',
    '--pool',
    tmp('trade-pool.csv'),
    '--quotas',
    tmp('trade-points.json'),
    '--size',
    '2',
  ];

  test('the JSON has run.tradeOff and the summary its table, one row per tolerance', async () => {
    const run = await lotta([...args(), '--trade-off', '3']);
    assert.equal(run.code, 0, run.err);
    const selection = parseSelection(run.out);
    const tradeOff = selection.run.tradeOff;
    assert.ok(tradeOff, 'run.tradeOff is written');
    assert.equal(tradeOff.best, 0);
    assert.deepEqual(
      tradeOff.steps.map((s) => [s.tolerance, s.allowed, s.withoutChance]),
      [
        [0, 0, 3],
        [1, 1, 3],
        [2, 2, 0],
      ],
    );
    assert.equal(tradeOff.steps[0].lowest, 0);
    assert.ok(Math.abs(tradeOff.steps[0].lowestSelectable - 1 / 3) < 1e-6);
    assert.ok(tradeOff.steps[2].lowest > 0);
    // The selection itself is untouched by the trade-off: tolerance 0, the c's left out.
    assert.equal(selection.excluded.length, 3);
    assert.match(run.err, /Trade-off between deviation and chances \(smallest possible deviation 0;/);
    assert.match(
      run.err,
      /Tolerance\s+Allowed deviation\s+Lowest probability\s+Lowest among selectable\s+People with none/,
    );
    assert.match(run.err, /\n\s+0\s+0\s+0\.0000\s+0\.3333\s+3\n/);
  });

  test('in Swedish as text; without --trade-off there is no table', async () => {
    const run = await lotta([...args(), '--trade-off', '--format', 'text', '--lang', 'sv']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Avvägning mellan avvikelse och chanser/);
    assert.match(
      run.out,
      /Tolerans\s+Tillåten avvikelse\s+Lägsta sannolikhet\s+Lägsta bland valbara\s+Utan chans/,
    );
    assert.match(run.out, /\n\s+0\s+0\s+0,0000\s+0,3333\s+3\n/);
    const plain = await lotta([...args(), '--format', 'text']);
    assert.doesNotMatch(plain.out, /Trade-off/);
    const json = await lotta(args());
    assert.equal(parseSelection(json.out).run.tradeOff, undefined);
  });

  test('with a tolerance, the people left out are out of the allowed deviation, not only the smallest', async () => {
    const run = await lotta([...args(), '--tolerance', '1', '--format', 'text']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /smallest possible 0, allowed 1\./);
    assert.match(
      run.out,
      /3 × No panel within the allowed deviation from the targets includes this person\./,
    );
    const sv = await lotta([...args(), '--tolerance', '1', '--format', 'text', '--lang', 'sv']);
    assert.match(sv.out, /3 × Ingen panel inom den tillåtna avvikelsen från målen/);
  });
});

describe('lotta select while it runs', () => {
  test('a terminal gets a progress line; --quiet and pipes do not', async () => {
    const args = ['select', '--pool', tmp('pool.csv'), '--quotas', tmp('quotas.csv'), '--size', '2'];
    const terminal = await lotta(args, { stderrIsTTY: true });
    assert.equal(terminal.code, 0, terminal.err);
    assert.ok(terminal.err.includes('\r\x1b[Kpreparing 0%'), terminal.err);
    assert.ok(
      terminal.err.includes('\r\x1b[KSelection done'),
      'the progress line is cleared before the summary',
    );

    const quiet = await lotta([...args, '--quiet'], { stderrIsTTY: true });
    assert.equal(quiet.err, '');
    const piped = await lotta(args);
    assert.doesNotMatch(piped.err, /\r/);
  });

  test('Ctrl-C stops the engine: "cancelled" and exit 130', async () => {
    const errors: string[] = [];
    let interrupt: (() => void) | undefined;
    const run = await lotta(
      ['select', '--pool', candidates, '--quotas', candidateQuotas, '--size', '22', '--algorithm', 'nash'],
      {
        stderrIsTTY: true,
        onInterrupt: (listener) => {
          interrupt = listener;
          return () => {
            interrupt = undefined;
          };
        },
        // Presses Ctrl-C as soon as the first progress line appears, as a person would.
        stderr: (text) => {
          errors.push(text);
          if (text.includes('%')) interrupt?.();
        },
      },
    );
    const err = errors.join('');
    assert.equal(run.code, 130, err);
    assert.match(err, /Cancelling…/);
    assert.match(err, /cancelled\n$/);
    // Once cancelling, the progress line is no longer redrawn.
    assert.doesNotMatch(err.slice(err.indexOf('Cancelling…')), /%/);
    assert.equal(run.out, '');
    assert.equal(interrupt, undefined, 'the Ctrl-C handler is removed afterwards');
  });

  test('a second Ctrl-C stops at once', async () => {
    const run = await lotta(['select', '--pool', candidates, '--quotas', candidateQuotas, '--size', '22'], {
      onInterrupt: (listener) => {
        setTimeout(() => {
          listener();
          listener();
        }, 50);
        return () => {};
      },
    });
    assert.equal(run.code, 130, run.err);
    assert.match(run.err, /cancelled\n$/);
  });
});

describe('select, commit, draw and verify end to end', () => {
  const seed = 'Lotto 2026-11-28: 4 9 15 22 27 31 33';

  test('a lottery of 100 panels is committed to, drawn from and verified; a changed member is caught', async () => {
    // The select step runs the published command, as an organiser would.
    const select = lottaProcess([
      'select',
      '--pool',
      join(examples, 'example6/people.csv'),
      '--quotas',
      join(examples, 'example6/features.csv'),
      '--size',
      '46',
      '--panels',
      '100',
      '--out',
      tmp('selection.json'),
      '--quiet',
    ]);
    assert.equal(select.code, 0, select.err);
    assert.equal(select.out, '');
    const selection = parseSelection(await readFile(tmp('selection.json'), 'utf8'));
    assert.equal(selection.lottery?.size, 100);
    assert.equal(selection.lottery?.panels.length, 100);
    // The file is what `lotta commit` and `lotta draw` expect.
    const lottery: LotterySelection | undefined = asLotterySelection(selection);
    assert.ok(lottery);

    const commit = await lotta([
      'commit',
      '--lottery',
      tmp('selection.json'),
      '--out',
      tmp('commitment.json'),
    ]);
    assert.equal(commit.code, 0, commit.err);
    const draw = await lotta([
      'draw',
      '--lottery',
      tmp('selection.json'),
      '--seed',
      seed,
      '--out',
      tmp('transcript.json'),
    ]);
    assert.equal(draw.code, 0, draw.err);
    const verify = await lotta([
      'verify',
      tmp('transcript.json'),
      '--commitment',
      tmp('commitment.json'),
      '--seed',
      seed,
    ]);
    assert.equal(verify.code, 0, verify.err);
    assert.match(verify.err, /^Verified: /);

    const swedish = await lotta(['verify', tmp('transcript.json'), '--lang', 'sv']);
    assert.equal(swedish.code, 0, swedish.err);
    assert.match(swedish.err, /^Verifierat: /);

    const wrongSeed = await lotta(['verify', tmp('transcript.json'), '--seed', `${seed}!`]);
    assert.equal(wrongSeed.code, 3);

    // Swap one drawn member for someone who is not on that panel.
    const transcript = JSON.parse(await readFile(tmp('transcript.json'), 'utf8')) as { members: string[] };
    const outsider = selection.input.people.map((p) => p.id).find((id) => !transcript.members.includes(id));
    assert.ok(outsider);
    transcript.members[0] = outsider;
    await writeFile(tmp('tampered.json'), JSON.stringify(transcript, null, 2));
    const tampered = lottaProcess(['verify', tmp('tampered.json'), '--commitment', tmp('commitment.json')]);
    assert.equal(tampered.code, 3, tampered.err);
    assert.match(tampered.err, /Verification FAILED/);
  });

  test('the selection file keeps run-time facts out of the commitment', async () => {
    const selection = parseSelection(await readFile(tmp('selection.json'), 'utf8'));
    const rerun: SelectionFile = { ...selection, run: { stats: { ...selection.run.stats, seconds: 99 } } };
    await writeFile(tmp('rerun.json'), JSON.stringify(rerun));
    const first = await lotta(['commit', '--lottery', tmp('selection.json')]);
    const second = await lotta(['commit', '--lottery', tmp('rerun.json')]);
    assert.equal(JSON.parse(first.out).commitment, JSON.parse(second.out).commitment);
  });
});

describe('lotta itself', () => {
  test('--help and --version exit 0; no command shows the help and exits 1', async () => {
    const help = await lotta(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /select \[options\]/);
    assert.match(help.out, /Exit codes: 0 done, 1 bad input, 2 no panel meets the quotas/);
    const swedishHelp = await lotta(['--lang', 'sv', 'select', '--help']);
    assert.equal(swedishHelp.code, 0);
    assert.match(swedishHelp.out, /antal platser i panelen/);
    const version = await lotta(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.out.trim(), ENGINE_VERSION);
    const nothing = await lotta([]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /Usage: lotta/);
    const unknown = await lotta(['choose']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown command 'choose'/);
  });

  test('the Swedish catalogue has every key of the English one', () => {
    const keys = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        inner !== null && typeof inner === 'object' ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    assert.deepEqual(keys(catalogues.sv).sort(), keys(catalogues.en).sort());
  });
});
