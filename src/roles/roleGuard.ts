/**
 * The HTTP side of roles: a request for a route of a role this node does not run answers 404
 * `ROLE_NOT_SERVED`, naming the role, before authentication or body parsing (the route exists in the
 * service, just not on this node; nothing about the caller is needed to say so). The composition root
 * hands {@link roleRefusal} to the HTTP app as its route guard (`AppExtensions.routeGuard`).
 */
import { AffinityError } from '../core/errors.ts';
import { describeRoles, roleOfRoute, type RoleName } from './roles.ts';

/** A refusal for a request this node's roles do not serve, or undefined when it serves it. */
export function roleRefusal(roles: readonly RoleName[], method: string, url: string): AffinityError | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const owner = roleOfRoute(method, path);
  if (owner === undefined || roles.includes(owner)) return undefined;
  return new AffinityError(
    'ROLE_NOT_SERVED',
    `${method.toUpperCase()} ${path} is served by the ${owner} role; this node runs ${describeRoles(roles)}. Send it to a node started with --role ${owner}.`,
    [{ path: 'role', message: owner }],
  );
}
