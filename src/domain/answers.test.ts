import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import {
  addMonths,
  answeredLate,
  answerRefusals,
  answerTimeliness,
  deadlineRefusals,
  defaultDeadline,
  isOverdue,
  isWebAddress,
  reminderPoint,
  stockholmDate,
  updateRefusals,
  webHost,
} from './answers.ts';

const at = (text: string) => new Date(text);

test('the default deadline is three calendar months after the handover, the month end kept', () => {
  assert.equal(defaultDeadline('2026-03-14'), '2026-06-14');
  assert.equal(defaultDeadline('2026-11-30'), '2027-02-28');
  assert.equal(defaultDeadline('2027-11-30'), '2028-02-29');
  assert.equal(addMonths('2026-10-31', 1), '2026-11-30');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
});

test('the deadline day itself is never overdue; the next Swedish day is, in winter (CET)', () => {
  const unanswered = { deadline: '2026-12-15', publishedAt: null };
  // 23:59:59 in Stockholm (UTC+1) on the deadline day.
  assert.equal(isOverdue(unanswered, at('2026-12-15T22:59:59Z')), false);
  assert.equal(isOverdue(unanswered, at('2026-12-15T00:00:00+01:00')), false);
  // Midnight in Stockholm: the day after has begun.
  assert.equal(isOverdue(unanswered, at('2026-12-15T23:00:00Z')), true);
  // The same instant written in other zones' clocks is the same answer.
  assert.equal(isOverdue(unanswered, at('2026-12-15T18:00:00-05:00')), true);
  assert.equal(isOverdue(unanswered, at('2026-12-16T08:00:00+09:00')), true);
  assert.equal(isOverdue(unanswered, at('2026-12-15T17:59:00-05:00')), false);
});

test('in summer (CEST) the day ends two hours before midnight UTC', () => {
  const unanswered = { deadline: '2026-06-30', publishedAt: null };
  assert.equal(isOverdue(unanswered, at('2026-06-30T21:59:59Z')), false);
  assert.equal(isOverdue(unanswered, at('2026-06-30T22:00:00Z')), true);
  // Still 30 June in UTC, yet 1 July in Stockholm.
  assert.equal(isOverdue(unanswered, at('2026-06-30T23:30:00Z')), true);
});

test('deadlines on the days the clocks change end at Swedish midnight', () => {
  // 25 October 2026: summer time ends at 03:00 CEST, so the day is 25 hours long and ends at 23:00 UTC.
  const autumn = { deadline: '2026-10-25', publishedAt: null };
  assert.equal(isOverdue(autumn, at('2026-10-25T22:59:59Z')), false);
  assert.equal(isOverdue(autumn, at('2026-10-25T23:00:00Z')), true);
  // 28 March 2027: summer time begins at 02:00 CET, a 23-hour day ending at 22:00 UTC.
  const spring = { deadline: '2027-03-28', publishedAt: null };
  assert.equal(isOverdue(spring, at('2027-03-28T21:59:59Z')), false);
  assert.equal(isOverdue(spring, at('2027-03-28T22:00:00Z')), true);
  // The day before it began at 23:00 UTC the evening before (still winter time).
  assert.equal(stockholmDate('2027-03-27T23:00:00Z'), '2027-03-28');
  assert.equal(stockholmDate('2027-03-27T22:59:59Z'), '2027-03-27');
});

test('the rule does not depend on the time zone of the machine', () => {
  const script = `import('./src/domain/answers.ts').then((m) => process.stdout.write(JSON.stringify([
    m.isOverdue({ deadline: '2026-06-30', publishedAt: null }, new Date('2026-06-30T22:00:00Z')),
    m.isOverdue({ deadline: '2026-06-30', publishedAt: null }, new Date('2026-06-30T21:59:00Z')),
    m.stockholmDate('2026-12-31T23:30:00Z'),
  ])))`;
  for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Stockholm']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), [true, false, '2027-01-01'], zone);
  }
});

