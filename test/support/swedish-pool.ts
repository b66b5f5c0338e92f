/**
 * Pools shaped like a Swedish municipality's volunteers for the point targets in the shared data
 * (`swedish-point-targets/criteria.json.example`): each person's value per feature is drawn in
 * proportion to its target, tilted by a seeded random factor per value unless `untilted`, so that
 * some groups are over- and others under-represented, as among real volunteers.
 */
import { readTargets } from '../../src/io/quotas.ts';
import type { SelectionInput } from '../../src/sortition/model.ts';
import { createRandom } from '../../src/sortition/random.ts';
import { sharedData } from './shared-data.ts';

export async function swedishStylePool(options: {
  people: number;
  panelSize: number;
  seed: string;
  untilted?: boolean;
}): Promise<SelectionInput> {
  const { targets } = await readTargets(
    sharedData('sortition', 'swedish-point-targets/criteria.json.example'),
    {
      panelSize: options.panelSize,
    },
  );
  if (targets.kind !== 'points') throw new Error('point targets expected');
  const random = createRandom(options.seed);
  const people = Array.from({ length: options.people }, (_, i) => ({
    id: `v${i}`,
    features: Object.fromEntries(
      targets.features.map((f) => {
        const tilted = f.values.map((v) => v.target * (options.untilted ? 1 : 0.5 + random.next()));
        let u = random.next() * tilted.reduce((a, b) => a + b, 0);
        let index = 0;
        while (index < tilted.length - 1 && u > tilted[index]) u -= tilted[index++];
        return [f.feature, f.values[index].value];
      }),
    ),
  }));
  return { people, targets, panelSize: options.panelSize };
}
