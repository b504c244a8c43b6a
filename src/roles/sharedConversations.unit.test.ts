import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RedisConversations } from '../adapters/redis/redisConversations.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { SessionContext } from '../core/personalize/sessionContext.ts';
import { SharedConversations } from './sharedConversations.ts';

const TTL = 15 * 60_000;
const NOW = 1_800_000_000_000;

/** Redis as a map, counting reads. */
function fakeRedis(contexts: Record<string, SessionContext>, latest: Record<string, string>) {
  const reads = { contexts: 0, latest: 0 };
  const redis = {
    async contexts(ids: readonly { shop: string; sessionId: string }[]) {
      reads.contexts++;
      return ids.map((c) => (contexts[c.sessionId] ? JSON.stringify(contexts[c.sessionId]) : undefined));
    },
    async latest(shoppers: readonly { shop: string; userId: string }[]) {
      reads.latest++;
      return shoppers.map((s) => latest[s.userId]);
    },
    async write() {},
  };
  return { redis: redis as unknown as RedisConversations, reads };
}

const context = (sessionId: string, gift: boolean, updatedAt: number): SessionContext => ({
  shop: 's',
  sessionId,
  userId: 'u',
  intent: {
    type: 'browsing',
    confidence: 0.9,
    language: 'en',
    scores: {} as SessionContext['intent']['scores'],
    entities: { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: gift, ...(gift ? { recipient: 'sister' } : {}) } as SessionContext['intent']['entities'],
  } as unknown as SessionContext['intent'],
  turns: 1,
  startedAt: updatedAt,
  updatedAt,
});

const event = (id: string, userId: string, extra: Partial<UserEvent> = {}): UserEvent =>
  ({ v: 1, id, shop: 's', userId, type: 'product_view', name: 'product_viewed', ts: NOW, items: [], source: 'pixel', ...extra }) as UserEvent;

describe('conversation contexts shared through Redis: marking events', () => {
  it('marks by the event’s own conversation, else the shopper’s latest; not when expired or not a gift', async () => {
    const { redis } = fakeRedis(
      { live: context('live', true, NOW - 1000), old: context('old', true, NOW - TTL - 1), self: context('self', false, NOW - 1000) },
      { u1: 'live', u2: 'old', u3: 'self' },
    );
    const shared = new SharedConversations(redis, TTL);
    const out = await shared.markEvents(
      [event('a', 'u1'), event('b', 'u2'), event('c', 'u3'), event('d', 'nobody', { context: { sessionId: 'live' } } as Partial<UserEvent>), event('e', 'u1', { context: { sessionId: 'self' } } as Partial<UserEvent>)],
      NOW,
    );
    assert.deepEqual(
      out.map((e) => [e.id, e.context?.gift ?? false, e.context?.sessionId]),
      [
        ['a', true, 'live'],
        ['b', false, undefined],
        ['c', false, undefined],
        ['d', true, 'live'],
        ['e', false, 'self'],
      ],
    );
  });

  it('reads nothing when every event is already marked', async () => {
    const { redis, reads } = fakeRedis({}, {});
    const shared = new SharedConversations(redis, TTL);
    const marked = [event('a', 'u1', { context: { gift: false } } as Partial<UserEvent>)];
    assert.deepEqual(await shared.markEvents(marked, NOW), marked);
    assert.deepEqual(reads, { contexts: 0, latest: 0 });
  });
});
