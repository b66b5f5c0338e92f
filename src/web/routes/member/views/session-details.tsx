/**
 * The parts of a session a member reads beyond its time and place: what it is about, what to bring,
 * its materials (with the easy-read version and a link or file), its experts with the interests they
 * declared, what changed, and whom to ask. Short sentences under headings, each text marked with the
 * language it is written in, so it reads aloud well.
 */
import {
  localText,
  type MemberSessionChange,
  type MemberSessionDetails,
  type SessionMaterial,
  type SessionSpeaker,
} from '../../../../domain/member-programme.ts';
import type { Ctx } from '../../../env.ts';
import { formatClock, formatDay } from '../../../views/time.ts';

/** Whom members ask: the coordinator, and the organisers' e-mail and phone as the assembly stores them. */
export interface ProgrammeContact {
  coordinator: string;
  email: string;
  phone: string;
}

function LocalParagraph(props: { c: Ctx; text: { sv: string; en: string } }) {
  const { text, lang } = localText(props.text, props.c.var.lang);
  return (
    <p class="prewrap" lang={lang}>
      {text}
    </p>
  );
}

/** What it is about and what to bring, each under its own heading; nothing when neither is written. */
export function AboutAndBring(props: {
  c: Ctx;
  about: { sv: string; en: string };
  bring: { sv: string; en: string };
}) {
  const { c, about, bring } = props;
  const t = c.var.t;
  const written = (text: { sv: string; en: string }) => text.sv.trim() !== '' || text.en.trim() !== '';
  return (
    <>
      {written(about) ? (
        <>
          <h4>{t('member_details.about_heading')}</h4>
          <LocalParagraph c={c} text={about} />
        </>
      ) : null}
      <h4>{t('member_details.bring_heading')}</h4>
      {written(bring) ? <LocalParagraph c={c} text={bring} /> : <p>{t('member_details.bring_nothing')}</p>}
    </>
  );
}

function MaterialItem(props: { c: Ctx; item: SessionMaterial; full: boolean }) {
  const { c, item, full } = props;
  const t = c.var.t;
  return (
    <li>
      <p>
        <strong>{item.title}</strong>
      </p>
      {full && item.summary ? <p class="prewrap">{item.summary}</p> : null}
      {full && item.easyRead ? (
        <>
          <p>
            <strong>{t('member_details.easy_read')}</strong>
          </p>
          <p class="prewrap">{item.easyRead}</p>
        </>
      ) : null}
      {item.link ? (
        <p>
          <a href={item.link} rel="noopener noreferrer nofollow">
            {t('member_details.open_link', { title: item.title })}
          </a>
        </p>
      ) : null}
      {item.hasFile ? (
        <p>
          <a class="button secondary" href={`/member/evidence/${item.id}/file`}>
            {t('member_details.download_file', { title: item.title })}
          </a>
        </p>
      ) : null}
    </li>
  );
}

/**
 * The session's materials: in full under their own heading on the next session's card; by title and
 * link in the list of all meetings, where a list item has no heading to hang one under.
 */
export function Materials(props: { c: Ctx; materials: readonly SessionMaterial[]; full?: boolean }) {
  const { c, materials } = props;
  const t = c.var.t;
  if (materials.length === 0) return props.full ? <p>{t('member_details.no_materials')}</p> : null;
  return (
    <>
      {props.full ? (
        <h4>{t('member_details.materials_heading')}</h4>
      ) : (
        <p>
          <strong>{t('member_details.materials_heading')}</strong>
        </p>
      )}
      <ul class="materials">
        {materials.map((item) => (
          <MaterialItem c={c} item={item} full={props.full ?? false} />
        ))}
      </ul>
    </>
  );
}

function SpeakerItem(props: { c: Ctx; expert: SessionSpeaker }) {
  const { c, expert } = props;
  const t = c.var.t;
  return (
    <li>
      <p>
        <strong>{expert.name}</strong>
        {expert.organisation ? `, ${expert.organisation}` : null}
      </p>
      {expert.topic ? <p>{t('member_details.expert_topic', { topic: expert.topic })}</p> : null}
      <p class="prewrap">
        {expert.noneDeclared || !expert.interests.trim()
          ? t('member_details.interests_none')
          : t('member_details.interests', { interests: expert.interests })}
      </p>
    </li>
  );
}

export function Speakers(props: { c: Ctx; experts: readonly SessionSpeaker[] }) {
  const { c, experts } = props;
  if (experts.length === 0) return null;
  return (
    <>
      <h4>{c.var.t('member_details.experts_heading')}</h4>
      <ul class="materials">
        {experts.map((expert) => (
          <SpeakerItem c={c} expert={expert} />
        ))}
      </ul>
    </>
  );
}

/** "Changed: new time. Before, it was …": the latest change of a session still on. */
export function ChangeFlag(props: { c: Ctx; change: MemberSessionChange | null }) {
  const { c, change } = props;
  if (change?.kind !== 'moved') return null;
  const t = c.var.t;
  const { previous } = change;
  const wasTime = t('member_programme.when_value', {
    day: formatDay(c, previous.startsAt, { long: true }),
    from: formatClock(c, previous.startsAt),
    to: formatClock(c, previous.endsAt),
  });
  const wasPlace =
    [previous.address, previous.room].filter((p) => p.trim() !== '').join(', ') ||
    previous.onlineLink ||
    t('member_details.place_none');
  return (
    <div class="changed" role="note">
      {change.timeChanged ? <p>{t('member_details.changed_time', { was: wasTime })}</p> : null}
      {change.placeChanged ? <p>{t('member_details.changed_place', { was: wasPlace })}</p> : null}
    </div>
  );
}

/** Whom to ask about the meeting. */
export function Contact(props: { c: Ctx; contact: ProgrammeContact }) {
  const { c, contact } = props;
  const t = c.var.t;
  return (
    <>
      <h4>{t('member_details.contact_heading')}</h4>
      <p>
        {contact.coordinator
          ? t('member_details.contact_name', { name: contact.coordinator })
          : t('member_details.contact_organisers')}
      </p>
      {contact.phone ? (
        <p>
          <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
            {t('member_details.call', { phone: contact.phone })}
          </a>
        </p>
      ) : null}
      {contact.email ? (
        <p>
          <a href={`mailto:${contact.email}`}>{t('member_details.write', { email: contact.email })}</a>
        </p>
      ) : null}
    </>
  );
}

export type { MemberSessionDetails };
