/**
 * A person's calls, newest first: how each went, what the caller wrote ("call after 5 pm"), who
 * called and when, in Swedish time. Shown on the callers' cards and on the person's page, so the next
 * caller knows what was agreed.
 */
import type { CallRecord } from '../../repositories/call-outcomes.ts';
import type { Ctx } from '../env.ts';
import { formatTime } from './time.ts';

export function CallHistory(props: { c: Ctx; calls: CallRecord[]; headingId: string; level?: 2 | 3 }) {
  const { c, calls } = props;
  const t = c.var.t;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <section class="call-history" aria-labelledby={props.headingId}>
      <Heading id={props.headingId}>{t('call_history.heading', { count: calls.length })}</Heading>
      {calls.length === 0 ? (
        <p>{t('call_history.none')}</p>
      ) : (
        <ol class="call-list">
          {calls.map((call) => (
            <li>
              <p>
                <strong>{t(`calls.outcome.${call.outcome}`, { defaultValue: call.outcome })}</strong>
                {' – '}
                {t('call_history.by_at', {
                  caller: call.caller ?? t('call_history.unknown_caller'),
                  when: formatTime(c, call.at),
                })}
              </p>
              {call.comment ? <p class="call-comment">{call.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
