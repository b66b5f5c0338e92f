/**
 * The tables as kysely sees them. Both databases store the same shapes: text ids (UUIDs), ISO-8601
 * text timestamps, 0/1 integers for booleans and JSON as text, so one query layer serves SQLite and
 * PostgreSQL without dialect branches in the repositories.
 *
 * Personal data lives only in `person_contacts` (names, contacts, address) and `person_needs`
 * (access needs can reveal health); the demographic answers used for selection live in
 * `person_answers`, keyed by the pseudonymous person id. Erasure deletes the first two and keeps the
 * rest, so earlier selection runs stay verifiable.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  /**
   * 0: the person's own password. 1: a one-time password from an administrator, not yet used.
   * 2: the one-time password opened a login, which must now choose a password; it opens no other.
   */
  must_change_password: number;
  totp_secret: string | null;
  totp_enabled: number;
  /** The TOTP time step (30-second period since 1970) of the last code used; an older or equal one is refused. */
  totp_last_step: number | null;
  language: string;
  created_at: string;
  disabled_at: string | null;
}

export interface LoginsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live logins. */
  id: string;
  account_id: string | null;
  /** Set for an assembly member who came in through their personal link. */
  person_id: string | null;
  /** 1 while a staff member with two-factor login has given the password but not yet the code. */
  pending_totp: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AssembliesTable {
  id: string;
  slug: string;
  /** JSON: { [language]: text }. */
  title: string;
  /** JSON: { [language]: text }, the question the assembly answers. */
  remit: string;
  commissioner: string;
  funding_source: string;
  coordinator: string;
  panel_size: number;
  /** JSON array of language codes, e.g. ["sv","en"]. */
  languages: string;
  starts_on: string | null;
  ends_on: string | null;
  current_phase: string;
  registration_open: number;
  /** 1 while the public form for written submissions takes new ones (migration 0024). */
  submissions_open: Generated<number>;
  /** JSON: the privacy notice's settings (see domain/privacy-notice.ts); '{}' means the standard text. */
  privacy: Generated<string>;
  /** The hours of meeting the programme is planned to have; null until the organisers say. */
  planned_hours: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: string;
  updated_at: string;
}

export interface AssemblyRolesTable {
  assembly_id: string;
  account_id: string;
  role: string;
  granted_at: string;
}

export interface QuestionsTable {
  id: string;
  assembly_id: string;
  /** The feature name used by quotas, e.g. "gender". */
  key: string;
  /** JSON: { [language]: text }. */
  label: string;
  /** JSON: [{ value, label: { [language]: text } }]. */
  options: string;
  position: number;
}

