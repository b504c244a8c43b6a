/**
 * Why an MCP request's params do not fit its method, in a sentence that names each field and what it
 * should be: the message of a JSON-RPC -32602 (Invalid params) answer.
 *
 * The schema of each method is the SDK's own (`ClientRequestSchema`, the same objects the SDK's
 * handlers parse with), so nothing the SDK would accept is refused here. The SDK itself answers a params
 * parse failure with -32603 (Internal error) and its message is zod's issue list as JSON; the JSON-RPC
 * specification says -32602, and a client (or the model behind it) acts better on
 * `params.cursor must be a string, not a number` than on a dump.
 */
import { ClientRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { kindOf } from './protocolErrors.ts';

type Issue = z.core.$ZodIssue;

/** The schema of each client request method, by method name. */
const REQUEST_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(ClientRequestSchema.options.map((s) => [s.shape.method.value, s as z.ZodType]));

/** At most this many problems are told; the rest are counted. */
const MAX_TOLD = 4;

/** What a schema expected, as a phrase (`a string`, `an object`, …). */
function expectedPhrase(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
    case 'tuple':
      return 'an array';
    case 'int':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'null':
    case 'undefined':
      return expected;
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

/** `params.clientInfo.name`, `params.items[2]`; `params` for the params themselves. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out || 'the request';
}

/** The value at `path` in `root` (undefined when any step is missing). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A short JSON rendering of a value the caller sent, for "not …" (long values are cut). */
function shown(v: unknown): string {
  if (v === undefined) return 'missing';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

/** `"a", "b" or "c"`. */
function orList(values: readonly unknown[]): string {
  const parts = values.map((v) => JSON.stringify(v) ?? String(v));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1) as string}`;
}

/** One problem as a clause: `params.uri is required (a string)`, `params.level must be one of …`. */
function clause(issue: Issue, root: unknown, base: readonly PropertyKey[] = []): string {
  const path = [...base, ...issue.path];
  const where = pathText(path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${where} is required (${expectedPhrase(issue.expected)})` : `${where} must be ${expectedPhrase(issue.expected)}, not ${kindOf(value)}`;
    case 'invalid_value':
      return `${where} must be ${issue.values.length > 2 ? 'one of ' : ''}${orList(issue.values)}, not ${shown(value)}`;
    case 'unrecognized_keys':
      return `${where} has ${issue.keys.length === 1 ? 'a key' : 'keys'} it does not take: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return unionClause(issue, root, path);
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * A value that fits none of the forms a field may take. When every form failed on the value's own type
 * (`progressToken` is a string or a number), the forms are named; when every form failed on the same
 * field (the `type` a discriminated union switches on), that field's accepted values are named; else
 * the problems of the form that came closest.
 */
function unionClause(issue: Extract<Issue, { code: 'invalid_union' }>, root: unknown, path: readonly PropertyKey[]): string {
  const branches = issue.errors.filter((b) => b.length > 0);
  const where = pathText(path);
  if (branches.length === 0) return `${where}: ${issue.message}`;
  const value = valueAt(root, path);
  const own = branches.map((b) => (b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0 ? b[0].expected : undefined));
  if (own.every((e) => e !== undefined)) {
    const phrases = [...new Set(own.map((e) => expectedPhrase(e as string)))];
    const forms = phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1) as string}`;
    return value === undefined ? `${where} is required (${forms})` : `${where} must be ${forms}, not ${kindOf(value)}`;
  }
  const firstValues = branches.map((b) => b.find((i) => i.code === 'invalid_value'));
  const key = firstValues[0] ? JSON.stringify(firstValues[0].path) : undefined;
  if (key !== undefined && firstValues.every((i) => i && JSON.stringify(i.path) === key)) {
    const values = firstValues.flatMap((i) => (i?.code === 'invalid_value' ? i.values : []));
    const at = [...path, ...(firstValues[0]?.path ?? [])];
    return `${pathText(at)} must be ${values.length > 2 ? 'one of ' : ''}${orList(values)}, not ${shown(valueAt(root, at))}`;
  }
  const closest = branches.reduce((a, b) => (b.length < a.length ? b : a));
  return closest.map((i) => clause(i, root, path)).join('; ');
}

/** The issues of a failed parse of `root` (a whole request) as one sentence's body: `a; b; and 2 more`. */
export function describeIssues(issues: readonly Issue[], root: unknown): string {
  const told = issues.slice(0, MAX_TOLD).map((i) => clause(i, root));
  const more = issues.length - told.length;
  return `${told.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
}

/** Whether `method` is an MCP client request whose params {@link requestParamsProblem} checks. */
export function isClientRequestMethod(method: string): boolean {
  return REQUEST_SCHEMAS.has(method);
}

/**
 * Why `request`'s params do not fit its method, as the message of a -32602 error; `undefined` when
 * they fit, or when the method is not an MCP client request (its handler's own schema decides).
 */
export function requestParamsProblem(request: { readonly method: string; readonly params?: unknown }): string | undefined {
  const schema = REQUEST_SCHEMAS.get(request.method);
  if (!schema) return undefined;
  const parsed = schema.safeParse(request);
  return parsed.success ? undefined : invalidParamsMessage(request.method, parsed.error.issues, request);
}

/** The message of a -32602 answer to `method` whose parse gave `issues` (`root`: the request parsed). */
export function invalidParamsMessage(method: string, issues: readonly Issue[], root: unknown): string {
  return `Invalid params for ${method}: ${describeIssues(issues, root)}.`;
}
