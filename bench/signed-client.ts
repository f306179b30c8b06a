import { Client, type Connection } from '@temporalio/client';
import { actorProofInterceptor, actorProofKeys } from '../platform/actor-proof-client';

/** A Temporal client that signs starts, updates and signals with `secret`, as the API's and the worker's do. */
export function signedClient(connection: Connection, namespace: string, secret: string): Client {
  return new Client({ connection, namespace, interceptors: { workflow: [actorProofInterceptor(actorProofKeys(secret))] } });
}
