/** Small parts the evaluation pages share: a questionnaire's name. */
import { labelIn } from '../../../../domain/questions.ts';
import type { Questionnaire } from '../../../../repositories/evaluation.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import { formatDay } from '../../../views/time.ts';

/** "After the session: Learning day 1 (Sat 24 Oct 2026)", "At the end", "The organising team". */
export function questionnaireTitle(
  c: Ctx,
  entry: { questionnaire: Questionnaire; session: AssemblySession | null },
): string {
  const t = c.var.t;
  const { session } = entry;
  if (entry.questionnaire.kind !== 'session') return t(`evaluation.kind_${entry.questionnaire.kind}`);
  if (!session) return t('evaluation.kind_session_gone');
  return t('evaluation.kind_session_of', {
    session: labelIn(session.title, c.var.lang),
    day: formatDay(c, session.startsAt),
  });
}
