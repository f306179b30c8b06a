import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the console needs to know before anyone signs in. */
export class ConsoleConfigResponse {
  @ApiProperty({ description: 'Whether GET /auth/dev-users and POST /auth/dev-token are on (development only)' })
  devSignIn!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'http://localhost:8233', description: 'Base URL of the Temporal Web UI; null when not configured' })
  temporalUiUrl!: string | null;
  @ApiProperty({ example: 'default' }) temporalNamespace!: string;
}
