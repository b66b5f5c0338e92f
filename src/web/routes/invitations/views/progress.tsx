/**
 * Long work followed on its page: a background draw's rows read (refreshed by htmx every second, or
 * by the page itself without JavaScript), and a letters PDF being made.
 */
import type { InvitationDrawJobState } from '../../../../commands/invitation-draws.ts';
import type { Ctx } from '../../../env.ts';
import { formatNumber } from '../../../views/time.ts';
import { drawPath } from '../paths.ts';

export function ProgressBox(props: { c: Ctx; drawId: string; job: InvitationDrawJobState }) {
  const { c, job } = props;
  const t = c.var.t;
  const percent = job.totalRows > 0 ? Math.min(100, Math.round((100 * job.rowsRead) / job.totalRows)) : 0;
  return (
    <div
      id="draw-progress"
      hx-get={drawPath(c, props.drawId)}
      hx-trigger="every 1s"
      hx-swap="outerHTML"
      role="status"
    >
      <label for="draw-progress-bar">{t('lottery.progress_label')}</label>
      <progress id="draw-progress-bar" max={100} value={percent}>
        {`${percent} %`}
      </progress>
      <p>
        {t('lottery.progress_rows', {
          rows: formatNumber(c, job.rowsRead),
          total: formatNumber(c, job.totalRows),
          percent,
        })}
      </p>
    </div>
  );
}

export function DrawingPage(props: { c: Ctx; drawId: string; job: InvitationDrawJobState }) {
  return (
    <>
      <p>{props.c.var.t('lottery.drawing_text')}</p>
      <ProgressBox c={props.c} drawId={props.drawId} job={props.job} />
    </>
  );
}

export function LettersJobPage(props: { c: Ctx; progress: number }) {
  const percent = Math.round(props.progress * 100);
  return (
    <div role="status">
      <p>{props.c.var.t('lottery.letters_job_text')}</p>
      <progress id="letters-progress" max={100} value={percent}>{`${percent} %`}</progress>
    </div>
  );
}
