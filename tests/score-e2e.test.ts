// The main command as a new user meets it: `npx ai-frontier score` on a fresh home with no key and no
// network scores the bundled sample offline, says so, and ends with the ten-second headline.
import { describe, expect, it } from 'vitest';
import { spawnCli, tempHome } from './helpers/cli.js';

describe('ai-frontier score with no key (built CLI)', () => {
  it('scores the sample offline, says how to use a model, and prints the headline', async () => {
    const home = tempHome();
    const env = { AI_FRONTIER_HOME: home };
    const first = await spawnCli(['score'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/scoring with the offline model offline-v3, target both \(both label sets: [^)]*\)\. To use a language model instead, set OPENAI_API_KEY or pass --provider/);
    expect(first.stdout).toMatch(/scored now\s+336/);
    expect(first.stdout).toMatch(/Scored 336 of 336 tasks of sample with offline/);
    expect(first.stdout).toMatch(/Workers exposed \(beta\): [\d.]+% of 44,558,760 workers .* at least 10% .* [\d.]+% with at least 50%/);
    const year = new Date().getFullYear();
    for (const y of [year, year + 5, year + 10, year + 20]) expect(first.stdout).toMatch(new RegExp(`^${y}\\s+[\\d.]+%\\s+[\\d.]+%\\s+[\\d.]+%`, 'm'));
    expect(first.stdout).toMatch(/Most exposed occupations/);
    expect(first.stdout).toMatch(/New work, for example/);

    const again = await spawnCli(['score'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/scored now\s+0/);
    expect(again.stdout).toMatch(/from the store\s+336/);
  });

  it('with --json prints one JSON document with the headline, and nothing else on stdout', async () => {
    const result = await spawnCli(['--json', 'score']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.scorer).toBe('offline-v3:both');
    expect(parsed.headline.workersExposed.beta.atLeast10).toBeGreaterThan(0);
    expect(parsed.headline.milestones).toHaveLength(4);
  });
});
