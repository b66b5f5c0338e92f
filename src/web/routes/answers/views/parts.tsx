/** What the answers pages share: status and timeliness words, the stage of an update, the labels. */
import type { AnswerStatus, Timeliness } from '../../../../domain/answers.ts';
import type { ImplementationUpdate } from '../../../../repositories/answers.ts';
import type { Ctx } from '../../../env.ts';
import { formatNumber } from '../../../views/time.ts';

export function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/answers`;
}

export function statusText(c: Ctx, status: AnswerStatus): string {
  return c.var.t(`answers.status_${status}`);
}

/** Where an answer stands against the deadline, in words; overdue stands out. */
export function TimelinessBadge(props: { c: Ctx; timeliness: Timeliness }) {
  const text = props.c.var.t(`answers.timeliness_${props.timeliness}`);
  return props.timeliness === 'overdue' || props.timeliness === 'late' ? (
    <strong class="status">{text}</strong>
  ) : (
    <span class="status">{text}</span>
  );
}

export function progressText(c: Ctx, update: Pick<ImplementationUpdate, 'stage' | 'progress'>): string {
  if (update.stage) return c.var.t(`answers.stage_${update.stage}`);
  return c.var.t('answers.progress_value', { progress: formatNumber(c, update.progress ?? 0) });
}

/** The text of a multi-paragraph field, paragraphs kept. */
export function Paragraphs(props: { text: string }) {
  return <div class="prewrap">{props.text}</div>;
}

export function fieldLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    handover_date: t('answers.handover_label'),
    deadline: t('answers.deadline_label'),
    email: t('answers.invite_email'),
    name: t('answers.invite_name'),
    language: t('answers.invite_language'),
    status: t('answers.status_legend'),
    reasons: t('answers.reasons_label'),
    body_responsible: t('answers.body_label'),
    timeline: t('answers.timeline_label'),
    timeline_date: t('answers.timeline_date_label'),
    on_date: t('answers.update_date_label'),
    stage: t('answers.stage_legend'),
    progress: t('answers.progress_label'),
    text: t('answers.update_text_label'),
    evidence_url: t('answers.evidence_label'),
  };
}
