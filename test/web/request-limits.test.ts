/**
 * Request bodies: nobody may make the server hold more than a route allows, and nobody who may not
 * use a route makes it read anything. The bodies here are generated streams without a length (as a
 * chunked upload arrives), counting how many bytes the server pulled from them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { formBodyBytes } from '../../src/web/request-body.ts';
import { startServer } from '../../src/web/server.ts';
import {
  adminEmail,
  adminPassword,
  createStaff,
  createTestAssembly,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

const chunkBytes = 64 * 1024;
/** Slack for the chunks a stream holds ahead of its reader. */
const slack = 4 * chunkBytes;

/** A body of `prefix` then filler bytes up to `total`, counting what the reader pulled. */
function countingBody(prefix: string, total: number, suffix = '') {
  let pulled = 0;
  let sentSuffix = false;
  const head = new TextEncoder().encode(prefix);
  const filler = new Uint8Array(chunkBytes).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === 0 && head.length > 0) {
          pulled += head.length;
          controller.enqueue(head);
        } else if (pulled < total) {
          pulled += filler.length;
          controller.enqueue(filler);
        } else if (suffix && !sentSuffix) {
          sentSuffix = true;
          const tail = new TextEncoder().encode(suffix);
          pulled += tail.length;
          controller.enqueue(tail);
        } else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

const boundary = 'lotta-test-boundary';
const multipartType = `multipart/form-data; boundary=${boundary}`;
function multipartHead(csrf: string): string {
  return (
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
    'Content-Type: text/csv\r\n\r\n'
  );
}

let t: TestApp;
let assemblyId: string;
let organiser: TestClient;
let caller: TestClient;

function cookieOf(client: TestClient): string {
  return (client as unknown as { cookieHeader(): string }).cookieHeader();
}

