/**
 * Staff authentication through the app: the two-step code is limited in attempts and counts once,
 * changing a password or two-step login ends the account's other logins, and over-long fields on
 * the login and account forms are refused with a message.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newTotpSecret, totpFor } from '../../src/commands/accounts.ts';
import { findAccountByEmail, updateAccount } from '../../src/repositories/accounts.ts';
import { listAudit } from '../../src/repositories/audit.ts';
import {
  adminEmail,
  adminPassword,
  createStaff,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A staff account with two-step login on; returns a code generator for it. */
async function staffWithTotp(email: string) {
  const id = await createStaff(t, email);
  const secret = newTotpSecret();
  await updateAccount(t.database.db, id, { totp_secret: secret, totp_enabled: 1 });
  return (offsetSeconds = 0) =>
    totpFor({ email }, secret).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

async function loggedIn(client: TestClient): Promise<boolean> {
  const reply = await client.get('/assemblies');
  return reply.status === 200;
}

test('wrong two-step codes are paused after ten, even the right one, and say how long', async () => {
  const code = await staffWithTotp('guessed@lotta.test');
  const client = new TestClient(t.app);
  assert.equal((await client.logIn('guessed@lotta.test')).location, '/login/totp');
  await client.get('/login/totp');
  const right = code();
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 10; i++) {
    const reply = await client.post('/login/totp', { code: wrong });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /The code is wrong/);
  }
  const paused = await client.post('/login/totp', { code: right });
  assert.equal(paused.status, 429);
  assert.match(paused.text, /Too many wrong codes\. Wait about 15 minutes/);
  assert.ok(Number(paused.headers.get('retry-after')) > 0);
  assert.equal(await loggedIn(client), false);

  // The pause is the account's: a fresh login elsewhere does not start the count again.
  const other = new TestClient(t.app);
  await other.logIn('guessed@lotta.test');
  await other.get('/login/totp');
  assert.equal((await other.post('/login/totp', { code: right })).status, 429);
});

test('a two-step code opens one login only; the next code opens another', async () => {
  const code = await staffWithTotp('replayed@lotta.test');
  const first = new TestClient(t.app);
  const second = new TestClient(t.app);
  for (const client of [first, second]) {
    await client.logIn('replayed@lotta.test');
    await client.get('/login/totp');
  }
  const now = code();
  const confirmed = await first.post('/login/totp', { code: now });
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.location, '/assemblies');

  const replayed = await second.post('/login/totp', { code: now });
  assert.equal(replayed.status, 422);
  assert.match(replayed.text, /This code has already been used/);
  assert.equal(await loggedIn(second), false);

  // The app's next code (one period later) is accepted.
  await second.get('/login/totp');
  assert.equal((await second.post('/login/totp', { code: code(30) })).status, 303);
  assert.equal(await loggedIn(second), true);
  assert.equal(await loggedIn(first), true);
});

test('changing one’s password ends one’s other logins, not the one making the change', async () => {
  await createStaff(t, 'changer@lotta.test');
  const here = new TestClient(t.app);
  const elsewhere = new TestClient(t.app);
  await here.logIn('changer@lotta.test');
  await elsewhere.logIn('changer@lotta.test');
  assert.equal(await loggedIn(elsewhere), true);

  await here.get('/account/password');
  const reply = await here.post('/account/password', {
    current: 'correct horse battery staple',
    password: 'a brand new passphrase',
    repeat: 'a brand new passphrase',
  });
  assert.equal(reply.status, 303);
  assert.equal(await loggedIn(here), true);
  assert.equal(await loggedIn(elsewhere), false);
});

test('turning two-step login on ends the other logins; an administrator turning it off ends all', async () => {
  await createStaff(t, 'enroller@lotta.test');
  const here = new TestClient(t.app);
  const elsewhere = new TestClient(t.app);
  await here.logIn('enroller@lotta.test');
  await elsewhere.logIn('enroller@lotta.test');

  const page = await here.get('/account/totp');
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(page.text)![1];
  const code = totpFor({ email: 'enroller@lotta.test' }, secret).generate();
  const enabled = await here.post('/account/totp', { current: adminPassword, secret, code });
  assert.equal(enabled.status, 303);
  assert.equal(await loggedIn(here), true);
  assert.equal(await loggedIn(elsewhere), false);
  // The code given to turn it on is used: it cannot log anyone in.
  await elsewhere.logIn('enroller@lotta.test');
  await elsewhere.get('/login/totp');
  assert.equal((await elsewhere.post('/login/totp', { code })).status, 422);

  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const account = (await findAccountByEmail(t.database.db, 'enroller@lotta.test'))!;
  await admin.get('/admin/accounts');
  assert.equal((await admin.post(`/admin/accounts/${account.id}/disable-totp`, {})).status, 303);
  assert.equal(await loggedIn(here), false);
  assert.equal(await loggedIn(admin), true);
});

