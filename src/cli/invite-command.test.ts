import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readRegister } from '../invitations/register-reader.ts';
import { main } from './main.ts';

let dir: string;
const path = (name: string) => join(dir, name);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-invite-'));
  // 40 households of one or two people in three municipalities; every third household of two
  // spells its address differently on the second row.
  const rows = ['namn,adress,postnummer,kommun'];
  for (let h = 0; h < 40; h++) {
    const municipality = ['Malmö', 'Lund', 'Kiruna'][h % 3];
    rows.push(`Person ${h}a,Storgatan ${h},111 22,${municipality}`);
    if (h % 2 === 0)
      rows.push(`Person ${h}b,${h % 3 === 0 ? `STORGATAN ${h}.` : `Storgatan ${h}`},111 22,${municipality}`);
  }
  await writeFile(path('register.csv'), `${rows.join('\n')}\n`);
  await writeFile(path('weights.csv'), 'kommun,vikt\nKiruna,2\n');
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

const SEED = 'Lotta invitation test seed 2024';

/** Reads a letters file back with the register reader: columns and rows of cells. */
async function readLetters(
  file: string,
): Promise<{ columns: string[]; delimiter: string; rows: string[][] }> {
  const rows: string[][] = [];
  let columns: string[] = [];
  const { layout } = await readRegister(file, {
    header(found) {
      columns = found.columns;
    },
    row(row) {
      rows.push(columns.map((_, i) => row.text(i)));
    },
  });
  return { columns, delimiter: layout.delimiter, rows };
}

