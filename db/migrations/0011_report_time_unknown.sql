DROP INDEX `incidents_rating_cover_idx`;--> statement-breakpoint
ALTER TABLE `incidents` ADD `report_time_unknown` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `incidents_rating_cover_idx` ON `incidents` (`occurred_at`,`institute_id`,`tier`,`discovered_at`,`reported_at`,`report_time_unknown`,`deaths`,`serious_injuries`,`direct_loss_cny`,`concealed`,`status`,`external_id`);