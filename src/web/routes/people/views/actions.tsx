/** The pages of the organiser's actions on a person: the new personal link, and erasure's confirmation. */
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf } from '../../../views/forms.tsx';
import { personHref } from './parts.tsx';

/** The person's new personal link: sent by e-mail, or shown once here and waiting as a letter. */
export function memberLinkPage(
  c: Ctx,
  person: { id: string; reference: string },
  sent: { link: string; channel: 'email' | 'letter' },
) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'people',
    t('people.member_link_title', { reference: person.reference }),
    <>
      <p role="status">{t('people.member_link_created')}</p>
      {sent.channel === 'email' ? (
        <p>{t('outbox.member_link_emailed')}</p>
      ) : (
        <>
          <p>
            <code class="secret" id="member-link">
              {sent.link}
            </code>
          </p>
          <p class="warning">{t('people.member_link_once')}</p>
          <p>
            {t('outbox.member_link_letter')}{' '}
            <a href={`/a/${c.var.assembly.id}/outbox`}>{t('outbox.title')}</a>
          </p>
        </>
      )}
      <p>
        <a href={personHref(c, person.id)}>{t('people.back_to_person', { reference: person.reference })}</a>
      </p>
    </>,
  );
}

/** What erasure deletes and keeps, and the button that does it. */
export function erasePage(c: Ctx, person: { id: string; reference: string }) {
  const t = c.var.t;
  const back = personHref(c, person.id);
  return renderAssemblyPage(
    c,
    'people',
    t('people.erase_title', { reference: person.reference }),
    <>
      <p>{t('people.erase_lead')}</p>
      <h2>{t('people.erase_deleted')}</h2>
      <ul>
        <li>{t('people.erase_item_contact')}</li>
        <li>{t('people.erase_item_needs')}</li>
        <li>{t('people.erase_item_comments')}</li>
        <li>{t('people.erase_item_link')}</li>
      </ul>
      <h2>{t('people.erase_kept')}</h2>
      <ul>
        <li>{t('people.erase_keep_reference')}</li>
        <li>{t('people.erase_keep_answers')}</li>
        <li>{t('people.erase_keep_history')}</li>
      </ul>
      <p class="warning">{t('people.erase_final')}</p>
      <form method="post" action={`${back}/erase`} class="actions">
        <Csrf c={c} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="button danger">
          {t('people.erase_confirm')}
        </button>
        <a href={back}>{t('people.cancel')}</a>
      </form>
    </>,
  );
}
