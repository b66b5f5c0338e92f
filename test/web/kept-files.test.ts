/**
 * Stored files are never held whole in memory: an evidence file streams to the kept folder as it
 * arrives and back out of it in pieces, and a refused upload leaves nothing behind. Memory is
 * measured after a full garbage collection, while the body is still being sent or read, so what is
 * counted is what the server holds on to, not garbage waiting to be collected.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { grantRole } from '../../src/commands/assemblies.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** The buffers the process holds on to now (after collecting what nothing refers to). */
function liveBuffers(): number {
  gc();
  return process.memoryUsage().arrayBuffers;
}

let t: TestApp;
let assemblyId: string;
let organiser: TestClient;

before(async () => {
  t = await startTestApp({ maxUploadBytes: 25_000_000 });
  assemblyId = await createTestAssembly(t);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  organiser = new TestClient(t.app);
  await organiser.logIn('organiser@lotta.test');
});
after(() => t.close());

const fileBytes = 15_000_000;
const pieceBytes = 256 * 1024;
const boundary = 'lotta-kept-files-boundary';
const multipartType = `multipart/form-data; boundary=${boundary}`;

const item = {
  title: 'A long report',
  summary: 'Summary.',
  source: 'SMHI',
  published_on: '',
  perspective: 'Authority',
  language: 'sv',
  easy_read: 'Easy words.',
  link: '',
};

/** The byte at `i` of the generated PDF: its signature first, then a pattern that shows misplaced bytes. */
function pdfPiece(at: number, length: number, signature = '%PDF-1.4\n'): Uint8Array {
  const piece = new Uint8Array(length);
  for (let i = 0; i < length; i++) piece[i] = (at + i) % 251;
  if (at === 0) piece.set(new TextEncoder().encode(signature));
  return piece;
}

function sha256Of(size: number, signature?: string): string {
  const hash = createHash('sha256');
  for (let at = 0; at < size; at += pieceBytes)
    hash.update(pdfPiece(at, Math.min(pieceBytes, size - at), signature));
  return hash.digest('hex');
}

/**
 * A browser's evidence form with a file of `size` bytes, generated piece by piece as the server pulls
 * it (the test never holds the file either); `sample` is called every megabyte on the way.
 */
