/**
 * CSV exports through the web, all written by the one CSV writer: the print-house letters.csv, whose
 * register cells that a spreadsheet would run as formulas reach it as text, and the invite codes;
 * each in the dialect of the organiser's language (Swedish Excel: `;` and Swedish time).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createInvitations } from '../../src/commands/people.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let admin: TestClient;
let lettersUrl: string;
let codesUrl: string;

const register = [
  'namn,adress,postnummer,kommun',
  "=cmd|' /C calc'!A0,Storgatan 1,411 01,Göteborg",
  '@SUM(1+1),Storgatan 2,411 02,Göteborg',
  '+HYPERLINK(x),Storgatan 3,411 03,Mölndal',
  '-2+3,Storgatan 4,411 04,Mölndal',
  'Åsa Öberg,Storgatan 5,411 05,Partille',
  'Per Ek,Storgatan 6,-411 06,Partille',
].join('\n');

before(async () => {
  t = await startTestApp();
  const assemblyId = await createTestAssembly(t);
  const lottery = `/a/${assemblyId}/invitations`;
  codesUrl = `${lottery}.csv`;
  await createInvitations(t.database, t.adminActor, assemblyId, 3);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get(`${lottery}/lottery`);
  const uploaded = await admin.upload(
    `${lottery}/registers`,
    {},
    { file: { name: 'utdrag.csv', bytes: new TextEncoder().encode(register), type: 'text/csv' } },
  );
  assert.equal(uploaded.status, 303, uploaded.text.slice(0, 500));
  const registerId = /registers\/([0-9a-f-]{36})/.exec(uploaded.location ?? '')![1];
  await admin.get(uploaded.location!);
  const drawn = await admin.post(`${lottery}/registers/${registerId}`, {
    count: '6',
    seed: 'formelfrö 0123456789',
    household: ['adress', 'postnummer'],
  });
  assert.equal(drawn.status, 303, drawn.text.slice(0, 2000));
  lettersUrl = `${lottery}/draws/${/draws\/([0-9a-f-]{36})/.exec(drawn.location ?? '')![1]}/letters.csv`;
});
after(() => t.close());

test('register cells that look like formulas come out of letters.csv as text', async () => {
  const csv = await admin.get(lettersUrl);
  assert.equal(csv.status, 200);
  const cells = csv.text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .flatMap((line) => line.split(','));
  for (const guarded of ["'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+HYPERLINK(x)", "'-2+3", "'-411 06"])
    assert.ok(cells.includes(guarded), `${guarded} in ${cells.join(' | ')}`);
  assert.ok(!cells.some((cell) => /^[=+\-@]/.test(cell)), 'no cell starts a formula');
});

test('in Swedish the file is for Swedish Excel: semicolons', async () => {
  admin.lang = 'sv';
  const csv = await admin.get(`${lettersUrl}`);
  admin.lang = 'en';
  assert.match(
    csv.text,
    /^\uFEFF?namn;adress;postnummer;kommun;invite_code;registration_url;letter_language\r\n/,
  );
  assert.match(csv.text, /\r\n'=cmd\|' \/C calc'!A0;Storgatan 1;411 01;Göteborg;/);
});

test('the invite codes: Swedish with semicolons and Swedish time, English with commas and UTC', async () => {
  admin.lang = 'sv';
  const swedish = (await admin.get(codesUrl)).text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  admin.lang = 'en';
  assert.equal(swedish[0], 'code;created_at;used');
  assert.ok(swedish.length >= 4, 'the three codes and those of the letters');
  for (const line of swedish.slice(1))
    assert.match(line, /^[A-Z0-9-]+;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};no$/);
  const english = (await admin.get(codesUrl)).text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(english[0], 'code,created_at,used');
  for (const line of english.slice(1)) assert.match(line, /^[A-Z0-9-]+,\d{4}-\d{2}-\d{2}T[\d:.]+Z,no$/);
});
