import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class DevTokenRequestDto {
  @ApiProperty({ example: 'ana', description: 'An active roster member' })
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'userId must be a user id (letters, digits, dot, dash, underscore)' })
  userId!: string;
}

export class DevUserResponse {
  @ApiProperty({ example: 'ana' }) userId!: string;
  @ApiProperty({ example: 'Ana Schmidt' }) name!: string;
  @ApiProperty({ example: 'specialist' }) role!: string;
  @ApiProperty({ example: 'seller-risk-eu' }) team!: string;
}

export class DevUsersResponse {
  @ApiProperty({ type: [DevUserResponse] }) users!: DevUserResponse[];
}

export class DevTokenResponse {
  @ApiProperty({ description: 'Bearer access token for the user' }) token!: string;
  @ApiProperty({ example: '2026-12-02T20:00:00.000Z' }) expiresAt!: string;
}
