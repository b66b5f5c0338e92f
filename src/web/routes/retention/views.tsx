/**
 * The retention schedule: one row per category of personal data — what it is, how many records it
 * covers, the day they will be erased and why then — with a hold (and its reason) or a form to hold
 * it; then the log of erasures.
 */
import type { RetentionSchedule, ScheduledCategory } from '../../../queries/retention.ts';
import type { Ctx } from '../../env.ts';
import type { FormFailure } from '../../form.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import { Csrf, PostButton, SubmitButton, str, TextField } from '../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../views/kit.tsx';
import { formatDay, formatNumber, formatTime } from '../../views/time.ts';

function dayText(c: Ctx, entry: ScheduledCategory, schedule: RetentionSchedule): string {
  const t = c.var.t;
  if (entry.day) return formatDay(c, entry.day, { long: true });
  if (entry.category === 'receipts' || entry.category === 'stipend_records')
    return t('retention.day_nothing_paid');
  return schedule.endsOn ? t('retention.day_none') : t('retention.day_no_end');
}

function HoldForm(props: { c: Ctx; entry: ScheduledCategory; form: FormFailure | null }) {
  const { c, entry } = props;
  const t = c.var.t;
  const base = `/a/${c.var.assembly.id}/retention/${entry.category}`;
  if (entry.held)
    return (
      <div>
        <p>
          {t('retention.held_because', { reason: entry.held.reason, at: formatTime(c, entry.held.heldAt) })}
        </p>
        <PostButton c={c} action={`${base}/release`} label={t('retention.release')} />
      </div>
    );
  const form = props.form ?? { values: {}, errors: {} };
  return (
    <form method="post" action={`${base}/hold`} class="stack" novalidate>
      <Csrf c={c} />
      <TextField
        name="reason"
        id={`reason-${entry.category}`}
        label={t('retention.reason_label')}
        value={str(form.values, 'reason')}
        error={form.errors.reason}
      />
      <SubmitButton label={t('retention.hold')} secondary />
    </form>
  );
}

function CategorySection(props: {
  c: Ctx;
  entry: ScheduledCategory;
  schedule: RetentionSchedule;
  form: FormFailure | null;
}) {
  const { c, entry, schedule } = props;
  const t = c.var.t;
  return (
    <Section id={`category-${entry.category}`} title={t(`retention.category_${entry.category}`)} level={3}>
      <p>{t(`retention.rule_${entry.category}`, { days: schedule.rejectedReceiptDays })}</p>
      <dl class="facts">
        <dt>{t('retention.records')}</dt>
        <dd>{formatNumber(c, entry.records)}</dd>
        <dt>{t('retention.day')}</dt>
        <dd>{entry.held ? t('retention.day_held') : dayText(c, entry, schedule)}</dd>
      </dl>
      <HoldForm c={c} entry={entry} form={props.form} />
    </Section>
  );
}

export function schedulePage(
  c: Ctx,
  schedule: RetentionSchedule,
  options: { notice: string | null; failed?: { category: string; form: FormFailure } },
) {
  const t = c.var.t;
  const failed = options.failed;
  return renderAssemblyPage(
    c,
    'retention',
    t('retention.title'),
    <>
      <p>{t('retention.lead')}</p>
      <p>
        {schedule.endsOn
          ? t('retention.ends_on', { day: formatDay(c, schedule.endsOn, { long: true }) })
          : t('retention.no_end')}
      </p>
      <Section id="categories" title={t('retention.categories')}>
        {schedule.categories.map((entry) => (
          <CategorySection
            c={c}
            entry={entry}
            schedule={schedule}
            form={failed?.category === entry.category ? failed.form : null}
          />
        ))}
      </Section>
      <Section id="log" title={t('retention.log')} lead={t('retention.log_lead')}>
        {schedule.log.length === 0 ? (
          <EmptyState>{t('retention.log_empty')}</EmptyState>
        ) : (
          <DataTable
            caption={t('retention.log')}
            captionHidden
            rows={schedule.log}
            columns={[
              { header: t('retention.log_at'), rowHeader: true, cell: (e) => formatTime(c, e.at) },
              { header: t('retention.log_category'), cell: (e) => t(`retention.category_${e.category}`) },
              { header: t('retention.log_erased'), numeric: true, cell: (e) => formatNumber(c, e.erased) },
            ]}
          />
        )}
      </Section>
    </>,
    { notice: options.notice, status: failed ? 400 : 200 },
  );
}
