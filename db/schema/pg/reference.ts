import { pgTable, integer, text } from 'drizzle-orm/pg-core';

// Twin of ../reference.ts.
export const domains = pgTable('domains', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(100),
});

export const riskDimensions = pgTable('risk_dimensions', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  stage: text('stage', { enum: ['all', 'output'] })
    .notNull()
    .default('all'),
  sortOrder: integer('sort_order').notNull().default(100),
});
