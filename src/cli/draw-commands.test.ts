import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CommandIO, commitCommand, drawCommand, verifyCommand } from './draw-commands.ts';

/**
 * A selection file as `lotta select ... --panels 10` would write it, made by hand: six people, panels
 * of two with one woman, one man and at least one young person, p1 and p2 (one household) never
 * together. Extra fields (panels, stats) are there because real files have them.
 */
const selectionFile = {
  status: 'ok',
  algorithm: 'leximin',
  engine: { name: 'lotta', version: '0.1.0' },
  input: {
    people: [
      { id: 'p1', features: { gender: 'female', age: 'young' }, household: '1' },
      { id: 'p2', features: { gender: 'male', age: 'old' }, household: '1' },
      { id: 'p3', features: { gender: 'female', age: 'old' } },
      { id: 'p4', features: { gender: 'male', age: 'young' }, household: '2' },
      { id: 'p5', features: { gender: 'female', age: 'young' } },
      { id: 'p6', features: { gender: 'male', age: 'old' } },
    ],
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'female', min: 1, max: 1, source: { file: 'quotas.csv', row: 2 } },
        { feature: 'gender', value: 'male', min: 1, max: 1, source: { file: 'quotas.csv', row: 3 } },
        { feature: 'age', value: 'young', min: 1, max: 2, source: { file: 'quotas.csv', row: 4 } },
      ],
    },
    panelSize: 2,
    keep: [],
  },
  probabilities: { p1: 0.3, p2: 0.2, p3: 0.3, p4: 0.5, p5: 0.4, p6: 0.3 },
  panels: [{ probability: 1, members: ['p1', 'p4'] }],
  stats: { seconds: 0.1 },
  lottery: {
    size: 10,
    panels: [
      ['p1', 'p4'],
      ['p1', 'p6'],
      ['p3', 'p4'],
      ['p3', 'p4'],
      ['p5', 'p2'],
      ['p5', 'p4'],
      ['p5', 'p6'],
      ['p1', 'p6'],
      ['p3', 'p4'],
      ['p5', 'p2'],
    ],
    probabilities: { p1: 0.3, p2: 0.2, p3: 0.3, p4: 0.5, p5: 0.4, p6: 0.3 },
    maxDeviation: 0,
  },
};

const SEED = 'Lotto 2024-05-04: 3 11 17 24 28 31 35';

/** Captures what a command prints. */
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

// The tests of a file run in order; later ones read the commitment and transcript earlier ones wrote.
let dir: string;
const path = (name: string) => join(dir, name);
async function writeJsonFile(name: string, value: unknown): Promise<string> {
  await writeFile(path(name), JSON.stringify(value, null, 2));
  return path(name);
}
async function readJsonFile(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-draw-'));
  await writeJsonFile('selection.json', selectionFile);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('commit', () => {
  test('writes the commitment as JSON to stdout and explains it on stderr', async () => {
    const io = capture();
    assert.equal(await commitCommand({ lottery: path('selection.json') }, io), 0);
    const written = JSON.parse(io.out) as Record<string, unknown>;
    assert.equal(io.out, `${JSON.stringify(written, null, 2)}\n`);
    assert.equal(written.format, 'lotta-commitment-v1');
    assert.match(String(written.commitment), /^[0-9a-f]{64}$/);
    assert.deepEqual(
      { ...written, commitment: undefined },
      {
        format: 'lotta-commitment-v1',
        commitment: undefined,
        algorithm: 'leximin',
        engine: { name: 'lotta', version: '0.1.0' },
        lotterySize: 10,
        people: 6,
      },
    );
    assert.match(io.err, new RegExp(`Commitment ${written.commitment}`));
    assert.match(io.err, /10 panels over 6 people/);
  });

  test('writes to --out and nothing to stdout', async () => {
    const io = capture();
    assert.equal(
      await commitCommand({ lottery: path('selection.json'), out: path('commitment.json') }, io),
      0,
    );
    assert.equal(io.out, '');
    const text = await readFile(path('commitment.json'), 'utf8');
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"format": "lotta-commitment-v1",\n/);
  });
});

