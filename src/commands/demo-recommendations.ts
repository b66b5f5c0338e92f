/**
 * The demo assembly's working groups and recommendations, so that a newcomer finds the
 * recommendations tab filled in: two groups of confirmed members, three recommendations (one changed
 * after its first draft, so it has two versions to compare; one sent to the plenary), and amendments
 * (one accepted, one still open) and a minority statement to the one in the plenary, signed by two
 * members, when the demo drew a panel. Made through the same commands people use. Fictional.
 */
import type { Database } from '../db/connect.ts';
import { listPeople } from '../repositories/people.ts';
import type { Actor } from './command.ts';
import { signMinorityStatement, writeMinorityStatement } from './minority-statements.ts';
import {
  changeRecommendationStatus,
  createRecommendation,
  decideOnAmendment,
  editRecommendation,
  proposeAmendment,
  saveWorkingGroup,
} from './recommendations.ts';

const system: Actor = { kind: 'system' };

export async function loadDemoRecommendations(database: Database, assemblyId: string): Promise<void> {
  const { items } = await listPeople(database.db, {
    assemblyId,
    status: 'confirmed',
    searchContacts: false,
    limit: 6,
    offset: 0,
  });
  const ids = items.map((p) => p.id);
  const group = (nameSv: string, nameEn: string, memberIds: string[]) =>
    saveWorkingGroup(database, system, assemblyId, null, { nameSv, nameEn, facilitatorId: '', memberIds });
  const transport = await group('Transporter', 'Transport', ids.slice(0, 3));
  const energy = await group('Energi och boende', 'Energy and housing', ids.slice(3));

  const lanes = await createRecommendation(database, system, assemblyId, transport, {
    title: 'Trygga cykelvägar året runt',
    body: 'Kommunen ska bygga fler cykelbanor mellan bostadsområdena och centrum.\n\nCykelbanorna ska plogas först när det snöar.',
    rationale: 'Många kan tänka sig att cykla till jobbet om vägen är trygg även på vintern.',
  });
  await editRecommendation(database, system, assemblyId, lanes, {
    title: 'Trygga cykelvägar året runt',
    body: 'Kommunen ska bygga fler upplysta och separerade cykelbanor mellan bostadsområdena och centrum.\n\nCykelbanorna ska plogas och sandas först när det snöar.',
    rationale: 'Många kan tänka sig att cykla till jobbet om vägen är trygg även på vintern och i mörker.',
  });
  const buses = await createRecommendation(database, system, assemblyId, transport, {
    title: 'Tätare busstrafik på kvällarna',
    body: 'Busslinjerna till ytterområdena ska gå minst två gånger i timmen fram till midnatt.',
    rationale: 'Den som arbetar kväll ska inte behöva bil.',
  });
  await changeRecommendationStatus(database, system, assemblyId, buses, 'plenary');
  const solar = await createRecommendation(database, system, assemblyId, energy, {
    title: 'Solceller på kommunens tak',
    body: 'Kommunen ska sätta solceller på alla skolor och förskolor senast 2030.',
    rationale: 'Taken står tomma och el behövs mest på dagen, när skolorna är öppna.',
  });
  if (ids.length === 0) return;
  const amend = (recommendationId: string, passage: string, replacement: string, reason: string) =>
    proposeAmendment(database, system, assemblyId, recommendationId, {
      personId: ids[0],
      passage,
      replacement,
      reason,
    });
  const accepted = await amend(
    solar,
    'alla skolor och förskolor',
    'alla skolor, förskolor och idrottshallar',
    'Idrottshallarna har de största taken.',
  );
  await decideOnAmendment(database, system, assemblyId, solar, accepted, 'accepted');
  await amend(
    buses,
    'fram till midnatt',
    'fram till klockan ett',
    'Många pass på sjukhuset slutar halv ett.',
  );
  if (ids.length < 2) return;
  // Two members of the other group who would rather see the money go to bus fares.
  const [author, signer] = ids.slice(-2);
  const statement = await writeMinorityStatement(database, system, assemblyId, buses, {
    personId: author,
    text: 'Vi tycker att pengarna hellre ska gå till lägre biljettpriser.\n\nTäta turer hjälper inte den som inte har råd med biljetten.',
  });
  await signMinorityStatement(database, system, assemblyId, buses, statement, signer);
}
