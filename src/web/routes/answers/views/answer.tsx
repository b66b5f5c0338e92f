/**
 * One adopted recommendation: its text and the plenary's decision, the published answer and its
 * earlier versions, the draft form (save or publish), and the implementation updates with their form.
 */
import { answerStatuses, implementationStages, webHost } from '../../../../domain/answers.ts';
import { answerFieldLimits } from '../../../../domain/field-limits.ts';
import { can } from '../../../../domain/roles.ts';
import type { AnswerItem } from '../../../../queries/answers.ts';
import type {
  AnswerDeadline,
  AnswerVersion,
  ImplementationUpdate,
} from '../../../../repositories/answers.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { formatDay, formatNumber, formatTime } from '../../../views/time.ts';
import { outcomeText } from '../../votes/views/parts.tsx';
import { base, fieldLabels, Paragraphs, progressText, statusText, TimelinessBadge } from './parts.tsx';

export interface AnswerForms {
  answer?: FormFailure;
  update?: FormFailure;
}

interface Case {
  deadline: AnswerDeadline | null;
  item: AnswerItem;
}

function RecommendationSection(props: { c: Ctx; item: AnswerItem }) {
  const { c, item } = props;
  const t = c.var.t;
  return (
    <Section id="answers-recommendation" title={t('answers.recommendation_text')}>
      <Paragraphs text={item.recommendation.body} />
      {item.recommendation.rationale ? (
        <>
          <h3>{t('answers.rationale')}</h3>
          <Paragraphs text={item.recommendation.rationale} />
        </>
      ) : null}
      <p>
        <strong>{t('answers.vote_result')}:</strong>{' '}
        {item.tally ? outcomeText(c, item.tally) : t('answers.vote_unknown')}
      </p>
    </Section>
  );
}

function VersionBlock(props: { c: Ctx; version: AnswerVersion }) {
  const { c, version: v } = props;
  const t = c.var.t;
  return (
    <>
      <dl>
        <dt>{t('answers.status_legend')}</dt>
        <dd>
          <span class="status">{statusText(c, v.status)}</span>
        </dd>
        <dt>{t('answers.published_at')}</dt>
        <dd>{formatTime(c, v.published_at)}</dd>
        <dt>{t('answers.body_label')}</dt>
        <dd>{v.body_responsible || '–'}</dd>
        <dt>{t('answers.timeline_label')}</dt>
        <dd>
          {v.timeline || '–'}
          {v.timeline_date ? ` (${formatDay(c, v.timeline_date, { long: true })})` : ''}
        </dd>
      </dl>
      <Paragraphs text={v.reasons} />
    </>
  );
}

function PublishedSection(props: { c: Ctx; found: Case }) {
  const { c } = props;
  const { item, deadline } = props.found;
  const t = c.var.t;
  const [latest, ...earlier] = item.versions;
  return (
    <Section id="answers-published" title={t('answers.published_title')}>
      <p>
        {deadline
          ? t('answers.deadline_sentence', { deadline: formatDay(c, deadline.deadline, { long: true }) })
          : t('answers.deadline_none')}{' '}
        <TimelinessBadge c={c} timeliness={item.timeliness} />
      </p>
      {latest ? (
        <VersionBlock c={c} version={latest} />
      ) : (
        <EmptyState>{t('answers.not_published')}</EmptyState>
      )}
      {earlier.length > 0 ? (
        <details>
          <summary>{t('answers.earlier_versions', { count: earlier.length })}</summary>
          {earlier.map((v) => (
            <section aria-label={t('answers.version_label', { number: v.number })}>
              <h3>{t('answers.version_label', { number: v.number })}</h3>
              <VersionBlock c={c} version={v} />
            </section>
          ))}
        </details>
      ) : null}
    </Section>
  );
}

function answerValues(item: AnswerItem) {
  const a = item.answer;
  return {
    status: a?.status ?? '',
    reasons: a?.reasons ?? '',
    body_responsible: a?.body_responsible ?? '',
    timeline: a?.timeline ?? '',
    timeline_date: a?.timeline_date ?? '',
  };
}

