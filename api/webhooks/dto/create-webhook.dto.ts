import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/riskdesk', maxLength: 2000, description: 'https (http only for a host in WEBHOOK_ALLOWED_HOSTS); never a private, loopback or link-local address unless allowed' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'url must be an http(s) URL' })
  url!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 50, example: ['resolved', 'reassigned'], description: "Case event actions as the audit trail names them (case_events.action), or '*' for every event" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^([a-z_]{1,64}|\*)$/, { each: true, message: "eventTypes must be event names such as resolved, or '*'" })
  eventTypes!: string[];
}
