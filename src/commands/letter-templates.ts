/** The organiser's letter templates, one per assembly and letter language. */
import type { Database } from '../db/connect.ts';
import type { Language } from '../i18n/i18n.ts';
import {
  type LetterTemplate,
  templateLimits,
  templateParts,
  templateProblems,
} from '../letters/letter-template.ts';
import { saveLetterTemplateRow } from '../repositories/letter-templates.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** Checks a template's lengths and placeholders; `columns` null when no register is known yet. */
function templateErrors(template: LetterTemplate, columns: readonly string[] | null): CommandError | null {
  for (const part of templateParts) {
    if (template[part].length > templateLimits[part])
      return new CommandError('too_long', part, { max: templateLimits[part] });
  }
  if (!template.body.trim()) return new CommandError('required', 'body');
  if (!template.address.trim()) return new CommandError('required', 'address');
  if (columns) {
    const [problem] = templateProblems(template, columns);
    if (problem)
      return new CommandError(
        problem.kind === 'unknown' ? 'placeholder_unknown' : 'placeholder_unclosed',
        problem.part,
        {
          placeholder: problem.kind === 'unknown' ? `{{${problem.placeholder}}}` : problem.placeholder,
          columns: columns.join(', '),
        },
      );
  }
  return null;
}

export async function saveLetterTemplate(
  database: Database,
  actor: Actor,
  assemblyId: string,
  language: Language,
  template: LetterTemplate,
  columns: readonly string[] | null,
): Promise<void> {
  const problem = templateErrors(template, columns);
  if (problem) throw problem;
  await inTransaction(database, async (trx, audit) => {
    await saveLetterTemplateRow(trx, {
      assembly_id: assemblyId,
      language,
      subject: template.subject,
      address: template.address,
      body: template.body,
      signature: template.signature,
      updated_at: now(),
      updated_by: actorId(actor),
    });
    await audit({ actorId: actorId(actor), assemblyId, action: 'letters.template', details: { language } });
  });
}
