import { ServiceError } from '@temporalio/client';
import { withCauses } from '../../api/common/http-error.filter';

describe("what the API logs of an unexpected error (a 500's cause)", () => {
  it("names the gRPC status and message under a Temporal client error's stack", () => {
    const grpc = Object.assign(new Error('9 FAILED_PRECONDITION: not ready'), { code: 9, details: 'Unable to perform workflow execution update', metadata: {} });
    const logged = withCauses(new ServiceError('Workflow Update failed', { cause: grpc }));
    expect(logged).toMatch(/^ServiceError: Workflow Update failed\n/);
    expect(logged).toMatch(/\ncaused by \(code 9\): Unable to perform workflow execution update$/);
  });

  it('follows a chain of causes, and logs a thrown value that is not an Error as it is', () => {
    const inner = new Error('socket hang up');
    const logged = withCauses(new Error('outer', { cause: new Error('middle', { cause: inner }) }));
    expect(logged.split('\n').filter((l) => l.startsWith('caused by'))).toEqual(['caused by: middle', 'caused by: socket hang up']);
    expect(withCauses('a string')).toBe('a string');
  });
});
