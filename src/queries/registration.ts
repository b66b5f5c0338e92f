/** What the public sign-up shows before anything is registered: whose code it is, and the form. */
import type { Database } from '../db/connect.ts';
import type { Question } from '../domain/questions.ts';
import {
  type Assembly,
  findAssembly,
  findAssemblyBySlug,
  listQuestions,
} from '../repositories/assemblies.ts';
import { findInvitationByCode } from '../repositories/invitations.ts';

/** The assembly whose letter carried the code (normalised), and whether the code was used already. */
export async function invitationOfCode(
  database: Database,
  code: string,
): Promise<{ assembly: Assembly; used: boolean } | null> {
  const invitation = await findInvitationByCode(database.db, code);
  if (!invitation) return null;
  const assembly = await findAssembly(database.db, invitation.assembly_id);
  return assembly ? { assembly, used: Boolean(invitation.used_at) } : null;
}

/** The assembly at the sign-up address and the questions its form asks. */
export async function registrationForm(
  database: Database,
  slug: string,
): Promise<{ assembly: Assembly; questions: Question[] } | null> {
  const assembly = await findAssemblyBySlug(database.db, slug);
  if (!assembly) return null;
  return { assembly, questions: await listQuestions(database.db, assembly.id) };
}
