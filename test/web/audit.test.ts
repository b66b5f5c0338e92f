/**
 * The audit log speaks the reader's language: times in Swedish time with the date, counts with
 * singular and plural, and each event's details as labelled words rather than stored JSON.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordAudit } from '../../src/repositories/audit.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  // An event with every kind of detail the log must put in words, at a known moment in summer time.
  await recordAudit(t.database.db, {
    at: '2026-07-01T10:00:05.000Z',
    actorId: 'system',
    assemblyId,
    action: 'person.status',
    subjectType: 'person',
    subjectId: '0f6c2a4e-1b2c-4d5e-8f90-123456789abc',
    details: {
      from: 'registered',
      to: 'selected',
      reference: 'P-00007',
      drawId: '9a8b7c6d-1b2c-4d5e-8f90-123456789abc',
      fileSha256: 'ab'.repeat(32),
      registerDeleted: true,
      rows: 12345,
      changed: ['panel_size', 'title'],
    },
  });
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

function cellsOfFirstRow(html: string): string {
  return /<tbody><tr>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
}

test('the audit log shows Swedish time and the details in words, in Swedish', async () => {
  const reply = await admin.get(`/a/${assemblyId}/audit?lang=sv`);
  assert.equal(reply.status, 200);
  const row = cellsOfFirstRow(reply.text);
  // 10:00:05 UTC is 12:00:05 in Sweden in July.
  assert.match(row, /<time datetime="2026-07-01T10:00:05.000Z">1 juli 2026 12:00:05<\/time>/);
  assert.match(row, /<dt>Från<\/dt><dd>Anmäld<\/dd>/);
  assert.match(row, /<dt>Till<\/dt><dd>Utvald<\/dd>/);
  assert.match(row, /<dt>Referens<\/dt><dd>P-00007<\/dd>/);
  assert.match(row, /<dt>Offentlig dragning<\/dt><dd><code>9a8b7c6d<\/code><\/dd>/);
  assert.match(row, /<dt>Registerutdraget raderat<\/dt><dd>Ja<\/dd>/);
  assert.match(row, /<dt>Rader<\/dt><dd>12\u00a0345<\/dd>/);
  assert.match(row, /<dt>Ändrat<\/dt><dd>Antal medlemmar, Titel<\/dd>/);
  assert.match(row, /Person <code>0f6c2a4e<\/code>/);
  assert.doesNotMatch(/<main[\s\S]*<\/main>/.exec(reply.text)![0], /\{&quot;|\{"/, 'no stored JSON');
  assert.match(reply.text, /\d+ händelser/);
});

test('in English the same event reads in English', async () => {
  const row = cellsOfFirstRow((await admin.get(`/a/${assemblyId}/audit?lang=en`)).text);
  assert.match(row, /1 Jul 2026, 12:00:05/);
  assert.match(row, /<dt>From<\/dt><dd>Registered<\/dd>/);
  assert.match(row, /<dt>Rows<\/dt><dd>12,345<\/dd>/);
});
