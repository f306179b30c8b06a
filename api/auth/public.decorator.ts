import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'riskdesk:public';

/** Marks a route that needs no token: only liveness and readiness. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
