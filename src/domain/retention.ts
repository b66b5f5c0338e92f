/**
 * How long Lotta keeps what it only needs for a while (GDPR art. 5(1)(e), storage limitation). The
 * hourly retention job (src/commands/retention.ts) deletes what has run out; docs/platform.md
 * (Privacy by design) and docs/deployment.md list the same periods.
 */
const hour = 3_600_000;
const day = 24 * hour;

export const retentionPeriods = {
  /** How often the retention job runs. */
  runEveryMillis: hour,
  /** A staged import upload (the spreadsheet between upload, preview and commit). */
  stagedUploadMillis: day,
  /**
   * An uploaded file that no record names (an evidence file or receipt whose upload was cut off by a
   * crash before its command ran): deleted once it has lain this long, far longer than any upload.
   */
  orphanFileMillis: day,
  /**
   * Rate-limit hits: longer than the longest limiter's window (15 minutes), so deleting them never
   * lets an attempt through early.
   */
  rateLimitHitMillis: hour,
  /** The file a job made (letter PDFs, report PDFs), counted from the job's end. */
  jobFileMillis: 30 * day,
  /** The row of a housekeeping job (sending e-mail, retention itself), counted from its end. */
  housekeepingJobMillis: 30 * day,
  /**
   * A message that has ended (sent, printed, cancelled, failed): its address and any parameters left
   * are blanked this long after its last change; the row (template, channel, status, times) stays.
   * A sent or printed message's parameters (the text's content) are blanked at once when it goes out.
   */
  endedMessageMillis: 90 * day,
  /**
   * A submission from the public: the sender's name, organisation and e-mail are blanked this long
   * after it was accepted or rejected (or after it was sent, if nobody has reviewed it by then). The
   * text stays; a name the sender agreed to publish stays with the accepted item in the library.
   */
  submissionSenderMillis: 90 * day,
  /**
   * The receipt of an expense claim that was not approved: deleted (and the claim's description
   * blanked) this long after the decision, time enough for the member to ask about it. The amounts
   * stay.
   */
  rejectedReceiptMillis: 90 * day,
} as const;

/**
 * The receipt of a paid claim is the assembly's accounting voucher: Bokföringslagen (7 kap. 2 §)
 * keeps it until the end of the seventh year after the year it was paid in. Returns the instant
 * before which a payment's receipt may go: the first of January seven years before `at`'s year.
 */
export function paidReceiptsBefore(at: Date): string {
  return `${at.getUTCFullYear() - 7}-01-01T00:00:00.000Z`;
}

/** The kinds of job whose rows are housekeeping, not a record of work someone asked for. */
export const housekeepingJobKinds = ['send-mail', 'retention', 'answer-reminders'] as const;