test('an administrator resetting their own password keeps this login and ends the others', async () => {
  const here = new TestClient(t.app);
  const elsewhere = new TestClient(t.app);
  await here.logIn(adminEmail);
  await elsewhere.logIn(adminEmail);
  const admin = (await findAccountByEmail(t.database.db, adminEmail))!;
  await here.get('/admin/accounts');
  const reply = await here.post(`/admin/accounts/${admin.id}/reset`, {});
  assert.equal(reply.status, 200);
  const password = /<code class="secret">([^<]+)<\/code>/.exec(reply.text)![1];
  // Still logged in here, but asked to choose a password first.
  assert.equal((await here.get('/assemblies')).location, '/account/password');
  assert.match((await elsewhere.get('/assemblies')).location ?? '', /^\/login/);
  // Put the known password back for the other tests.
  await here.get('/account/password');
  const restored = await here.post('/account/password', {
    current: password,
    password: 'correct horse battery staple',
    repeat: 'correct horse battery staple',
  });
  assert.equal(restored.status, 303);
});

test('over-long fields on the login and account forms are refused with a message, never a 500', async () => {
  const client = new TestClient(t.app);
  const email = `${'a'.repeat(390)}@lotta.test`;
  let reply = await client.logIn(email, 'whatever password');
  assert.equal(reply.status, 422);
  assert.match(reply.text, /An e-mail address has at most 320 characters/);

  reply = await client.logIn(adminEmail, 'p'.repeat(1001));
  assert.equal(reply.status, 422);
  assert.match(reply.text, /A password has at most 1000 characters/);
  assert.match(reply.text, new RegExp(`value="${adminEmail}"`));

  await client.logIn(adminEmail);
  await client.get('/account/password');
  reply = await client.post('/account/password', {
    current: 'correct horse battery staple',
    password: 'p'.repeat(1001),
    repeat: 'p'.repeat(1001),
  });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /Shorten this to at most 1000 characters/);

  const enrolment = await client.get('/account/totp');
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(enrolment.text)![1];
  reply = await client.post('/account/totp', { current: adminPassword, secret, code: '1'.repeat(50) });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /The code is wrong/);

  await client.get('/admin/accounts');
  reply = await client.post('/admin/accounts', { display_name: 'x'.repeat(300), email, language: 'en' });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /Shorten this to at most 200 characters/);
  assert.match(reply.text, /Shorten this to at most 320 characters/);
});

test('guessing the current password on the password form is paused like failed logins', async () => {
  await createStaff(t, 'borrowed@lotta.test');
  const client = new TestClient(t.app);
  await client.logIn('borrowed@lotta.test');
  await client.get('/account/password');
  const change = (current: string) =>
    client.post('/account/password', {
      current,
      password: 'a brand new passphrase',
      repeat: 'a brand new passphrase',
    });
  for (let i = 0; i < 10; i++) {
    const reply = await change(`guess number ${i}`);
    assert.equal(reply.status, 422);
    assert.match(reply.text, /Your current password is wrong/);
  }
  const paused = await change('correct horse battery staple');
  assert.equal(paused.status, 429);
  assert.match(paused.text, /Too many failed attempts/);
  assert.ok(Number(paused.headers.get('retry-after')) > 0);
  // The same count pauses a login with this e-mail from this address.
  assert.equal((await new TestClient(t.app).logIn('borrowed@lotta.test')).status, 429);
});

test('after logging in, a crafted "next" or kept form never leads to another site', async () => {
  const origin = 'http://lotta.test';
  const crafted = [
    '/\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '//evil.example',
    'https://evil.example',
  ];
  for (const next of crafted) {
    const client = new TestClient(t.app);
    await client.get(`/login?next=${encodeURIComponent(next)}`);
    const reply = await client.post('/login', { email: adminEmail, password: adminPassword, next });
    assert.equal(reply.status, 303, JSON.stringify(next));
    assert.equal(
      new URL(reply.location!, origin).origin,
      origin,
      `next=${JSON.stringify(next)} → ${reply.location}`,
    );
  }
  // The form kept through a login is sent back only to a path of Lotta.
  for (const path of ['/\\evil.example', '/\t/evil.example']) {
    const client = new TestClient(t.app);
    await client.get('/login');
    const resume = Buffer.from(JSON.stringify({ path, fields: [['a', 'b']] })).toString('base64url');
    const reply = await client.post('/login', {
      email: adminEmail,
      password: adminPassword,
      _resume: resume,
    });
    const action = /<form method="post" action="([^"]*)"/.exec(reply.text)?.[1];
    if (action !== undefined) {
      const resolved = new URL(action.replace(/&#x?[0-9a-f]+;/gi, '\t'), origin);
      assert.equal(resolved.origin, origin, `kept form to ${JSON.stringify(path)} posts to ${action}`);
    } else assert.equal(new URL(reply.location!, origin).origin, origin);
  }
});

