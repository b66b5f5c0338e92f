/**
 * The messages of the follow-up, queued in the command's (or the reminder run's) own transaction:
 * each confirmed member is told of a published answer or implementation update in her language (an
 * e-mail when she gave an address, else a printed letter), and the commissioners are reminded of the
 * deadline. Sentences with counts and dates are set in the recipient's language when queued.
 */
import type { Database } from '../db/connect.ts';
import type { AnswerStatus, ImplementationStage } from '../domain/answers.ts';
import { formatDayIn } from '../i18n/format.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { listConfirmedMembers } from '../repositories/people.ts';
import { messageLanguage, titleIn } from './messages.ts';
import { queueOutboxMessage } from './send-job.ts';

/** What a member is told about: a published answer, or an implementation update. */
export type FollowUpNews =
  | { kind: 'answer'; recommendation: string; status: AnswerStatus; revised: boolean }
  | {
      kind: 'update';
      recommendation: string;
      stage: ImplementationStage | null;
      progress: number | null;
      onDate: string;
    };

function newsParameters(news: FollowUpNews, language: Language): Record<string, string> {
  const t = translator(language);
  if (news.kind === 'answer')
    return {
      recommendation: news.recommendation,
      status: t(`answers.status_${news.status}`),
      revised: news.revised ? t('mail.answer_published_revised') : '',
    };
  return {
    recommendation: news.recommendation,
    day: formatDayIn(language, news.onDate, { long: true }),
    progress: news.stage
      ? t(`answers.stage_${news.stage}`)
      : t('answers.progress_value', { progress: news.progress ?? 0 }),
  };
}

/** Queues the news for every confirmed member; how many were queued. */
export async function queueFollowUpNews(
  trx: Executor,
  database: Database,
  assembly: Assembly,
  news: FollowUpNews,
  at: string,
): Promise<number> {
  const members = await listConfirmedMembers(trx, assembly.id);
  for (const member of members) {
    const language = messageLanguage(member.preferred_language, assembly);
    await queueOutboxMessage(trx, database, {
      assemblyId: assembly.id,
      recipient: { kind: 'person', id: member.id },
      channel: member.email ? 'email' : 'letter',
      address: member.email ?? null,
      language,
      template: news.kind === 'answer' ? 'answer_published' : 'implementation_update',
      parameters: {
        title: titleIn(assembly, language),
        ...newsParameters(news, language),
        coordinator: assembly.coordinator,
      },
      at,
    });
  }
  return members.length;
}

/** Reminds one commissioner of the deadline and how many answers are still missing. */
export async function queueAnswerReminder(
  trx: Executor,
  database: Database,
  input: {
    assembly: Assembly;
    account: { id: string; email: string; display_name: string; language: string };
    deadline: string;
    /** Days from the deadline to today: negative before it. */
    day: number;
    missing: number;
    at: string;
  },
): Promise<void> {
  const { assembly, account } = input;
  const language = messageLanguage(account.language, assembly);
  const t = translator(language);
  const deadline = formatDayIn(language, input.deadline, { long: true });
  const when =
    input.day > 0
      ? t('mail.answer_reminder_after', { count: input.day, deadline })
      : t('mail.answer_reminder_before', { count: -input.day, deadline });
  await queueOutboxMessage(trx, database, {
    assemblyId: assembly.id,
    recipient: { kind: 'account', id: account.id },
    channel: 'email',
    address: account.email,
    language,
    template: 'answer_reminder',
    parameters: {
      name: account.display_name,
      title: titleIn(assembly, language),
      when,
      missing: t('mail.answer_reminder_missing', { count: input.missing }),
      coordinator: assembly.coordinator,
    },
    at: input.at,
  });
}
