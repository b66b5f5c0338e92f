/**
 * A stored file sent as a download: always as an attachment (a PDF or image opened in the page's own
 * origin could otherwise run whatever it carries there), with the type read from its bytes, never
 * sniffed by the browser, never cached, and its name in both forms browsers read.
 */
import type { Ctx } from './env.ts';

/** A name as RFC 5987 wants it in `filename*`: `encodeURIComponent` leaves ' ( ) * as they are. */
function headerValue(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function attachmentResponse(
  c: Ctx,
  file: { name: string; type: string; bytes: Uint8Array },
): Response {
  const ascii = file.name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': file.type,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${headerValue(file.name)}`,
    'Content-Length': String(file.bytes.length),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}