export interface PeopleTable {
  /** The pseudonymous id: it appears in selection runs and survives erasure. */
  id: string;
  assembly_id: string;
  /** Short public reference, e.g. "P-00042", unique within an assembly. */
  reference: string;
  source: string;
  /** Key of the imported row (hash of the source id) so that re-importing does not duplicate. */
  external_key: string | null;
  invitation_id: string | null;
  status: string;
  status_changed_at: string;
  /** SHA-256 of the member's personal-link token. */
  member_token_hash: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface PersonContactsTable {
  person_id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  preferred_language: string | null;
  /** Lower-cased name, e-mail and phone: SQLite's lower() and LIKE fold only ASCII, so Åsa must be folded here. */
  search_text: string;
}

export interface PersonNeedsTable {
  person_id: string;
  /** JSON array of need codes (interpretation, sign_language, ...). */
  needs: string;
  /** Free text the person wrote about their needs. */
  details: string | null;
}

export interface PersonAnswersTable {
  person_id: string;
  question_key: string;
  value: string;
}

export interface ConsentsTable {
  id: string;
  person_id: string;
  kind: string;
  given_at: string;
  withdrawn_at: string | null;
}

export interface StatusHistoryTable {
  id: Generated<number>;
  person_id: string;
  from_status: string | null;
  to_status: string;
  changed_at: string;
  /** Account id, or "self" (the person), or "system". */
  changed_by: string;
  comment: string | null;
}

export interface InvitationsTable {
  id: string;
  assembly_id: string;
  code: string;
  created_at: string;
  used_at: string | null;
  /** The invitation draw that made this letter; null for codes made by hand. */
  draw_id: string | null;
  /** The stratum (e.g. municipality) the letter went to, for response tracking. */
  stratum: string | null;
  /** Line of the register extract the recipient came from. */
  register_row: number | null;
}

export interface RegistersTable {
  id: string;
  assembly_id: string;
  file_name: string;
  file_sha256: string;
  stored_as: string | null;
  rows: number;
  /** JSON array of the extract's column names. */
  columns: string;
  created_at: string;
  created_by: string;
}

export interface InvitationDrawsTable {
  id: string;
  assembly_id: string;
  register_id: string | null;
  seed: string;
  requested: number;
  drawn: number;
  /** JSON: household columns, stratify column, weights, per-stratum allocation. */
  settings: string;
  result_sha256: string;
  created_at: string;
  created_by: string;
}

/** A letter's recipient: personal data from the register, apart from the invitation; erasable. */
export interface InvitationRecipientsTable {
  invitation_id: string;
  /** JSON: the register row's columns. */
  fields: string;
  language: string | null;
}

export interface TargetsTable {
  assembly_id: string;
  kind: string;
  definition: string;
  population: string;
  updated_at: string;
  updated_by: string;
  /** Point targets: extra weighted deviation a selection run allows above the smallest (0033). */
  point_tolerance: Generated<number>;
}

export interface SelectionRunsTable {
  id: string;
  assembly_id: string;
  kind: string;
  status: string;
  settings: string;
  engine_version: string;
  result: string | null;
  progress: string | null;
  error: string | null;
  cancel_requested: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  created_by: string;
}

export interface JobsTable {
  id: string;
  assembly_id: string | null;
  kind: string;
  status: string;
  input: string;
  progress: number | null;
  stage: string | null;
  cancel_requested: Generated<number>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  result: string | null;
  error: string | null;
  created_at: string;
  run_after: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  locked_by: string | null;
  dedupe_key: string | null;
  /** At most one queued job per key (0013): the send-mail and retention jobs. */
  job_key: string | null;
}

export interface PublicDrawsTable {
  id: string;
  assembly_id: string;
  run_id: string;
  kind: string;
  commitment: string;
  published_at: string;
  randomness_plan: string;
  seed: string | null;
  drawn_at: string | null;
  transcript: string | null;
  created_by: string;
}

export interface CallOutcomesTable {
  id: Generated<number>;
  person_id: string;
  outcome: string;
  comment: string | null;
  at: string;
  by: string;
}

export interface ReplacementsTable {
  id: Generated<number>;
  assembly_id: string;
  run_id: string;
  replaced_person_id: string;
  replacement_person_id: string;
  effect: string;
  at: string;
  by: string;
}

export interface ImportsTable {
  id: string;
  assembly_id: string;
  file_name: string;
  file_sha256: string;
  rows_added: number;
  rows_unchanged: number;
  created_at: string;
  created_by: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  assembly_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON with ids and counts only: never names or contact details. */
  details: string;
}

/** The organiser's letter for one language; placeholders `{{column}}` name register columns. */
export interface LetterTemplatesTable {
  assembly_id: string;
  language: string;
  subject: string;
  /** The recipient's address block, with placeholders. */
  address: string;
  body: string;
  signature: string;
  updated_at: string;
  updated_by: string;
}

/** An assembly's evidence item (migration 0016); texts empty rather than null when not given. */
export interface EvidenceItemsTable {
  id: string;
  assembly_id: string;
  title: string;
  summary: string;
  source: string;
  /** A calendar date, YYYY-MM-DD. */
  published_on: string | null;
  perspective: string;
  language: string;
  easy_read: string;
  /** An http(s) address. */
  link: string | null;
  /** The attached file's name in the data folder's `evidence/` (src/repositories/evidence-files.ts). */
  file_key: string | null;
  /** The file's name as uploaded, cleaned of paths and control characters. */
  file_name: string | null;
  /** Its media type, as read from its first bytes. */
  file_type: string | null;
  file_size: number | null;
  created_at: string;
  updated_at: string;
  /** 'staff', or 'public' for a submission from the public accepted into the library (migration 0020). */
  origin: Generated<string>;
}

/** An expert or speaker of an assembly (migration 0016). */
export interface ExpertsTable {
  id: string;
  assembly_id: string;
  name: string;
  organisation: string;
  topic: string;
  interests: string;
  /** 1 when the expert declared having no interests. */
  none_declared: number;
  /** Personal data: shown to organisers only. */
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface OutboxMessagesTable {
  id: string;
  /** Null for mail about a staff account, which belongs to no assembly. */
  assembly_id: string | null;
  /** 'account' or 'person'. */
  recipient_kind: string;
  recipient_id: string;
  /** 'email', 'letter' or 'sms'. */
  channel: string;
  /** E-mail address or phone number (personal data: blanked when the person is erased); null for letters. */
  address: string | null;
  language: string;
  /** The message's key in the `mail` catalogue, e.g. 'registration_receipt'. */
  template: string;
  /** JSON parameters for the template; '{}' once the message is sent, printed or cancelled. */
  parameters: Generated<string>;
  /** queued, sending, sent, failed, cancelled or printed. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** While 'sending': when the claim lapses if the sender died mid-send. */
  claimed_until: string | null;
  /** Why the last attempt failed, without personal data (an SMTP code and reply). */
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface PasswordLinksTable {
  /** SHA-256 of the link's token: a stolen database yields no working links. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One counted attempt; see `src/repositories/rate-limits.ts`. */
export interface RateLimitHitsTable {
  id: Generated<number>;
  bucket: string;
  /** HMAC of the client's key (an address, an e-mail): never the plain value. */
  key_hash: string;
  /** Milliseconds since the epoch (PostgreSQL returns the bigint as a string). */
  at: ColumnType<string | number, number, number>;
}

/** One meeting of an assembly (see domain/programme.ts); times are UTC instants. */
export interface AssemblySessionsTable {
  id: string;
  assembly_id: string;
  title_sv: string;
  title_en: string;
  /** learning, deliberation, decision or social. */
  session_type: string;
  starts_at: string;
  ends_at: string;
  address: string;
  room: string;
  accessibility: string;
  directions: string;
  /** http(s) address of the online meeting, or ''. */
  online_link: string;
  /** JSON array of { time, title, speaker }. */
  agenda: Generated<string>;
  /** draft, published or cancelled. */
  status: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  /** What to bring and what it is about, in plain language (0019). */
  bring_sv: Generated<string>;
  bring_en: Generated<string>;
  about_sv: Generated<string>;
  about_en: Generated<string>;
}

/** An evidence item a session presents (0019). */
export interface SessionEvidenceTable {
  session_id: string;
  evidence_id: string;
  assembly_id: string;
}

/** An expert who presents at a session (0019). */
export interface SessionExpertsTable {
  session_id: string;
  expert_id: string;
  assembly_id: string;
}

/** A change to a published session that members were told of (0019). */
export interface SessionChangesTable {
  id: string;
  session_id: string;
  assembly_id: string;
  /** moved or cancelled. */
  kind: string;
  time_changed: Generated<number>;
  place_changed: Generated<number>;
  /** JSON: { startsAt, endsAt, address, room, onlineLink } before the change. */
  previous: string;
  changed_at: string;
  changed_by: string;
}

export interface SessionAttendanceTable {
  session_id: string;
  person_id: string;
  assembly_id: string;
  /** present, absent or excused. */
  status: string;
  /** When she came late (UTC instant), else null. */
  arrived_at: string | null;
  /** When she left early (UTC instant), else null. */
  left_at: string | null;
  reason: Generated<string>;
  /** door, table or office. */
  method: string;
  marked_at: string;
  marked_by: string;
}

/** A deliberation session's seating plan (migration 0021); JSON columns decoded in repositories/seating.ts. */
export interface SeatingPlansTable {
  session_id: string;
  assembly_id: string;
  settings: string;
  rounds: string;
  report: string | null;
  locked_rounds: Generated<number>;
  pending_job_id: string | null;
  version: Generated<number>;
  updated_at: string;
}

/** One version of a seating plan: computed, recomputed, moved or late (migration 0021). */
export interface SeatingVersionsTable {
  session_id: string;
  version: number;
  assembly_id: string;
  reason: string;
  rounds: string;
  details: string;
  made_by: string;
  made_at: string;
}

/** An organiser's hard rule for a session's tables: a pair kept apart or a fixed seat (migration 0023). */
export interface SeatingRulesTable {
  id: string;
  session_id: string;
  assembly_id: string;
  kind: string;
  person_id: string;
  other_id: string | null;
  round: number | null;
  table_number: number | null;
  made_by: string;
  made_at: string;
}

/** A member's question for information or a speaker (migration 0020). */
export interface MemberRequestsTable {
  id: string;
  assembly_id: string;
  person_id: string;
  /** information or speaker. */
  kind: string;
  question: string;
  session_id: string | null;
  /** The staff account that asked on her behalf; null when she asked herself. */
  asked_by: string | null;
  /** open, answered or declined. */
  status: string;
  /** The answer, or the reason it was declined. */
  answer: Generated<string>;
  evidence_item_id: string | null;
  created_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

/** A working group of the panel (migration 0025). */
export interface WorkingGroupsTable {
  id: string;
  assembly_id: string;
  name_sv: string;
  name_en: string;
  facilitator_id: string | null;
  created_at: string;
}

/** A confirmed member in a working group (migration 0025). */
export interface WorkingGroupMembersTable {
  working_group_id: string;
  person_id: string;
}

/** A working group's recommendation, its latest version (migration 0025). */
export interface RecommendationsTable {
  id: string;
  assembly_id: string;
  working_group_id: string;
  title: string;
  /** Plain paragraphs separated by blank lines. */
  body: string;
  rationale: string;
  /** draft, plenary, adopted, not_adopted or withdrawn. */
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Every saved version of a recommendation, whole (migration 0025). */
export interface RecommendationVersionsTable {
  recommendation_id: string;
  number: number;
  title: string;
  body: string;
  rationale: string;
  saved_by: string;
  saved_at: string;
}

/** A generated version of the final report, kept for good (migration 0028). */
export interface FinalReportVersionsTable {
  id: string;
  assembly_id: string;
  number: number;
  /** JSON array of language codes. */
  languages: string;
  created_at: string;
  created_by: string;
  /** JSON: { [language]: key of its PDF in the data folder's final-reports/ }. */
  files: string;
  /** JSON: { [language]: the report's content }. */
  content: string;
}

/** An assembly's logo, printed on its final report (migration 0028). */
export interface AssemblyLogosTable {
  assembly_id: string;
  file_key: string;
  file_type: string;
  file_size: number;
  description: string;
  uploaded_at: string;
  uploaded_by: string;
}

/** A proposed change to a passage of a recommendation (migration 0025). */
export interface AmendmentsTable {
  id: string;
  recommendation_id: string;
  person_id: string | null;
  proposed_by: string | null;
  passage: string;
  replacement: string;
  reason: string;
  base_version: number;
  /** open, accepted, rejected, merged or plenary. */
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

/** A member's minority statement to a recommendation (migration 0027). */
export interface MinorityStatementsTable {
  id: string;
  assembly_id: string;
  recommendation_id: string;
  person_id: string | null;
  /** Plain paragraphs separated by blank lines. */
  text: string;
  /** The staff account that typed it for her; null when she wrote it herself. */
  written_by: string | null;
  created_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** A member's signature under a minority statement (migration 0027). */
export interface MinorityStatementSignaturesTable {
  statement_id: string;
  person_id: string;
  signed_at: string;
  /** The staff account that recorded it for her; null when she signed herself. */
  recorded_by: string | null;
}

/** A questionnaire opened for members or the team (migration 0031). */
export interface QuestionnairesTable {
  id: string;
  assembly_id: string;
  /** session, final or organiser (src/domain/evaluation.ts). */
  kind: string;
  session_id: string | null;
  /** How many were given the right to answer when it opened. */
  invited: number;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** The one-time right to answer (migration 0031): deleted with the answer stored, never linked to it. */
export interface QuestionnaireTokensTable {
  token_hash: string;
  questionnaire_id: string;
  person_id: string | null;
  account_id: string | null;
}

/** An anonymous answer (migration 0031): no person, no token, the day only, a random id. */
export interface QuestionnaireAnswersTable {
  id: string;
  questionnaire_id: string;
  /** YYYY-MM-DD, Swedish calendar day. */
  answered_on: string;
  comment: string | null;
}

/** One statement of an anonymous answer: 1–5, or null for "don't know" (migration 0031). */
export interface QuestionnaireAnswerLevelsTable {
  answer_id: string;
  statement: string;
  level: number | null;
}

/** The evaluator's report (migration 0031); `sections` is JSON, decoded in its repository. */
export interface EvaluationReportsTable {
  assembly_id: string;
  sections: string;
  updated_at: string;
  updated_by: string;
}

/** An assembly's public page: published or not, its licence and public-only facts (migration 0030). */
export interface PublicPagesTable {
  assembly_id: string;
  /** Set while the page is public. */
  published_at: string | null;
  /** cc-by-4.0, cc0-1.0 or cc-by-sa-4.0. */
  licence: string;
  /** Whole kronor; null when not given. */
  funding_amount: number | null;
  /** One member a line: "Name, affiliation". */
  advisory_board: Generated<string>;
  /** How the members were selected, in the organisers' words; '' for the standard description. */
  selection_method: Generated<string>;
  /** JSON array of the section keys left out. */
  hidden_sections: Generated<string>;
  updated_at: string;
  updated_by: string;
}

/** A section of the public page shown or taken off (migration 0030). */
export interface PublicPageEventsTable {
  id: string;
  assembly_id: string;
  section: string;
  /** published or withdrawn. */
  action: string;
  at: string;
  actor_id: string;
}

/** A submission sent in by the public (migration 0020); the sender's data is blanked by retention. */
export interface PublicSubmissionsTable {
  id: string;
  assembly_id: string;
  title: string;
  body: string;
  link: string | null;
  sender_name: string | null;
  sender_organisation: string | null;
  sender_email: string | null;
  /** 1 when the sender agreed to the name being published. */
  publish_name: Generated<number>;
  /** pending, accepted or rejected. */
  status: string;
  reason: Generated<string>;
  evidence_item_id: string | null;
  created_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  sender_erased_at: string | null;
}

export interface ExpenseRulesTable {
  assembly_id: string;
  /** none, session or hour. */
  stipend_basis: string;
  stipend_ore: number;
  /** The limit per claim of each kind; null when it is not reimbursed. */
  travel_limit_ore: number | null;
  overnight_limit_ore: number | null;
  childcare_limit_ore: number | null;
  care_limit_ore: number | null;
  assistant_limit_ore: number | null;
  updated_at: string;
}

export interface ExpenseClaimsTable {
  id: string;
  assembly_id: string;
  person_id: string;
  session_id: string;
  kind: string;
  amount_ore: number;
  description: string;
  receipt_key: string | null;
  receipt_name: string | null;
  receipt_type: string | null;
  receipt_size: number | null;
  /** submitted, approved, rejected or paid. */
  status: string;
  approved_ore: number | null;
  reason: Generated<string>;
  /** 'self', or the staff account that claimed on her behalf. */
  submitted_by: string;
  submitted_at: string;
  decided_at: string | null;
  paid_at: string | null;
  erased_at: string | null;
}

export interface StipendPayoutsTable {
  id: string;
  assembly_id: string;
  person_id: string;
  amount_ore: number;
  paid_at: string;
  paid_by: string;
}

/** A vote (migration 0026); settings and frozen_tally are JSON decoded in repositories/votes.ts. */
export interface VotesTable {
  id: string;
  assembly_id: string;
  /** recommendation, amendment or procedure. */
  subject: string;
  recommendation_id: string | null;
  amendment_id: string | null;
  question: string;
  session_id: string | null;
  online: number;
  settings: string;
  duration_minutes: number;
  opens_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  eligible_count: number | null;
  present_count: number | null;
  frozen_tally: string | null;
  ballots_hash: string | null;
  created_by: string;
  created_at: string;
}

/** One member's ballot in one vote (migration 0026). cast_at is milliseconds (a string from PostgreSQL). */
export interface BallotsTable {
  vote_id: string;
  person_id: string;
  choice: string;
  reason: string | null;
  level: number | null;
  channel: string;
  cast_at: ColumnType<string | number, number, number>;
  receipt: string;
  recorded_by: string | null;
  changes: number;
}

/** A stack of paper ballots collected in the room (migration 0026). */
export interface PaperStacksTable {
  id: string;
  vote_id: string;
  label: string;
  collected_at: ColumnType<string | number, number, number>;
  created_by: string;
  created_at: string;
  counted_at: string | null;
}

/** One typing of a paper stack (round 1 or 2); lines is JSON. */
export interface PaperEntriesTable {
  stack_id: string;
  round: number;
  lines: string;
  typed_by: string;
  typed_at: string;
}

/** The code on a member's name card that the table's tablet asks for (migration 0026). */
export interface CardCodesTable {
  person_id: string;
  assembly_id: string;
  code: string;
  created_at: string;
}

/** A category of an assembly's personal data held from erasure, with the reason (migration 0032). */
export interface RetentionHoldsTable {
  assembly_id: string;
  category: string;
  reason: string;
  held_by: string;
  held_at: string;
}

/** One erasure the retention job carried out (migration 0032). */
export interface RetentionLogTable {
  id: string;
  assembly_id: string;
  category: string;
  at: string;
  erased: number;
}

/** An assembly's handover date and the deadline for answers (migration 0029); dates YYYY-MM-DD. */
export interface AnswerDeadlinesTable {
  assembly_id: string;
  handover_date: string;
  deadline: string;
  updated_at: string;
  updated_by: string;
}

/** The answer to an adopted recommendation, its working draft (migration 0029). */
export interface AnswersTable {
  id: string;
  assembly_id: string;
  recommendation_id: string;
  /** accepted, partly_accepted, not_accepted or under_consideration. */
  status: string;
  reasons: string;
  body_responsible: string;
  timeline: string;
  timeline_date: string | null;
  updated_at: string;
  updated_by: string;
  /** The first publication; null while only a draft. */
  published_at: string | null;
  /** The latest published version's number; 0 while only a draft. */
  published_version: number;
}

/** Each publication of an answer, whole (migration 0029). */
export interface AnswerVersionsTable {
  answer_id: string;
  number: number;
  status: string;
  reasons: string;
  body_responsible: string;
  timeline: string;
  timeline_date: string | null;
  published_at: string;
  published_by: string;
}

/** A report on a recommendation's implementation, published when written (migration 0029). */
export interface ImplementationUpdatesTable {
  id: string;
  assembly_id: string;
  recommendation_id: string;
  on_date: string;
  stage: string | null;
  progress: number | null;
  text: string;
  evidence_url: string;
  created_at: string;
  created_by: string;
}

/** A reminder about the deadline already sent (migration 0029). */
export interface AnswerRemindersTable {
  assembly_id: string;
  offset_days: number;
  deadline: string;
  sent_at: string;
}

export interface Schema {
  settings: SettingsTable;
  accounts: AccountsTable;
  logins: LoginsTable;
  assemblies: AssembliesTable;
  assembly_roles: AssemblyRolesTable;
  questions: QuestionsTable;
  people: PeopleTable;
  person_contacts: PersonContactsTable;
  person_needs: PersonNeedsTable;
  person_answers: PersonAnswersTable;
  consents: ConsentsTable;
  status_history: StatusHistoryTable;
  invitations: InvitationsTable;
  imports: ImportsTable;
  audit_events: AuditEventsTable;
  registers: RegistersTable;
  invitation_draws: InvitationDrawsTable;
  invitation_recipients: InvitationRecipientsTable;
  targets: TargetsTable;
  selection_runs: SelectionRunsTable;
  public_draws: PublicDrawsTable;
  call_outcomes: CallOutcomesTable;
  replacements: ReplacementsTable;
  letter_templates: LetterTemplatesTable;
  jobs: JobsTable;
  outbox_messages: OutboxMessagesTable;
  assembly_sessions: AssemblySessionsTable;
  evidence_items: EvidenceItemsTable;
  experts: ExpertsTable;
  session_attendance: SessionAttendanceTable;
  seating_plans: SeatingPlansTable;
  seating_versions: SeatingVersionsTable;
  seating_rules: SeatingRulesTable;
  member_requests: MemberRequestsTable;
  public_submissions: PublicSubmissionsTable;
  working_groups: WorkingGroupsTable;
  working_group_members: WorkingGroupMembersTable;
  recommendations: RecommendationsTable;
  recommendation_versions: RecommendationVersionsTable;
  amendments: AmendmentsTable;
  minority_statements: MinorityStatementsTable;
  minority_statement_signatures: MinorityStatementSignaturesTable;
  questionnaires: QuestionnairesTable;
  questionnaire_tokens: QuestionnaireTokensTable;
  questionnaire_answers: QuestionnaireAnswersTable;
  questionnaire_answer_levels: QuestionnaireAnswerLevelsTable;
  evaluation_reports: EvaluationReportsTable;
  public_pages: PublicPagesTable;
  public_page_events: PublicPageEventsTable;
  final_report_versions: FinalReportVersionsTable;
  assembly_logos: AssemblyLogosTable;
  expense_rules: ExpenseRulesTable;
  expense_claims: ExpenseClaimsTable;
  stipend_payouts: StipendPayoutsTable;
  session_evidence: SessionEvidenceTable;
  session_experts: SessionExpertsTable;
  session_changes: SessionChangesTable;
  password_links: PasswordLinksTable;
  rate_limit_hits: RateLimitHitsTable;
  votes: VotesTable;
  ballots: BallotsTable;
  paper_stacks: PaperStacksTable;
  paper_entries: PaperEntriesTable;
  card_codes: CardCodesTable;
  retention_holds: RetentionHoldsTable;
  retention_log: RetentionLogTable;
  answer_deadlines: AnswerDeadlinesTable;
  answers: AnswersTable;
  answer_versions: AnswerVersionsTable;
  implementation_updates: ImplementationUpdatesTable;
  answer_reminders: AnswerRemindersTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AssemblyRow = Selectable<AssembliesTable>;
export type AssemblyUpdate = Updateable<AssembliesTable>;
export type PersonRow = Selectable<PeopleTable>;
export type ContactRow = Selectable<PersonContactsTable>;