async function post(
  path: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const response = await t.app.request(path, {
    method: 'POST',
    body,
    headers: { 'accept-language': 'en', ...headers },
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, text: await response.text() };
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await createStaff(t, 'caller@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'caller@lotta.test', 'caller');
  organiser = new TestClient(t.app);
  await organiser.logIn('organiser@lotta.test');
  caller = new TestClient(t.app);
  await caller.logIn('caller@lotta.test');
});
after(() => t.close());

test('an anonymous upload to the register route is refused without reading its body', async () => {
  for (const id of ['no-such-assembly', assemblyId]) {
    const body = countingBody(multipartHead('forged'), 300_000_000);
    const reply = await post(`/a/${id}/invitations/registers`, body.stream, {
      'content-type': multipartType,
    });
    assert.equal(reply.status, 403);
    assert.match(reply.text, /Please log in again/);
    assert.ok(body.pulled() <= slack, `pulled ${body.pulled()} bytes`);
  }
});

test('an anonymous oversized form is refused at the form limit, on a public and on a staff route', async () => {
  const login = countingBody('email=', 300_000_000);
  const refused = await post('/login', login.stream, {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(refused.status, 413);
  assert.match(refused.text, /The form sent is larger than 256 KB/);
  assert.ok(login.pulled() <= formBodyBytes + slack, `pulled ${login.pulled()} bytes`);

  // Not logged in on a staff route: the login page, having read no more than a form may have.
  const staff = countingBody('title_sv=', 300_000_000);
  const page = await post('/assemblies/new', staff.stream, {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(page.status, 403);
  assert.match(page.text, /Please log in again/);
  assert.ok(staff.pulled() <= formBodyBytes + slack, `pulled ${staff.pulled()} bytes`);
});

test('a logged-in user without the permission is refused before the upload is read', async () => {
  await caller.get('/account');
  for (const path of [`/a/${assemblyId}/invitations/registers`, `/a/${assemblyId}/import`]) {
    const body = countingBody(multipartHead(caller.csrf), 300_000_000);
    const reply = await post(path, body.stream, { 'content-type': multipartType, cookie: cookieOf(caller) });
    assert.equal(reply.status, 403, path);
    assert.match(reply.text, /does not allow this/);
    assert.ok(body.pulled() <= slack, `${path}: pulled ${body.pulled()} bytes`);
  }
});

test('an organiser’s upload is counted while it streams and stopped at the limit', async () => {
  // The import keeps its file in memory: it stops at the upload limit.
  await organiser.get(`/a/${assemblyId}/import`);
  const imported = countingBody(multipartHead(organiser.csrf), 300_000_000);
  const big = await post(`/a/${assemblyId}/import`, imported.stream, {
    'content-type': multipartType,
    cookie: cookieOf(organiser),
  });
  assert.equal(big.status, 413);
  assert.match(big.text, /larger than 10 MB/);
  assert.ok(imported.pulled() <= 10_000_000 + slack, `pulled ${imported.pulled()} bytes`);

  // An ordinary form of an organiser has the form limit, not the upload limit.
  const form = countingBody('count=', 300_000_000);
  const refused = await post(`/a/${assemblyId}/invitations`, form.stream, {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: cookieOf(organiser),
  });
  assert.equal(refused.status, 413);
  assert.ok(form.pulled() <= formBodyBytes + slack, `pulled ${form.pulled()} bytes`);
});

test('forms and uploads without a length still work within their limits', async () => {
  const client = new TestClient(t.app);
  await client.get('/login');
  const fields = new URLSearchParams({ _csrf: client.csrf, email: adminEmail, password: adminPassword });
  const body = countingBody(fields.toString(), 0);
  const reply = await t.app.request('/login', {
    method: 'POST',
    body: body.stream,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(client) },
    duplex: 'half',
  } as RequestInit);
  assert.equal(reply.status, 303);
  assert.equal(reply.headers.get('location'), '/assemblies');

  // A register extract streamed without a length is received whole.
  await organiser.get(`/a/${assemblyId}/invitations/lottery`);
  const rows = ['namn;adress;postnummer;ort'];
  for (let i = 0; i < 50; i++) rows.push(`Person ${i};Storgatan ${i};411 0${i % 10};Göteborg`);
  const extract = countingBody(
    multipartHead(organiser.csrf) + rows.join('\n'),
    0,
    `\n\r\n--${boundary}--\r\n`,
  );
  const uploaded = await post(`/a/${assemblyId}/invitations/registers`, extract.stream, {
    'content-type': multipartType,
    cookie: cookieOf(organiser),
  });
  assert.equal(uploaded.status, 303, uploaded.text.slice(0, 500));
});

test('a form that cannot be parsed is a clear 400, not a server error', async () => {
  const client = new TestClient(t.app);
  await client.get('/login');
  const body = countingBody('this is not multipart at all', 0);
  const reply = await post('/login', body.stream, {
    'content-type': multipartType,
    cookie: cookieOf(client),
  });
  assert.equal(reply.status, 400);
  assert.match(reply.text, /The form could not be read/);
});

/** Sends a chunked body to a running server until it answers; returns the status and bytes written. */
function chunkedUntilAnswer(url: string, total: number): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const filler = Buffer.alloc(chunkBytes, 0x61);
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': multipartType, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, written });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && written < total) {
        written += filler.length;
        if (!req.write(filler)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write(multipartHead('forged'));
    pump();
  });
}

test('through the real server, an anonymous chunked upload is answered before it is read', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-limits-'));
  const server = await startServer({
    port: 0,
    dataDir,
    demo: false,
    adminEmail,
    adminPassword,
    maxRegisterBytes: 50_000_000,
    say: () => {},
  });
  try {
    const before = process.memoryUsage();
    const reply = await chunkedUntilAnswer(
      `${server.url}/a/no-such-assembly/invitations/registers`,
      300_000_000,
    );
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    // What the client managed to write before the answer: socket buffers, not the body.
    assert.ok(reply.written < 20_000_000, `wrote ${reply.written} bytes before the answer`);
    assert.ok(grown < 20_000_000, `buffers grew by ${grown} bytes`);
    assert.equal(reply.status, 403);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the evidence forms take a 15 MB PDF, above the server’s upload limit; other routes keep theirs', async () => {
  // The server's upload limit here is 10 MB (startTestApp's default); evidence declares 20 MB.
  const pdf = new Uint8Array(15_000_000).fill(0x20);
  pdf.set(new TextEncoder().encode('%PDF-1.4\n'));
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  const accepted = await organiser.upload(
    `/a/${assemblyId}/evidence`,
    {
      title: 'A long report',
      summary: 'Summary.',
      source: 'SMHI',
      published_on: '',
      perspective: 'Authority',
      language: 'sv',
      easy_read: 'Easy words.',
      link: '',
    },
    { file: { name: 'report.pdf', bytes: pdf, type: 'application/pdf' } },
  );
  assert.equal(accepted.status, 303, accepted.text.slice(0, 500));
  const stored = await t.database.db
    .selectFrom('evidence_items')
    .select('file_size')
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow();
  assert.equal(stored.file_size, 15_000_000);

  // The same 15 MB to the import (an upload route without its own allowance): the server's limit.
  await organiser.get(`/a/${assemblyId}/import`);
  const imported = await organiser.upload(
    `/a/${assemblyId}/import`,
    {},
    { file: { name: 'people.csv', bytes: pdf, type: 'text/csv' } },
  );
  assert.equal(imported.status, 413);
  assert.match(imported.text, /The file is larger than 10 MB/);
  // And to an ordinary form: the form limit, with its own message.
  await organiser.get(`/a/${assemblyId}/programme/new`);
  const form = await organiser.upload(
    `/a/${assemblyId}/programme/new`,
    { title_sv: 'x' },
    { file: { name: 'report.pdf', bytes: pdf, type: 'application/pdf' } },
  );
  assert.equal(form.status, 413);
  assert.match(form.text, /larger than 256 KB|256 KB/);
});
