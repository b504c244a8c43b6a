/**
 * Parses `AFFINITY_REDIS_CLUSTER`: the seed nodes of a Redis Cluster, `host:port,host:port,…` (any
 * one reachable node is enough; the client discovers the others). IPv6 hosts go in brackets:
 * `[::1]:7000`.
 */

/** One seed node. */
export interface ClusterNode {
  readonly host: string;
  readonly port: number;
}

/** The nodes, or the first problem found. */
export function parseClusterNodes(text: string): { nodes: ClusterNode[] } | { problem: string } {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { problem: 'no node named; expected host:port,host:port,…' };
  const nodes: ClusterNode[] = [];
  for (const p of parts) {
    const m = /^(?:\[([^\]]+)\]|([^:\s/]+)):(\d{1,5})$/.exec(p);
    const port = m ? Number(m[3]) : NaN;
    if (!m || !(port >= 1 && port <= 65535)) return { problem: `${JSON.stringify(p)} is not host:port (e.g. 10.0.0.5:7000)` };
    nodes.push({ host: (m[1] ?? m[2])!, port });
  }
  return { nodes };
}
