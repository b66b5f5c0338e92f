/**
 * Files people uploaded, kept in the data folder (`<dataDir>/<folder>/<key>`): outside the web root,
 * reached only through a route that checks who asks. Each stored file gets a new random key, so that
 * a replaced file can be removed once the change has committed, and a failed change leaves the old
 * one in place. The key comes from the database, yet is checked against its pattern before it
 * becomes part of a path. Files come in and go out as streams: a 20 MB report never sits in memory.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The folders of kept files: evidence items' files, receipts of expense claims, assemblies' logos,
 * and the final report's PDFs (every version kept).
 */
export type KeptFolder = 'evidence' | 'receipts' | 'logos' | 'final-reports';

const keyPattern = /^[A-Za-z0-9_-]{24}$/;

/**
 * Where an upload streamed straight to disk goes (its folder created owner-only): a new key and its
 * path. The file is named by a record once the command has taken it, or removed with `removeKeptFile`.
 */
export async function keptFileTarget(
  dataDir: string,
  folder: KeptFolder,
): Promise<{ key: string; path: string }> {
  await mkdir(join(dataDir, folder), { recursive: true, mode: 0o700 });
  const key = randomBytes(18).toString('base64url');
  return { key, path: join(dataDir, folder, key) };
}

/** A kept file opened for sending: its size, and its bytes as they are read from disk in pieces. */
export interface KeptFileContent {
  size: number;
  stream: ReadableStream<Uint8Array>;
}

/**
 * The file stored under `key`, to be read in pieces (never whole), or null when there is none. The
 * file is opened when the first piece is asked for, so a response whose body is never read (a HEAD,
 * a client gone) holds no open file; kept files never change once stored, so the size stands.
 */
export async function openKeptFile(
  dataDir: string,
  folder: KeptFolder,
  key: string,
): Promise<KeptFileContent | null> {
  if (!keyPattern.test(key)) return null;
  const path = join(dataDir, folder, key);
  try {
    const { size } = await stat(path);
    return { size, stream: pieces(path) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Bytes read per piece of a download. */
const pieceBytes = 64 * 1024;

/**
 * The file as a stream that reads one piece each time the reader asks for one (a slow client holds
 * a piece, not the file), and closes the file at its end, on a failed read, or when the download is
 * broken off.
 */
function pieces(path: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | null = null;
  const close = async () => {
    const opened = handle;
    handle = null;
    await opened?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          handle ??= await open(path, 'r');
          const piece = new Uint8Array(pieceBytes);
          const { bytesRead } = await handle.read(piece, 0, pieceBytes, null);
          if (bytesRead > 0) return controller.enqueue(piece.subarray(0, bytesRead));
          await close();
          controller.close();
        } catch (error) {
          await close().catch(() => {});
          controller.error(error);
        }
      },
      cancel: close,
    },
    // Nothing is read before it is asked for.
    { highWaterMark: 0 },
  );
}

/**
 * A small kept file read whole (a logo of at most `maxBytes`, to draw into a PDF); null when there is
 * none or it is larger than it may be.
 */
export async function readSmallKeptFile(
  dataDir: string,
  folder: KeptFolder,
  key: string,
  maxBytes: number,
): Promise<Buffer | null> {
  if (!keyPattern.test(key)) return null;
  const path = join(dataDir, folder, key);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || info.size > maxBytes) return null;
  return readFile(path);
}

export async function removeKeptFile(dataDir: string, folder: KeptFolder, key: string): Promise<void> {
  if (!keyPattern.test(key)) return;
  await rm(join(dataDir, folder, key), { force: true });
}

/**
 * The keys of files in a kept folder last written before `before` (milliseconds): the candidates for
 * an orphan sweep. A file still arriving is being written, so it is never this old.
 */
export async function keptFilesWrittenBefore(
  dataDir: string,
  folder: KeptFolder,
  before: number,
): Promise<string[]> {
  const names = await readdir(join(dataDir, folder)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const old: string[] = [];
  for (const name of names) {
    if (!keyPattern.test(name)) continue;
    const info = await stat(join(dataDir, folder, name)).catch(() => null);
    if (info?.isFile() && info.mtimeMs < before) old.push(name);
  }
  return old;
}
