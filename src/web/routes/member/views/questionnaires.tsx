/**
 * The questionnaires a member may answer, near the top of her page while any is open: one large
 * link each, and a sentence saying her answer cannot be traced to her.
 */
import type { OpenQuestionnaire } from '../../../../queries/evaluation.ts';
import type { Ctx } from '../../../env.ts';
import { questionnaireTitle } from '../../evaluation/views/parts.tsx';

export function MemberQuestionnairesPart(props: { c: Ctx; open: readonly OpenQuestionnaire[] }) {
  const { c } = props;
  const t = c.var.t;
  if (props.open.length === 0) return null;
  return (
    <section id="questionnaires" aria-labelledby="questionnaires-heading">
      <h2 id="questionnaires-heading">{t('evaluation.member_heading')}</h2>
      <p>{t('evaluation.member_lead')}</p>
      <ul class="questionnaire-links">
        {props.open.map((entry) => (
          <li>
            <a class="button" href={`/member/questionnaires/${entry.questionnaire.id}`}>
              {questionnaireTitle(c, entry)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
