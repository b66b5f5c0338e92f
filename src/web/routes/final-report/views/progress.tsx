/** The page that follows a final report job: its progress, reloaded every 2 s, and the button that stops it. */
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { PostButton } from '../../../views/forms.tsx';

export function jobProgressView(c: Ctx, job: { fraction: number; cancel: string }) {
  const t = c.var.t;
  c.header('Refresh', '2');
  c.header('Cache-Control', 'no-store');
  const percent = Math.round(job.fraction * 100);
  return renderAssemblyPage(
    c,
    'final-report',
    t('final_report.job_title'),
    <>
      <div role="status">
        <p>{t('final_report.job_text')}</p>
        <progress id="final-report-progress" max={100} value={percent}>
          {t('final_report.job_percent', { percent })}
        </progress>
      </div>
      <PostButton c={c} action={job.cancel} label={t('final_report.cancel')} />
    </>,
  );
}
