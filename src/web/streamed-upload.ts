/**
 * Receives a multipart/form-data upload as a stream, writing the file straight to disk, so a register
 * extract of hundreds of megabytes never sits in memory (Hono's parseBody would hold all of it).
 * The text fields before the file (the CSRF token comes first in every Lotta form) are checked before
 * a single byte of the file is kept. The multipart format is parsed by busboy (the parser behind
 * multer and fastify's multipart); this module adds the limits, the checks and the file on disk.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';

export interface ReceivedFile {
  /** The name the browser gave, as sent (clean it before showing or storing it). */
  fileName: string;
  bytes: number;
  sha256: string;
  /** Line feeds in the file: its rows, give or take line breaks inside quoted cells. */
  lineFeeds: number;
  /** The file's first bytes (up to 64 KiB), to recognise what kind of file it is. */
  head: Buffer;
}

export type UploadProblem =
  /** Not multipart, no boundary, or the body ends in the middle. */
  | 'malformed'
  /** More bytes than allowed. */
  | 'too_large'
  /** `acceptFields` said no (a missing or wrong CSRF token). */
  | 'refused';

export class UploadRefused extends Error {
  /**
   * The text fields read before the refusal: a form refused for its file's size shows them again,
   * so that nothing typed is lost.
   */
  fields: Record<string, string> = {};

  constructor(readonly problem: UploadProblem) {
    super(`upload ${problem}`);
    this.name = 'UploadRefused';
  }
}

const maxFieldBytes = 64 * 1024;
const maxParts = 100;
const headBytes = 64 * 1024;

function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

export function isMultipart(request: Request): boolean {
  return boundaryOf(request.headers.get('content-type')) !== null;
}

/** Counts the body's bytes as they pass and stops it past the allowance. */
function byteCounter(maxBytes: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      done(total > maxBytes ? new UploadRefused('too_large') : null, chunk);
    },
  });
}

/** The file part on its way to disk: its hash, size, line feeds and first bytes, taken as it passes. */
class FileSink {
  readonly info: ReceivedFile;
  private readonly hash: Hash = createHash('sha256');
  private readonly head: Buffer[] = [];
  private headLength = 0;
  readonly out: WriteStream;

  constructor(fileName: string, target: string) {
    // Browsers write a double quote in a file name as %22.
    this.info = {
      fileName: fileName.replace(/%22/g, '"'),
      bytes: 0,
      sha256: '',
      lineFeeds: 0,
      head: Buffer.alloc(0),
    };
    this.out = createWriteStream(target, { mode: 0o600 });
  }

  /** A transform that notes each chunk and passes it on to the file. */
  tap(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.note(chunk);
        done(null, chunk);
      },
    });
  }

  private note(bytes: Buffer) {
    this.hash.update(bytes);
    this.info.bytes += bytes.length;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) this.info.lineFeeds++;
    if (this.headLength < headBytes) {
      const slice = bytes.subarray(0, headBytes - this.headLength);
      this.head.push(Buffer.from(slice));
      this.headLength += slice.length;
    }
  }

  finish(): ReceivedFile {
    this.info.sha256 = this.hash.digest('hex');
    this.info.head = Buffer.concat(this.head);
    return this.info;
  }
}

/**
 * Reads the request's multipart body: text fields into `fields`, the first file part into `target`
 * (created owner-only). `acceptFields` sees the fields sent before the file and may refuse; the
 * target is removed on any failure. A second file part is read past and dropped.
 */
export async function receiveUpload(
  request: Request,
  options: {
    maxBytes: number;
    target: string;
    acceptFields: (fields: Record<string, string>) => boolean;
  },
): Promise<{ fields: Record<string, string>; file: ReceivedFile | null }> {
  const contentType = request.headers.get('content-type');
  if (!boundaryOf(contentType) || !request.body) throw new UploadRefused('malformed');
  const fields: Record<string, string> = {};
  let sink: FileSink | null = null;
  let writing: Promise<void> = Promise.resolve();
  const parser = busboy({
    headers: { 'content-type': contentType ?? '' },
    defParamCharset: 'utf8',
    limits: { fieldSize: maxFieldBytes, parts: maxParts },
  });
  // A value cut at the field limit is kept as cut: it is longer than any form's field may be, so the
  // form's schema refuses it next to its field, keeping the rest of what was typed.
  parser.on('field', (name, value) => {
    fields[name] ??= value;
  });
  parser.on('file', (_name, stream, info) => {
    if (sink || !options.acceptFields(fields)) {
      // Read past (a second file) or dropped with the whole upload (refused); either way its end or
      // error is of no further interest, and an error without a listener would end the process.
      stream.on('error', () => {});
      stream.resume();
      if (!sink) parser.destroy(new UploadRefused('refused'));
      return;
    }
    const own = new FileSink(info.filename ?? '', options.target);
    sink = own;
    writing = pipeline(stream, own.tap(), own.out);
    // A failed write ends the whole upload (the pipeline's own promise is awaited below).
    writing.catch((error: unknown) => parser.destroy(error as Error));
  });
  for (const limit of ['partsLimit', 'fieldsLimit', 'filesLimit'] as const)
    parser.on(limit, () => parser.destroy(new UploadRefused('malformed')));
  const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  try {
    await pipeline(body, byteCounter(options.maxBytes), parser);
    await writing;
    return { fields, file: sink ? (sink as FileSink).finish() : null };
  } catch (error) {
    body.destroy();
    (sink as FileSink | null)?.out.destroy();
    await rm(options.target, { force: true });
    const refused = error instanceof UploadRefused ? error : new UploadRefused('malformed');
    refused.fields = { ...fields };
    throw refused;
  }
}
