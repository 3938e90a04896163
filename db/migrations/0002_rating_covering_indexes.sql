DROP INDEX `hazards_found_idx`;--> statement-breakpoint
DROP INDEX `hazards_rectified_idx`;--> statement-breakpoint
CREATE INDEX `hazards_rating_cover_idx` ON `hazards` (`found_at`,`institute_id`,`severity`,`due_at`,`rectified_at`,`status`,`external_id`);--> statement-breakpoint
CREATE INDEX `hazards_rectified_idx` ON `hazards` (`rectified_at`,`found_at`,`due_at`,`institute_id`,`severity`,`status`,`external_id`);--> statement-breakpoint
DROP INDEX `incidents_occurred_idx`;--> statement-breakpoint
CREATE INDEX `incidents_rating_cover_idx` ON `incidents` (`occurred_at`,`institute_id`,`tier`,`discovered_at`,`reported_at`,`deaths`,`serious_injuries`,`direct_loss_cny`,`concealed`,`status`,`external_id`);