function evidenceBody(
  csrf: string,
  size: number,
  options: { fields?: Record<string, string>; signature?: string; sample?: () => void } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let head = '';
  for (const [name, value] of Object.entries({ _csrf: csrf, ...(options.fields ?? item) }))
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\n`;
  head += 'Content-Type: application/pdf\r\n\r\n';
  let at = -1;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at < 0) {
          at = 0;
          return controller.enqueue(encoder.encode(head));
        }
        if (at >= size) {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          return controller.close();
        }
        const length = Math.min(pieceBytes, size - at);
        controller.enqueue(pdfPiece(at, length, options.signature));
        at += length;
        if (at % (4 * pieceBytes) === 0) options.sample?.();
      },
    },
    { highWaterMark: 0 },
  );
}

function storedFiles(): string[] {
  try {
    return readdirSync(join(t.dataDir, 'evidence'));
  } catch {
    return [];
  }
}

async function itemWithTitle(title: string) {
  return t.database.db
    .selectFrom('evidence_items')
    .select(['id', 'file_key', 'file_size', 'file_type'])
    .where('assembly_id', '=', assemblyId)
    .where('title', '=', title)
    .executeTakeFirst();
}

test('a 15 MB evidence PDF streams to the kept folder: the server never holds the file', async (ctx) => {
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  const baseline = liveBuffers();
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, liveBuffers() - baseline);
  };
  const fields = { ...item, title: 'Streamed report' };
  const reply = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody(organiser.csrf, fileBytes, { fields, sample }),
  );
  assert.equal(reply.status, 303, reply.text.slice(0, 500));
  sample();
  // A few pieces in flight and the file's first 64 KiB, never the 15 MB.
  ctx.diagnostic(`buffers held while the file arrived: at most ${peak} bytes above the start`);
  assert.ok(peak < 4_000_000, `the server held ${peak} bytes more while the file arrived`);
  const stored = await itemWithTitle('Streamed report');
  assert.equal(stored?.file_size, fileBytes);
  assert.equal(stored?.file_type, 'application/pdf');
  assert.equal(statSync(join(t.dataDir, 'evidence', stored!.file_key!)).size, fileBytes);
});

test('a 15 MB evidence file downloads in pieces read from disk, byte for byte', async (ctx) => {
  const stored = await itemWithTitle('Streamed report');
  assert.ok(stored, 'the item of the test before');
  const baseline = liveBuffers();
  let peak = 0;
  const response = await organiser.getResponse(`/a/${assemblyId}/evidence/${stored.id}/file`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-length'), String(fileBytes));
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  assert.equal(response.headers.get('cache-control'), 'private, no-store');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.match(
    response.headers.get('content-disposition') ?? '',
    /^attachment; filename="report.pdf"; filename\*=UTF-8''report.pdf$/,
  );
  const hash = createHash('sha256');
  const reader = response.body!.getReader();
  let chunks = 0;
  let largest = 0;
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    largest = Math.max(largest, value.length);
    received += value.length;
    hash.update(value);
    if (chunks % 16 === 0) peak = Math.max(peak, liveBuffers() - baseline);
  }
  ctx.diagnostic(
    `${chunks} pieces, the largest ${largest} bytes; buffers at most ${peak} bytes above the start`,
  );
  assert.equal(received, fileBytes);
  assert.equal(hash.digest('hex'), sha256Of(fileBytes));
  assert.ok(chunks > 100, `the file came in ${chunks} pieces`);
  assert.ok(largest <= 1_000_000, `its largest piece was ${largest} bytes`);
  assert.ok(peak < 4_000_000, `the server held ${peak} bytes more while the file was read`);
});

test('refused evidence uploads leave nothing in the kept folder and keep what was typed', async () => {
  const before = storedFiles();
  await organiser.get(`/a/${assemblyId}/evidence/new`);
  // Not a PDF or image, read to its end: refused by its first bytes, the file removed.
  const program = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody(organiser.csrf, 3_000_000, { signature: 'MZ\u0090\u0000' }),
  );
  assert.equal(program.status, 422);
  assert.match(program.text, /id="file-error"[^>]*>This file is neither a PDF nor an image/);
  assert.match(program.text, /value="A long report"/, 'the title is kept');
  assert.deepEqual(storedFiles(), before);

  // Over the limit without a length: stopped as it streams, refused next to the field.
  const big = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody(organiser.csrf, 21_000_000),
  );
  assert.equal(big.status, 422);
  assert.match(big.text, /id="file-error"[^>]*>The file is larger than 20 MB/);
  assert.match(big.text, /value="A long report"/, 'the title is kept');
  assert.deepEqual(storedFiles(), before);

  // The fields refused before the command runs: the file streamed for it goes too.
  const untitled = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody(organiser.csrf, 1_000_000, { fields: { ...item, title: '' } }),
  );
  assert.equal(untitled.status, 422);
  assert.match(untitled.text, /id="title-error"/);
  assert.deepEqual(storedFiles(), before);

  // A text pasted past what the upload keeps of a field: refused next to it, the rest kept.
  const pasted = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody(organiser.csrf, 1_000_000, { fields: { ...item, summary: 's'.repeat(70_000) } }),
  );
  assert.equal(pasted.status, 422);
  assert.match(pasted.text, /id="summary-error"/);
  assert.match(pasted.text, /value="A long report"/, 'the title is kept');
  assert.deepEqual(storedFiles(), before);

  // A forged token: nothing of the file is kept.
  const forged = await organiser.postStream(
    `/a/${assemblyId}/evidence`,
    multipartType,
    evidenceBody('forged', 1_000_000),
  );
  assert.equal(forged.status, 403);
  assert.deepEqual(storedFiles(), before);
});
