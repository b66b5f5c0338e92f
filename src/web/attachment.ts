/**
 * A file sent back as a download (an evidence file, a receipt, a printed programme): always an
 * attachment, with the type read from its bytes and `nosniff`, because a PDF or image opened in the
 * page's own origin could otherwise run whatever it carries there. Never cached: it may be personal.
 * A kept file goes out as it is read from disk, in pieces, never whole in memory.
 */
import type { Ctx } from './env.ts';

/** A name as RFC 5987 wants it in `filename*`: `encodeURIComponent` leaves ' ( ) * as they are. */
function headerValue(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function attachmentHeaders(name: string, type: string, size: number): Record<string, string> {
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${headerValue(name)}`,
    'Content-Length': String(size),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** A file made in the request (a printed programme of a few pages), sent from its bytes. */
export function attachment(c: Ctx, file: { name: string; type: string; bytes: Uint8Array }): Response {
  return c.body(new Uint8Array(file.bytes), 200, attachmentHeaders(file.name, file.type, file.bytes.length));
}

/** A kept file (an evidence file, a receipt), streamed from disk as it is read. */
export function keptFileAttachment(
  c: Ctx,
  file: { name: string; type: string; size: number; stream: ReadableStream<Uint8Array> },
): Response {
  return c.body(file.stream, 200, attachmentHeaders(file.name, file.type, file.size));
}
