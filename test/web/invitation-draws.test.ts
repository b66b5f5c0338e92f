/**
 * Stage 1 in the platform: uploading a register extract, the invitation draw, letters as PDF and CSV,
 * the letter templates, response tracking and deleting the addresses after the mail-out.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { grantRole, setPhase } from '../../src/commands/assemblies.ts';
import { drawJobSettings } from '../../src/commands/invitation-draws.ts';
import { registerVolunteer } from '../../src/commands/register-volunteer.ts';
import { drawInvitations } from '../../src/invitations/draw-invitations.ts';
import { normaliseAddress } from '../../src/io/household.ts';
import { drawLetterPages } from '../../src/queries/invitations.ts';
import { findAssembly } from '../../src/repositories/assemblies.ts';
import { drawLetters, findInvitationDraw, findRegister } from '../../src/repositories/invitation-draws.ts';
import { StoredDataError } from '../../src/repositories/stored-json.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  adminEmail,
  createStaff,
  createTestAssembly,
  type Reply,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

const header = 'namn;adress;postnummer;ort;kommun;ålder;kön;språk';
const firstNames = ['Åsa', 'Märta', 'Örjan', 'Ängla', 'Björn', 'Łukasz'];
const lastNames = ['Öberg', 'Ärlig', 'Åkesson', 'Lind', 'Şahin'];
const areas = ['Göteborg', 'Mölndal', 'Partille'];

/**
 * 240 people in 180 households: the first 120 people live two by two, the rest alone. Households are
 * spread evenly over three municipalities (60 each). Some addresses hold a semicolon, in quotes.
 */
