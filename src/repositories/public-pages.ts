/**
 * The public page of each assembly: its publication settings (the hidden sections decoded here) and
 * the log of publication events, from which each section's first publication is read.
 */

import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { PublicPagesTable } from '../db/schema.ts';
import { isLicence, isPublicSection, type Licence, type PublicSection } from '../domain/public-page.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export interface PublicPageSettings {
  assemblyId: string;
  publishedAt: string | null;
  licence: Licence;
  fundingAmount: number | null;
  advisoryBoard: string;
  selectionMethod: string;
  hiddenSections: PublicSection[];
  updatedAt: string;
}

const sectionList = z.array(z.string()).transform((list) => list.filter(isPublicSection));

export async function findPublicPage(db: Executor, assemblyId: string): Promise<PublicPageSettings | null> {
  const row = await db
    .selectFrom('public_pages')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    assemblyId: row.assembly_id,
    publishedAt: row.published_at,
    licence: isLicence(row.licence) ? row.licence : 'cc-by-4.0',
    fundingAmount: row.funding_amount,
    advisoryBoard: row.advisory_board,
    selectionMethod: row.selection_method,
    hiddenSections: readStoredJson(sectionList, row.hidden_sections, 'hidden public sections'),
    updatedAt: row.updated_at,
  };
}

export interface PublicPageRow {
  assemblyId: string;
  publishedAt: string | null;
  licence: Licence;
  fundingAmount: number | null;
  advisoryBoard: string;
  selectionMethod: string;
  hiddenSections: readonly PublicSection[];
  updatedAt: string;
  updatedBy: string;
}

export async function savePublicPage(db: Executor, page: PublicPageRow): Promise<void> {
  const row: Insertable<PublicPagesTable> = {
    assembly_id: page.assemblyId,
    published_at: page.publishedAt,
    licence: page.licence,
    funding_amount: page.fundingAmount,
    advisory_board: page.advisoryBoard,
    selection_method: page.selectionMethod,
    hidden_sections: JSON.stringify(page.hiddenSections),
    updated_at: page.updatedAt,
    updated_by: page.updatedBy,
  };
  const { assembly_id, ...changes } = row;
  await db
    .insertInto('public_pages')
    .values(row)
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(changes))
    .execute();
}

export async function insertPublicPageEvent(
  db: Executor,
  event: {
    assemblyId: string;
    section: PublicSection | 'page';
    action: 'published' | 'withdrawn';
    at: string;
    actorId: string;
  },
): Promise<void> {
  await db
    .insertInto('public_page_events')
    .values({
      id: crypto.randomUUID(),
      assembly_id: event.assemblyId,
      section: event.section,
      action: event.action,
      at: event.at,
      actor_id: event.actorId,
    })
    .execute();
}

/** When each section (and 'page', the whole page) was first published. */
export async function firstPublications(db: Executor, assemblyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('public_page_events')
    .select(['section', (eb) => eb.fn.min('at').as('first')])
    .where('assembly_id', '=', assemblyId)
    .where('action', '=', 'published')
    .groupBy('section')
    .execute();
  return new Map(rows.map((r) => [r.section, String(r.first)]));
}

/** The assemblies whose page is public now, by first publication, newest first. */
export async function listPublishedPages(
  db: Executor,
): Promise<{ assemblyId: string; publishedAt: string }[]> {
  const rows = await db
    .selectFrom('public_pages')
    .select(['assembly_id', 'published_at'])
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('assembly_id')
    .execute();
  return rows.map((r) => ({ assemblyId: r.assembly_id, publishedAt: r.published_at! }));
}
