/** The member's own page: JSX only, from the record the query read. */
import type { Child } from 'hono/jsx';
import { labelIn, preferNotToSay, type Question } from '../../../domain/questions.ts';
import type { MemberRecord } from '../../../queries/member.ts';
import type { Assembly } from '../../../repositories/assemblies.ts';
import type { Ctx } from '../../env.ts';
import { Csrf, SubmitButton } from '../../views/forms.tsx';
import { render } from '../../views/layout.tsx';
import { OrganiserContact, PrivacyNotice } from '../../views/privacy-notice.tsx';
import { formatDate } from '../../views/time.ts';
import { MemberMoneyPart } from './views/money.tsx';
import { MemberProgrammePart } from './views/programme.tsx';
import { MemberQuestionnairesPart } from './views/questionnaires.tsx';
import { MemberRequestsPart } from './views/requests.tsx';

function datesText(c: Ctx, assembly: Assembly): string {
  const t = c.var.t;
  const from = assembly.starts_on ? formatDate(c, assembly.starts_on) : null;
  const to = assembly.ends_on ? formatDate(c, assembly.ends_on) : null;
  if (from && to) return t('member.dates_range', { from, to });
  if (from) return t('member.dates_from', { from });
  if (to) return t('member.dates_to', { to });
  return t('member.dates_unknown');
}

function answerText(c: Ctx, question: Question, value: string): string {
  if (value === preferNotToSay) return c.var.t('member.prefer_not_to_say');
  const option = question.options.find((o) => o.value === value);
  return option ? labelIn(option.label, c.var.lang) : value;
}

function Fact(props: { term: string; value: string | null | undefined; notGiven: string }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.value || props.notGiven}</dd>
    </>
  );
}

function AssemblyFacts(props: { c: Ctx; assembly: Assembly }) {
  const { c, assembly } = props;
  const t = c.var.t;
  return (
    <>
      <h2>{t('member.assembly_heading')}</h2>
      <dl class="facts">
        <dt>{t('member.remit')}</dt>
        <dd>{labelIn(assembly.remit, c.var.lang)}</dd>
        <dt>{t('member.phase')}</dt>
        <dd>{t(`phase.${assembly.current_phase}`)}</dd>
        <dt>{t('member.dates')}</dt>
        <dd>{datesText(c, assembly)}</dd>
      </dl>
    </>
  );
}

function PersonFacts(props: { c: Ctx; record: MemberRecord }) {
  const { c, record } = props;
  const t = c.var.t;
  return (
    <>
      <h2>{t('member.you_heading')}</h2>
      <dl class="facts">
        <dt>{t('member.reference')}</dt>
        <dd>{record.person.reference}</dd>
        <dt>{t('member.status')}</dt>
        <dd>
          <span class="status">{t(`status.${record.person.status}`)}</span>
        </dd>
      </dl>
      <h2>{t('member.answers_heading')}</h2>
      {record.answered.length === 0 ? (
        <p>{t('member.no_answers')}</p>
      ) : (
        <dl class="facts">
          {record.answered.map(({ question, value }) => (
            <>
              <dt>{labelIn(question.label, c.var.lang)}</dt>
              <dd>{answerText(c, question, value)}</dd>
            </>
          ))}
        </dl>
      )}
    </>
  );
}

function ContactFacts(props: { c: Ctx; contact: MemberRecord['contact'] }) {
  const { c, contact } = props;
  const t = c.var.t;
  const notGiven = t('member.not_given');
  const language = contact?.preferred_language;
  return (
    <>
      <h2>{t('member.contact_heading')}</h2>
      <dl class="facts">
        <Fact term={t('member.name')} value={contact?.full_name} notGiven={notGiven} />
        <Fact term={t('member.email')} value={contact?.email} notGiven={notGiven} />
        <Fact term={t('member.phone')} value={contact?.phone} notGiven={notGiven} />
        <Fact term={t('member.address')} value={contact?.address} notGiven={notGiven} />
        <Fact term={t('member.postcode')} value={contact?.postcode} notGiven={notGiven} />
        <Fact term={t('member.city')} value={contact?.city} notGiven={notGiven} />
        <Fact
          term={t('member.language')}
          value={language === 'sv' || language === 'en' ? t(`member.language_${language}`) : language}
          notGiven={notGiven}
        />
      </dl>
    </>
  );
}

