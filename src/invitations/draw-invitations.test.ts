import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { translator } from '../i18n/i18n.ts';
import { normaliseAddress } from '../io/household.ts';
import { InputError } from '../sortition/model.ts';
import { createRandom } from '../sortition/random.ts';
import { drawInvitations, type InvitationDrawResult, readWeightsFile } from './draw-invitations.ts';
import { RegisterError } from './register-reader.ts';

/** The warnings as the English catalogue words them. */
function english(result: InvitationDrawResult): string[] {
  const t = translator('en');
  return result.warnings.map((w) => t(`invitation_warnings.${w.code}`, w.params));
}

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotta-invitations-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(content: string, extension = 'csv'): Promise<string> {
  const path = join(dir, `file-${counter++}.${extension}`);
  await writeFile(path, content);
  return path;
}

const MUNICIPALITIES = ['Malmö', 'Lund', 'Kiruna'];
const SEED = 'a long private seed for the tests';

/**
 * A register of `households` households of 1–3 people in three municipalities (Malmö largest). Later
 * members of a household sometimes spell the address differently, as registers do.
 */
function register(households: number, seed = 'register'): string {
  const random = createRandom(seed);
  const lines = ['namn,adress,postnummer,kommun,alder'];
  for (let h = 0; h < households; h++) {
    const municipality = MUNICIPALITIES[h % 6 < 3 ? 0 : h % 6 < 5 ? 1 : 2];
    const address = `Storgatan ${h}`;
    const size = 1 + random.int(3);
    for (let k = 0; k < size; k++) {
      const spelled = k > 0 && random.next() < 0.5 ? `${address.toUpperCase()}.` : address;
      lines.push(
        `Person ${h}-${k},${spelled},111 ${String(h % 100).padStart(2, '0')},${municipality},${20 + k}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function householdOf(fields: Record<string, string>): string {
  return `${normaliseAddress(fields.adress)}|${normaliseAddress(fields.postnummer)}`;
}

function lettersPerStratum(result: InvitationDrawResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const letter of result.letters) counts[letter.stratum ?? ''] = (counts[letter.stratum ?? ''] ?? 0) + 1;
  return counts;
}

describe('drawing invitation letters', () => {
  test('the same file, options and seed give the same letters, in the same order, with the same codes', async () => {
    const file = await fileWith(register(300));
    const options = {
      count: 40,
      seed: SEED,
      householdColumns: ['adress', 'postnummer'],
      stratifyColumn: 'kommun',
    };
    const first = await drawInvitations(file, options);
    const again = await drawInvitations(file, { ...options });
    assert.deepEqual(again, first);
    const other = await drawInvitations(file, { ...options, seed: `${SEED} 2` });
    assert.notDeepEqual(other.letters.map((l) => l.line).sort(), first.letters.map((l) => l.line).sort());
    assert.equal(new Set(first.letters.map((l) => l.inviteCode)).size, first.letters.length);
    assert.ok(!first.letters.some((l) => other.letters.some((o) => o.inviteCode === l.inviteCode)));
  });

  test('at most one letter per household, whatever the spelling of the address', async () => {
    const file = await fileWith(register(120));
    const result = await drawInvitations(file, {
      count: 100,
      seed: SEED,
      householdColumns: ['adress', 'postnummer'],
    });
    assert.equal(result.households, 120);
    assert.equal(result.letters.length, 100);
    const households = result.letters.map((l) => householdOf(l.fields));
    assert.equal(new Set(households).size, 100);
    assert.deepEqual(result.allocation, [], 'no strata');
    assert.ok(result.letters.every((l) => l.stratum === null));
    // Without household columns, every row is a household of its own.
    const rows = await drawInvitations(file, { count: 1000, seed: SEED });
    assert.equal(rows.households, rows.rowsRead);
    assert.equal(rows.letters.length, rows.rowsRead);
    assert.ok(english(rows).some((w) => w.includes('fewer than the 1,000 letters')));
  });

  test('a second mail-out leaves out whole households invited by the first, and is reproducible', async () => {
    const file = await fileWith(register(200));
    const options = { count: 60, householdColumns: ['adress', 'postnummer'], stratifyColumn: 'kommun' };
    const first = await drawInvitations(file, { ...options, seed: SEED });
    const invited = new Set(first.letters.map((l) => householdOf(l.fields)));
    const excludeLines = new Set(first.letters.map((l) => l.line));
    const second = await drawInvitations(file, { ...options, seed: `${SEED} second`, excludeLines });
    assert.equal(second.letters.length, 60);
    assert.equal(second.households, 200 - 60);
    for (const letter of second.letters)
      assert.ok(!invited.has(householdOf(letter.fields)), letter.fields.adress);
    // Housemates of the invited are left out too, not only the invited lines.
    assert.ok((second.excludedRows ?? 0) > 60, `excluded ${second.excludedRows}`);
    assert.deepEqual(
      await drawInvitations(file, { ...options, seed: `${SEED} second`, excludeLines }),
      second,
    );
    // Asking for more than is left gives everyone not yet invited a letter, once.
    const rest = await drawInvitations(file, { ...options, count: 1000, seed: 'rest of them', excludeLines });
    assert.equal(rest.letters.length, 140);
  });

  test('stratified: letters per stratum in proportion to households, as the allocation says', async () => {
    const file = await fileWith(register(600));
    const result = await drawInvitations(file, {
      count: 60,
      seed: SEED,
      householdColumns: ['adress', 'postnummer'],
      stratifyColumn: 'KOMMUN',
    });
    assert.deepEqual(
      result.allocation.map((a) => [a.stratum, a.households, a.weight, a.letters]),
      [
        ['Malmö', 300, 1, 30],
        ['Lund', 200, 1, 20],
        ['Kiruna', 100, 1, 10],
      ],
    );
    assert.deepEqual(lettersPerStratum(result), { Malmö: 30, Lund: 20, Kiruna: 10 });
    assert.ok(result.letters.every((l) => l.stratum === l.fields.kommun));
  });

  test('weights send more letters per household to strata that answer less', async () => {
    const file = await fileWith(register(600));
    const result = await drawInvitations(file, {
      count: 60,
      seed: SEED,
      householdColumns: ['adress', 'postnummer'],
      stratifyColumn: 'kommun',
      weights: { kiruna: 4, Uppsala: 2 },
    });
    // Shares 300·1 : 200·1 : 100·4 = 3 : 2 : 4.
    assert.deepEqual(
      result.allocation.map((a) => [a.stratum, a.weight, a.letters]),
      [
        ['Malmö', 1, 20],
        ['Lund', 1, 13],
        ['Kiruna', 4, 27],
      ],
    );
    assert.deepEqual(lettersPerStratum(result), { Malmö: 20, Lund: 13, Kiruna: 27 });
    assert.ok(english(result).some((w) => w.includes('"Uppsala" is not used')));
  });

  test('fields keep quoted delimiters, line breaks, quotes and åäö; letters name the line their row starts on', async () => {
    const file = await fileWith(
      '\uFEFFnamn;adress;kommun\r\n' +
        '"Öberg; Åsa";"Storgatan 1\r\nc/o ""Berg""";Malmö\r\n' +
        'Bo Ek;"Ängsvägen 2";Lund\r\n' +
        'Cia Ek;ÄNGSVÄGEN 2.;Lund\r\n',
    );
    const result = await drawInvitations(file, {
      count: 5,
      seed: SEED,
      householdColumns: ['adress'],
      stratifyColumn: 'kommun',
    });
    assert.deepEqual(result.columns, ['namn', 'adress', 'kommun']);
    assert.equal(result.rowsRead, 3);
    assert.equal(result.households, 2);
    const byLine = new Map(result.letters.map((l) => [l.line, l.fields]));
    assert.deepEqual(byLine.get(2), {
      namn: 'Öberg; Åsa',
      adress: 'Storgatan 1\r\nc/o "Berg"',
      kommun: 'Malmö',
    });
    const lund = result.letters.find((l) => l.stratum === 'Lund');
    assert.ok(lund !== undefined && (lund.line === 4 || lund.line === 5));
    assert.equal(lund.fields.namn, lund.line === 4 ? 'Bo Ek' : 'Cia Ek');
  });

  test('a large register (beyond the first arrays and many read chunks) keeps every rule and every line number', async () => {
    const rows = 90_000;
    const lines = ['id,adress,kommun'];
    for (let i = 0; i < rows; i++) lines.push(`${i},Gata ${Math.floor(i / 2)},${MUNICIPALITIES[i % 3]}`);
    const file = await fileWith(`${lines.join('\n')}\n`);
    let progress = 0;
    const result = await drawInvitations(file, {
      count: 3000,
      seed: SEED,
      householdColumns: ['adress'],
      stratifyColumn: 'kommun',
      onProgress: (n) => {
        progress = n;
      },
    });
    assert.equal(progress, rows);
    assert.equal(result.rowsRead, rows);
    assert.equal(result.households, rows / 2);
    assert.equal(result.letters.length, 3000);
    assert.equal(new Set(result.letters.map((l) => l.fields.adress)).size, 3000);
    for (const letter of result.letters) assert.equal(letter.line, Number(letter.fields.id) + 2);
    // Households "Gata k" hold rows 2k and 2k+1, in different municipalities: each counts where its letter goes.
    assert.ok(
      english(result).some((w) => w.includes('45,000 households have rows in more than one "kommun"')),
    );
    assert.equal(
      result.allocation.reduce((sum, a) => sum + a.households, 0),
      rows / 2,
    );
    assert.deepEqual(
      lettersPerStratum(result),
      Object.fromEntries(result.allocation.map((a) => [a.stratum, a.letters])),
    );
  });

  test('rows without an address are households of their own, with a warning', async () => {
    const file = await fileWith('namn,adress\nA,\nB,\nC,Storgatan 1\nD,storgatan 1\n');
    const result = await drawInvitations(file, { count: 10, seed: SEED, householdColumns: ['adress'] });
    assert.equal(result.households, 3);
    assert.ok(english(result).some((w) => w.startsWith('2 rows have no address')));
  });

  test('a short seed draws, with a warning that the codes are only as secret as the seed', async () => {
    const file = await fileWith(register(10));
    const result = await drawInvitations(file, { count: 3, seed: '1234' });
    assert.ok(english(result).some((w) => w.includes('only 4 characters')));
  });
});

describe('what the draw refuses', () => {
  test('an unknown column is named with the columns the file has', async () => {
    const file = await fileWith(register(10));
    await assert.rejects(
      drawInvitations(file, { count: 3, seed: SEED, householdColumns: ['address'] }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(
          error.message,
          /no column "address" \(household column\)\. The columns are: namn, adress, postnummer, kommun, alder\./,
        );
        return true;
      },
    );
    await assert.rejects(
      drawInvitations(file, { count: 3, seed: SEED, stratifyColumn: 'lan' }),
      /no column "lan" \(stratify column\)/,
    );
  });

  test('a register with broken rows draws nothing and lists the lines', async () => {
    const file = await fileWith(
      'namn,adress,kommun\nA,Storgatan 1,Malmö\nB,Storgatan 2\nC,"Storgatan, 3",Lund,x\nD,Storgatan 4,Lund\n',
    );
    await assert.rejects(drawInvitations(file, { count: 2, seed: SEED }), (error: unknown) => {
      assert.ok(error instanceof RegisterError);
      assert.deepEqual(
        error.problems.map((p) => p.line),
        [3, 4],
      );
      assert.match(error.message, /nothing was drawn/);
      return true;
    });
  });

  test('options that make no sense', async () => {
    const file = await fileWith(register(10));
    await assert.rejects(drawInvitations(file, { count: 0, seed: SEED }), /whole number of 1 or more/);
    await assert.rejects(drawInvitations(file, { count: 2.5, seed: SEED }), /whole number/);
    await assert.rejects(drawInvitations(file, { count: 2, seed: '' }), /seed is needed/);
    await assert.rejects(
      drawInvitations(file, { count: 2, seed: SEED, weights: { Malmö: 2 } }),
      /column to stratify by/,
    );
    await assert.rejects(
      drawInvitations(file, { count: 2, seed: SEED, stratifyColumn: 'kommun', weights: { Malmö: -1 } }),
      /must be a number from 0\.001 to 1000/,
    );
  });

  test('weights files are read with located errors', async () => {
    assert.deepEqual(await readWeightsFile(await fileWith('kommun;vikt\nKiruna;2,5\n')), { Kiruna: 2.5 });
    assert.deepEqual(await readWeightsFile(await fileWith('{"Kiruna": 3}', 'json')), { Kiruna: 3 });
    await assert.rejects(readWeightsFile(await fileWith('kommun,vikt\nKiruna,x\n')), /line 2, column "vikt"/);
    await assert.rejects(readWeightsFile(join(dir, 'none.csv')), /does not exist/);
  });
});
