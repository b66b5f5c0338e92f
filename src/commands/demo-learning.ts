/**
 * The demo assembly's learning material, so that a newcomer finds the evidence library and the
 * experts filled in: items from several perspectives (one with an easy-read version), and experts
 * with declared interests and without. Made through the same commands an organiser uses, so each
 * item is in the audit log as Lotta's own. Fictional throughout; links point to example.se.
 */
import type { Database } from '../db/connect.ts';
import type { EvidenceInput, ExpertInput } from '../domain/evidence.ts';
import type { Actor } from './command.ts';
import { createEvidence, createExpert } from './evidence.ts';

const system: Actor = { kind: 'system' };

const items: EvidenceInput[] = [
  {
    title: 'Sveriges klimatmål i korthet',
    summary:
      'Vad riksdagen har beslutat: netto noll utsläpp av växthusgaser år 2045, och etappmålen på vägen.',
    source: 'Demo: Naturvårdsverket',
    publishedOn: '2026-09-15',
    perspective: 'Myndighet',
    language: 'sv',
    easyRead:
      'Sverige ska släppa ut mycket mindre gaser som värmer jorden. År 2045 ska utsläppen vara nästan noll.',
    link: 'https://example.se/demo/klimatmal.pdf',
  },
  {
    title: 'Koldioxidskatt och hushållens ekonomi',
    summary:
      'Hur en högre skatt på bensin och diesel slår mot hushåll i stad och på landsbygd, och hur pengarna kan lämnas tillbaka.',
    source: 'Demo: Nationalekonomiska institutet',
    publishedOn: '2026-05-02',
    perspective: 'Forskning',
    language: 'sv',
    easyRead: '',
    link: 'https://example.se/demo/koldioxidskatt',
  },
  {
    title: 'Rural voices on the energy transition',
    summary:
      'Interviews with farmers, hauliers and commuters in northern Sweden about what the transition costs them.',
    source: 'Demo: Landsbygdsnätverket',
    publishedOn: '',
    perspective: 'Civil society',
    language: 'en',
    easyRead: '',
    link: 'https://example.se/demo/rural-voices',
  },
];

const experts: ExpertInput[] = [
  {
    name: 'Demo: Dr. Helena Ström',
    organisation: 'Demo: Klimatinstitutet',
    topic: 'Utsläppsscenarier fram till 2045',
    interests: 'Forskningsanslag från Energimyndigheten 2024–2026.',
    noneDeclared: false,
    email: 'helena.strom@example.se',
  },
  {
    name: 'Demo: Omar Lindqvist',
    organisation: 'Demo: Åkeriförbundet',
    topic: 'Transporter på landsbygden',
    interests: '',
    noneDeclared: true,
    email: '',
  },
];

/** Adds the material to the demo assembly; files are not part of the demo, links stand in for them. */
export async function loadDemoLearningMaterial(database: Database, assemblyId: string): Promise<void> {
  const noFiles = { dataDir: '', file: null, maxBytes: 0 };
  for (const item of items) await createEvidence(database, noFiles, system, assemblyId, item);
  for (const expert of experts) await createExpert(database, system, assemblyId, expert);
}