test('published answers are on time or late by the Swedish day of their first publication', () => {
  const now = at('2027-02-01T12:00:00Z');
  assert.equal(
    answerTimeliness({ deadline: '2026-12-15', publishedAt: '2026-12-15T22:30:00Z' }, now),
    'on_time',
  );
  assert.equal(
    answerTimeliness({ deadline: '2026-12-15', publishedAt: '2026-12-15T23:00:00Z' }, now),
    'late',
  );
  assert.equal(answeredLate({ deadline: '2026-12-15', publishedAt: '2027-01-10T09:00:00Z' }, now), true);
  assert.equal(isOverdue({ deadline: '2026-12-15', publishedAt: '2027-01-10T09:00:00Z' }, now), false);
  // Seen before its publication, an answer published later was still overdue.
  assert.equal(
    answerTimeliness(
      { deadline: '2026-12-15', publishedAt: '2027-01-10T09:00:00Z' },
      at('2027-01-01T00:00:00Z'),
    ),
    'overdue',
  );
  // No deadline set: never overdue.
  assert.equal(answerTimeliness({ deadline: null, publishedAt: null }, now), 'waiting');
});

test('reminders: 14 and 3 days before, then on the first day overdue and weekly', () => {
  const deadline = '2026-12-15';
  const on = (day: string) => reminderPoint(deadline, at(`${day}T10:00:00Z`));
  assert.equal(on('2026-11-30'), null);
  assert.equal(on('2026-12-01'), -14);
  assert.equal(on('2026-12-11'), -14);
  assert.equal(on('2026-12-12'), -3);
  assert.equal(on('2026-12-15'), -3);
  assert.equal(on('2026-12-16'), 1);
  assert.equal(on('2026-12-22'), 1);
  assert.equal(on('2026-12-23'), 8);
  assert.equal(on('2026-12-30'), 15);
  // Swedish midnight, not UTC midnight, starts a reminder day.
  assert.equal(reminderPoint(deadline, at('2026-11-30T23:00:00Z')), -14);
});

test('forms: deadline after handover, answers with a status and reasons, updates with a web address', () => {
  assert.deepEqual(deadlineRefusals({ handoverDate: '2026-09-01', deadline: '' }), []);
  assert.deepEqual(
    deadlineRefusals({ handoverDate: '2026-09-01', deadline: '2026-08-01' }).map((r) => r.code),
    ['answers_deadline_before_handover'],
  );
  assert.deepEqual(
    deadlineRefusals({ handoverDate: '2026-02-30', deadline: 'x' }).map((r) => r.field),
    ['handover_date', 'deadline'],
  );
  const answer = {
    status: 'accepted',
    reasons: 'Because.',
    bodyResponsible: '',
    timeline: '',
    timelineDate: '',
  };
  assert.deepEqual(answerRefusals(answer), []);
  assert.deepEqual(
    answerRefusals({ ...answer, status: 'maybe', reasons: ' ', timelineDate: '2026-13-01' }).map(
      (r) => r.field,
    ),
    ['status', 'reasons', 'timeline_date'],
  );
  assert.equal(answerRefusals({ ...answer, reasons: 'x'.repeat(8001) })[0].code, 'too_long');
  const update = { onDate: '2027-01-10', stage: 'started', progress: '', text: 'Begun.', evidenceUrl: '' };
  assert.deepEqual(updateRefusals(update), []);
  assert.deepEqual(updateRefusals({ ...update, stage: '', progress: '40' }), []);
  assert.equal(updateRefusals({ ...update, stage: '', progress: '' })[0].code, 'answers_stage_or_progress');
  assert.equal(updateRefusals({ ...update, progress: '101' })[0].code, 'answers_progress_invalid');
  for (const bad of ['javascript:alert(1)', 'ftp://x.se/a', 'www.x.se', 'https://x.se/a b'])
    assert.equal(updateRefusals({ ...update, evidenceUrl: bad })[0]?.code, 'answers_url_invalid', bad);
  assert.equal(isWebAddress('https://www.regeringen.se/beslut?id=1'), true);
  assert.equal(webHost('https://www.regeringen.se/beslut?id=1'), 'www.regeringen.se');
  assert.equal(webHost('javascript:alert(1)'), '');
});