function registerText(): string {
  const lines = [header];
  for (let i = 0; i < 240; i++) {
    const h = i < 120 ? Math.floor(i / 2) : i - 60;
    const address = h % 10 === 0 ? `"Gränd ${h}; lgh 1102"` : `Storgatan ${h}`;
    const area = areas[h % 3];
    lines.push(
      [
        `${firstNames[i % 6]} ${lastNames[i % 5]} ${i}`,
        address,
        `4${10 + (h % 3)} 0${h % 10}`,
        area,
        area,
        String(18 + (i % 60)),
        i % 2 ? 'man' : 'kvinna',
        i % 4 === 0 ? 'en' : 'sv',
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function decode(html: string): string {
  return html
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

let t: TestApp;
let assemblyId: string;
let admin: TestClient;
let lottery: string;

async function raw(client: TestClient, path: string): Promise<Response> {
  // The client keeps cookies; reading a download's bytes needs the response itself.
  const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
  return t.app.request(path, { headers: { cookie, 'accept-language': 'en' } });
}

async function upload(client: TestClient, text: string, name = 'utdrag.csv'): Promise<Reply> {
  await client.get(`${lottery}/lottery`);
  return client.upload(`${lottery}/registers`, {}, { file: { name, bytes: bytes(text), type: 'text/csv' } });
}

async function countRows(table: 'registers' | 'invitation_draws' | 'invitations' | 'invitation_recipients') {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function registerFiles(): string[] {
  const dir = join(t.dataDir, 'registers');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Uploads the register and draws from it; returns the register's and the draw's ids. */
async function drawFromNewRegister(
  fields: Record<string, string | string[]>,
): Promise<{ registerId: string; drawId: string; reply: Reply }> {
  const uploaded = await upload(admin, registerText());
  assert.equal(uploaded.status, 303, uploaded.text.slice(0, 500));
  const registerId = /registers\/([0-9a-f-]{36})/.exec(uploaded.location ?? '')![1];
  await admin.get(uploaded.location!);
  const reply = await admin.post(`${lottery}/registers/${registerId}`, fields);
  assert.equal(reply.status, 303, decode(reply.text).slice(0, 3000));
  const drawId = /draws\/([0-9a-f-]{36})/.exec(reply.location ?? '')![1];
  return { registerId, drawId, reply };
}

const drawSettings = {
  count: '30',
  seed: 'klimatrådet-2026-utskick-1',
  household: ['adress', 'postnummer'],
  stratify: 'kommun',
  weights: 'Partille: 2',
  language_column: 'språk',
};

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  lottery = `/a/${assemblyId}/invitations`;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

describe('register extracts', () => {
  test('an upload with åäö and semicolons is checked, kept owner-only and recorded without personal data', async () => {
    const before = await countRows('registers');
    const reply = await upload(admin, registerText(), 'Utdrag Göteborg.csv');
    assert.equal(reply.status, 303);
    const page = await admin.get(reply.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, /240 rows/);
    const form = decode(page.text);
    for (const column of header.split(';'))
      assert.ok(form.includes(`value="${column}"`), `column ${column} offered`);
    assert.equal(await countRows('registers'), before + 1);
    const register = await t.database.db
      .selectFrom('registers')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(register.rows, 240);
    assert.deepEqual(JSON.parse(register.columns), header.split(';'));
    assert.equal(register.file_name, 'Utdrag Göteborg.csv');
    const file = join(t.dataDir, register.stored_as!);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(t.dataDir, 'registers')).mode & 0o777, 0o700);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'register.upload')
      .where('subject_id', '=', register.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), {
      rows: 240,
      columns: 8,
      bytes: bytes(registerText()).length,
    });
    assert.doesNotMatch(JSON.stringify(audit), /Åsa|Storgatan|Göteborg/);
  });

  test('a register with broken rows is refused with their line numbers, and nothing is kept', async () => {
    const lines = registerText().split('\n');
    lines[4] = `${lines[4]};en cell för mycket`;
    lines[9] = '"Åsa Öberg;Storgatan 1;411 01;Göteborg;Göteborg;40;kvinna;sv';
    const registers = await countRows('registers');
    const files = registerFiles().length;
    const reply = await upload(admin, lines.join('\n'));
    assert.equal(reply.status, 422);
    const text = decode(reply.text);
    assert.match(text, /cannot be used as it is/);
    assert.match(text, /line 5/);
    assert.match(text, /utdrag\.csv/);
    assert.doesNotMatch(
      text,
      new RegExp(t.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      'no server path shown',
    );
    assert.equal(await countRows('registers'), registers);
    assert.equal(registerFiles().length, files);
  });

  test('a spreadsheet, an empty file and a form without a file are refused clearly', async () => {
    const xlsx = await admin.upload(
      `${lottery}/registers`,
      {},
      { file: { name: 'utdrag.xlsx', bytes: bytes('PK\u0003\u0004rest'), type: 'application/octet-stream' } },
    );
    assert.equal(xlsx.status, 422);
    assert.match(decode(xlsx.text), /CSV UTF-8/);
    const empty = await upload(admin, '');
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Choose the register extract/);
    const headerOnly = await upload(admin, `${header}\n`);
    assert.equal(headerOnly.status, 422);
    assert.match(headerOnly.text, /no rows/);
    await admin.get(`${lottery}/lottery`);
    const noFile = await admin.post(`${lottery}/registers`, {});
    assert.equal(noFile.status, 422);
  });

  test('an upload without the form token keeps nothing', async () => {
    const files = registerFiles().length;
    await admin.get(`${lottery}/lottery`);
    const saved = admin.csrf;
    admin.csrf = 'forged';
    const reply = await admin.upload(
      `${lottery}/registers`,
      {},
      { file: { name: 'a.csv', bytes: bytes(registerText()) } },
    );
    admin.csrf = saved;
    assert.equal(reply.status, 403);
    assert.equal(registerFiles().length, files);
  });

  test('an extract over the limit is refused before it is read', async () => {
    const small = await startTestApp({ maxRegisterBytes: 2000 });
    try {
      const id = await createTestAssembly(small);
      const client = new TestClient(small.app);
      await client.logIn(adminEmail);
      await client.get(`/a/${id}/invitations/lottery`);
      const reply = await client.upload(
        `/a/${id}/invitations/registers`,
        {},
        { file: { name: 'big.csv', bytes: bytes(registerText()) } },
      );
      assert.equal(reply.status, 413);
      assert.equal(
        await small.database.db
          .selectFrom('registers')
          .selectAll()
          .execute()
          .then((r) => r.length),
        0,
      );
    } finally {
      await small.close();
    }
  });
});

describe('the invitation draw', () => {
  let drawId: string;
  let registerId: string;

  before(async () => {
    ({ drawId, registerId } = await drawFromNewRegister(drawSettings));
  });

  test("the letters lead by default to the site's public address (LOTTA_PUBLIC_URL) when it is set", async () => {
    process.env.LOTTA_PUBLIC_URL = 'https://klimat.example/';
    try {
      const page = await admin.get(`${lottery}/draws/${drawId}`);
      assert.match(page.text, /name="base"[^>]*value="https:\/\/klimat\.example"/);
    } finally {
      delete process.env.LOTTA_PUBLIC_URL;
    }
  });

  test('draws one letter per household, shared among the strata by households and weights', async () => {
    const page = await admin.get(`${lottery}/draws/${drawId}?done=drawn`);
    assert.equal(page.status, 200);
    assert.match(page.text, /The letters have been drawn and stored/);
    assert.ok(page.text.includes('klimatrådet-2026-utskick-1'));
    const draw = await t.database.db
      .selectFrom('invitation_draws')
      .selectAll()
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    assert.equal(draw.requested, 30);
    assert.equal(draw.drawn, 30);
    assert.equal(draw.register_id, registerId);
    assert.match(draw.result_sha256, /^[0-9a-f]{64}$/);
    assert.ok(page.text.includes(draw.result_sha256), 'the page shows the fingerprint');
    const settings = JSON.parse(draw.settings);
    assert.equal(settings.rowsRead, 240);
    assert.equal(settings.households, 180);
    const allocation = Object.fromEntries(
      settings.allocation.map(
        (a: { stratum: string; letters: number; households: number; weight: number }) => [a.stratum, a],
      ),
    );
    for (const area of areas) assert.equal(allocation[area].households, 60);
    assert.equal(allocation.Partille.weight, 2);
    // 60 + 60 + 2 × 60 weighted households share 30 letters: 7.5, 7.5 and 15.
    assert.equal(allocation.Partille.letters, 15);
    assert.equal(allocation.Göteborg.letters + allocation.Mölndal.letters, 15);

    const invitations = await t.database.db
      .selectFrom('invitations')
      .innerJoin('invitation_recipients', 'invitation_recipients.invitation_id', 'invitations.id')
      .selectAll()
      .where('draw_id', '=', drawId)
      .execute();
    assert.equal(invitations.length, 30);
    const perStratum: Record<string, number> = {};
    const households = new Set<string>();
    for (const inv of invitations) {
      perStratum[inv.stratum!] = (perStratum[inv.stratum!] ?? 0) + 1;
      const fields = JSON.parse(inv.fields);
      assert.equal(fields.kommun, inv.stratum);
      households.add(`${fields.adress}|${fields.postnummer}`);
      assert.match(inv.code, /^[3469ACDEFGHJKMNPQRTUVWXY]{5}-[3469ACDEFGHJKMNPQRTUVWXY]{5}$/);
      assert.equal(inv.language, fields.språk === 'en' ? 'en' : 'sv');
      assert.ok(inv.register_row! >= 2 && inv.register_row! <= 241);
    }
    assert.deepEqual(perStratum, {
      Göteborg: allocation.Göteborg.letters,
      Mölndal: allocation.Mölndal.letters,
      Partille: 15,
    });
    assert.equal(households.size, 30, 'no household gets two letters');
    assert.ok(page.text.includes('id="allocation"'));

    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'invitations.draw')
      .where('subject_id', '=', drawId)
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details).drawn, 30);
    assert.doesNotMatch(audit.details, /Åsa|Storgatan|Gränd/);
  });

  test('the draw is reproducible: drawing again gives the same letters and codes', async () => {
    const check = await admin.post(`${lottery}/draws/${drawId}/check`, {});
    assert.equal(check.status, 303);
    assert.match(check.location!, /done=same/);
    const page = await admin.get(check.location!);
    assert.match(page.text, /the result is the same/);

    const register = await t.database.db
      .selectFrom('registers')
      .selectAll()
      .where('id', '=', registerId)
      .executeTakeFirstOrThrow();
    const again = await drawInvitations(join(t.dataDir, register.stored_as!), {
      count: 30,
      seed: drawSettings.seed,
      householdColumns: drawSettings.household,
      stratifyColumn: 'kommun',
      weights: { Partille: 2 },
    });
    const stored = await t.database.db
      .selectFrom('invitations')
      .select(['code', 'register_row'])
      .where('draw_id', '=', drawId)
      .orderBy('register_row')
      .execute();
    assert.deepEqual(
      again.letters.map((l) => [l.line, l.inviteCode]).sort((a, b) => Number(a[0]) - Number(b[0])),
      stored.map((s) => [s.register_row, s.code]),
    );
  });

  test('the same seed twice is refused next to the seed field, with the values kept', async () => {
    const draws = await countRows('invitation_draws');
    const reply = await admin.post(`${lottery}/registers/${registerId}`, { ...drawSettings, count: '10' });
    assert.equal(reply.status, 422);
    const text = decode(reply.text);
    assert.match(text, /id="seed-error"[^>]*>This seed has already been used/);
    assert.ok(text.includes('value="10"'));
    assert.ok(text.includes('value="klimatrådet-2026-utskick-1"'));
    assert.match(text, /<textarea[^>]*>Partille: 2<\/textarea>/);
    assert.equal(await countRows('invitation_draws'), draws);
  });

  test('a second mail-out from the same extract leaves out every household that had a letter', async () => {
    await admin.get(`${lottery}/registers/${registerId}`);
    const reply = await admin.post(`${lottery}/registers/${registerId}`, {
      ...drawSettings,
      seed: 'klimatrådet-2026-utskick-2',
      count: '40',
    });
    assert.equal(reply.status, 303, decode(reply.text).slice(0, 2000));
    const secondId = /draws\/([0-9a-f-]{36})/.exec(reply.location ?? '')![1];
    const households = async (id: string) => {
      const rows = await t.database.db
        .selectFrom('invitations')
        .innerJoin('invitation_recipients', 'invitation_recipients.invitation_id', 'invitations.id')
        .select('invitation_recipients.fields')
        .where('invitations.draw_id', '=', id)
        .execute();
      return rows.map((r) => {
        const fields = JSON.parse(r.fields);
        return `${normaliseAddress(fields.adress)}|${normaliseAddress(fields.postnummer)}`;
      });
    };
    const first = new Set(await households(drawId));
    const second = await households(secondId);
    assert.equal(second.length, 40);
    assert.deepEqual(
      second.filter((h) => first.has(h)),
      [],
      'no household gets a second letter',
    );
    const stored = await t.database.db
      .selectFrom('invitation_draws')
      .select('settings')
      .where('id', '=', secondId)
      .executeTakeFirstOrThrow();
    const settings = JSON.parse(stored.settings);
    assert.deepEqual(settings.excludedDraws, [drawId]);
    assert.ok(settings.excludedRows >= 30);
    // The second draw, too, can be redrawn and compared.
    const check = await admin.post(`${lottery}/draws/${secondId}/check`, {});
    assert.match(check.location!, /done=same/);
  });

  test('the form explains each bad field and keeps what was typed', async () => {
    const reply = await admin.post(`${lottery}/registers/${registerId}`, {
      count: 'tjugo',
      seed: '',
      household: ['adress', 'ingen sådan'],
      stratify: '',
      weights: 'Partille: två',
    });
    assert.equal(reply.status, 422);
    const text = decode(reply.text);
    assert.match(text, /id="count-error"/);
    assert.match(text, /id="seed-error"/);
    assert.match(text, /id="household-error"/);
    assert.match(text, /id="weights-error"[^>]*>Line 1 is not/);
    assert.ok(text.includes('value="tjugo"'));
    assert.match(text, /<a href="#count"><span class="summary-field">Number of letters<\/span>: /);
    const weightsWithoutStrata = await admin.post(`${lottery}/registers/${registerId}`, {
      count: '5',
      seed: 'ett annat frö 1234567890',
      weights: 'Partille: 2',
    });
    assert.equal(weightsWithoutStrata.status, 422);
    assert.match(decode(weightsWithoutStrata.text), /id="stratify-error"[^>]*>Weights apply to strata/);
  });

  test('a typed weight far out of range is refused with its line, not drawn with', async () => {
    const reply = await admin.post(`${lottery}/registers/${registerId}`, {
      ...drawSettings,
      weights: 'Göteborg: 1\nPartille: 100000000000000000000000',
    });
    assert.equal(reply.status, 422);
    assert.match(
      decode(reply.text),
      /id="weights-error"[^>]*>Line 2 is not “stratum: weight” with a number from 0\.001 to 1000/,
    );
  });

  test('weights can come as a CSV file', async () => {
    await admin.get(`${lottery}/registers/${registerId}`);
    const reply = await admin.upload(
      `${lottery}/registers/${registerId}`,
      { count: '12', seed: 'viktfil-frö-0123456789', stratify: 'kommun', household: 'adress' },
      { weights_file: { name: 'vikter.csv', bytes: bytes('kommun;vikt\nMölndal;3\n') } },
    );
    assert.equal(reply.status, 303, decode(reply.text).slice(0, 2000));
    const id = /draws\/([0-9a-f-]{36})/.exec(reply.location!)![1];
    const draw = await t.database.db
      .selectFrom('invitation_draws')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(draw.settings).weights, { Mölndal: 3 });
    const broken = await admin.upload(
      `${lottery}/registers/${registerId}`,
      { count: '12', seed: 'viktfil-frö-2', stratify: 'kommun' },
      { weights_file: { name: 'vikter.csv', bytes: bytes('kommun;vikt\nMölndal;mycket\n') } },
    );
    assert.equal(broken.status, 422);
    assert.match(decode(broken.text), /line 2/);
  });

  test('the letters come as one PDF page per letter with the codes, and in one language on request', async () => {
    const response = await raw(
      admin,
      `${lottery}/draws/${drawId}/letters.pdf?base=${encodeURIComponent('https://medborgarrad.example.se')}`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="letters-.*\.pdf"/);
    const pdf = new Uint8Array(await response.arrayBuffer());
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    const { pages, pageTexts } = pdfText(pdf);
    assert.equal(pages, 30);
    const letters = await t.database.db
      .selectFrom('invitations')
      .innerJoin('invitation_recipients', 'invitation_recipients.invitation_id', 'invitations.id')
      .select(['code', 'fields', 'language'])
      .where('draw_id', '=', drawId)
      .orderBy('register_row')
      .execute();
    letters.forEach((letter, i) => {
      const fields = JSON.parse(letter.fields);
      assert.ok(pageTexts[i].includes(letter.code), `page ${i + 1} has its code`);
      assert.ok(pageTexts[i].includes(fields.namn), `page ${i + 1} has its name`);
      assert.ok(pageTexts[i].includes('https://medborgarrad.example.se/register'));
      assert.ok(
        pageTexts[i].includes(
          letter.language === 'en' ? 'Your personal invite code' : 'Din personliga inbjudningskod',
        ),
      );
    });
    assert.ok(pageTexts.join('\n').match(/[åäöÅÄÖ]/), 'åäö are in the text');

    const english = await raw(admin, `${lottery}/draws/${drawId}/letters.pdf?language=en`);
    const englishPages = pdfText(new Uint8Array(await english.arrayBuffer())).pages;
    assert.equal(englishPages, letters.filter((l) => l.language === 'en').length);

    const badBase = await admin.get(`${lottery}/draws/${drawId}/letters.pdf?base=javascript:alert(1)`);
    assert.equal(badBase.status, 422);
    assert.match(badBase.text, /id="base-error"/);
  });

  test('the print-house CSV has every register column, the code and the registration address', async () => {
    const response = await raw(admin, `${lottery}/draws/${drawId}/letters.csv?base=https://rad.example.se`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    assert.ok(text.startsWith('\uFEFF'));
    const lines = text.slice(1).trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'namn,adress,postnummer,ort,kommun,ålder,kön,språk,invite_code,registration_url,letter_language',
    );
    assert.equal(lines.length, 31);
    for (const line of lines.slice(1)) {
      assert.match(
        line,
        /,([3469A-Y]{5}-[3469A-Y]{5}),https:\/\/rad\.example\.se\/register\?code=\1,(sv|en)$/,
      );
    }
    const quoted = lines.find((l) => l.includes('lgh 1102'));
    if (quoted) assert.match(quoted, /,"Gränd \d+; lgh 1102",/);
  });

  test('the letters are read a page at a time, in the register order, none missed or repeated', async () => {
    const draw = (await findInvitationDraw(t.database.db, assemblyId, drawId))!;
    const assembly = (await findAssembly(t.database.db, assemblyId))!;
    const whole = (await drawLetters(t.database.db, drawId)).map((l) => l.code);
    for (const pageSize of [1, 7, 30, 100]) {
      const { next } = await drawLetterPages(t.database, assembly, draw, undefined, null, pageSize);
      const paged: string[] = [];
      for (let page = await next(); page !== null; page = await next()) {
        assert.ok(page.length <= pageSize);
        paged.push(...page.map((l) => l.code));
      }
      assert.deepEqual(paged, whole, `pages of ${pageSize}`);
    }
    const { next } = await drawLetterPages(t.database, assembly, draw, undefined, 'en', 4);
    const english: string[] = [];
    for (let page = await next(); page !== null; page = await next())
      english.push(...page.map((l) => l.language));
    assert.ok(english.length > 0 && english.every((l) => l === 'en'));
  });

  test('the registration form opens with the code from the QR code filled in', async () => {
    const { code } = await t.database.db
      .selectFrom('invitations')
      .select('code')
      .where('draw_id', '=', drawId)
      .executeTakeFirstOrThrow();
    const visitor = new TestClient(t.app);
    const page = await visitor.get(`/register?code=${code}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`value="${code}"`));
  });
});

describe('letter templates', () => {
  test('the editor starts from a default letter whose address is guessed from the columns', async () => {
    const page = await admin.get(`${lottery}/letters/sv`);
    assert.equal(page.status, 200);
    const text = decode(page.text);
    assert.match(
      text,
      /<textarea[^>]*name="address"[^>]*>\{\{namn\}\}\n\{\{adress\}\}\n\{\{postnummer\}\} \{\{ort\}\}<\/textarea>/,
    );
    assert.ok(text.includes('Inbjudan till Klimatrådet'));
    assert.ok(text.includes('{{invite_code}}'));
  });

  test('an unknown placeholder is refused next to its field, naming it, with the text kept', async () => {
    const reply = await admin.post(`${lottery}/letters/sv`, {
      subject: 'Inbjudan',
      address: '{{namn}}\n{{gatuadress}}',
      body: 'Hej {{namn}}, välkommen!',
      signature: 'Åsa',
      action: 'save',
    });
    assert.equal(reply.status, 422);
    const text = decode(reply.text);
    assert.match(text, /id="address-error"[^>]*>The placeholder \{\{gatuadress\}\} is not a column/);
    assert.ok(text.includes('Hej {{namn}}, välkommen!'));
    assert.equal(
      (await t.database.db.selectFrom('letter_templates').selectAll().execute()).length,
      0,
      'nothing saved',
    );
  });

  test('the preview shows the first drawn letter as text; saving changes the printed letters', async () => {
    const fields = {
      subject: 'Välkommen till rådet, {{namn}}',
      address: '{{namn}}\n{{adress}}\n{{postnummer}} {{ort}}',
      body: 'Hej {{namn}} i {{kommun}}!\n\nDin kod är {{invite_code}}.',
      signature: 'Med vänliga hälsningar\nÄnglas kansli',
    };
    const preview = await admin.post(`${lottery}/letters/sv`, { ...fields, action: 'preview' });
    assert.equal(preview.status, 200);
    const text = decode(preview.text);
    assert.match(text, /id="letter-preview"/);
    assert.match(text, /<h3>Välkommen till rådet, [^<{]+ \d+<\/h3>/);
    assert.match(text, /Din kod är [3469A-Y]{5}-[3469A-Y]{5}\./);
    assert.equal((await t.database.db.selectFrom('letter_templates').selectAll().execute()).length, 0);

    const saved = await admin.post(`${lottery}/letters/sv`, { ...fields, action: 'save' });
    assert.equal(saved.status, 303);
    const page = await admin.get(saved.location!);
    assert.match(page.text, /The letter has been saved/);
    const row = await t.database.db.selectFrom('letter_templates').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.language, 'sv');
    assert.equal(row.body, fields.body);

    const [draw] = await t.database.db
      .selectFrom('invitation_draws')
      .select('id')
      .orderBy('created_at')
      .execute();
    const pdf = await raw(admin, `${lottery}/draws/${draw.id}/letters.pdf?language=sv`);
    const { pageTexts } = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    assert.match(pageTexts[0], /Välkommen till rådet/);
    assert.match(pageTexts[0], /Änglas kansli/);
  });
});

describe('responses and erasure', () => {
  let drawId: string;
  let usedCode: string;
  let usedStratum: string;

  before(async () => {
    const [draw] = await t.database.db
      .selectFrom('invitation_draws')
      .select('id')
      .orderBy('created_at')
      .execute();
    drawId = draw.id;
    const invitation = await t.database.db
      .selectFrom('invitations')
      .select(['code', 'stratum'])
      .where('draw_id', '=', drawId)
      .where('stratum', '=', 'Partille')
      .executeTakeFirstOrThrow();
    usedCode = invitation.code;
    usedStratum = invitation.stratum!;
    await setPhase(t.database, t.adminActor, assemblyId, 'recruitment', true);
    await registerVolunteer(t.database, {
      assemblyId,
      code: usedCode,
      answers: { gender: 'woman' },
      contact: {
        full_name: 'Åsa Öberg',
        email: 'asa@example.se',
        phone: null,
        address: null,
        postcode: null,
        city: null,
        preferred_language: 'sv',
      },
      needs: [],
      needsDetails: null,
      consents: ['participation', 'data_processing'],
    });
  });

  test('the response page counts letters and registrations per stratum, as a table and a chart', async () => {
    const page = await admin.get(`${lottery}/responses`);
    assert.equal(page.status, 200);
    const text = decode(page.text);
    const table = /<table id="responses-by-stratum">([\s\S]*?)<\/table>/.exec(text)![1];
    const row = (label: string) =>
      new RegExp(
        `<th scope="row">${label}</th><td class="number">(\\d+)</td><td class="number">(\\d+)</td><td class="number">([^<]+)</td>`,
      ).exec(table);
    const partille = row(usedStratum)!;
    const letters = await t.database.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('stratum', '=', usedStratum)
      .executeTakeFirstOrThrow();
    assert.equal(Number(partille[1]), Number(letters.n));
    assert.equal(Number(partille[2]), 1);
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
    assert.equal(partille[3], percent.format(1 / Number(letters.n)));
    assert.equal(Number(row('Göteborg')![2]), 0);
    const total =
      /<tfoot><tr><th scope="row">Total<\/th><td class="number">(\d+)<\/td><td class="number">(\d+)<\/td>/.exec(
        table,
      )!;
    assert.equal(Number(total[2]), 1);
    assert.equal(Number(total[1]), await countRows('invitations'));
    assert.match(text, /<figure class="chart" id="response-chart">/);
    assert.match(text, /<figcaption>Response rate per stratum \(%\)<\/figcaption>/);
  });

  test('after the mail-out, the extract and the unanswered addresses are deleted; the answered one stays', async () => {
    const draw = await t.database.db
      .selectFrom('invitation_draws')
      .selectAll()
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    const register = await t.database.db
      .selectFrom('registers')
      .selectAll()
      .where('id', '=', draw.register_id!)
      .executeTakeFirstOrThrow();
    assert.ok(existsSync(join(t.dataDir, register.stored_as!)));
    await admin.get(`${lottery}/draws/${drawId}`);
    const unconfirmed = await admin.post(`${lottery}/draws/${drawId}/erase`, {});
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.text, /id="confirm-error"/);
    assert.ok(existsSync(join(t.dataDir, register.stored_as!)), 'nothing deleted without the tick');
    const reply = await admin.post(`${lottery}/draws/${drawId}/erase`, { confirm: 'yes' });
    assert.equal(reply.status, 303);
    const page = await admin.get(reply.location!);
    assert.match(page.text, /have been deleted/);
    assert.ok(!existsSync(join(t.dataDir, register.stored_as!)), 'the extract file is gone');
    const after = await t.database.db
      .selectFrom('registers')
      .selectAll()
      .where('id', '=', register.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.stored_as, null);
    const left = await t.database.db
      .selectFrom('invitations')
      .innerJoin('invitation_recipients', 'invitation_recipients.invitation_id', 'invitations.id')
      .select(['code'])
      .where('draw_id', '=', drawId)
      .execute();
    assert.deepEqual(
      left.map((l) => l.code),
      [usedCode],
    );
    assert.equal(
      Number(
        (
          await t.database.db
            .selectFrom('invitations')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('draw_id', '=', drawId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      30,
      'the invitations stay, so the counts do',
    );
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'invitations.erase_unanswered')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { recipients: 29, registerDeleted: true });
    // No more letters, and no more draws from the deleted extract.
    const csv = await admin.get(`${lottery}/draws/${drawId}/letters.csv`);
    assert.equal(csv.text.trim().split('\r\n').length, 2);
    const redraw = await admin.post(`${lottery}/registers/${register.id}`, {
      ...drawSettings,
      seed: 'nytt frö 0123456789',
    });
    assert.equal(redraw.status, 409);
  });
});

describe('large registers', () => {
  test('a draw from a large register runs in the background with a progress page', async () => {
    const saved = drawJobSettings.backgroundRows;
    drawJobSettings.backgroundRows = 10;
    try {
      const { drawId, reply } = await drawFromNewRegister({
        ...drawSettings,
        seed: 'i bakgrunden 0123456789',
      });
      assert.doesNotMatch(reply.location!, /done=/);
      let page = await admin.get(`${lottery}/draws/${drawId}`);
      for (let i = 0; i < 100 && !page.text.includes('id="draw-hash"'); i++) {
        if (page.text.includes('id="draw-progress"')) {
          assert.equal(page.headers.get('refresh'), '3');
          assert.match(page.text, /<progress id="draw-progress-bar" max="100" value="\d+">/);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        page = await admin.get(`${lottery}/draws/${drawId}`);
      }
      assert.ok(page.text.includes('id="draw-hash"'), 'the result appears once the draw is done');
      const draw = await t.database.db
        .selectFrom('invitation_draws')
        .selectAll()
        .where('id', '=', drawId)
        .executeTakeFirstOrThrow();
      assert.equal(draw.drawn, 30);
    } finally {
      drawJobSettings.backgroundRows = saved;
    }
  });
});

describe('access', () => {
  test('a caller may not see or use the invitation lottery', async () => {
    await createStaff(t, 'caller@lotta.test');
    await grantRole(t.database, t.adminActor, assemblyId, 'caller@lotta.test', 'caller');
    const caller = new TestClient(t.app);
    await caller.logIn('caller@lotta.test');
    const [draw] = await t.database.db.selectFrom('invitation_draws').select('id').execute();
    for (const path of [
      `${lottery}/lottery`,
      `${lottery}/responses`,
      `${lottery}/letters/sv`,
      `${lottery}/draws/${draw.id}`,
      `${lottery}/draws/${draw.id}/letters.pdf`,
      `${lottery}/draws/${draw.id}/letters.csv`,
    ]) {
      assert.equal((await caller.get(path)).status, 403, path);
    }
    await caller.get('/account');
    const files = registerFiles().length;
    const reply = await caller.upload(
      `${lottery}/registers`,
      {},
      { file: { name: 'a.csv', bytes: bytes(registerText()) } },
    );
    assert.equal(reply.status, 403);
    assert.equal(registerFiles().length, files);
  });
});

describe('on PostgreSQL', () => {
  let pg: TestApp;
  before(async () => {
    pg = await startTestApp({ kind: 'postgres' });
  });
  after(() => pg.close());

  test('upload, draw, registration, response counts and erasure work on PostgreSQL too', async () => {
    const id = await createTestAssembly(pg);
    const base = `/a/${id}/invitations`;
    const client = new TestClient(pg.app);
    await client.logIn(adminEmail);
    await client.get(`${base}/lottery`);
    const uploaded = await client.upload(
      `${base}/registers`,
      {},
      { file: { name: 'utdrag.csv', bytes: bytes(registerText()) } },
    );
    assert.equal(uploaded.status, 303);
    const registerId = /registers\/([0-9a-f-]{36})/.exec(uploaded.location!)![1];
    await client.get(uploaded.location!);
    const drawn = await client.post(`${base}/registers/${registerId}`, drawSettings);
    assert.equal(drawn.status, 303, decode(drawn.text).slice(0, 2000));
    const drawId = /draws\/([0-9a-f-]{36})/.exec(drawn.location!)![1];
    const again = await client.post(`${base}/registers/${registerId}`, drawSettings);
    assert.equal(again.status, 422, 'the same seed is refused on PostgreSQL too');

    const invitation = await pg.database.db
      .selectFrom('invitations')
      .select(['code', 'stratum'])
      .where('draw_id', '=', drawId)
      .executeTakeFirstOrThrow();
    await setPhase(pg.database, pg.adminActor, id, 'recruitment', true);
    await registerVolunteer(pg.database, {
      assemblyId: id,
      code: invitation.code,
      answers: { gender: 'man' },
      contact: {
        full_name: 'Örjan Lind',
        email: null,
        phone: '070-123 45 67',
        address: null,
        postcode: null,
        city: null,
        preferred_language: 'sv',
      },
      needs: [],
      needsDetails: null,
      consents: ['participation', 'data_processing'],
    });
    const page = decode((await client.get(`${base}/responses`)).text);
    const table = /<table id="responses-by-stratum">([\s\S]*?)<\/table>/.exec(page)![1];
    assert.match(
      table,
      new RegExp(
        `<th scope="row">${invitation.stratum}</th><td class="number">\\d+</td><td class="number">1</td>`,
      ),
    );
    assert.match(table, /<th scope="row">Total<\/th><td class="number">30<\/td><td class="number">1<\/td>/);

    const pdf = await pg.app.request(`${base}/draws/${drawId}/letters.pdf`, {
      headers: { cookie: (client as unknown as { cookieHeader(): string }).cookieHeader() },
    });
    assert.equal(pdfText(new Uint8Array(await pdf.arrayBuffer())).pages, 30);

    await client.get(`${base}/draws/${drawId}`);
    assert.equal((await client.post(`${base}/draws/${drawId}/erase`, { confirm: 'yes' })).status, 303);
    const left = await pg.database.db
      .selectFrom('invitation_recipients')
      .innerJoin('invitations', 'invitations.id', 'invitation_recipients.invitation_id')
      .select('code')
      .execute();
    assert.deepEqual(
      left.map((l) => l.code),
      [invitation.code],
    );
  });
});

// Last: a register uploaded here becomes the newest, which the tests above must not see.
describe('a draw in the language of the page', () => {
  test('a register that cannot be read is explained in the language of the page', async () => {
    admin.lang = 'sv';
    try {
      const latin1 = new Uint8Array([
        ...bytes('namn;adress;kommun\nBo;Storgatan 1;Malm'),
        0xf6,
        ...bytes('\n'),
      ]);
      await admin.get(`${lottery}/lottery`);
      const reply = await admin.upload(
        `${lottery}/registers`,
        {},
        { file: { name: 'latin1.csv', bytes: latin1, type: 'text/csv' } },
      );
      assert.equal(reply.status, 422);
      const text = decode(reply.text);
      assert.match(text, /latin1\.csv: 1 rad kan inte läsas/);
      assert.match(text, /rad 2, kolumn ”kommun”: byte 0xF6 är inte UTF-8/);
      assert.doesNotMatch(text, /<pre[^>]*lang="en"/);
    } finally {
      admin.lang = 'en';
    }
  });

  test('the warnings of a draw are in the language of the page', async () => {
    // Five households have a row in each of two municipalities.
    const lines = ['namn;adress;Kommun'];
    for (let i = 0; i < 40; i++) lines.push(`Person ${i};Storgatan ${i};${areas[i % 3]}`);
    for (let i = 0; i < 5; i++) lines.push(`Sambo ${i};Storgatan ${i};${areas[(i + 1) % 3]}`);
    const uploaded = await upload(admin, `${lines.join('\n')}\n`, 'kommuner.csv');
    assert.equal(uploaded.status, 303, uploaded.text.slice(0, 500));
    const id = /registers\/([0-9a-f-]{36})/.exec(uploaded.location ?? '')![1];
    await admin.get(uploaded.location!);
    const reply = await admin.post(`${lottery}/registers/${id}`, {
      count: '10',
      seed: 'kommungränser-0123456789',
      household: 'adress',
      stratify: 'Kommun',
    });
    assert.equal(reply.status, 303, decode(reply.text).slice(0, 2000));
    const swedish = decode((await admin.get(`${reply.location!.split('?')[0]}?lang=sv`)).text);
    assert.match(swedish, /5 hushåll har rader i mer än en ”Kommun”/);
    assert.doesNotMatch(swedish, /households have rows/);
    const english = decode((await admin.get(`${reply.location!.split('?')[0]}?lang=en`)).text);
    assert.match(english, /5 households have rows in more than one "Kommun"/);
  });
});

describe('stored extracts, draws and letters', () => {
  test('come from the repository decoded, and a stored draw of the wrong shape fails there, naming it', async () => {
    const { registerId, drawId } = await drawFromNewRegister({
      ...drawSettings,
      seed: 'lagrat-och-avkodat-2026',
    });
    const register = await findRegister(t.database.db, assemblyId, registerId);
    assert.deepEqual(register?.columns, header.split(';'));
    const draw = await findInvitationDraw(t.database.db, assemblyId, drawId);
    assert.equal(draw?.settings.rowsRead, 240);
    assert.deepEqual(draw?.settings.householdColumns, ['adress', 'postnummer']);
    const [letter] = await drawLetters(t.database.db, drawId, 1);
    assert.equal(typeof letter.fields.kommun, 'string');
    assert.equal(letter.fields.kommun, letter.stratum);

    const stored = draw ? JSON.stringify(draw.settings) : '';
    await t.database.db
      .updateTable('invitation_draws')
      .set({ settings: '{"rowsRead":"many"}' })
      .where('id', '=', drawId)
      .execute();
    try {
      await assert.rejects(
        findInvitationDraw(t.database.db, assemblyId, drawId),
        (e: unknown) => e instanceof StoredDataError && /invitation draw settings/.test(e.message),
      );
      // The page says something went wrong instead of showing a draw made of undefined.
      const page = await admin.get(`${lottery}/draws/${drawId}`);
      assert.equal(page.status, 500);
      assert.doesNotMatch(page.text, /undefined|StoredDataError/);
    } finally {
      await t.database.db
        .updateTable('invitation_draws')
        .set({ settings: stored })
        .where('id', '=', drawId)
        .execute();
    }
  });
});
