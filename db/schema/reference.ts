import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

// Sensitive domains are data, not an enum: an academy can add its own.
export const domains = sqliteTable('domains', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(100),
});

export const riskDimensions = sqliteTable('risk_dimensions', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  // `all` applies at every stage; `output` only to the output stage (CAS §5(3)).
  stage: text('stage', { enum: ['all', 'output'] })
    .notNull()
    .default('all'),
  sortOrder: integer('sort_order').notNull().default(100),
});
