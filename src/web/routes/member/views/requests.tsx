/**
 * The member's questions on her page: a large button to ask one, and each question she (or a
 * facilitator for her) asked, with its answer, the reason it was declined, or that it is waiting.
 */
import type { RequestLogEntry } from '../../../../domain/requests.ts';
import type { Ctx } from '../../../env.ts';
import { formatDate } from '../../../views/time.ts';
import { kindText, Material } from '../../requests/views/parts.tsx';

function Answer(props: { c: Ctx; entry: RequestLogEntry }) {
  const { c, entry } = props;
  const t = c.var.t;
  if (entry.status === 'open') return <p class="hint">{t('requests.member_waiting')}</p>;
  return (
    <dl class="facts">
      <dt>{t(entry.status === 'declined' ? 'requests.member_declined' : 'requests.member_answer')}</dt>
      <dd class="prewrap">{entry.answer || '–'}</dd>
      {entry.material ? (
        <>
          <dt>{t('requests.material')}</dt>
          <dd>
            <Material c={c} material={entry.material} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function MemberRequestsPart(props: { c: Ctx; entries: readonly RequestLogEntry[] }) {
  const { c, entries } = props;
  const t = c.var.t;
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('requests.member_heading')}</h2>
      <p>{t('requests.member_part_lead')}</p>
      <p>
        <a class="button" href="/member/requests/new">
          {t('requests.member_ask')}
        </a>
      </p>
      {entries.length === 0 ? (
        <p>{t('requests.member_none')}</p>
      ) : (
        <ul class="programme-list">
          {entries.map((entry) => (
            <li class="session">
              <p>
                <strong class="prewrap">{entry.question}</strong>
              </p>
              <p class="hint">
                {t('requests.member_asked', { kind: kindText(c, entry), date: formatDate(c, entry.askedAt) })}
              </p>
              <Answer c={c} entry={entry} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
