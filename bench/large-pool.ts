/**
 * One run over a large registration pool (issue 8: about 20,000 registered people, 60 seats, a
 * lottery of 1,000 panels), in its own process so that its peak memory is its own. Started by
 * bench/run.ts; prints one JSON line.
 *
 *   node --import tsx bench/large-pool.ts cli   the command line: `lotta select … --panels 1000`
 *                                               on the seeded largeAssembly pool (bench/generate.ts)
 *   node --import tsx bench/large-pool.ts web   the platform: the demo assembly with 35,000 volunteers
 *                                               (20,000 of them registered), a LEXIMIN run started
 *                                               from the form, then its result page and the draw menu
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectCommand } from '../src/cli/select-command.ts';
import { loadDemo } from '../src/commands/demo.ts';
import { findAssemblyBySlug } from '../src/repositories/assemblies.ts';
import { findStoredRun as findRun } from '../src/repositories/selection-runs.ts';
import { checkPanel } from '../src/sortition/checkPanel.ts';
import { parseSelectionFile } from '../src/sortition/selection-file.ts';
import { adminEmail, startTestApp, TestClient } from '../test/support/web.ts';
import { syntheticPool } from './generate.ts';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function cli() {
  const dir = await mkdtemp(join(tmpdir(), 'lotta-bench-large-'));
  try {
    const pool = syntheticPool({ shape: 'largeAssembly' });
    const features = Object.keys(pool.people[0].features);
    const lines = [['id', ...features].join(',')];
    for (const p of pool.people) lines.push([p.id, ...features.map((f) => p.features[f])].join(','));
    await writeFile(join(dir, 'pool.csv'), `${lines.join('\n')}\n`);
    const quotas = pool.quotas.map((q) => `${q.feature},${q.value},${q.min},${q.max}`);
    await writeFile(join(dir, 'quotas.csv'), `feature,value,min,max\n${quotas.join('\n')}\n`);
    const baselineMb = peakMb();
    const out = join(dir, 'selection.json');
    let stderr = '';
    const started = performance.now();
    const code = await selectCommand(
      {
        pool: join(dir, 'pool.csv'),
        quotas: join(dir, 'quotas.csv'),
        size: String(pool.panelSize),
        panels: '1000',
        out,
        quiet: true,
      },
      { stdout: () => {}, stderr: (text) => (stderr += text) },
    );
    const seconds = (performance.now() - started) / 1000;
    const problems: string[] = [];
    if (code !== 0) problems.push(`exit ${code}: ${stderr.trim()}`);
    let fileMb = 0;
    let typePanels = 0;
    if (code === 0) {
      fileMb = (await stat(out)).size / 1e6;
      const file = parseSelectionFile(await readFile(out, 'utf8'));
      typePanels = file.typePanels.length;
      const input = { ...file.input, people: file.input.people };
      const bad = (file.lottery?.panels ?? []).filter((m) => checkPanel(input, m).length > 0).length;
      if (file.lottery?.panels.length !== 1000) problems.push('the lottery does not have 1000 panels');
      if (bad > 0) problems.push(`${bad} invalid lottery panels`);
    }
    return { mode: 'cli', seconds, peakMb: peakMb(), baselineMb, fileMb, typePanels, problems };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function web() {
  const t = await startTestApp();
  try {
    const loaded = performance.now();
    await loadDemo(t.database, 35_000);
    const loadSeconds = (performance.now() - loaded) / 1000;
    const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
    const admin = new TestClient(t.app);
    await admin.logIn(adminEmail);
    const selection = `/a/${assembly.id}/selection`;
    await admin.get(selection);
    const baselineMb = peakMb();
    const started = performance.now();
    const reply = await admin.post(selection, {
      algorithm: 'leximin',
      panel_size: '60',
      lottery_size: '1000',
      seed: '',
    });
    const runId = reply.location?.split('/').pop() ?? '';
    const problems: string[] = [];
    if (reply.status !== 303) problems.push(`start refused (${reply.status})`);
    let run = await findRun(t.database.db, assembly.id, runId);
    const phases: string[] = [];
    while (run && ['queued', 'running'].includes(run.status)) {
      const phase = run.progress ? (JSON.parse(run.progress) as { phase: string }).phase : '';
      if (phase && phases.at(-1) !== phase) phases.push(phase);
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await findRun(t.database.db, assembly.id, runId);
    }
    const seconds = (performance.now() - started) / 1000;
    if (run?.status !== 'done') problems.push(`run ended ${run?.status}: ${run?.error ?? ''}`);
    const pool = run ? (JSON.parse(run.settings) as { poolSize: number }).poolSize : 0;
    const storedMb = (run?.result?.length ?? 0) / 1e6;
    const timed = async (path: string) => {
      const at = performance.now();
      const page = await admin.get(path);
      if (page.status !== 200) problems.push(`${path}: ${page.status}`);
      return { seconds: (performance.now() - at) / 1000, kb: page.text.length / 1000 };
    };
    const page = await timed(`${selection}/${runId}`);
    const lastPage = await timed(`${selection}/${runId}?page=200`);
    const download = await timed(`${selection}/${runId}/result.json`);
    const drawMenu = await timed(`/a/${assembly.id}/draw`);
    return {
      mode: 'web',
      pool,
      loadSeconds,
      seconds,
      phases,
      peakMb: peakMb(),
      baselineMb,
      storedMb,
      page,
      lastPage,
      download,
      drawMenu,
      problems,
    };
  } finally {
    await t.close();
  }
}

const mode = process.argv[2];
const result = mode === 'web' ? await web() : await cli();
console.log(JSON.stringify(result));
