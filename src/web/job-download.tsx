/**
 * Downloads of files made by jobs (report PDFs; letter PDFs follow the same steps): the request waits
 * a little for its job, then either hands out the file or shows a page that follows the job and
 * reloads itself until the file is there. Nothing is lost when the browser goes away meanwhile.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Ctx } from './env.ts';
import type { TabKey } from './routing.ts';
import { renderAssemblyPage } from './views/assembly-frame.tsx';

/** The page shown while a job makes the file: reloads itself every 2 s; the file comes once made. */
export function jobProgressPage(
  c: Ctx,
  tab: TabKey,
  page: { title: string; text: string; progressId: string; fraction: number },
) {
  c.header('Refresh', '2');
  c.header('Cache-Control', 'no-store');
  const percent = Math.round(page.fraction * 100);
  return renderAssemblyPage(
    c,
    tab,
    page.title,
    <div role="status">
      <p>{page.text}</p>
      <progress id={page.progressId} max={100} value={percent}>{`${percent} %`}</progress>
    </div>,
  );
}

/** A job's finished file as a download, streamed from the data folder. */
export function jobFileResponse(c: Ctx, file: { path: string; bytes: number; name: string; type: string }) {
  return c.body(Readable.toWeb(createReadStream(file.path)) as ReadableStream, 200, {
    'Content-Type': file.type,
    'Content-Length': String(file.bytes),
    'Content-Disposition': `attachment; filename="${file.name}"`,
    'Cache-Control': 'no-store',
  });
}
