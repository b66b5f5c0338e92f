/**
 * The final report as a read model: what its content is built from, gathered from the repositories
 * of every phase (the assembly, the representativeness report and its public draws, the programme
 * with attendance, experts, evidence, members' requests, working groups and recommendations); and
 * what its page shows (the version asked for, the list of all versions, the logo) and downloads.
 */

import { sessionHours } from '../domain/programme.ts';
import { type Language, languages } from '../i18n/i18n.ts';
import type { FinalReportSources, VoteResult } from '../report/final-report.ts';
import type { MinorityStatement } from '../report/final-report-schema.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { listConfirmedMembers } from '../repositories/attendance.ts';
import { listEvidence, listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type AssemblyLogo,
  type FinalReportVersion,
  type FinalReportVersionWithContent,
  findAssemblyLogo,
  findFinalReportVersion,
  findFinalReportVersionFiles,
  listFinalReportVersions,
} from '../repositories/final-reports.ts';
import { type KeptFileContent, openKeptFile } from '../repositories/kept-files.ts';
import { listRecommendations, listWorkingGroups } from '../repositories/recommendations.ts';
import { listRequestLog } from '../repositories/requests.ts';
import { listSessions } from '../repositories/sessions.ts';
import { attendanceOverview } from './attendance.ts';
import { readReport } from './report.ts';

export type { AssemblyLogo, FinalReportVersion, FinalReportVersionWithContent };

/** What vote storage and the minority statements hand the report (wired in by their callers). */
export interface ReportDecisions {
  votes: VoteResult[];
  minorityStatements: Record<string, MinorityStatement[]>;
}

/** Sessions that took place or will: published, not cancelled, with members marked present. */
async function reportSessions(db: Executor, assemblyId: string): Promise<FinalReportSources['sessions']> {
  const [sessions, attendance] = await Promise.all([
    listSessions(db, assemblyId),
    attendanceOverview(db, assemblyId, false),
  ]);
  const present = new Map(attendance.perSession.map((p) => [p.session.id, p.counts.present]));
  return sessions
    .filter((s) => s.status === 'published')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((s) => ({
      title: s.title,
      type: s.type,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      hours: sessionHours(s),
      present: present.get(s.id) ?? null,
    }));
}

async function reportRecommendations(db: Executor, assemblyId: string) {
  const [groups, recommendations] = await Promise.all([
    listWorkingGroups(db, assemblyId),
    listRecommendations(db, assemblyId),
  ]);
  return {
    groups: groups.map((g) => ({ id: g.id, name: { sv: g.name_sv, en: g.name_en } })),
    recommendations: recommendations.map((r) => ({
      id: r.id,
      groupId: r.working_group_id,
      title: r.title,
      body: r.body,
      rationale: r.rationale,
      status: r.status,
      version: r.version,
    })),
  };
}

/**
 * Everything the final report is built from, as it stands now. `origin` is the site's address, for
 * the public pages that verify each draw; the votes and minority statements come from their callers.
 */
export async function finalReportSources(
  db: Executor,
  assembly: Assembly,
  options: { origin: string; generatedAt: string } & ReportDecisions,
): Promise<FinalReportSources> {
  const representativeness = Object.fromEntries(
    await Promise.all(
      languages.map(async (language) => [
        language,
        await readReport(db, assembly, { language, origin: options.origin }),
      ]),
    ),
  ) as FinalReportSources['representativeness'];
  const [sessions, experts, evidence, requests, drafted, members] = await Promise.all([
    reportSessions(db, assembly.id),
    listExperts(db, assembly.id),
    listEvidence(db, assembly.id),
    listRequestLog(db, assembly.id),
    reportRecommendations(db, assembly.id),
    listConfirmedMembers(db, assembly.id),
  ]);
  return {
    assembly: {
      title: assembly.title,
      remit: assembly.remit,
      commissioner: assembly.commissioner,
      startsOn: assembly.starts_on,
      endsOn: assembly.ends_on,
      panelSize: assembly.panel_size,
    },
    representativeness,
    sessions,
    experts: experts.map((e) => ({
      name: e.name,
      organisation: e.organisation,
      topic: e.topic,
      interests: e.interests,
      noneDeclared: e.none_declared,
    })),
    evidence: evidence.map((e) => ({
      title: e.title,
      source: e.source,
      publishedOn: e.published_on,
      perspective: e.perspective,
      link: e.link,
    })),
    // Oldest first, as the process ran.
    requests: [...requests].reverse(),
    ...drafted,
    votes: options.votes,
    minorityStatements: options.minorityStatements,
    eligible: members.length,
    generatedAt: options.generatedAt,
  };
}

export interface FinalReportPage {
  versions: FinalReportVersion[];
  /** The version shown: the one asked for, else the latest; null before the first is generated. */
  shown: FinalReportVersionWithContent | null;
  logo: AssemblyLogo | null;
}

/** The final report page: `number` picks an earlier version (undefined: the latest). */
export async function finalReportPage(
  db: Executor,
  assemblyId: string,
  number?: number,
): Promise<FinalReportPage | null> {
  const [versions, logo] = await Promise.all([
    listFinalReportVersions(db, assemblyId),
    findAssemblyLogo(db, assemblyId),
  ]);
  const wanted = number ?? versions[0]?.number;
  const shown = wanted === undefined ? null : await findFinalReportVersion(db, assemblyId, wanted);
  if (number !== undefined && !shown) return null;
  return { versions, shown, logo };
}

/** A version's PDF in one language, as it is downloaded; null when there is none. */
export async function finalReportDownload(
  db: Executor,
  dataDir: string,
  assemblyId: string,
  number: number,
  language: Language,
): Promise<KeptFileContent | null> {
  const version = await findFinalReportVersionFiles(db, assemblyId, number);
  const key = version?.files[language];
  return key ? openKeptFile(dataDir, 'final-reports', key) : null;
}

/** The assembly's logo as it is sent to the page's image; null when it has none. */
export async function logoDownload(
  db: Executor,
  dataDir: string,
  assemblyId: string,
): Promise<(KeptFileContent & { type: string }) | null> {
  const logo = await findAssemblyLogo(db, assemblyId);
  const file = logo ? await openKeptFile(dataDir, 'logos', logo.key) : null;
  return logo && file ? { ...file, type: logo.type } : null;
}
