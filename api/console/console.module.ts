import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import helmet from 'helmet';
import { consoleDir } from './console-assets';
import { ConsoleController, RootRedirectController } from './console.controller';
import { consoleStaticMiddleware } from './console-static.middleware';

/**
 * The web console, served by the API on its own port: the built files below /console (see
 * console-static.middleware.ts), its public settings at /console/config, and `/` redirecting there.
 * The console's pages get a strict Content-Security-Policy: only this origin's scripts, styles and API.
 */
@Module({ controllers: [ConsoleController, RootRedirectController] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        helmet({
          contentSecurityPolicy: {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'"],
              styleSrc: ["'self'"],
              imgSrc: ["'self'", 'data:'],
              connectSrc: ["'self'"],
              fontSrc: ["'self'"],
              objectSrc: ["'none'"],
              baseUri: ["'none'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
            },
          },
          // The console may sit behind plain HTTP on a developer's machine; HSTS belongs to the TLS proxy.
          strictTransportSecurity: false,
        }),
        consoleStaticMiddleware(consoleDir()),
      )
      .exclude({ path: 'console/config', method: RequestMethod.GET })
      .forRoutes({ path: 'console', method: RequestMethod.ALL }, { path: 'console/*path', method: RequestMethod.ALL });
  }
}
