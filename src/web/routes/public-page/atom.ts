/**
 * The Atom feed (RFC 4287) of a public page: an entry per published item — each section, each
 * recommendation, each answer — dated when it was published. Written by hand, every text escaped
 * and stripped of the control characters XML 1.0 cannot hold, so the feed is well-formed whatever
 * was typed.
 */
import type { PublicPage } from '../../../queries/public-page.ts';
import type { Ctx } from '../../env.ts';
import { local, publicPath } from './views/parts.tsx';

/** Text as XML character data or an attribute value. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(text: string): string {
  return text
    .replace(notInXml, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

interface Entry {
  id: string;
  title: string;
  published: string;
  link: string;
  summary: string;
}

function entries(c: Ctx, page: PublicPage, url: string): Entry[] {
  const t = c.var.t;
  const out: Entry[] = [];
  for (const section of page.sections) {
    const at = page[section]?.publishedAt;
    if (at)
      out.push({
        id: `${url}#${section}`,
        title: t(`public_page.section_${section}`),
        published: at,
        link: `${url}#${section}`,
        summary: t('public_page.feed_section', { section: t(`public_page.section_${section}`) }),
      });
  }
  for (const r of page.recommendations?.items ?? [])
    if (r.publishedAt)
      out.push({
        id: `${url}#recommendation-${r.id}`,
        title: r.title,
        published: r.publishedAt,
        link: `${url}#recommendation-${r.id}`,
        summary: r.vote
          ? t(r.vote.adopted ? 'public_page.adopted' : 'public_page.not_adopted')
          : t('public_page.no_vote'),
      });
  for (const a of page.answers?.items ?? [])
    if (a.publishedAt)
      out.push({
        id: `${url}#answer-${a.recommendationId}`,
        title: t('public_page.feed_answer'),
        published: a.publishedAt,
        link: `${url}#answers`,
        summary: a.reasons,
      });
  for (const a of page.answers?.items ?? [])
    for (const [i, u] of a.updates.entries())
      out.push({
        id: `${url}#answer-${a.recommendationId}-update-${a.updates.length - i}`,
        title: t('public_page.feed_update'),
        published: u.publishedAt,
        link: `${url}#answers`,
        summary: u.text,
      });
  return out.sort((a, b) => b.published.localeCompare(a.published));
}

export function atomFeed(c: Ctx, page: PublicPage, origin: string): string {
  const url = `${origin}${publicPath(page.assembly.slug)}`;
  const items = entries(c, page, url);
  const updated = items[0]?.published ?? page.publishedAt;
  const title = local(c, page.assembly.title);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(c.var.lang)}">`,
    `  <id>${xmlText(url)}</id>`,
    `  <title>${xmlText(title)}</title>`,
    `  <updated>${xmlText(updated)}</updated>`,
    `  <link rel="self" href="${xmlText(`${url}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
    `  <author><name>${xmlText(page.about?.coordinator || title)}</name></author>`,
    `  <rights>${xmlText(page.licence.name)}</rights>`,
  ];
  for (const e of items)
    lines.push(
      '  <entry>',
      `    <id>${xmlText(e.id)}</id>`,
      `    <title>${xmlText(e.title)}</title>`,
      `    <published>${xmlText(e.published)}</published>`,
      `    <updated>${xmlText(e.published)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      `    <summary>${xmlText(e.summary)}</summary>`,
      '  </entry>',
    );
  lines.push('</feed>', '');
  return lines.join('\n');
}
