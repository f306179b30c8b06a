import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/env';

/**
 * What the API needs from the outside world, created by the process that hosts it (`npm start`,
 * `npm run api`, or a test) and handed to AppModule. Classes double as injection tokens.
 */
export abstract class ApiSettings {
  abstract readonly config: AppConfig;
}

export abstract class TemporalClient {
  abstract readonly client: Client;
  abstract readonly taskQueue: string;
}
