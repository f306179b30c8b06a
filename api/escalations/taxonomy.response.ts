import { ApiProperty } from '@nestjs/swagger';
import type { EscalationTaxonomy } from '../../workflows/escalation/escalation.taxonomy';

export class SeverityGuidanceResponse {
  @ApiProperty({ example: 'critical' }) severity!: string;
  @ApiProperty() why!: string;
}

/** One version of the escalation taxonomy, as data (workflows/escalation/escalation.taxonomy.ts). */
export class TaxonomyVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty({ type: [String] }) enforcementTypes!: string[];
  @ApiProperty({ type: [String] }) triggers!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SeverityGuidanceResponse' }, description: 'By category' })
  severityGuidance!: Record<string, SeverityGuidanceResponse>;
  @ApiProperty({ type: [String] }) resolutionCodes!: string[];
  @ApiProperty({ type: [String] }) rootCauses!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    nullable: true,
    description: 'For each resolution code, the root causes it may be filed with; null: any',
  })
  allowedCauses!: Record<string, string[]> | null;
  @ApiProperty({ type: [String], description: 'Root causes that must name the upstream team (slm, spiv, tsi, other)' }) attributedCauses!: string[];
}

export class TaxonomyResponse {
  @ApiProperty({ description: 'The version new cases are filed under' }) current!: number;
  @ApiProperty({ type: [TaxonomyVersionResponse], description: 'Every version, oldest first: a case stays on the version it started with' })
  versions!: TaxonomyVersionResponse[];
}

export function taxonomyResponse(t: EscalationTaxonomy): TaxonomyVersionResponse {
  return {
    version: t.version,
    categories: [...t.categories],
    sources: [...t.sources],
    enforcementTypes: [...t.enforcementTypes],
    triggers: [...t.triggers],
    severityGuidance: { ...t.severityGuidance } as Record<string, SeverityGuidanceResponse>,
    resolutionCodes: [...t.resolutionCodes],
    rootCauses: [...t.rootCauses],
    allowedCauses: t.allowedCauses ? Object.fromEntries(Object.entries(t.allowedCauses).map(([k, v]) => [k, [...v]])) : null,
    attributedCauses: [...t.attributedCauses],
  };
}
