DROP INDEX `incidents_domain_occurred_idx`;--> statement-breakpoint
CREATE INDEX `incidents_domain_cover_idx` ON `incidents` (`domain`,`occurred_at`,`unit_id`,`status`,`tier`,`deaths`,`serious_injuries`,`direct_loss_cny`,`institute_id`);--> statement-breakpoint
DROP INDEX `hazards_domain_found_idx`;--> statement-breakpoint
CREATE INDEX `hazards_domain_cover_idx` ON `hazards` (`domain`,`found_at`,`unit_id`,`status`,`severity`,`institute_id`);
