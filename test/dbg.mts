import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startAffinity } from './e2e/helpers.ts';
const s = await startAffinity();
const c = new Client({ name: 't', version: '1' });
await c.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
try { console.log(JSON.stringify(await c.callTool({ name: 'get_shopper_profile', arguments: { user_id: 'x' } })).slice(0, 200)); } catch (e) { console.log('ERR', e); }
await s.stop();
