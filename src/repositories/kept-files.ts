/**
 * Files people uploaded, kept in the data folder (`<dataDir>/<folder>/<key>`): outside the web root,
 * reached only through a route that checks who asks. Each stored file gets a new random key, so that
 * a replaced file can be removed once the change has committed, and a failed change leaves the old
 * one in place. The key comes from the database, yet is checked against its pattern before it
 * becomes part of a path. Files come in and go out as streams: a 20 MB report never sits in memory.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The folders of kept files: evidence items' files, and receipts of expense claims. */
export type KeptFolder = 'evidence' | 'receipts';

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
 * The file stored under `key`, opened to be read in pieces (never whole), or null when there is none.
 * The size comes from the open file itself, so it is the size of what the stream sends.
 */
export async function openKeptFile(
  dataDir: string,
  folder: KeptFolder,
  key: string,
): Promise<KeptFileContent | null> {
  if (!keyPattern.test(key)) return null;
  let handle: FileHandle;
  try {
    handle = await open(join(dataDir, folder, key), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    return { size, stream: pieces(handle) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Bytes read per piece of a download. */
const pieceBytes = 64 * 1024;

/**
 * The open file as a stream that reads one piece when the reader asks for it (a slow client holds
 * one piece, not the file), and closes the file at its end, on a failed read, or when the download is
 * broken off.
 */
function pieces(handle: FileHandle): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const piece = new Uint8Array(pieceBytes);
          const { bytesRead } = await handle.read(piece, 0, pieceBytes, null);
          if (bytesRead > 0) return controller.enqueue(piece.subarray(0, bytesRead));
          await handle.close();
          controller.close();
        } catch (error) {
          await handle.close().catch(() => {});
          controller.error(error);
        }
      },
      cancel: () => handle.close(),
    },
    { highWaterMark: 1 },
  );
}

export async function removeKeptFile(dataDir: string, folder: KeptFolder, key: string): Promise<void> {
  if (!keyPattern.test(key)) return;
  await rm(join(dataDir, folder, key), { force: true });
}
