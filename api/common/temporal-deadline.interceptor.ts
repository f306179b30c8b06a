import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { defer, lastValueFrom, type Observable } from 'rxjs';

/**
 * Every Temporal call a request makes (start, update, query, history) shares one deadline, set here
 * once for all routes: the SDK reads it from the async context (`client.withDeadline`), so no service
 * needs to remember it. Past the deadline the call fails with DEADLINE_EXCEEDED, which the error filter
 * answers as a 503 saying whether the action may still apply.
 */
export class TemporalDeadlineInterceptor implements NestInterceptor {
  constructor(
    private readonly client: Client,
    private readonly timeoutMs: number,
  ) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return defer(() => this.client.withDeadline(Date.now() + this.timeoutMs, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
