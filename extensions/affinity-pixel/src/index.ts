/**
 * Entry point of the web pixel extension: Shopify CLI bundles this file (esbuild) and the pixel
 * manager runs it in the strict sandbox, where `register` hands the pixel its API. The behaviour is in
 * affinityPixel.ts.
 */
import { register } from '@shopify/web-pixels-extension';
import { affinityPixel } from './affinityPixel.ts';

register(affinityPixel);
