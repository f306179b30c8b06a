import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'riskdesk:public';
/** Read by the OpenAPI post-processing (api/common/openapi): a public operation declares no security. */
export const PUBLIC_EXTENSION = 'x-riskdesk-public';

/** Marks a route that needs no token: liveness, readiness, and whatever signs people in. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
