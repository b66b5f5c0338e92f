/**
 * The assembly form refuses what it cannot show back truthfully: dates that are not on the calendar,
 * and control characters in the privacy notice's contact and texts, next to the field and keeping
 * what was typed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findAssembly } from '../../src/repositories/assemblies.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let admin: TestClient;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

const fields = {
  title_sv: 'Klimatrådet',
  title_en: '',
  remit_sv: 'Hur ska kommunen minska utsläppen?',
  remit_en: '',
  commissioner: 'Kommunen',
  funding_source: 'Kommunen',
  coordinator: 'Lotta',
  panel_size: '20',
  languages: ['sv', 'en'],
  starts_on: '2027-03-01',
  ends_on: '2027-06-30',
  privacy_controller: 'Åre kommun',
};

test('a date that is not on the calendar is refused next to its field, keeping what was typed', async () => {
  for (const [field, value] of [
    ['starts_on', '2027-02-30'],
    ['ends_on', '2027-13-01'],
    ['starts_on', '0000-00-00'],
  ] as const) {
    await admin.get(`/a/${assemblyId}/edit`);
    const reply = await admin.post(`/a/${assemblyId}/edit`, { ...fields, [field]: value });
    assert.equal(reply.status, 422, `${field}=${value}`);
    assert.match(reply.text, new RegExp(`id="${field}-error"`), `${field}=${value}`);
    assert.match(reply.text, new RegExp(`value="${value}"`));
    assert.match(reply.text, /value="Åre kommun"/);
  }
  // An end before the start is named next to the end date.
  await admin.get(`/a/${assemblyId}/edit`);
  const reversed = await admin.post(`/a/${assemblyId}/edit`, { ...fields, ends_on: '2027-01-01' });
  assert.equal(reversed.status, 422);
  assert.match(reversed.text, /id="ends_on-error"/);
  const stored = (await findAssembly(t.database.db, assemblyId))!;
  assert.equal(stored.starts_on, null);
  // A new assembly too.
  await admin.get('/assemblies/new');
  const created = await admin.post('/assemblies/new', { ...fields, ends_on: '2027-02-29' });
  assert.equal(created.status, 422);
  assert.match(created.text, /id="ends_on-error"/);
});

test('control characters in the privacy contact and texts are refused next to the field', async () => {
  for (const [field, value] of [
    ['privacy_controller', 'Åre\u0001kommun'],
    ['privacy_phone', '0647\u001b161 00'],
    ['privacy_address', 'Box 201\u0000'],
    ['privacy_purpose_sv', 'Vi lottar\u0007 fram'],
  ] as const) {
    await admin.get(`/a/${assemblyId}/edit`);
    const reply = await admin.post(`/a/${assemblyId}/edit`, { ...fields, [field]: value });
    assert.equal(reply.status, 422, field);
    assert.match(reply.text, new RegExp(`id="${field}-error"`), field);
    assert.match(reply.text, /value="2027-03-01"/);
  }
  // Line breaks stay allowed where the field has lines.
  await admin.get(`/a/${assemblyId}/edit`);
  const saved = await admin.post(`/a/${assemblyId}/edit`, {
    ...fields,
    privacy_address: 'Box 201\r\n830 05 Järpen',
    privacy_purpose_sv: 'Vi lottar.\r\n\r\nSedan ringer vi.',
  });
  assert.equal(saved.status, 303);
});
