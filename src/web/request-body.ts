/**
 * Reading a request body with a ceiling. Hono's `bodyLimit` keeps reading a chunked body (one without
 * Content-Length) into a growing buffer up to the limit, and the pipeline used to run it, with the
 * upload limit, before knowing who was sending: anyone could make the server hold megabytes. Here the
 * pipeline decides first whether the sender may post to the route at all, then reads at most the
 * route's allowance, counting while the bytes arrive and stopping at the limit.
 */
import type { Ctx } from './env.ts';

/**
 * Largest body of an ordinary form. The largest real forms are the letter template editor (4,400
 * characters at most, about 40 KB percent-encoded even if every character takes three UTF-8 bytes)
 * and the questions and targets editors (a few KB for a realistic assembly); 256 KB leaves a wide
 * margin while a flood of requests still cannot hold much memory.
 */
export const formBodyBytes = 256 * 1024;

/** The declared Content-Length, when there is one and no transfer coding makes it meaningless. */
function declaredLength(request: Request): number | null {
  if (request.headers.has('transfer-encoding')) return null;
  const header = request.headers.get('content-length');
  if (header === null) return null;
  const length = Number(header);
  return Number.isFinite(length) && length >= 0 ? length : null;
}

/** True when the request announces more than `maxBytes`: it can be refused without reading a byte. */
export function announcesMoreThan(request: Request, maxBytes: number): boolean {
  const length = declaredLength(request);
  return length !== null && length > maxBytes;
}

/**
 * Reads the whole body if it is at most `maxBytes`, and puts it back on the context as a buffered
 * request so handlers can parse it as usual. Stops reading, and returns false, as soon as the body
 * goes over the limit (the rest is never pulled from the connection into memory).
 */
export async function bufferBodyUpTo(c: Ctx, maxBytes: number): Promise<boolean> {
  const request = c.req.raw;
  if (announcesMoreThan(request, maxBytes)) return false;
  if (!request.body) return true;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return false;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(size));
  c.req.raw = new Request(request.url, { method: request.method, headers, body, signal: request.signal });
  return true;
}
