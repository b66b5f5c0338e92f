import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminEmail, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('the front page is Swedish by default and English on request', async () => {
  const client = new TestClient(t.app);
  client.lang = 'sv';
  assert.match((await client.get('/')).text, /Anmäl dig/);
  assert.match((await client.get('/?lang=en')).text, /Sign up/);
  // The choice is remembered in a cookie.
  assert.match((await client.get('/')).text, /Sign up/);
});

test('an administrator logs in and reaches the assemblies page', async () => {
  const client = new TestClient(t.app);
  const reply = await client.logIn(adminEmail);
  assert.equal(reply.status, 303);
  assert.equal(reply.location, '/assemblies');
});

test('a wrong password is refused with a message and the e-mail kept', async () => {
  const client = new TestClient(t.app);
  const reply = await client.logIn(adminEmail, 'wrong password!!');
  assert.equal(reply.status, 422);
  assert.match(reply.text, /e-mail address or password is wrong/);
  assert.match(reply.text, new RegExp(`value="${adminEmail}"`));
});

test('a form without the CSRF token of this browser is refused', async () => {
  const client = new TestClient(t.app);
  await client.get('/login');
  const reply = await client.post('/login', { email: adminEmail, password: 'x' }, { csrf: 'forged' });
  assert.equal(reply.status, 403);
  assert.match(reply.text, /did not come from this site/);
});

test('repeated wrong passwords are paused, even with the right one, and say how long', async () => {
  const client = new TestClient(t.app);
  for (let i = 0; i < 10; i++)
    assert.equal((await client.logIn('organiser-guess@lotta.test', `wrong ${i}`)).status, 422);
  const paused = await client.logIn('organiser-guess@lotta.test', 'anything');
  assert.equal(paused.status, 429);
  assert.match(paused.text, /Too many failed attempts\. Wait about 15 minutes/);
  assert.ok(Number(paused.headers.get('retry-after')) > 0);
  // Another account is not affected.
  assert.equal((await client.logIn(adminEmail)).status, 303);
});

test('files shared by every page carry no cookie, so a shared cache cannot hand one visitor’s to another', async () => {
  for (const path of ['/favicon.ico', '/static/app.css', '/static/htmx.min.js']) {
    const reply = await t.app.request(path);
    assert.equal(reply.status, 200, path);
    assert.match(reply.headers.get('cache-control') ?? '', /public/, path);
    assert.equal(reply.headers.get('set-cookie'), null, path);
    // The security headers still apply.
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

test('the icon browsers ask for is served, and every page links it', async () => {
  const client = new TestClient(t.app);
  const icon = await t.app.request('/favicon.ico');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/x-icon');
  const bytes = new Uint8Array(await icon.arrayBuffer());
  // An ICO file: reserved 0, type 1 (icon), then its images.
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0]);
  assert.ok(bytes.length > 100 && bytes.length < 10_000);
  for (const path of ['/', '/login', '/no-such-page']) {
    assert.match((await client.get(path)).text, /<link rel="icon" href="\/favicon.ico"/, path);
  }
});
