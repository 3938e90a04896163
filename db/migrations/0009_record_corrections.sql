CREATE TABLE `record_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`record_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`proposed_by` integer NOT NULL,
	`proposed_at` integer NOT NULL,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	`item` text NOT NULL,
	`record_hash` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_comment` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_corrections_record_idx` ON `record_corrections` (`kind`,`record_id`);--> statement-breakpoint
CREATE INDEX `record_corrections_status_idx` ON `record_corrections` (`status`,`unit_id`);