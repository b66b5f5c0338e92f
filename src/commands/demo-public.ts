/**
 * The demo assembly's public page, published as an organiser would: its licence, the funding amount
 * and a fictional advisory board, every section shown. Made through the same commands people use.
 */
import type { Database } from '../db/connect.ts';
import type { Actor } from './command.ts';
import { publishPage, savePublication } from './public-page.ts';

const system: Actor = { kind: 'system' };

export async function loadDemoPublicPage(database: Database, assemblyId: string): Promise<void> {
  await savePublication(database, system, assemblyId, {
    licence: 'cc-by-4.0',
    fundingAmount: 2_400_000,
    advisoryBoard: [
      'Anna Forsberg, Göteborgs universitet',
      'Karim Haddad, Länsstyrelsen',
      'Maja Lind, Naturskyddsföreningen',
    ].join('\n'),
    selectionMethod: '',
    hiddenSections: [],
  });
  await publishPage(database, system, assemblyId);
}
