/**
 * Runs the privacy scenario of docs/privacy.md against a real Affinity server on the embedded store and
 * prints each step's stored state: `node --import tsx scripts/privacy-scenario.ts`.
 */
import { runPrivacyScenario, type StepState } from '../src/testing/privacyScenario.ts';

function print(s: StepState): void {
  const lines = [`\n## ${s.step}`];
  for (const [id, x] of Object.entries(s.ids)) {
    if (x.storedEvents.length === 0 && x.profileEvents === null && x.linkedIds.length === 0) {
      lines.push(`  ${id.padEnd(24)} nothing stored`);
      continue;
    }
    lines.push(`  ${id.padEnd(24)} events [${x.storedEvents.join(', ')}]  profile ${x.profileEvents === null ? '-' : `${x.profileEvents} events`}  linked [${x.linkedIds.join(', ')}]`);
  }
  lines.push(`  session-only memory       ${Object.entries(s.sessionOnly).map(([id, n]) => `${id}: ${n}`).join(', ')}`);
  lines.push(`  SQLite rows naming the shopper (all tables): ${s.rowsMentioningShopper}`);
  for (const [k, v] of Object.entries(s.notes)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runPrivacyScenario(print);