test('turning off two-step login for an account that does not exist changes and logs nothing', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const before = await listAudit(t.database.db, { limit: 1000, offset: 0 });
  const reply = await admin.post(`/admin/accounts/${'x'.repeat(500)}/disable-totp`, {});
  assert.equal(reply.status, 404);
  const after = await listAudit(t.database.db, { limit: 1000, offset: 0 });
  assert.equal(after.total, before.total, 'no audit event for a change that did not happen');
});

test('turning one’s own two-step login off takes a current code: a borrowed login cannot', async () => {
  const code = await staffWithTotp('phone-holder@lotta.test');
  const client = new TestClient(t.app);
  await client.logIn('phone-holder@lotta.test');
  await client.get('/login/totp');
  assert.equal((await client.post('/login/totp', { code: code() })).status, 303);
  const isOn = async () =>
    (await findAccountByEmail(t.database.db, 'phone-holder@lotta.test'))!.totp_enabled === 1;

  const page = await client.get('/account');
  assert.match(page.text, /<form method="post" action="\/account\/totp\/disable"[\s\S]*name="code"/);
  const without = await client.post('/account/totp/disable', {});
  assert.equal(without.status, 422);
  assert.equal(await isOn(), true);
  const wrong = await client.post('/account/totp/disable', { code: '000000' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /id="code-error"/);
  assert.equal(await isOn(), true);
  // The code that opened the login is used; the next one turns it off.
  assert.equal((await client.post('/account/totp/disable', { code: code() })).status, 422);
  const off = await client.post('/account/totp/disable', { code: code(30) });
  assert.equal(off.status, 303);
  assert.equal(await isOn(), false);

  // Wrong codes here count with wrong codes at login: ten, then a pause.
  const guesser = await staffWithTotp('code-guesser@lotta.test');
  const borrowed = new TestClient(t.app);
  await borrowed.logIn('code-guesser@lotta.test');
  await borrowed.get('/login/totp');
  await borrowed.post('/login/totp', { code: guesser() });
  for (let i = 0; i < 10; i++) await borrowed.post('/account/totp/disable', { code: String(100000 + i) });
  const paused = await borrowed.post('/account/totp/disable', { code: guesser(30) });
  assert.equal(paused.status, 429);
});

test('turning two-step login on takes the current password: a borrowed login cannot lock the owner out', async () => {
  await createStaff(t, 'lockout@lotta.test');
  const client = new TestClient(t.app);
  await client.logIn('lockout@lotta.test');
  const page = await client.get('/account/totp');
  assert.match(page.text, /name="current" type="password"/);
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(page.text)![1];
  const code = () => totpFor({ email: 'lockout@lotta.test' }, secret).generate();
  const isOn = async () =>
    (await findAccountByEmail(t.database.db, 'lockout@lotta.test'))!.totp_enabled === 1;

  const without = await client.post('/account/totp', { secret, code: code() });
  assert.equal(without.status, 422);
  assert.equal(await isOn(), false);
  const wrong = await client.post('/account/totp', { current: 'not the password', secret, code: code() });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /id="current-error"/);
  // The same key stays on the page, so the app already set up keeps working.
  assert.ok(wrong.text.includes(secret));
  assert.equal(await isOn(), false);
  const right = await client.post('/account/totp', { current: adminPassword, secret, code: code() });
  assert.equal(right.status, 303);
  assert.equal(await isOn(), true);
});

test('the page asked for before logging in opens after the two-step code too, even after a mistyped one', async () => {
  const code = await staffWithTotp('destined@lotta.test');
  const client = new TestClient(t.app);
  await client.get('/login?next=%2Faccount%2Fpassword');
  const first = await client.post('/login', {
    email: 'destined@lotta.test',
    password: adminPassword,
    next: '/account/password',
  });
  assert.equal(first.status, 303);
  const step = await client.get(first.location!);
  assert.equal(step.status, 200);
  // A mistyped code keeps it too.
  const mistyped = await client.post('/login/totp', { code: '000000', ...hiddenFields(step.text) });
  assert.equal(mistyped.status, 422);
  const done = await client.post('/login/totp', { code: code(), ...hiddenFields(mistyped.text) });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/account/password');
});

