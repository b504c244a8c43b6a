/**
 * Scoring views of stored profiles, kept while nothing they were built from changed, so a shopper's
 * profile is not re-resolved and re-normalised on every request.
 *
 * A view is built from the raw profile (the store hands out the very same frozen object while the
 * stored document is unchanged, see `adapters/sqlite/sqliteProfileReads.ts`), the shop's product
 * identity (catalog ids of the numeric ids the pixel sent) and `now`. Of `now` it uses two things:
 * - whether the current session is still open (`now` within `sessionGapMs` of the newest item): the
 *   view is rebuilt when that answer changes;
 * - the decay of affinities, which cancels out (each namespace is normalised to sum 1 and every
 *   feature decays by the same factor), so a view built a moment earlier gives the same affinities
 *   (to the last bit or two of a double).
 * A new document, another catalog or a newly learned id link makes a new view.
 */
import { canonicalProfile } from '../../core/catalog/canonicalEvents.ts';
import type { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import { buildProfileView, type ProfileView, type ProfileViewOptions } from '../../core/profile/profileView.ts';

interface HeldView {
  readonly identity: ProductIdentity;
  readonly changes: number;
  /** Whether the session was open when the view was built. */
  readonly open: boolean;
  readonly view: ProfileView;
}

/** Whether the profile's current session is open at `now` (as `currentSession` in `core/profile/profileView.ts` decides). */
function sessionOpen(raw: RawProfile, now: number, gapMs: number): boolean {
  let newest = -Infinity;
  for (const r of raw.recent) if (r.ts > newest) newest = r.ts;
  return newest !== -Infinity && now - newest <= gapMs;
}

/** Views of raw profiles, memoised per raw profile object (see the module comment). */
export class ProfileViews {
  readonly #opts: ProfileViewOptions;
  readonly #held = new WeakMap<RawProfile, HeldView>();
  #hits = 0;
  #misses = 0;

  constructor(opts: ProfileViewOptions) {
    this.#opts = opts;
  }

  /**
   * The view of `raw` at `now`, its product ids resolved with `identity` (`changes`: the identity's
   * count of learned links). `memo: false` for a profile object made for this one request (a
   * session-only profile): built and not kept.
   */
  viewOf(raw: RawProfile, identity: ProductIdentity, changes: number, now: number, memo = true): ProfileView {
    if (!memo) return buildProfileView(canonicalProfile(raw, identity), now, this.#opts);
    const open = sessionOpen(raw, now, this.#opts.sessionGapMs);
    const held = this.#held.get(raw);
    if (held !== undefined && held.identity === identity && held.changes === changes && held.open === open) {
      this.#hits++;
      return held.view;
    }
    this.#misses++;
    const view = buildProfileView(canonicalProfile(raw, identity), now, this.#opts);
    this.#held.set(raw, { identity, changes, open, view });
    return view;
  }

  /** Views reused and built since the last call (for metrics), then zeroed. */
  takeCounts(): { hits: number; misses: number } {
    const out = { hits: this.#hits, misses: this.#misses };
    this.#hits = 0;
    this.#misses = 0;
    return out;
  }
}
