/**
 * Publishing an assembly's public page (organisers): its settings (licence, funding amount, advisory
 * board, sections left out), publishing and taking it down. Each section shown on a published page
 * is logged as published once when it first appears (and as withdrawn when it is taken off), so the
 * page can date each item honestly.
 */
import type { Database } from '../db/connect.ts';
import {
  advisoryBoardOf,
  type Licence,
  type PublicSection,
  publicPageLimits,
  publicSections,
} from '../domain/public-page.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  findPublicPage,
  insertPublicPageEvent,
  type PublicPageSettings,
  savePublicPage,
} from '../repositories/public-pages.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

export interface PublicationInput {
  licence: Licence;
  fundingAmount: number | null;
  advisoryBoard: string;
  /** How the members were selected, in the organisers' words; '' for the standard description. */
  selectionMethod: string;
  hiddenSections: PublicSection[];
}

const defaults: Omit<PublicPageSettings, 'assemblyId' | 'updatedAt'> = {
  publishedAt: null,
  licence: 'cc-by-4.0',
  fundingAmount: null,
  advisoryBoard: '',
  selectionMethod: '',
  hiddenSections: [],
};

function check(input: PublicationInput): void {
  if (advisoryBoardOf(input.advisoryBoard).length > publicPageLimits.boardMembers)
    throw new CommandError('public_board_too_long', 'advisory_board', { max: publicPageLimits.boardMembers });
  if (
    input.fundingAmount !== null &&
    (input.fundingAmount < 0 || input.fundingAmount > publicPageLimits.fundingAmount)
  )
    throw new CommandError('public_funding_invalid', 'funding_amount');
}

/**
 * Logs the sections that appear or disappear on the public page between two states of it (each
 * null when the page is not public).
 */
async function logSectionChanges(
  trx: Executor,
  assemblyId: string,
  before: readonly PublicSection[] | null,
  after: readonly PublicSection[] | null,
  at: string,
  actor: string,
): Promise<void> {
  const pageChanged = (before === null) !== (after === null);
  if (pageChanged)
    await insertPublicPageEvent(trx, {
      assemblyId,
      section: 'page',
      action: after ? 'published' : 'withdrawn',
      at,
      actorId: actor,
    });
  for (const section of publicSections) {
    const was = before?.includes(section) ?? false;
    const is = after?.includes(section) ?? false;
    if (was !== is)
      await insertPublicPageEvent(trx, {
        assemblyId,
        section,
        action: is ? 'published' : 'withdrawn',
        at,
        actorId: actor,
      });
  }
}

function shownSections(settings: Pick<PublicPageSettings, 'publishedAt' | 'hiddenSections'> | null) {
  if (!settings?.publishedAt) return null;
  return publicSections.filter((s) => !settings.hiddenSections.includes(s));
}

async function change(
  database: Database,
  actor: Actor,
  assemblyId: string,
  action: string,
  next: (current: Omit<PublicPageSettings, 'assemblyId' | 'updatedAt'>, at: string) => typeof defaults,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    const current = (await findPublicPage(trx, assemblyId)) ?? null;
    const updated = next(current ?? defaults, at);
    await savePublicPage(trx, { ...updated, assemblyId, updatedAt: at, updatedBy: actorId(actor) });
    await logSectionChanges(
      trx,
      assemblyId,
      shownSections(current),
      shownSections(updated),
      at,
      actorId(actor),
    );
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action,
      subjectType: 'public_page',
      subjectId: assemblyId,
      details: { hiddenSections: updated.hiddenSections, licence: updated.licence },
      at,
    });
  });
}

/** Saves the page's settings; on a published page, a section shown or left out takes effect at once. */
export function savePublication(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: PublicationInput,
): Promise<void> {
  check(input);
  return change(database, actor, assemblyId, 'public_page.save', (current) => ({
    ...current,
    licence: input.licence,
    fundingAmount: input.fundingAmount,
    advisoryBoard: input.advisoryBoard.trim(),
    selectionMethod: input.selectionMethod.trim(),
    hiddenSections: input.hiddenSections,
  }));
}

/** Makes the page public (nothing is, before). */
export function publishPage(database: Database, actor: Actor, assemblyId: string): Promise<void> {
  return change(database, actor, assemblyId, 'public_page.publish', (current, at) => {
    if (current.publishedAt) throw new CommandError('public_already_published');
    return { ...current, publishedAt: at };
  });
}

/** Takes the page down; its sections' first publication dates are kept for when it returns. */
export function unpublishPage(database: Database, actor: Actor, assemblyId: string): Promise<void> {
  return change(database, actor, assemblyId, 'public_page.unpublish', (current) => {
    if (!current.publishedAt) throw new CommandError('public_not_published');
    return { ...current, publishedAt: null };
  });
}
