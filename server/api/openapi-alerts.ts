import { errors, listParams, pageOf } from '@/server/api/openapi-parts';

// GET /api/v1/alerts (README "Alerts"): what an integration reads of the early warnings.
export const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    rule: {
      type: 'string',
      description: 'incident.serious, rating.rise, rating.near, hazard.overdue, domain.surge, review.stale, ethics.deadline',
    },
    colour: { type: 'string', enum: ['blue', 'yellow', 'orange', 'red'] },
    subjectKind: {
      type: 'string',
      description: 'incident, unit, hazard, domain, assessment, ethics-committee, ethics-activity, annual-report',
    },
    subjectKey: { type: 'string' },
    period: { type: 'string', description: 'With rule and subject, what makes the alert unique (fires once)' },
    unitCode: { type: ['string', 'null'], description: 'null for an academy-wide alert (domain.surge)' },
    domain: { type: ['string', 'null'] },
    message: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    links: { type: 'array', items: { type: 'object' }, description: 'What caused it: records, a rating or a list' },
    firedAt: { type: 'string', format: 'date-time' },
    acknowledgedAt: { type: ['string', 'null'], format: 'date-time' },
    acknowledgedBy: { type: ['string', 'null'], description: 'login' },
    acknowledgeComment: { type: ['string', 'null'] },
  },
};

export const alertsPath = {
  get: {
    summary: "Alerts in the caller's scope fired in [from, to), in id order, paginated",
    parameters: listParams
      .filter((p) => p.name !== 'unit')
      .map((p) =>
        p.name === 'from' ? { ...p, description: 'Fired at or after' } : p.name === 'to' ? { ...p, description: 'Fired before' } : p,
      ),
    responses: { '200': pageOf({ $ref: '#/components/schemas/Alert' }), ...errors },
  },
};
