/**
 * Error summaries name the field each problem belongs to, so that "Fill in this field." at the top of
 * a long form says which field, and they carry `autofocus` so that the browser moves the focus to
 * them after a failed submit (checked in a real browser in test/browser/phone.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let admin: TestClient;
let assemblyId: string;
let demoId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  await loadDemo(t.database, 40);
  demoId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
  admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
});
after(() => t.close());

test('the new-assembly form names each field in the summary', async () => {
  await admin.get('/assemblies/new?lang=sv');
  admin.lang = 'sv';
  const reply = await admin.post('/assemblies/new', { title_sv: '', panel_size: '1' });
  admin.lang = 'en';
  assert.equal(reply.status, 422);
  assert.match(reply.text, /<a href="#title_sv"><span class="summary-field">Namn på svenska<\/span>: /);
  assert.match(reply.text, /<a href="#panel_size"><span class="summary-field">[^<]+<\/span>: /);
  assert.match(reply.text, /id="error-summary" autofocus=""/);
});

test('the invite-code form names its field in the summary', async () => {
  await admin.get(`/a/${assemblyId}/invitations`);
  const reply = await admin.post(`/a/${assemblyId}/invitations`, { count: '' });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /<a href="#count"><span class="summary-field">[^<]+<\/span>: /);
});

/** The summary entry of `field`, linked to it and named by `label` (a pattern). */
function namesField(text: string, field: string, label: RegExp | string) {
  const name = typeof label === 'string' ? label : label.source;
  assert.match(
    text,
    new RegExp(`<a href="#${field.replaceAll('.', '\\.')}"><span class="summary-field">${name}</span>: `),
    `${field} is named in the summary`,
  );
}

test('the password form names its fields in the summary', async () => {
  await admin.get('/account/password');
  const reply = await admin.post('/account/password', { current: '', password: '', repeat: '' });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'current', 'Nuvarande lösenord');
});

test('the new-account form names its fields in the summary', async () => {
  await admin.get('/admin/accounts');
  const reply = await admin.post('/admin/accounts', { display_name: '', email: 'nope', language: 'sv' });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'display_name', '[^<]+');
  namesField(reply.text, 'email', '[^<]+');
});

test('the selection form names its fields in the summary', async () => {
  await admin.get(`/a/${demoId}/selection`);
  const reply = await admin.post(`/a/${demoId}/selection`, {
    algorithm: 'leximin',
    panel_size: '',
    lottery_size: '0',
    seed: '',
  });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'panel_size', '[^<]+');
  namesField(reply.text, 'lottery_size', '[^<]+');
});

test('the status form of a person names its fields in the summary', async () => {
  const person = await t.database.db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', demoId)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  const url = `/a/${demoId}/people/${person.id}`;
  await admin.get(url);
  const reply = await admin.post(`${url}/status`, { status: '', comment: '' });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'status', '[^<]+');
});

test('the targets form names the cell of each problem in the summary', async () => {
  await admin.get(`/a/${assemblyId}/targets`);
  const reply = await admin.post(`/a/${assemblyId}/targets`, {
    kind: 'quotas',
    'q0.key': 'gender',
    'q0.included': 'on',
    'q0.v0.min': 'many',
    save: '1',
  });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'q0.v0.min', '[^<]+, [^<]+: [^<]+');
});

test('the announce form of the draw names its fields in the summary', async () => {
  await admin.get(`/a/${demoId}/draw`);
  const reply = await admin.post(`/a/${demoId}/draw`, { run: '', source: 'dice', rolls: 'x', sides: '6' });
  assert.equal(reply.status, 422);
  namesField(reply.text, 'run', '[^<]+');
});

test('the questions and team forms name their fields in the summary', async () => {
  await admin.get(`/a/${assemblyId}/questions`);
  const questions = await admin.post(`/a/${assemblyId}/questions`, {
    count: '1',
    'q0.rows': '2',
    'q0.key': '',
    'q0.label_sv': 'Kön',
    'q0.label_en': 'Gender',
  });
  assert.equal(questions.status, 422);
  namesField(questions.text, 'q0.key', '[^<]+: [^<]+');
  await admin.get(`/a/${assemblyId}/team`);
  const team = await admin.post(`/a/${assemblyId}/team`, { email: 'nope', role: 'caller' });
  assert.equal(team.status, 422);
  namesField(team.text, 'email', '[^<]+');
});