function NeedsFacts(props: { c: Ctx; needs: MemberRecord['needs'] }) {
  const { c, needs } = props;
  const t = c.var.t;
  let body: Child;
  if (needs.needs.length === 0 && !needs.details) body = <p>{t('member.no_needs')}</p>;
  else
    body = (
      <>
        {needs.needs.length > 0 ? (
          <ul>
            {needs.needs.map((n) => (
              <li>{t(`need.${n}`)}</li>
            ))}
          </ul>
        ) : null}
        {needs.details ? (
          <dl class="facts">
            <dt>{t('member.needs_details')}</dt>
            <dd>{needs.details}</dd>
          </dl>
        ) : null}
      </>
    );
  return (
    <>
      <h2>{t('member.needs_heading')}</h2>
      {body}
    </>
  );
}

function Consents(props: { c: Ctx; consents: MemberRecord['consents'] }) {
  const { c, consents } = props;
  const t = c.var.t;
  return (
    <>
      <h2>{t('member.consents_heading')}</h2>
      {consents.length === 0 ? (
        <p>{t('member.no_consents')}</p>
      ) : (
        <ul>
          {consents.map((consent) => (
            <li>
              <p>{t(`consent.${consent.kind}`)}</p>
              <p class="hint">
                {consent.withdrawn_at
                  ? t('member.consent_withdrawn', { date: formatDate(c, consent.withdrawn_at) })
                  : t('member.consent_given', { date: formatDate(c, consent.given_at) })}
              </p>
              {consent.withdrawn_at ? null : (
                <form method="post" action={`/member/consents/${consent.id}/withdraw`}>
                  <Csrf c={c} />
                  <button type="submit" class="button secondary">
                    {t('member.withdraw', { consent: t(`consent.${consent.kind}`) })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <PublishName c={c} consents={consents} />
    </>
  );
}

/** The button that lets her name be published, while she does not allow it. */
function PublishName(props: { c: Ctx; consents: MemberRecord['consents'] }) {
  const { c } = props;
  const t = c.var.t;
  if (props.consents.some((k) => k.kind === 'publish_name' && !k.withdrawn_at)) return null;
  return (
    <form method="post" action="/member/consents/publish-name">
      <Csrf c={c} />
      <p>{t('member.give_publish_name_lead')}</p>
      <button type="submit" class="button secondary">
        {t('member.give_publish_name')}
      </button>
    </form>
  );
}

/** `now` decides which meeting the programme shows as next. */
export function memberPage(c: Ctx, record: MemberRecord, notice: string | null, now: number) {
  const t = c.var.t;
  const { assembly } = record;
  return render(
    c,
    { title: t('member.title'), nav: 'member', notice },
    <>
      <p class="assembly-name">{labelIn(assembly.title, c.var.lang)}</p>
      <h1>{t('member.title')}</h1>
      <p>{t('member.lead')}</p>
      {record.voteOpen ? (
        <p>
          <a class="button ballot-home-link" href="/member/votes">
            {t('ballots.home_link')}
          </a>
        </p>
      ) : null}
      <MemberQuestionnairesPart c={c} open={record.questionnaires} />
      {record.programme ? (
        <MemberProgrammePart
          c={c}
          sessions={record.programme}
          details={record.sessionDetails}
          contact={{
            coordinator: assembly.coordinator,
            email: assembly.privacy.email.trim(),
            phone: assembly.privacy.phone.trim(),
          }}
          now={now}
        />
      ) : null}
      {record.requests ? <MemberRequestsPart c={c} entries={record.requests} /> : null}
      {/* Confirmed members (those who may ask) also amend their working group's recommendations. */}
      {record.requests ? (
        <p>
          <a class="button" href="/member/recommendations">
            {t('recommendations.member_title')}
          </a>
          {/* Her votes and the results of closed ones; the link above stands out while one is open. */}{' '}
          <a class="button secondary" href="/member/votes">
            {t('ballots.title')}
          </a>
        </p>
      ) : null}
      {record.money ? <MemberMoneyPart c={c} view={record.money} /> : null}
      <AssemblyFacts c={c} assembly={assembly} />
      <PersonFacts c={c} record={record} />
      <ContactFacts c={c} contact={record.contact} />
      <NeedsFacts c={c} needs={record.needs} />
      <Consents c={c} consents={record.consents} />
      <p>{t('member.correction')}</p>
      <OrganiserContact c={c} assembly={assembly} />
      <PrivacyNotice c={c} assembly={assembly} signedUp />

      <form method="post" action="/logout" class="actions">
        <Csrf c={c} />
        <SubmitButton label={t('member.logout')} secondary />
      </form>
    </>,
  );
}
