import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { receiveUpload, UploadRefused } from './streamed-upload.ts';

const dir = mkdtempSync(join(tmpdir(), 'lotta-upload-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A browser's multipart body, cut into pieces of the given sizes (the last piece takes the rest). */
async function request(form: FormData, pieceSizes: number[]): Promise<Request> {
  const probe = new Request('http://x/', { method: 'POST', body: form });
  const type = probe.headers.get('content-type')!;
  const body = new Uint8Array(await probe.arrayBuffer());
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const size = pieceSizes[i % pieceSizes.length];
    pieces.push(body.subarray(at, at + size));
    at += size;
  }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return new Request('http://x/', {
    method: 'POST',
    body: stream,
    headers: { 'content-type': type },
    duplex: 'half',
  } as RequestInit);
}

const content = `namn;adress\n${Array.from({ length: 500 }, (_, i) => `Åsa ${i};"Gränd ${i}\r\n--; lgh"`).join('\n')}\n`;

function form(csrf = 'token'): FormData {
  const f = new FormData();
  f.append('_csrf', csrf);
  f.append('note', 'Hej på dig');
  f.append('file', new Blob([content], { type: 'text/csv' }), 'utdrag "Göteborg".csv');
  f.append('after', 'sist');
  return f;
}

test('the file goes to disk byte for byte, however the body is cut, and the fields are read', async () => {
  for (const sizes of [[1], [3, 7, 2], [64], [100_000]]) {
    const target = join(dir, `file-${sizes.join('-')}`);
    const { fields, file } = await receiveUpload(await request(form(), sizes), {
      maxBytes: 1e6,
      target,
      acceptFields: (f) => f._csrf === 'token',
    });
    assert.equal(readFileSync(target, 'utf8'), content, `pieces of ${sizes}`);
    assert.deepEqual(fields, { _csrf: 'token', note: 'Hej på dig', after: 'sist' });
    assert.equal(file!.fileName, 'utdrag "Göteborg".csv');
    assert.equal(file!.bytes, Buffer.byteLength(content));
    assert.equal(file!.sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(file!.lineFeeds, 1001);
    assert.ok(file!.head.toString('utf8').startsWith('namn;adress\nÅsa 0'));
  }
});

test('a wrong token refuses the upload before anything is kept', async () => {
  const target = join(dir, 'refused');
  await assert.rejects(
    receiveUpload(await request(form('forged'), [50]), {
      maxBytes: 1e6,
      target,
      acceptFields: (f) => f._csrf === 'token',
    }),
    (error: unknown) => error instanceof UploadRefused && error.problem === 'refused',
  );
  assert.ok(!existsSync(target));
});

test('too many bytes, or a body cut short, leave no file behind', async () => {
  const big = join(dir, 'big');
  await assert.rejects(
    receiveUpload(await request(form(), [1000]), { maxBytes: 5000, target: big, acceptFields: () => true }),
    (error: unknown) => error instanceof UploadRefused && error.problem === 'too_large',
  );
  assert.ok(!existsSync(big));

  const probe = new Request('http://x/', { method: 'POST', body: form() });
  const type = probe.headers.get('content-type')!;
  const whole = new Uint8Array(await probe.arrayBuffer());
  const cut = new Request('http://x/', {
    method: 'POST',
    body: whole.subarray(0, whole.length - 200),
    headers: { 'content-type': type },
  });
  const short = join(dir, 'short');
  await assert.rejects(
    receiveUpload(cut, { maxBytes: 1e6, target: short, acceptFields: () => true }),
    (error: unknown) => error instanceof UploadRefused && error.problem === 'malformed',
  );
  assert.ok(!existsSync(short));
});
