/**
 * Shared helpers of the end-to-end tests: an Affinity instance on a temporary SQLite file, listening
 * on a free loopback port, and a tiny JSON client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createAffinity, type Affinity } from '../../src/main.ts';

/** A running instance plus its base URL. */
export interface Running {
  readonly affinity: Affinity;
  readonly url: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string): Promise<{ status: number; body: any; text: string }>;
  stop(): Promise<void>;
}

/** Starts Affinity on a temporary SQLite database (or the given env). */
export async function startAffinity(env: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-e2e-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent', ...env });
  const affinity = await createAffinity(config);
  const url = await affinity.listen();
  return {
    affinity,
    url,
    async post(path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async get(path) {
      const res = await fetch(`${url}${path}`);
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text };
    },
    async stop() {
      await affinity.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small JSON catalog: two hiking boots, a tent, two dresses, a necklace (one unavailable). */
export const SMALL_CATALOG = [
  { id: 'gid://shopify/Product/101', title: 'Ridge Waterproof Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking', 'waterproof'], price: '149.00' },
  { id: '102', title: 'Summit Leather Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking', 'leather'], price: '179.00' },
  { id: '103', title: 'Trail Two-Person Tent', vendor: 'Campco', productType: 'Tents', category: 'Outdoor > Camping > Tents', tags: ['camping'], price: '299.00' },
  { id: '201', title: 'Linen Summer Dress', vendor: 'Mira', productType: 'Dresses', category: 'Apparel > Women > Dresses', tags: ['summer', 'linen'], price: '89.00' },
  { id: '202', title: 'Silk Evening Dress', vendor: 'Mira', productType: 'Dresses', category: 'Apparel > Women > Dresses', tags: ['evening', 'silk'], price: '210.00' },
  { id: '301', title: 'Gold Pendant Necklace', vendor: 'Aurum', productType: 'Necklace', category: 'Jewelry > Necklaces', tags: ['gold'], price: '59.00', available: false },
];