describe('lotta invite', () => {
  test('writes the drawn rows with all their columns and an invite code; the same seed gives the same bytes', async () => {
    const draw = (seed: string, out: string) =>
      run([
        'invite',
        '--register',
        path('register.csv'),
        '--count',
        '12',
        '--seed',
        seed,
        '--household',
        'adress,postnummer',
        '--out',
        out,
      ]);
    const first = await draw(SEED, path('letters1.csv'));
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, '');
    assert.equal((await draw(SEED, path('letters2.csv'))).code, 0);
    assert.equal((await draw(`${SEED}!`, path('letters3.csv'))).code, 0);
    const bytes1 = await readFile(path('letters1.csv'));
    assert.deepEqual(await readFile(path('letters2.csv')), bytes1);
    assert.notDeepEqual(await readFile(path('letters3.csv')), bytes1);

    const text = bytes1.toString('utf8');
    assert.ok(text.startsWith('\uFEFFnamn,adress,postnummer,kommun,invite_code\r\n'), 'BOM, header, CRLF');
    const letters = await readLetters(path('letters1.csv'));
    assert.equal(letters.rows.length, 12);
    const households = letters.rows.map((row) => row[1].toLowerCase().replace('.', ''));
    assert.equal(new Set(households).size, 12, 'one letter per household');
    for (const row of letters.rows)
      assert.match(row[4], /^[3469ACDEFGHJKMNPQRTUVWXY]{5}-[3469ACDEFGHJKMNPQRTUVWXY]{5}$/);
    assert.match(first.err, /Read 60 rows: 40 households\./);
    assert.match(first.err, /Drew 12 letters into .*letters1\.csv\./);
  });

  test('a 2 MB stratum name and weight key: the summary and warnings repeat only their start', async () => {
    const long = 'K'.repeat(2 * 1024 * 1024);
    await writeFile(path('long-stratum.csv'), `namn,kommun\nA,${long}\nB,Lund\nC,Lund\n`);
    await writeFile(path('long-weights.json'), JSON.stringify({ [`${long}x`]: 2 }));
    const result = await run([
      'invite',
      '--register',
      path('long-stratum.csv'),
      '--count',
      '2',
      '--seed',
      SEED,
      '--stratify',
      'kommun',
      '--weights',
      path('long-weights.json'),
      '--out',
      path('long-letters.csv'),
    ]);
    assert.equal(result.code, 0, result.err.slice(0, 2000));
    assert.match(result.err, /K{59}…/);
    assert.ok(result.err.length < 3_000, `${result.err.length} characters on stderr`);
  });

  test('stratified with weights: the summary shows letters per stratum; --lang sv speaks Swedish', async () => {
    const result = await run([
      '--lang',
      'sv',
      'invite',
      '--register',
      path('register.csv'),
      '--count',
      '16',
      '--seed',
      SEED,
      '--household',
      'adress,postnummer',
      '--stratify',
      'kommun',
      '--weights',
      path('weights.csv'),
      '--out',
      path('stratified.csv'),
    ]);
    assert.equal(result.code, 0, result.err);
    // Households 14 : 13 : 13, weights 1 : 1 : 2 → shares 4.3 : 4.0 : 8.0 (of 16, and at most 13 for Kiruna).
    assert.match(result.err, /Läste 60 rader: 40 hushåll\./);
    assert.match(result.err, /Brev per stratum \(kommun\):/);
    assert.match(result.err, /Kiruna\s+13\s+2\s+8/);
    const letters = await readLetters(path('stratified.csv'));
    const perMunicipality = new Map<string, number>();
    for (const row of letters.rows) perMunicipality.set(row[3], (perMunicipality.get(row[3]) ?? 0) + 1);
    assert.equal(perMunicipality.get('Kiruna'), 8);
    assert.equal(letters.rows.length, 16);
  });

  test('register cells that look like formulas come out as text in letters.csv', async () => {
    await writeFile(
      path('formula.csv'),
      "namn,adress,kommun\n=cmd|' /C calc'!A0,Storgatan 1,Malmö\n@SUM(1+1),+Storgatan 2,-Lund\n",
    );
    const result = await run([
      'invite',
      '--register',
      path('formula.csv'),
      '--count',
      '2',
      '--seed',
      SEED,
      '--out',
      path('formula-letters.csv'),
    ]);
    assert.equal(result.code, 0, result.err);
    const letters = await readLetters(path('formula-letters.csv'));
    const cells = letters.rows.flatMap((row) => row.slice(0, 3));
    assert.ok(cells.includes("'=cmd|' /C calc'!A0"), cells.join(' | '));
    for (const cell of ["'@SUM(1+1)", "'+Storgatan 2", "'-Lund"]) assert.ok(cells.includes(cell), cell);
    assert.ok(!cells.some((cell) => /^[=+\-@]/.test(cell)), 'no cell starts a formula');
  });

  test('a semicolon register with quoted ; and line breaks and åäö comes back in the same dialect', async () => {
    await writeFile(
      path('semicolon.csv'),
      '\uFEFFnamn;adress;kommun\r\n"Öberg; Åsa";"Storgatan 1\r\nc/o ""Berg""";Malmö\r\nÄrla Ek;Ängsvägen 2;Lund\r\n',
    );
    const result = await run([
      'invite',
      '--register',
      path('semicolon.csv'),
      '--count',
      '5',
      '--seed',
      SEED,
      '--out',
      path('semicolon-letters.csv'),
    ]);
    assert.equal(result.code, 0, result.err);
    const text = await readFile(path('semicolon-letters.csv'), 'utf8');
    assert.ok(text.startsWith('\uFEFFnamn;adress;kommun;invite_code\r\n'));
    assert.ok(text.includes('"Öberg; Åsa";"Storgatan 1\r\nc/o ""Berg""";Malmö;'));
    const letters = await readLetters(path('semicolon-letters.csv'));
    assert.equal(letters.delimiter, ';');
    assert.deepEqual(
      letters.rows.map((row) => row.slice(0, 3)).sort(),
      [
        ['Öberg; Åsa', 'Storgatan 1\r\nc/o "Berg"', 'Malmö'],
        ['Ärla Ek', 'Ängsvägen 2', 'Lund'],
      ].sort(),
    );
  });

  test('bad input exits 1 with a message that says what to fix, and writes nothing', async () => {
    await writeFile(path('broken.csv'), 'namn,adress\nA,Storgatan 1\nB,Storgatan, 2\n"C,Storgatan 3\n');
    await writeFile(path('has-code.csv'), 'namn,invite_code\nA,X\n');
    const base = ['--count', '3', '--seed', SEED];
    const cases: [string[], RegExp][] = [
      [
        ['--register', path('broken.csv'), ...base],
        /2 rows cannot be read, so nothing was drawn[\s\S]*line 3: [\s\S]*line 4, column "namn"/,
      ],
      [
        ['--register', path('register.csv'), ...base, '--household', 'address'],
        /no column "address" \(household column\)\. The columns are: namn, adress, postnummer, kommun/,
      ],
      [
        ['--register', path('register.csv'), ...base, '--weights', path('weights.csv')],
        /--weights needs --stratify/,
      ],
      [
        ['--register', path('register.csv'), '--count', 'many', '--seed', SEED],
        /--count must be a whole number of 1 or more \(got "many"\)/,
      ],
      [['--register', path('register.csv'), '--count', '3', '--seed', ''], /--seed must not be empty/],
      [['--register', path('has-code.csv'), ...base], /already has a column called invite_code/],
      [['--register', path('missing.csv'), ...base], /missing\.csv: the file does not exist/],
      [
        [
          '--register',
          path('register.csv'),
          ...base,
          '--stratify',
          'kommun',
          '--weights',
          path('missing-weights.csv'),
        ],
        /missing-weights\.csv: the file does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const out = path('never.csv');
      const result = await run(['invite', ...args, '--out', out]);
      assert.equal(result.code, 1, `${args.join(' ')}: ${result.err}`);
      assert.match(result.err, message);
      assert.equal(existsSync(out), false);
    }
    const missing = await run([
      'invite',
      '--register',
      path('register.csv'),
      '--count',
      '3',
      '--out',
      path('never.csv'),
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /--seed/);
  });

  test('the help lists the options in both languages', async () => {
    const en = await run(['invite', '--help']);
    assert.equal(en.code, 0);
    assert.match(en.out, /--register <file>[\s\S]*--stratify <column>[\s\S]*--weights <file>/);
    const sv = await run(['--lang', 'sv', 'invite', '--help']);
    assert.match(sv.out, /Lotta fram inbjudningsbrev/);
  });
});
