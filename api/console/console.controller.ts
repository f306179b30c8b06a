import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiStandardErrors } from '../common/openapi/api-standard-errors.decorator';
import { ApiSettings } from '../common/runtime';
import { CONSOLE_BASE } from './console-assets';
import { ConsoleConfigResponse } from './console-config.response';

@ApiTags('console')
@Public()
@Controller('console')
export class ConsoleController {
  constructor(private readonly settings: ApiSettings) {}

  @Get('config')
  // Settings only: nothing to refuse, nothing that can be down.
  @ApiStandardErrors()
  @ApiOperation({ summary: 'Public: what the web console needs before sign-in (dev sign-in on or off, Temporal Web UI link)' })
  @ApiOkResponse({ type: ConsoleConfigResponse })
  config(): ConsoleConfigResponse {
    const { config } = this.settings;
    return {
      devSignIn: config.DEV_SIGN_IN,
      temporalUiUrl: config.TEMPORAL_UI_URL ?? null,
      temporalNamespace: config.TEMPORAL_NAMESPACE,
    };
  }
}

/** `/` is where a person lands: send them to the console. Not an API route, so not in the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class RootRedirectController {
  @Get()
  @Redirect(`${CONSOLE_BASE}/`, 302)
  root(): void {}
}
