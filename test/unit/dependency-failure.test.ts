import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { google } from '@temporalio/proto';
import { QueryFailedError } from 'typeorm';
import { dependencyFailureOf } from '../../api/common/dependency-failure';
import { NOT_RECORDED } from '../../workflows/common/refusal';

/** Shapes of the errors the real drivers throw (the integration tests provoke the real ones). */
const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });
const grpcError = (code: number) => Object.assign(new Error(`${code} grpc`), { code, details: 'grpc details', metadata: {} });
/** A gRPC error as grpc-js builds it from a status whose details name `detailType` (google.rpc.Status, encoded). */
const grpcErrorWithDetail = (code: number, detailType: string) => {
  const status = google.rpc.Status.encode({ code, message: 'm', details: [{ type_url: `type.googleapis.com/${detailType}`, value: new Uint8Array() }] }).finish();
  const metadata = { get: (key: string) => (key === 'grpc-status-details-bin' ? [Buffer.from(status)] : []) };
  return Object.assign(new Error(`${code} grpc`), { code, details: 'grpc details', metadata });
};
/** What Temporal answers an update whose workflow task failed before accepting it (a worker killed mid-task). */
const WORKFLOW_NOT_READY = 'temporal.api.errordetails.v1.WorkflowNotReadyFailure';

describe('which errors mean a dependency is down (503) and whether a write may still apply', () => {
  it.each([
    ['statement_timeout (57014)', new QueryFailedError('SELECT 1', [], pgError('57014')), 'postgres', 'not_applied'],
    ['admin shutdown (57P01)', new QueryFailedError('SELECT 1', [], pgError('57P01')), 'postgres', 'not_applied'],
    ['connection failure (08006)', pgError('08006'), 'postgres', 'not_applied'],
    ['too many connections (53300)', pgError('53300'), 'postgres', 'not_applied'],
    ['connection refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'postgres', 'not_applied'],
    ['pool acquisition timeout', new Error('timeout exceeded when trying to connect'), 'postgres', 'not_applied'],
    ['lost answer (query_timeout)', new QueryFailedError('UPDATE x', [], new Error('Query read timeout')), 'postgres', 'unknown'],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly'), 'postgres', 'unknown'],
    ['Temporal deadline', new ServiceError('deadline', { cause: grpcError(4) }), 'temporal', 'unknown'],
    ['Temporal unavailable', grpcError(14), 'temporal', 'unknown'],
    ['Temporal overloaded', grpcError(8), 'temporal', 'not_applied'],
    ['an update call that timed out', new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'), 'temporal', 'unknown'],
    [
      'an update whose workflow task failed (its worker died)',
      new ServiceError('Workflow Update failed', { cause: grpcErrorWithDetail(9, WORKFLOW_NOT_READY) }),
      'temporal',
      'not_applied',
    ],
    [
      'a change applied but not recorded',
      new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: NOT_RECORDED, message: 'not recorded' })),
      'read_model',
      'applied',
    ],
  ])('%s', (_what, err, dependency, outcome) => {
    expect(dependencyFailureOf(err)).toMatchObject({ dependency, outcome, retryAfterSeconds: expect.any(Number) });
  });

  it.each([
    ['a unique violation (23505)', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a refusal by the workflow', new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: 'invalid_transition', message: 'no' }))],
    ['Temporal NOT_FOUND', grpcError(5)],
    ['Temporal FAILED_PRECONDITION for another reason', new ServiceError('failed', { cause: grpcErrorWithDetail(9, 'temporal.api.errordetails.v1.NamespaceInvalidStateFailure') })],
    ['Temporal FAILED_PRECONDITION without details', new ServiceError('failed', { cause: grpcError(9) })],
    ['a programming error', new TypeError('x is undefined')],
  ])('is not a dependency failure: %s', (_what, err) => {
    expect(dependencyFailureOf(err)).toBeNull();
  });
});