function AnswerForm(props: { c: Ctx; item: AnswerItem; form?: FormFailure }) {
  const { c, item } = props;
  const t = c.var.t;
  const values = props.form?.values ?? answerValues(item);
  const errors = props.form?.errors ?? {};
  const v = (name: string) => str(values, name);
  return (
    <Section id="answers-draft" title={t('answers.draft_title')} lead={t('answers.draft_lead')}>
      {item.unpublishedChanges ? <p class="warning">{t('answers.draft_waiting_long')}</p> : null}
      <form method="post" action={`${base(c)}/${item.recommendation.id}`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c)} />
        <ChoiceGroup
          name="status"
          legend={t('answers.status_legend')}
          type="radio"
          options={answerStatuses.map((s) => ({ value: s, label: statusText(c, s) }))}
          checked={[v('status')]}
          error={errors.status}
        />
        <TextArea
          name="reasons"
          label={t('answers.reasons_label')}
          hint={t('answers.reasons_hint', { max: formatNumber(c, answerFieldLimits.reasons) })}
          value={v('reasons')}
          error={errors.reasons}
          rows={8}
        />
        <TextField
          name="body_responsible"
          label={t('answers.body_label')}
          value={v('body_responsible')}
          error={errors.body_responsible}
        />
        <TextArea
          name="timeline"
          label={t('answers.timeline_label')}
          value={v('timeline')}
          error={errors.timeline}
          rows={3}
        />
        <TextField
          name="timeline_date"
          type="date"
          label={t('answers.timeline_date_label')}
          value={v('timeline_date')}
          error={errors.timeline_date}
        />
        <p class="actions">
          <SubmitButton label={t('answers.save_draft')} secondary />
          <SubmitButton label={t('answers.publish')} name="publish" value="yes" />
        </p>
      </form>
    </Section>
  );
}

function UpdateList(props: { c: Ctx; updates: ImplementationUpdate[] }) {
  const { c } = props;
  const t = c.var.t;
  if (props.updates.length === 0) return <EmptyState>{t('answers.updates_none')}</EmptyState>;
  return (
    <ol class="stack">
      {props.updates.map((u) => (
        <li>
          <p>
            <strong>{formatDay(c, u.on_date, { long: true })}</strong> –{' '}
            <span class="status">{progressText(c, u)}</span>
          </p>
          <Paragraphs text={u.text} />
          {u.evidence_url ? (
            <p>
              <a href={u.evidence_url} rel="noopener noreferrer">
                {t('answers.evidence_link', { host: webHost(u.evidence_url) })}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function UpdateForm(props: { c: Ctx; item: AnswerItem; form?: FormFailure }) {
  const { c, item } = props;
  const t = c.var.t;
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  const v = (name: string) => str(values, name);
  return (
    <form method="post" action={`${base(c)}/${item.recommendation.id}/updates`} class="stack" novalidate>
      <h3>{t('answers.update_new')}</h3>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={fieldLabels(c)} />
      <TextField
        name="on_date"
        type="date"
        label={t('answers.update_date_label')}
        value={v('on_date')}
        error={errors.on_date}
      />
      <ChoiceGroup
        name="stage"
        legend={t('answers.stage_legend')}
        hint={t('answers.stage_hint')}
        type="radio"
        options={implementationStages.map((s) => ({ value: s, label: t(`answers.stage_${s}`) }))}
        checked={[v('stage')]}
        error={errors.stage}
      />
      <TextField
        name="progress"
        label={t('answers.progress_label')}
        inputmode="numeric"
        value={v('progress')}
        error={errors.progress}
      />
      <TextArea
        name="text"
        label={t('answers.update_text_label')}
        value={v('text')}
        error={errors.text}
        rows={5}
      />
      <TextField
        name="evidence_url"
        type="url"
        label={t('answers.evidence_label')}
        hint={t('answers.evidence_hint')}
        value={v('evidence_url')}
        error={errors.evidence_url}
      />
      <SubmitButton label={t('answers.update_publish')} />
    </form>
  );
}

export function answerPage(c: Ctx, found: Case, forms: AnswerForms, notice: string | null) {
  const t = c.var.t;
  const { item } = found;
  const writer = can(c.var.role, 'answers:write');
  const failed = [forms.answer, forms.update].some((f) => f && Object.keys(f.errors).length > 0);
  return renderAssemblyPage(
    c,
    'answers',
    item.recommendation.title,
    <>
      <p>
        <a href={base(c)}>{t('answers.back')}</a>
      </p>
      <RecommendationSection c={c} item={item} />
      <PublishedSection c={c} found={found} />
      {writer ? <AnswerForm c={c} item={item} form={forms.answer} /> : null}
      <Section id="answers-updates" title={t('answers.updates_title')} lead={t('answers.updates_lead')}>
        <UpdateList c={c} updates={item.updates} />
        {writer ? <UpdateForm c={c} item={item} form={forms.update} /> : null}
      </Section>
    </>,
    { notice, status: failed ? 422 : 200 },
  );
}
