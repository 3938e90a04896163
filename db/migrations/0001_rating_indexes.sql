CREATE INDEX `projects_started_idx` ON `projects` (`started_at`);--> statement-breakpoint
CREATE INDEX `hazards_rectified_idx` ON `hazards` (`rectified_at`);