test('a crafted next on the two-step page never leads to another site', async () => {
  const code = await staffWithTotp('redirected@lotta.test');
  const client = new TestClient(t.app);
  await client.logIn('redirected@lotta.test');
  await client.get('/login/totp');
  const done = await client.post('/login/totp', { code: code(), next: '/\\evil.example' });
  assert.equal(done.status, 303);
  assert.equal(new URL(done.location!, 'http://lotta.test').origin, 'http://lotta.test');
});

/** The hidden fields of a page's form, other than the CSRF token. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (m[1] !== '_csrf') out[m[1]] = m[2].replace(/&amp;/g, '&');
  return out;
}

test('a form kept through the login survives a mistyped two-step code', async () => {
  const code = await staffWithTotp('resumer@lotta.test');
  const client = new TestClient(t.app);
  await client.get('/login');
  // Sent without a login: the login page keeps the form.
  const ended = await client.post('/account/password', {
    current: 'x',
    password: 'kept text',
    repeat: 'kept text',
  });
  assert.equal(ended.status, 403);
  const resume = /name="_resume" value="([^"]+)"/.exec(ended.text)![1];
  const first = await client.post('/login', {
    email: 'resumer@lotta.test',
    password: adminPassword,
    _resume: resume,
  });
  const step = await client.get(first.location!);
  const mistyped = await client.post('/login/totp', { code: '000000', ...hiddenFields(step.text) });
  assert.equal(mistyped.status, 422);
  const done = await client.post('/login/totp', { code: code(), ...hiddenFields(mistyped.text) });
  assert.equal(done.status, 200);
  assert.match(done.text, /name="password" value="kept text"/);
});

test('a one-time password from an administrator opens one login only', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  await admin.get('/admin/accounts');
  const created = await admin.post('/admin/accounts', {
    email: 'newcomer@lotta.test',
    display_name: 'Newcomer',
    language: 'en',
  });
  const once = /<code class="secret">([^<]+)<\/code>/.exec(created.text)![1];
  const first = new TestClient(t.app);
  assert.equal((await first.logIn('newcomer@lotta.test', once)).location, '/assemblies');
  assert.equal((await first.get('/assemblies')).location, '/account/password');
  // Seen over a shoulder or in a chat: used once, it opens nothing more.
  const second = new TestClient(t.app);
  const refused = await second.logIn('newcomer@lotta.test', once);
  assert.equal(refused.status, 422);
  assert.equal(await loggedIn(second), false);
  // The login it opened chooses the password, with the one-time one as the current.
  await first.get('/account/password');
  const changed = await first.post('/account/password', {
    current: once,
    password: 'my own long passphrase',
    repeat: 'my own long passphrase',
  });
  assert.equal(changed.status, 303);
  assert.equal(
    (await new TestClient(t.app).logIn('newcomer@lotta.test', 'my own long passphrase')).status,
    303,
  );
  // A reset gives a fresh one-time password that works once again.
  const account = (await findAccountByEmail(t.database.db, 'newcomer@lotta.test'))!;
  await admin.get('/admin/accounts');
  const reset = await admin.post(`/admin/accounts/${account.id}/reset`, {});
  const again = /<code class="secret">([^<]+)<\/code>/.exec(reset.text)![1];
  assert.equal((await new TestClient(t.app).logIn('newcomer@lotta.test', again)).status, 303);
  assert.equal((await new TestClient(t.app).logIn('newcomer@lotta.test', again)).status, 422);
});

test('a code or password left out is asked for and does not count towards the pauses', async () => {
  const code = await staffWithTotp('forgetful@lotta.test');
  const client = new TestClient(t.app);
  await client.logIn('forgetful@lotta.test');
  await client.get('/login/totp');
  assert.equal((await client.post('/login/totp', { code: code() })).status, 303);
  await client.get('/account');
  for (let i = 0; i < 11; i++) {
    const empty = await client.post('/account/totp/disable', { code: ' ' });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /id="code-error"/);
  }
  assert.equal((await client.post('/account/totp/disable', { code: code(30) })).status, 303);

  await createStaff(t, 'blank@lotta.test');
  const other = new TestClient(t.app);
  await other.logIn('blank@lotta.test');
  const page = await other.get('/account/totp');
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(page.text)![1];
  for (let i = 0; i < 11; i++) {
    const blank = await other.post('/account/totp', { secret, code: '123456' });
    assert.equal(blank.status, 422);
    assert.match(blank.text, /id="current-error"/);
  }
  const right = await other.post('/account/totp', {
    current: adminPassword,
    secret,
    code: totpFor({ email: 'blank@lotta.test' }, secret).generate(),
  });
  assert.equal(right.status, 303);
});
