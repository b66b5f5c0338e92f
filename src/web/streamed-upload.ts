/**
 * Receives a multipart/form-data upload as a stream, writing the file straight to disk, so a register
 * extract of hundreds of megabytes never sits in memory (Hono's parseBody would hold all of it).
 * The text fields before the file (the CSRF token comes first in every Lotta form) are checked before
 * a single byte of the file is kept.
 */
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';

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
  constructor(readonly problem: UploadProblem) {
    super(`upload ${problem}`);
    this.name = 'UploadRefused';
  }
}

const maxFieldBytes = 64 * 1024;
const maxHeaderBytes = 16 * 1024;
const headBytes = 64 * 1024;

function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

export function isMultipart(request: Request): boolean {
  return boundaryOf(request.headers.get('content-type')) !== null;
}

interface PartHeaders {
  name: string;
  fileName: string | null;
}

function parsePartHeaders(text: string): PartHeaders {
  const disposition = /^content-disposition:(.*)$/im.exec(text)?.[1] ?? '';
  const param = (key: string) => {
    const m = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
    if (m) return m[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"');
    const bare = new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
    return bare ? bare[1] : null;
  };
  return { name: param('name') ?? '', fileName: param('filename') };
}

/**
 * Reads the request's multipart body: text fields into `fields`, the first file part into `target`
 * (created owner-only). `acceptFields` sees the fields sent before the file and may refuse; the
 * target is removed on any failure.
 */
export async function receiveUpload(
  request: Request,
  options: {
    maxBytes: number;
    target: string;
    acceptFields: (fields: Record<string, string>) => boolean;
  },
): Promise<{ fields: Record<string, string>; file: ReceivedFile | null }> {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (!boundary || !request.body) throw new UploadRefused('malformed');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let fieldBytes = 0;
  let file: ReceivedFile | null = null;
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let hash: ReturnType<typeof createHash> | null = null;
  let head: Buffer[] = [];
  let headLength = 0;
  let fieldChunks: Buffer[] = [];
  let part: PartHeaders | null = null;
  let writingFile = false;
  let fileDone = false;
  let total = 0;

  // The body starts with the boundary without the line break before it; adding one makes every
  // boundary look alike.
  let buffer: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble';

  const emit = async (bytes: Buffer) => {
    if (bytes.length === 0 || !part) return;
    if (writingFile && handle && hash && file) {
      hash.update(bytes);
      file.bytes += bytes.length;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) file.lineFeeds++;
      if (headLength < headBytes) {
        const slice = bytes.subarray(0, headBytes - headLength);
        head.push(Buffer.from(slice));
        headLength += slice.length;
      }
      await handle.write(bytes);
    } else if (!writingFile && part.fileName === null) {
      fieldBytes += bytes.length;
      if (fieldBytes > maxFieldBytes) throw new UploadRefused('malformed');
      fieldChunks.push(Buffer.from(bytes));
    }
    // A second file part is read past and dropped.
  };

  const startPart = async (headers: PartHeaders) => {
    part = headers;
    fieldChunks = [];
    if (headers.fileName !== null && !fileDone) {
      if (!options.acceptFields(fields)) throw new UploadRefused('refused');
      handle = await open(options.target, 'w', 0o600);
      hash = createHash('sha256');
      head = [];
      headLength = 0;
      file = { fileName: headers.fileName, bytes: 0, sha256: '', lineFeeds: 0, head: Buffer.alloc(0) };
      writingFile = true;
    }
  };

  const endPart = async () => {
    if (!part) return;
    if (writingFile && handle && hash && file) {
      await handle.close();
      handle = null;
      file.sha256 = hash.digest('hex');
      file.head = Buffer.concat(head);
      writingFile = false;
      fileDone = true;
    } else if (part.fileName === null && part.name) {
      fields[part.name] ??= Buffer.concat(fieldChunks).toString('utf8');
    }
    part = null;
  };

  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) {
        total += value.length;
        if (total > options.maxBytes) throw new UploadRefused('too_large');
        buffer = buffer.length === 0 ? Buffer.from(value) : Buffer.concat([buffer, value]);
      }
      // Work through what is buffered until more bytes are needed.
      for (;;) {
        if (state === 'done') break;
        if (state === 'preamble' || state === 'body') {
          const at = buffer.indexOf(delimiter);
          if (at === -1) {
            // Keep a tail that could be the start of a delimiter split across two reads.
            const safe = Math.max(0, buffer.length - (delimiter.length - 1));
            if (state === 'body') await emit(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
            break;
          }
          if (state === 'body') {
            await emit(buffer.subarray(0, at));
            await endPart();
          }
          buffer = buffer.subarray(at + delimiter.length);
          state = 'after-delimiter';
        }
        if (state === 'after-delimiter') {
          if (buffer.length < 2) break;
          if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
            state = 'done';
            break;
          }
          // Transport padding (spaces or tabs) may follow a boundary before its line break.
          const lineEnd = buffer.indexOf('\r\n');
          if (lineEnd === -1) break;
          buffer = buffer.subarray(lineEnd + 2);
          state = 'headers';
        }
        if (state === 'headers') {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) {
            if (buffer.length > maxHeaderBytes) throw new UploadRefused('malformed');
            break;
          }
          await startPart(parsePartHeaders(buffer.subarray(0, end).toString('utf8')));
          buffer = buffer.subarray(end + 4);
          state = 'body';
        }
      }
      if (done) break;
    }
    if (state !== 'done') throw new UploadRefused('malformed');
    return { fields, file };
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (handle) await (handle as { close(): Promise<void> }).close().catch(() => {});
    await rm(options.target, { force: true });
    throw error;
  }
}
