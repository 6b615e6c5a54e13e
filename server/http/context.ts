import type { Actor } from '../auth/actor.ts';
import type { Scope } from '../auth/scope.ts';

/**
 * What a service needs to know about the request it serves: who asks, what part of the area they
 * may see, and from where (for the audit log). Routes build it; services never see Fastify.
 */
export interface RequestContext {
  actor: Actor | null;
  scope: Scope;
  ip: string;
}

export function contextOf(request: RequestContext): RequestContext {
  return { actor: request.actor, scope: request.scope, ip: request.ip };
}
