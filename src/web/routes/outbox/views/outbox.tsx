/** An assembly's outbox: each message's status, retrying a failed one, printing what goes by post. */
import type { OutboxOverview } from '../../../../queries/outbox.ts';
import type { OutboxMessage } from '../../../../repositories/outbox.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, PostButton, SubmitButton } from '../../../views/forms.tsx';
import { type Column, DataTable } from '../../../views/kit.tsx';
import { formatTime } from '../../../views/time.ts';

function RetryButton(props: { c: Ctx; base: string; message: OutboxMessage }) {
  return (
    <PostButton
      c={props.c}
      action={`${props.base}/${props.message.id}/retry`}
      label={props.c.var.t('outbox.retry')}
    />
  );
}

function MessageTable(props: { c: Ctx; base: string; messages: readonly OutboxMessage[] }) {
  const { c, base } = props;
  const t = c.var.t;
  const columns: Column<OutboxMessage>[] = [
    { header: t('outbox.created'), cell: (m) => formatTime(c, m.created_at) },
    { header: t('outbox.kind'), cell: (m) => t(`outbox.template_${m.template}`) },
    { header: t('outbox.channel'), cell: (m) => t(`outbox.channel_${m.channel}`) },
    { header: t('outbox.address'), cell: (m) => m.address ?? '–' },
    { header: t('outbox.status'), cell: (m) => t(`outbox.status_${m.status}`) },
    { header: t('outbox.attempts'), cell: (m) => m.attempts },
    { header: t('outbox.last_error'), cell: (m) => m.last_error ?? '–' },
    {
      header: t('team.actions'),
      cell: (m) => (m.status === 'failed' ? <RetryButton c={c} base={base} message={m} /> : null),
    },
  ];
  return <DataTable columns={columns} rows={props.messages} empty={t('outbox.empty')} />;
}

export function outboxPage(
  c: Ctx,
  props: { outbox: OutboxOverview; mailOn: boolean; notice: string | null },
) {
  const t = c.var.t;
  const base = `/a/${c.var.assembly.id}/outbox`;
  const { messages, printable } = props.outbox;
  return renderAssemblyPage(
    c,
    'outbox',
    t('outbox.title'),
    <>
      <p>{props.mailOn ? t('outbox.lead_mail_on') : t('outbox.lead_mail_off')}</p>
      <form method="post" action={`${base}/print`} class="inline">
        <Csrf c={c} />
        <p>{t('outbox.printable', { count: printable })}</p>
        {printable > 0 ? <SubmitButton label={t('outbox.print')} /> : null}
      </form>
      <MessageTable c={c} base={base} messages={messages} />
    </>,
    { notice: props.notice },
  );
}
