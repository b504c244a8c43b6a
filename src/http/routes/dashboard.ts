/**
 * `GET /dashboard` and its assets: the operator dashboard (docs/dashboard.md), static files from
 * `src/dashboard/` and uPlot's dist files from node_modules, read once at start. The assets are public
 * (nothing in them is secret, and no CDN is needed: the page works offline); the data the page shows
 * comes from the JSON APIs with the admin key the page keeps in its sessionStorage.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const here = (name: string) => fileURLToPath(new URL(`../../dashboard/${name}`, import.meta.url));
const fromPackage = (spec: string) => createRequire(import.meta.url).resolve(spec);

/** One served file: URL path, content type, where it is read from. */
export interface DashboardAsset {
  readonly path: string;
  readonly contentType: string;
  readonly file: () => string;
  readonly summary: string;
}

export const DASHBOARD_ASSETS: readonly DashboardAsset[] = [
  { path: '/dashboard', contentType: 'text/html; charset=utf-8', file: () => here('index.html'), summary: 'The operator dashboard (HTML; the data comes from the JSON APIs with an admin key).' },
  { path: '/dashboard/dashboard.js', contentType: 'text/javascript; charset=utf-8', file: () => here('dashboard.js'), summary: 'The dashboard script.' },
  { path: '/dashboard/verdict.js', contentType: 'text/javascript; charset=utf-8', file: () => here('verdict.js'), summary: 'The rule that says whether an experiment can be concluded.' },
  { path: '/dashboard/guardrails.js', contentType: 'text/javascript; charset=utf-8', file: () => here('guardrails.js'), summary: 'Whether a variant got worse than the control on a guardrail (errors, fallbacks, latency).' },
  { path: '/dashboard/amounts.js', contentType: 'text/javascript; charset=utf-8', file: () => here('amounts.js'), summary: 'Revenue a report could only partly sum (other currencies, converted amounts).' },
  { path: '/dashboard/format.js', contentType: 'text/javascript; charset=utf-8', file: () => here('format.js'), summary: 'Number formatting of the dashboard.' },
  { path: '/dashboard/dashboard.css', contentType: 'text/css; charset=utf-8', file: () => here('dashboard.css'), summary: 'The dashboard style sheet.' },
  { path: '/dashboard/uplot.js', contentType: 'text/javascript; charset=utf-8', file: () => fromPackage('uplot/dist/uPlot.iife.min.js'), summary: 'uPlot (MIT), the chart library, from the npm package.' },
  { path: '/dashboard/uplot.css', contentType: 'text/css; charset=utf-8', file: () => fromPackage('uplot/dist/uPlot.min.css'), summary: 'uPlot’s style sheet.' },
];

/** Same-origin scripts and styles only (uPlot sets element styles from script); no framing. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function dashboardRoutes(app: FastifyInstance): void {
  for (const asset of DASHBOARD_ASSETS) {
    const body = readFileSync(asset.file());
    app.get(asset.path, async (_req, reply) =>
      reply
        .header('content-type', asset.contentType)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', CSP)
        .send(body),
    );
  }
}