describe('draw and verify', () => {
  test('draws the same transcript every time and it verifies', async () => {
    const io = capture();
    assert.equal(
      await drawCommand({ lottery: path('selection.json'), seed: SEED, out: path('t1.json') }, io),
      0,
    );
    assert.equal(
      await drawCommand(
        { lottery: path('selection.json'), seed: ` ${SEED} `, out: path('t2.json') },
        capture(),
      ),
      0,
    );
    const first = await readFile(path('t1.json'), 'utf8');
    assert.equal(await readFile(path('t2.json'), 'utf8'), first);

    const transcript = JSON.parse(first) as { index: number; members: string[]; seed: string };
    assert.equal(transcript.seed, SEED);
    assert.deepEqual(transcript.members, selectionFile.lottery.panels[transcript.index]);
    assert.match(io.err, new RegExp(`drew lottery panel #${transcript.index} of 10`));
    // Nothing beyond the committed content and the probabilities goes into the public transcript.
    for (const absent of ['quotas.csv', 'stats', '"panels": [\n    {'])
      assert.ok(!first.includes(absent), absent);

    const verified = capture();
    assert.equal(await verifyCommand({ transcript: path('t1.json') }, verified), 0);
    assert.match(verified.err, /^Verified: /);
    assert.match(verified.err, new RegExp(`Members \\(2\\): ${transcript.members.join(', ')}`));
  });

  test('prints the transcript on stdout without --out', async () => {
    const io = capture();
    assert.equal(await drawCommand({ lottery: path('selection.json'), seed: SEED }, io), 0);
    assert.equal(io.out, await readFile(path('t1.json'), 'utf8'));
  });

  test('checks against the published commitment, as hex or as the commitment file', async () => {
    const published = String((await readJsonFile(path('commitment.json'))).commitment);
    assert.equal(await verifyCommand({ transcript: path('t1.json'), commitment: published }, capture()), 0);
    assert.equal(
      await verifyCommand({ transcript: path('t1.json'), commitment: path('commitment.json') }, capture()),
      0,
    );

    const other = capture();
    assert.equal(await verifyCommand({ transcript: path('t1.json'), commitment: 'f'.repeat(64) }, other), 3);
    assert.match(other.err, /is not the published f{64}/);
  });

  test('checks against the announced seed', async () => {
    assert.equal(await verifyCommand({ transcript: path('t1.json'), seed: SEED }, capture()), 0);
    assert.equal(
      await verifyCommand({ transcript: path('t1.json'), seed: 'Lotto 2024-05-11' }, capture()),
      3,
    );
  });

  test('fails with exit code 3 on a tampered transcript, in English or Swedish', async () => {
    const transcript = await readJsonFile(path('t1.json'));
    const selection = transcript.selection as typeof selectionFile;
    selection.input.people[2].features.age = 'young';
    const tampered = await writeJsonFile('tampered.json', transcript);

    const en = capture();
    assert.equal(await verifyCommand({ transcript: tampered }, en), 3);
    assert.match(en.err, /^Verification FAILED \(1 problem\(s\)\):\n {2}- The recorded commitment/);

    const sv = capture();
    assert.equal(await verifyCommand({ transcript: tampered, lang: 'sv' }, sv), 3);
    assert.match(sv.err, /^Verifieringen MISSLYCKADES/);
  });

  test('speaks Swedish when asked', async () => {
    const io = capture();
    assert.equal(await verifyCommand({ transcript: path('t1.json'), lang: 'sv' }, io), 0);
    assert.match(io.err, /^Verifierat: fröet "Lotto/);
    assert.match(io.err, /Ledamöter \(2\)/);
  });
});

describe('bad input', () => {
  test('names a missing file', async () => {
    const io = capture();
    assert.equal(await commitCommand({ lottery: path('missing.json') }, io), 1);
    assert.match(io.err, /Cannot read .*missing\.json: the file does not exist\./);
  });

  test('names a file that is not JSON', async () => {
    await writeFile(path('broken.json'), '{ "status": ');
    const io = capture();
    assert.equal(await drawCommand({ lottery: path('broken.json'), seed: SEED }, io), 1);
    assert.match(io.err, /broken\.json is not valid JSON/);
  });

  test('sends people without a lottery to `lotta select ... --panels 1000`', async () => {
    const { lottery: _, ...withoutLottery } = selectionFile;
    for (const [name, content] of [
      ['nolottery.json', withoutLottery],
      ['other.json', { hello: 'world' }],
      ['infeasible.json', { status: 'infeasible', algorithm: 'leximin', diagnostics: [] }],
    ] as const) {
      const file = await writeJsonFile(name, content);
      const io = capture();
      assert.equal(await commitCommand({ lottery: file }, io), 1, name);
      assert.ok(io.err.includes(name), io.err);
      assert.ok(io.err.includes('`lotta select ... --panels 1000`'), io.err);
      assert.equal(io.out, '');
    }
  });

  test('refuses an empty seed', async () => {
    const io = capture();
    assert.equal(await drawCommand({ lottery: path('selection.json'), seed: '  ' }, io), 1);
    assert.match(io.err, /seed is empty/);
    assert.equal(io.out, '');
  });

  test('refuses to commit to or draw from a lottery whose panels break the rules', async () => {
    const broken = structuredClone(selectionFile);
    broken.lottery.panels[3] = ['p3', 'p6'];
    broken.lottery.probabilities = { p1: 0.3, p2: 0.2, p3: 0.3, p4: 0.4, p5: 0.4, p6: 0.4 };
    const file = await writeJsonFile('broken-lottery.json', broken);
    const io = capture();
    assert.equal(await drawCommand({ lottery: file, seed: SEED, out: path('never.json') }, io), 1);
    assert.match(io.err, /Lottery panel #3: age = young: 0 member\(s\), below the minimum of 1\./);
    assert.ok(!existsSync(path('never.json')));
    assert.equal(await commitCommand({ lottery: file }, capture()), 1);
  });

  test('says so when verify gets something that is not a transcript or a commitment', async () => {
    const io = capture();
    assert.equal(await verifyCommand({ transcript: path('selection.json') }, io), 1);
    assert.match(io.err, /selection\.json is not a Lotta draw transcript/);

    const bad = capture();
    assert.equal(await verifyCommand({ transcript: path('t1.json'), commitment: 'abc123' }, bad), 1);
    assert.match(bad.err, /abc123/);
  });
});
