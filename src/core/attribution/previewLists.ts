/**
 * Lists the operator asked for from the dashboard's Preview panel. Pure.
 *
 * The Preview calls `POST /v1/recommendations` like any client, naming the agent {@link PREVIEW_AGENT}
 * (src/dashboard/dashboard.js), and its list is recorded and attributable like any other (its links
 * carry `aff_rec`). But nobody was shown it: counted in a report it would add a served list to the
 * shopper id the operator typed, to their experiment variant, and to the sample-ratio check. So
 * analytics leave preview lists out of every group, rate, total and check, and only say how many there
 * were (`previewLists`); outcomes of a preview list's links are not counted either.
 *
 * The agent name is what marks a preview: any caller who names it has its lists left out of the
 * reports the same way (it hides its own lists only; it changes nothing else).
 */
import type { ServedList } from './servedList.ts';

/** The agent name the dashboard's Preview sends. */
export const PREVIEW_AGENT = 'dashboard-preview';

/** Whether a list was asked for by the dashboard's Preview. */
export function isPreviewList(l: Pick<ServedList, 'agent'>): boolean {
  return l.agent === PREVIEW_AGENT;
}
