import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from './main.ts';

let dir: string;
const path = (name: string) => join(dir, name);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-tables-'));
  const rows = ['id,gender,age,lang'];
  for (let i = 1; i <= 24; i++)
    rows.push(`m${i},${i % 2 ? 'f' : 'm'},${['young', 'mid', 'old'][i % 3]},${i <= 3 ? 'fi' : ''}`);
  await writeFile(path('people.csv'), `${rows.join('\n')}\n`);
  await writeFile(path('facilitators.csv'), 'id\nf1\nf2\nf3\nf4\n');
  await writeFile(path('apart.csv'), 'a,b\nm5,m6\n');
  await writeFile(path('fixed.csv'), 'id,round,table\nm7,2,1\n');
  await writeFile(path('present.txt'), `${Array.from({ length: 22 }, (_, i) => `m${i + 1}`).join('\n')}\n`);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

interface Output {
  rounds: { tables: { members: string[]; facilitator: string | null }[] }[];
  report: { repeatedPairs: number; distinctPairs: number };
}

describe('lotta tables', () => {
  test('seats everyone once per round with every rule, and says so in Swedish', async () => {
    const { code, err } = await run([
      '--lang',
      'sv',
      'tables',
      '--people',
      path('people.csv'),
      '--size',
      '6',
      '--rounds',
      '3',
      '--diversify',
      'gender,age',
      '--weights',
      'gender=2',
      '--cluster',
      'lang',
      '--facilitators',
      path('facilitators.csv'),
      '--apart',
      path('apart.csv'),
      '--fixed',
      path('fixed.csv'),
      '--seed',
      'cli',
      '--out',
      path('tables.json'),
    ]);
    assert.equal(code, 0, err);
    assert.match(err, /Placerade 24 personer vid 4 bord i 3 rundor/);
    const output = JSON.parse(await readFile(path('tables.json'), 'utf8')) as Output;
    assert.equal(output.rounds.length, 3);
    for (const round of output.rounds) {
      const seated = round.tables.flatMap((t) => t.members).sort();
      assert.equal(seated.length, 24);
      assert.equal(new Set(seated).size, 24);
      const tableOf = (id: string) => round.tables.findIndex((t) => t.members.includes(id));
      assert.notEqual(tableOf('m5'), tableOf('m6'));
      assert.equal(tableOf('m1'), tableOf('m2'));
      assert.equal(tableOf('m1'), tableOf('m3'));
      assert.ok(round.tables.every((t) => t.facilitator !== null));
    }
    assert.ok(output.rounds[1].tables[0].members.includes('m7'));
  });

  test('re-allocates the later rounds for those present, keeping the history', async () => {
    const first = await run([
      'tables',
      '--people',
      path('people.csv'),
      '--size',
      '6',
      '--rounds',
      '4',
      '--seed',
      'a',
      '--out',
      path('all.json'),
    ]);
    assert.equal(first.code, 0, first.err);
    const again = await run([
      'tables',
      '--people',
      path('people.csv'),
      '--size',
      '6',
      '--rounds',
      '4',
      '--history',
      path('all.json'),
      '--held',
      '2',
      '--present',
      path('present.txt'),
      '--seed',
      'b',
    ]);
    assert.equal(again.code, 0, again.err);
    const before = JSON.parse(await readFile(path('all.json'), 'utf8')) as Output;
    const after = JSON.parse(again.out) as Output;
    assert.deepEqual(after.rounds.slice(0, 2), before.rounds.slice(0, 2));
    assert.equal(after.rounds[2].tables.flatMap((t) => t.members).length, 22);
  });

  const bad: [string, string[], RegExp][] = [
    [
      'a cluster larger than a table',
      ['--size', '2', '--cluster', 'lang'],
      /people\.csv: 3 people must sit together \(fi\), but a table seats at most 2/,
    ],
    [
      'more facilitators than tables',
      ['--tables', '2', '--facilitators', 'facilitators.csv'],
      /facilitators\.csv: 4 facilitators for 2 tables/,
    ],
    [
      'a fixed placement at a missing table',
      ['--size', '6', '--fixed', 'bad-table.csv'],
      /bad-table\.csv, line 2: m7 is fixed to table 9, but there are only 4 tables/,
    ],
    [
      'an unknown id in the apart file',
      ['--size', '6', '--apart', 'bad-apart.csv'],
      /bad-apart\.csv, line 2, column "b": nobody is not among the people/,
    ],
    [
      'a bad round number',
      ['--size', '6', '--fixed', 'bad-fixed.csv'],
      /bad-fixed\.csv, line 2, column "round": give a whole number of at least 1/,
    ],
    ['a missing column', ['--size', '6', '--diversify', 'income'], /there is no column "income"/],
    ['no size', [], /give --size or --tables/],
    [
      'a size that is not a number',
      ['--size', 'six'],
      /--size: give a whole number of at least 1 \(given: "six"\)/,
    ],
  ];
  for (const [name, extra, message] of bad) {
    test(`bad input: ${name}`, async () => {
      await writeFile(path('bad-apart.csv'), 'a,b\nm1,nobody\n');
      await writeFile(path('bad-fixed.csv'), 'id,round,table\nm1,first,1\n');
      await writeFile(path('bad-table.csv'), 'id,round,table\nm7,1,9\n');
      const args = extra.map((a) => (a.endsWith('.csv') ? path(a) : a));
      const { code, err } = await run(['tables', '--people', path('people.csv'), '--rounds', '2', ...args]);
      assert.equal(code, 1);
      assert.match(err, message);
      assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
    });
  }
});
