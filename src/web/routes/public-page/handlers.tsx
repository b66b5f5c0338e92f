/**
 * The public pages' handlers: each reads the one `PublicPage` (null when the assembly has no
 * published page: 404) and renders it as a page, JSON, a CSV file or the Atom feed.
 */
import { type PublicPage, publicPageOf, publishedAssemblies } from '../../../queries/public-page.ts';
import type { Ctx } from '../../env.ts';
import { errorPage } from '../../views/errors.tsx';
import { render } from '../../views/layout.tsx';
import { atomFeed } from './atom.ts';
import { answersCsvText, recommendationsCsvText, representativenessCsvText } from './csv.ts';
import { PublicAssemblyPage, PublicIndexPage } from './views/page.tsx';
import { local } from './views/parts.tsx';

function origin(c: Ctx): string {
  return new URL(c.req.url).origin;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

function load(c: Ctx, slug: string): Promise<PublicPage | null> {
  return publicPageOf(c.var.config.database.db, slug, { origin: origin(c) });
}

/** Open data may be read by any site's scripts; nothing in it depends on who asks. */
const openHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

export async function publicIndex(c: Ctx) {
  const assemblies = await publishedAssemblies(c.var.config.database.db);
  return render(
    c,
    { title: c.var.t('public_page.index_title'), nav: 'public' },
    <PublicIndexPage c={c} assemblies={assemblies} />,
  );
}

export async function publicPage(c: Ctx) {
  const page = await load(c, c.req.param('slug') ?? '');
  if (!page) return notFound(c);
  return render(
    c,
    { title: local(c, page.assembly.title), nav: 'public' },
    <PublicAssemblyPage c={c} page={page} />,
  );
}

export async function pageJson(c: Ctx) {
  const file = c.req.param('file') ?? '';
  const page = await load(c, file.slice(0, -'.json'.length));
  if (!page) return notFound(c);
  return c.body(`${JSON.stringify(page, null, 2)}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ...openHeaders,
  });
}

function csvHandler(name: string, text: (c: Ctx, page: PublicPage) => string) {
  return async (c: Ctx) => {
    const page = await load(c, c.req.param('slug') ?? '');
    if (!page) return notFound(c);
    return c.body(text(c, page), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${page.assembly.slug}-${name}-${c.var.lang}.csv"`,
      ...openHeaders,
    });
  };
}

export const recommendationsCsv = csvHandler('recommendations', recommendationsCsvText);
export const answersCsv = csvHandler('answers', answersCsvText);
export const representativenessCsv = csvHandler('representativeness', representativenessCsvText);

export async function feed(c: Ctx) {
  const page = await load(c, c.req.param('slug') ?? '');
  if (!page) return notFound(c);
  return c.body(atomFeed(c, page, origin(c)), 200, {
    'Content-Type': 'application/atom+xml; charset=utf-8',
    ...openHeaders,
  });
}
