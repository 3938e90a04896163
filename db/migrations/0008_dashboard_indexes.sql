CREATE INDEX `incidents_dashboard_cover_idx` ON `incidents` (`occurred_at`,`unit_id`,`domain`,`dimension`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_dashboard_cover_idx` ON `hazards` (`found_at`,`unit_id`,`domain`,`dimension`,`status`);
